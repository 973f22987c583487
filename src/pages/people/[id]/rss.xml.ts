/**
 * /people/<id>/rss.xml: the quotes of a person and the articles they wrote, newest
 * first. Every person with a page has one, since the page links it in its head.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive, type Person } from '../../../data/archive.ts';
import { articleItem, quoteItem, rssResponse, timedFeed } from '../../../data/feeds.ts';
import { latestItems, personFeedText } from '../../../lib/feeds.ts';
import { siteConfig } from '../../../site.config.ts';
import { absoluteUrl, feedUrl, personUrl } from '../../../lib/urls.ts';
import { feedImageUrl } from '../../../lib/feed-image.ts';
import { personFeedEntries } from '../../../data/relations.ts';
import { personFeedKey } from '../../../data/page-keys.ts';

export const getStaticPaths = (async () => {
  const archive = await getArchive();
  return archive.people.map((person) => ({ params: { id: person.id }, props: { person }, cacheKey: personFeedKey(person, archive) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ person: Person }> = timedFeed(async ({ props: { person } }) => {
  const archive = await getArchive();
  const { quotes, articles } = personFeedEntries(person, archive);
  const text = personFeedText(siteConfig.title, person.name, { quotes: quotes.length, articles: articles.length });
  return rssResponse(
    {
      ...text,
      link: absoluteUrl(personUrl(person.id)),
      self: absoluteUrl(feedUrl({ kind: 'person', id: person.id })),
      imageUrl: feedImageUrl(),
    },
    latestItems([...quotes.map((quote) => quoteItem(quote, archive)), ...articles.map((article) => articleItem(article, archive))], siteConfig.feedItems),
  );
});
