/** /feed.json: JSON Feed 1.1 mirror of /rss.xml (same items, same ids). */
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { quoteItem, timedFeed } from '../data/feeds.ts';
import { latestItems } from '../lib/feeds.ts';
import { jsonFeed } from '../lib/json-feed.ts';
import { siteConfig } from '../site.config.ts';
import { absoluteUrl, homeUrl, jsonFeedUrl } from '../lib/urls.ts';
import { feedImageUrl } from '../lib/feed-image.ts';
import { wellFormedJson } from '../lib/well-formed.ts';

export const GET: APIRoute = timedFeed(async () => {
  const archive = await getArchive();
  const quotes = archive.quotes.filter((quote) => quote.status === 'published').slice(0, siteConfig.feedItems);
  const feed = jsonFeed(
    {
      title: `${siteConfig.title}: quotes of the day`,
      description: siteConfig.description,
      homePageUrl: absoluteUrl(homeUrl()),
      feedUrl: absoluteUrl(jsonFeedUrl()),
      language: siteConfig.lang,
      icon: feedImageUrl(),
      favicon: feedImageUrl(),
      authors: [{ name: siteConfig.author.name }],
    },
    latestItems(quotes.map((quote) => quoteItem(quote, archive)), siteConfig.feedItems),
  );
  return new Response(`${wellFormedJson(feed, 2)}\n`, { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
});
