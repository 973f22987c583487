/** /articles/rss.xml: the articles, newest first, the latest N (site config). */
import type { APIRoute } from 'astro';
import { getArchive } from '../../data/archive.ts';
import { articlesFeedView, rssResponse, timedFeed } from '../../data/feeds.ts';

export const GET: APIRoute = timedFeed(async () => rssResponse(articlesFeedView(await getArchive())));
