/** /feed.json: JSON Feed 1.1 mirror of /rss.xml (same items, same ids). */
import type { APIRoute } from 'astro';
import { getArchive } from '../views/archive.ts';
import { jsonFeedResponse, jsonFeedView, timedFeed } from '../views/feeds.ts';

export const GET: APIRoute = timedFeed(async () => jsonFeedResponse(jsonFeedView(await getArchive())));
