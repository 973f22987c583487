/** Feed items of the archive's quotes and articles (plain data for src/lib/feeds.ts). */
import { siteConfig } from '../site.config.ts';
import type { Archive, Article, Quote } from './archive.ts';
import { articleFeedItem, quoteFeedItem, quotePubDate, type FeedItem, type FeedSettings } from '../lib/feeds.ts';
import { todayIn } from '../lib/dates.ts';
import { absoluteUrl, articleUrl, cardUrl, feedStylesheetUrl, itemGuid, personUrl, quoteUrl } from '../lib/urls.ts';
import { textDirection } from '../lib/lang.ts';
import { renderRss, type RssChannel } from '../lib/rss-document.ts';
import { publishedArticleText } from '../lib/article-excerpt.ts';
import { articleFeedItemRelations, quoteFeedItemRelations } from './relations.ts';
import type { APIRoute } from 'astro';
import { FEED_TIMING, timed } from '../lib/build-timings.ts';

const nameOf = (person: { name: string } | string): string => (typeof person === 'string' ? person : person.name);

export const feedSettings: FeedSettings = {
  siteTitle: siteConfig.title,
  timeZone: siteConfig.timeZone,
  hourOfDay: siteConfig.feedHourOfDay,
  titleWords: siteConfig.feedTitleWords,
};

/** A quote or article appears in several feeds (main, person, tags): its item is built once. */
function builtOnce<T extends object>(build: (entry: T, archive: Archive) => FeedItem): (entry: T, archive: Archive) => FeedItem {
  const items = new WeakMap<T, FeedItem>();
  return (entry, archive) => {
    let item = items.get(entry);
    if (!item) {
      item = build(entry, archive);
      items.set(entry, item);
    }
    return item;
  };
}

export const quoteItem = builtOnce<Quote>((quote, archive) => buildQuoteItem(quote, archive));
export const articleItem = builtOnce<Article>((article, archive) => buildArticleItem(article, archive));

function buildQuoteItem(quote: Quote, archive: Archive): FeedItem {
  const { speaker, article, authors, curator, tags } = quoteFeedItemRelations(quote, archive);
  return quoteFeedItem(
    {
      guid: itemGuid('quotes', quote.id),
      text: quote.displayText,
      date: quote.date,
      link: absoluteUrl(quoteUrl(quote.id)),
      speaker: { name: speaker?.name ?? quote.speakerId, url: absoluteUrl(personUrl(quote.speakerId)), description: speaker?.description },
      source: article
        ? {
            title: article.title,
            url: absoluteUrl(articleUrl(article.id)),
            authors: authors.map(nameOf),
            publication: article.publication,
            publishedMs: article.publishedMs,
            timeZone: article.timeZone,
          }
        : undefined,
      curator: curator?.name,
      context: quote.context,
      verified: quote.match !== undefined,
      commentaryHtml: quote.commentaryHtml,
      corrections: quote.corrections,
      tags: tags.map(nameOf),
      image: absoluteUrl(cardUrl('quotes', quote.id)),
      lang: quote.lang,
      dir: quote.lang ? textDirection(quote.lang) : undefined,
    },
    feedSettings,
  );
}

function buildArticleItem(article: Article, archive: Archive): FeedItem {
  const { authors, pulled, tags } = articleFeedItemRelations(article, archive);
  return articleFeedItem({
    guid: itemGuid('articles', article.id),
    title: article.title,
    dek: article.dek,
    link: absoluteUrl(articleUrl(article.id)),
    authors: authors.map(nameOf),
    publication: article.publication,
    publishedMs: article.publishedMs,
    timeZone: article.timeZone,
    bodyHtml: publishedArticleText(article, pulled).html,
    tags: tags.map(nameOf),
    image: absoluteUrl(cardUrl('articles', article.id)),
    excerptOnly: article.display === 'excerpt',
    sourceUrl: article.sourceUrl,
  });
}

export async function rssResponse(channel: Omit<RssChannel, 'language' | 'stylesheet'>, items: FeedItem[]): Promise<Response> {
  const today = todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate);
  const xml = await renderRss(
    { ...channel, language: siteConfig.lang, stylesheet: feedStylesheetUrl(), emptyBuildDateMs: quotePubDate(today, feedSettings) },
    items,
  );
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}

/**
 * A feed route whose work is added to the build's feeds tally (src/lib/build-timings.ts):
 * Astro renders several pages at once, so its own route times overlap.
 */
export function timedFeed<Props extends Record<string, unknown>>(route: APIRoute<Props>): APIRoute<Props> {
  return (context) => timed(FEED_TIMING, () => route(context));
}
