/** /rss.xml: the quotes of the day, newest first, the latest N (site config). */
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { quoteItem, rssResponse, timedFeed } from '../data/feeds.ts';
import { latestItems } from '../lib/feeds.ts';
import { siteConfig } from '../site.config.ts';
import { absoluteUrl, feedUrl, homeUrl } from '../lib/urls.ts';
import { feedImageUrl } from '../lib/feed-image.ts';

export const GET: APIRoute = timedFeed(async () => {
  const archive = await getArchive();
  // archive.quotes is newest first: only the quotes the feed keeps become items.
  const latest = archive.quotes.filter((q) => q.status === 'published').slice(0, siteConfig.feedItems);
  const items = latestItems(latest.map((quote) => quoteItem(quote, archive)), siteConfig.feedItems);
  return rssResponse(
    {
      title: `${siteConfig.title}: quotes of the day`,
      description: siteConfig.description,
      link: absoluteUrl(homeUrl()),
      self: absoluteUrl(feedUrl()),
      imageUrl: feedImageUrl(),
    },
    items,
  );
});
