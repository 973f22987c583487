/**
 * The feeds' view models and their rendering. A feed's view model holds its channel and
 * the data of each item it may carry (the inputs of src/views/feed-items.ts, plain data built
 * once per quote or article); the response is made from that alone, so that a feed's
 * cache key, the digest of its view model (src/views/page-keys.ts), covers the feed.
 */
import { siteConfig } from '../site.config.ts';
import type { Archive, Article, Person, Quote, Tag } from './archive.ts';
import {
  articleFeedItem,
  articlesFeedDescription,
  latestItems,
  personFeedText,
  quoteFeedItem,
  quotePubDate,
  tagFeedDescription,
  type ArticleFeedInput,
  type FeedItem,
  type FeedSettings,
  type QuoteFeedInput,
} from './feed-items.ts';
import { jsonFeed, type JsonFeedChannel } from './json-feed.ts';
import {
  absoluteUrl,
  articleUrl,
  assetUrl,
  articlesIndexUrl,
  cardUrl,
  feedStylesheetUrl,
  feedUrl,
  homeUrl,
  itemGuid,
  jsonFeedUrl,
  personUrl,
  quoteInArticleUrl,
  quoteUrl,
  tagUrl,
} from '../domain/urls.ts';
import { textDirection } from '../domain/lang.ts';
import { renderRss, type RssChannel } from './rss-document.ts';
import { publishedArticleText } from './article-excerpt.ts';
import { feedImageUrl } from './feed-image.ts';
import { wellFormedJson } from '../domain/well-formed.ts';
import { articlesFeed, tagFeed } from './page-heads.ts';
import {
  articleFeedItemRelations,
  feedQuotes,
  personFeedEntries,
  quoteFeedItemRelations,
  tagFeedEntries,
  withdrawnQuotes,
} from './relations.ts';
import { onePerEntry } from './view-models.ts';
import type { APIRoute } from 'astro';
import { FEED_TIMING, timed } from '../build/work-tally.ts';

const nameOf = (person: { name: string } | string): string => (typeof person === 'string' ? person : person.name);

export const feedSettings: FeedSettings = {
  siteTitle: siteConfig.title,
  timeZone: siteConfig.timeZone,
  hourOfDay: siteConfig.feedHourOfDay,
  titleWords: siteConfig.feedTitleWords,
  author: siteConfig.author.name,
};

/** The data of a quote's feed item: the same in every feed that carries the quote. */
export const quoteFeedInput = onePerEntry<Quote, QuoteFeedInput>((quote, archive) => {
  const { speaker, article, authors, curator, tags } = quoteFeedItemRelations(quote, archive);
  return {
    guid: itemGuid('quotes', quote.id),
    text: quote.displayText,
    date: quote.date,
    link: absoluteUrl(quoteUrl(quote.id)),
    speaker: { name: speaker?.name ?? quote.speakerId, url: absoluteUrl(personUrl(quote.speakerId)), description: speaker?.description },
    source: article
      ? {
          title: article.title,
          url: absoluteUrl(articleUrl(article.id)),
          // A withdrawn quote is no longer marked in its article.
          passageUrl: quote.match && quote.status !== 'withdrawn' ? absoluteUrl(quoteInArticleUrl(article.id, quote.id)) : undefined,
          authors: authors.map(nameOf),
          publication: article.publication,
          publishedMs: article.publishedMs,
          timeZone: article.timeZone,
          originalUrl: article.sourceUrl,
          archivedUrl: article.archivedUrl,
        }
      : undefined,
    curator: curator?.name,
    context: quote.context,
    verified: quote.match !== undefined,
    commentaryHtml: quote.commentaryHtml,
    corrections: quote.corrections,
    withdrawn: quote.status === 'withdrawn' ? quote.withdrawn : undefined,
    tags: tags.map(nameOf),
    image: absoluteUrl(cardUrl('quotes', quote.id)),
    lang: quote.lang,
    dir: quote.lang ? textDirection(quote.lang) : undefined,
  };
});

/** The data of an article's feed item: its text as its page may publish it (an excerpt's passages only). */
export const articleFeedInput = onePerEntry<Article, ArticleFeedInput>((article, archive) => {
  const { authors, pulled, tags } = articleFeedItemRelations(article, archive);
  return {
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
    archivedUrl: article.archivedUrl,
    corrections: article.corrections,
  };
});

/** An item is written once per build, whatever the number of feeds that carry it (main, person, tags). */
function builtOnce<I extends object>(build: (input: I) => FeedItem): (input: I) => FeedItem {
  const items = new WeakMap<I, FeedItem>();
  return (input) => {
    let item = items.get(input);
    if (!item) {
      item = build(input);
      items.set(input, item);
    }
    return item;
  };
}

const quoteItem = builtOnce<QuoteFeedInput>((input) => quoteFeedItem(input, feedSettings));
const articleItem = builtOnce<ArticleFeedInput>((input) => articleFeedItem(input, feedSettings));

/** An RSS channel as its feed shows it. */
export type FeedChannelView = {
  title: string;
  description: string;
  link: string;
  self: string;
  imageUrl: string;
  /**
   * The last build date of a feed whose items give it none (no item, or none dated after
   * 1970: src/views/rss-document.ts): the build's day. Left out otherwise, so that the key
   * of a feed does not change every day.
   */
  emptyBuildDateMs?: number | undefined;
};

/** An RSS feed: its channel and every item it may carry (the newest of them are written). */
export type RssFeedView = {
  channel: FeedChannelView;
  quotes: QuoteFeedInput[];
  articles: ArticleFeedInput[];
};

function rssFeedView(
  channel: Omit<FeedChannelView, 'emptyBuildDateMs'>,
  quotes: readonly Quote[],
  articles: readonly Article[],
  archive: Archive,
): RssFeedView {
  const quoteInputs = quotes.map((quote) => quoteFeedInput(quote, archive));
  const articleInputs = articles.map((article) => articleFeedInput(article, archive));
  const datedByItems =
    quoteInputs.some((input) => quotePubDate(input.date, feedSettings) > 0) || articleInputs.some((input) => input.publishedMs > 0);
  return {
    channel: { ...channel, emptyBuildDateMs: datedByItems ? undefined : quotePubDate(archive.today, feedSettings) },
    quotes: quoteInputs,
    articles: articleInputs,
  };
}

/**
 * The quotes the main feeds keep: the newest N (site config) of the published quotes and the
 * withdrawn ones, which stay as notices of their withdrawal for as long as they would have
 * stayed in the feed.
 */
function latestQuotes(archive: Archive): Quote[] {
  return feedQuotes(archive.quotes, withdrawnQuotes(archive));
}

/** /rss.xml. */
export function mainFeedView(archive: Archive): RssFeedView {
  return rssFeedView(
    {
      title: `${siteConfig.title}: quotes of the day`,
      description: siteConfig.description,
      link: absoluteUrl(homeUrl()),
      self: absoluteUrl(feedUrl()),
      imageUrl: feedImageUrl(),
    },
    latestQuotes(archive),
    [],
    archive,
  );
}

/** /articles/rss.xml. */
export function articlesFeedView(archive: Archive): RssFeedView {
  return rssFeedView(
    {
      title: articlesFeed.title,
      description: articlesFeedDescription(siteConfig.title),
      link: absoluteUrl(articlesIndexUrl()),
      self: absoluteUrl(feedUrl({ kind: 'articles' })),
      imageUrl: feedImageUrl(),
    },
    [],
    // The archive lists articles newest first: only those the feed keeps are built.
    archive.articles.slice(0, siteConfig.feedItems),
    archive,
  );
}

/** /people/<id>/rss.xml. */
export function personFeedView(person: Person, archive: Archive): RssFeedView {
  const { quotes, articles } = personFeedEntries(person, archive);
  const counted = (personOf: (quote: Quote) => string | undefined) => quotes.filter((quote) => personOf(quote) === person.id).length;
  const text = personFeedText(siteConfig.title, person.name, {
    quotes: counted((quote) => quote.speakerId),
    chosen: counted((quote) => quote.curatorId),
    articles: articles.length,
  });
  return rssFeedView(
    {
      ...text,
      link: absoluteUrl(personUrl(person.id)),
      self: absoluteUrl(feedUrl({ kind: 'person', id: person.id })),
      imageUrl: feedImageUrl(),
    },
    quotes,
    articles,
    archive,
  );
}

/** /tags/<id>/rss.xml; `id` is the address's own: a renamed tag's old feed URL serves the same items under it. */
export function tagFeedView(tag: Tag, id: string, archive: Archive): RssFeedView {
  const { quotes, articles } = tagFeedEntries(tag, archive);
  return rssFeedView(
    {
      title: tagFeed(tag).title,
      description: tagFeedDescription(siteConfig.title, tag),
      link: absoluteUrl(tagUrl(tag.id)),
      self: absoluteUrl(feedUrl({ kind: 'tag', id })),
      imageUrl: feedImageUrl(),
    },
    quotes,
    articles,
    archive,
  );
}

export async function rssResponse(view: RssFeedView): Promise<Response> {
  const items = latestItems([...view.quotes.map(quoteItem), ...view.articles.map(articleItem)], siteConfig.feedItems);
  const channel: RssChannel = {
    ...view.channel,
    language: siteConfig.lang,
    stylesheet: feedStylesheetUrl(),
    transform: assetUrl('feed.xsl'),
  };
  const xml = await renderRss(channel, items);
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}

/** /feed.json: the items of /rss.xml as JSON Feed 1.1. */
export type JsonFeedView = {
  channel: JsonFeedChannel;
  quotes: QuoteFeedInput[];
};

export function jsonFeedView(archive: Archive): JsonFeedView {
  return {
    channel: {
      title: `${siteConfig.title}: quotes of the day`,
      description: siteConfig.description,
      homePageUrl: absoluteUrl(homeUrl()),
      feedUrl: absoluteUrl(jsonFeedUrl()),
      language: siteConfig.lang,
      icon: feedImageUrl(),
      favicon: feedImageUrl(),
      authors: [{ name: siteConfig.author.name }],
    },
    quotes: latestQuotes(archive).map((quote) => quoteFeedInput(quote, archive)),
  };
}

export function jsonFeedResponse(view: JsonFeedView): Response {
  const feed = jsonFeed(view.channel, latestItems(view.quotes.map(quoteItem), siteConfig.feedItems));
  return new Response(`${wellFormedJson(feed, 2)}\n`, { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
}

/**
 * A feed route whose work is added to the build's feeds tally (src/build/work-tally.ts):
 * Astro renders several pages at once, so its own route times overlap.
 */
export function timedFeed<Props extends Record<string, unknown>>(route: APIRoute<Props>): APIRoute<Props> {
  return (context) => timed(FEED_TIMING, () => route(context));
}
