/** /articles/rss.xml: the articles, newest first, the latest N (site config). */
import type { APIRoute } from 'astro';
import { getArchive } from '../../data/archive.ts';
import { articleItem, rssResponse, timedFeed } from '../../data/feeds.ts';
import { articlesFeedDescription, latestItems } from '../../lib/feeds.ts';
import { articlesFeed } from '../../lib/page-heads.ts';
import { siteConfig } from '../../site.config.ts';
import { absoluteUrl, articlesIndexUrl, feedUrl } from '../../lib/urls.ts';
import { feedImageUrl } from '../../lib/feed-image.ts';

export const GET: APIRoute = timedFeed(async () => {
  const archive = await getArchive();
  // The archive lists articles newest first: only those the feed keeps are built.
  const articles = archive.articles.slice(0, siteConfig.feedItems);
  return rssResponse(
    {
      title: articlesFeed.title,
      description: articlesFeedDescription(siteConfig.title),
      link: absoluteUrl(articlesIndexUrl()),
      self: absoluteUrl(feedUrl({ kind: 'articles' })),
      imageUrl: feedImageUrl(),
    },
    latestItems(articles.map((article) => articleItem(article, archive)), siteConfig.feedItems),
  );
});
