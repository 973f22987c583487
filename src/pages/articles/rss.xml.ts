/** /articles/rss.xml: the articles, newest first, the latest N (site config). */
import type { APIRoute } from 'astro';
import { getArchive } from '../../views/archive.ts';
import { articlesFeedView, rssResponse, timedFeed } from '../../views/feeds.ts';

export const GET: APIRoute = timedFeed(async () => rssResponse(articlesFeedView(await getArchive())));
