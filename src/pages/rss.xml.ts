/** /rss.xml: the quotes of the day, newest first, the latest N (site config). */
import type { APIRoute } from 'astro';
import { getArchive } from '../views/archive.ts';
import { mainFeedView, rssResponse, timedFeed } from '../views/feeds.ts';

export const GET: APIRoute = timedFeed(async () => rssResponse(mainFeedView(await getArchive())));
