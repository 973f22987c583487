/** /tags/<tag>/rss.xml: the quotes and articles with a tag, newest first (former ids redirect: src/lib/redirects.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive, type Tag } from '../../../data/archive.ts';
import { articleItem, quoteItem, rssResponse, timedFeed } from '../../../data/feeds.ts';
import { latestItems, tagFeedDescription } from '../../../lib/feeds.ts';
import { tagFeed } from '../../../lib/page-heads.ts';
import { siteConfig } from '../../../site.config.ts';
import { absoluteUrl, feedUrl, tagUrl } from '../../../lib/urls.ts';
import { feedImageUrl } from '../../../lib/feed-image.ts';
import { tagFeedEntries } from '../../../data/relations.ts';
import { tagFeedKey } from '../../../data/page-keys.ts';

export const getStaticPaths = (async () => {
  const archive = await getArchive();
  // A renamed tag's old feed URL keeps serving its feed (feed readers follow no HTML redirect).
  return archive.tags.flatMap((tag) => [tag.id, ...tag.renamedFrom].map((id) => ({ params: { id }, props: { tag }, cacheKey: tagFeedKey(tag, id, archive) })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ tag: Tag }> = timedFeed(async ({ props: { tag }, params }) => {
  const archive = await getArchive();
  const { quotes, articles } = tagFeedEntries(tag, archive);
  return rssResponse(
    {
      title: tagFeed(tag).title,
      description: tagFeedDescription(siteConfig.title, tag),
      link: absoluteUrl(tagUrl(tag.id)),
      // A renamed tag's old feed URL serves the same items under its own address.
      self: absoluteUrl(feedUrl({ kind: 'tag', id: params.id ?? tag.id })),
      imageUrl: feedImageUrl(),
    },
    latestItems([...quotes.map((quote) => quoteItem(quote, archive)), ...articles.map((article) => articleItem(article, archive))], siteConfig.feedItems),
  );
});
