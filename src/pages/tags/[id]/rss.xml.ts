/** /tags/<tag>/rss.xml: the quotes and articles with a tag, newest first (former ids redirect: src/build/redirects.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../views/archive.ts';
import { rssResponse, tagFeedView, timedFeed, type RssFeedView } from '../../../views/feeds.ts';
import { staticPage } from '../../../views/static-page.ts';

export const getStaticPaths = (async () => {
  const archive = await getArchive();
  // A renamed tag's old feed URL keeps serving its feed (feed readers follow no HTML redirect), under its own address.
  return archive.tags.flatMap((tag) => [tag.id, ...tag.renamedFrom].map((id) => staticPage({ id }, () => tagFeedView(tag, id, archive))));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ view: RssFeedView }> = timedFeed(async ({ props: { view } }) => rssResponse(view));
