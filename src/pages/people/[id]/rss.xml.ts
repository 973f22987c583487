/**
 * /people/<id>/rss.xml: the quotes of a person and the articles they wrote, newest
 * first. Every person with a page has one, since the page links it in its head.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../views/archive.ts';
import { personFeedView, rssResponse, timedFeed, type RssFeedView } from '../../../views/feeds.ts';
import { staticPage } from '../../../views/static-page.ts';

export const getStaticPaths = (async () => {
  const archive = await getArchive();
  return archive.people.map((person) => staticPage({ id: person.id }, () => personFeedView(person, archive)));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ view: RssFeedView }> = timedFeed(async ({ props: { view } }) => rssResponse(view));
