/**
 * The cache key of each page that Astro may skip in an incremental build
 * (src/lib/page-keys.ts): the page's own entry and everything src/data/relations.ts
 * says it shows. Astro adds the page's code; the lockfile and Astro's config are its own.
 * Pages without a key (home, tags, the main feeds) are rendered at every build.
 */
import type { Archive, Article, Person, Quote, Tag } from './archive.ts';
import { pageKey } from '../lib/page-keys.ts';
import { siteConfig } from '../site.config.ts';
import { citationInput, citedQuotes } from './citations.ts';
import {
  articleFeedItemRelations,
  articleListItemAuthors,
  articlePageRelations,
  personFeedEntries,
  personPageRelations,
  quoteFeedItemRelations,
  quoteListItemRelations,
  quotePageRelations,
  tagFeedEntries,
  tagPageEntries,
} from './relations.ts';
import type { Page } from '../lib/archive.ts';

/**
 * The site's settings as pages show them. The build date and the content folder are
 * left out: what the date changes (a quote's status, which quotes are listed) is in
 * the entries themselves, and the same content read from another folder is the same site.
 */
const { buildDate: _buildDate, contentDir: _contentDir, ...shownSettings } = siteConfig;

function quoteListItem(quote: Quote, archive: Archive): unknown[] {
  const { speaker, source } = quoteListItemRelations(quote, archive);
  return [quote, speaker, source];
}

function articleListItem(article: Article, archive: Archive): unknown[] {
  return [article, articleListItemAuthors(article, archive)];
}

export function quotePageKey(quote: Quote, archive: Archive): string {
  const { speaker, curator, article, authors, older, newer, sameArticle, sameSpeaker } = quotePageRelations(quote, archive);
  return pageKey([
    'quote', shownSettings, quote, speaker, curator, article, authors, older, newer,
    ...[...sameArticle, ...sameSpeaker].map((other) => quoteListItem(other, archive)),
  ]);
}

/** The bundle of every `citation.json` (src/pages/quotes/[bundle].json.ts): each file is its input as JSON, so the inputs are the key. */
export function citationFilesKey(archive: Archive): string {
  return pageKey(['citation-files', ...citedQuotes(archive).map((quote) => [quote.id, citationInput(quote, archive)])]);
}

export function articlePageKey(article: Article, archive: Archive): string {
  const { authors, pulled, speakers } = articlePageRelations(article, archive);
  return pageKey(['article', shownSettings, article, authors, pulled, speakers]);
}

export function personPageKey(person: Person, archive: Archive): string {
  const { quotes, articles, curated } = personPageRelations(person, archive);
  return pageKey([
    'person', shownSettings, person, curated,
    ...quotes.map((quote) => quoteListItem(quote, archive)),
    ...articles.map((article) => articleListItem(article, archive)),
  ]);
}

/** The items of a feed, each with what src/data/feeds.ts puts in it. */
function feedItems(entries: { quotes: Quote[]; articles: Article[] }, archive: Archive): unknown[] {
  const quoteItems = entries.quotes.map((quote) => {
    const { speaker, article, authors, curator, tags } = quoteFeedItemRelations(quote, archive);
    return [quote, speaker, article, authors, curator, tags];
  });
  const articleItems = entries.articles.map((article) => {
    const { authors, pulled, tags } = articleFeedItemRelations(article, archive);
    return [article, authors, pulled, tags];
  });
  // An empty feed is dated by the build (src/data/feeds.ts, rssResponse).
  const empty = quoteItems.length + articleItems.length === 0 ? archive.today : '';
  return [empty, ...quoteItems, ...articleItems];
}

export function personFeedKey(person: Person, archive: Archive): string {
  return pageKey(['person-feed', shownSettings, person, ...feedItems(personFeedEntries(person, archive), archive)]);
}

/** `id` is the address's own: a renamed tag's old feed URL serves the same items under it. */
export function tagFeedKey(tag: Tag, id: string, archive: Archive): string {
  return pageKey(['tag-feed', shownSettings, tag, id, ...feedItems(tagFeedEntries(tag, archive), archive)]);
}

export function tagPageKey(tag: Tag, archive: Archive): string {
  const { quotes, articles } = tagPageEntries(tag, archive);
  return pageKey([
    'tag', shownSettings, tag,
    ...quotes.map((quote) => quoteListItem(quote, archive)),
    ...articles.map((article) => articleListItem(article, archive)),
  ]);
}

export function yearPageKey(year: number, quotes: readonly Quote[], archive: Archive): string {
  return pageKey(['year', shownSettings, year, ...quotes.map((quote) => quoteListItem(quote, archive))]);
}

export function quoteListPageKey(page: Page<Quote>, archive: Archive): string {
  // Every page of the list says how many quotes there are and links every year.
  return pageKey([
    'quote-list', shownSettings, page.number, page.total, archive.quotes.length, archive.years,
    ...page.items.map((quote) => quoteListItem(quote, archive)),
  ]);
}

export function monthPageKey(group: { year: number; month: number; items: Quote[] }, archive: Archive): string {
  return pageKey(['month', shownSettings, group.year, group.month, ...group.items.map((quote) => quoteListItem(quote, archive))]);
}
