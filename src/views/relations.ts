/**
 * The entries each page draws on besides its own: the speaker of a quote, the quotes of
 * an article, a person's quotes, the items of a feed, looked up in the archive's maps.
 * The view-model builders (src/views/view-models.ts, src/views/feeds.ts) take them from
 * here and keep what the page shows.
 */
import type { Archive, Article, Person, Quote, Tag } from './archive.ts';
import { neighbours, resolveIds, sortQuotesNewestFirst } from '../domain/archive-order.ts';
import { siteConfig } from '../site.config.ts';

/** How many other quotes a quote page lists from the same article, and from the same speaker. */
const RELATED_QUOTES = 5;

export interface QuoteListItemRelations {
  speaker: Person | undefined;
  source: Article | undefined;
}

/** A quote in a list. */
export function quoteListItemRelations(quote: Quote, archive: Archive): QuoteListItemRelations {
  return {
    speaker: archive.personById.get(quote.speakerId),
    source: quote.sourceId ? archive.articleById.get(quote.sourceId) : undefined,
  };
}

/** The authors of an article, in order; ids with no person are left out. */
export function articleListItemAuthors(article: Article, archive: Archive): Person[] {
  return resolveIds(article.authorIds, archive.personById);
}

export interface QuotePageRelations {
  speaker: Person | undefined;
  curator: Person | undefined;
  article: Article | undefined;
  older: Quote | undefined;
  newer: Quote | undefined;
  /** Other quotes from the same article, then other quotes of the same speaker. */
  sameArticle: Quote[];
  sameSpeaker: Quote[];
  /** The quote's tags, in its order; ids with no tag are left out. */
  tags: Tag[];
}

/** A quote's page. */
export function quotePageRelations(quote: Quote, archive: Archive): QuotePageRelations {
  const article = quote.sourceId ? archive.articleById.get(quote.sourceId) : undefined;
  const { older, newer } = neighbours(archive.quotes, quote.id, archive.quoteIndex.get(quote.id));
  const sameArticle = (article ? (archive.quotesByArticle.get(article.id) ?? []) : [])
    .filter((other) => other.id !== quote.id)
    .slice(0, RELATED_QUOTES);
  const sameSpeaker = (archive.quotesBySpeaker.get(quote.speakerId) ?? [])
    .filter((other) => other.id !== quote.id && !sameArticle.includes(other))
    .slice(0, RELATED_QUOTES);
  return {
    speaker: archive.personById.get(quote.speakerId),
    curator: quote.curatorId ? archive.personById.get(quote.curatorId) : undefined,
    article,
    older,
    newer,
    sameArticle,
    sameSpeaker,
    tags: resolveIds(quote.tags, archive.tagById),
  };
}

export interface ArticlePageRelations {
  authors: Person[];
  /** The quotes pulled from the article, marked in its body and listed under it. */
  pulled: Quote[];
  /** The speaker of each pulled quote, in the same order. */
  speakers: (Person | undefined)[];
}

/** An article's page. */
export function articlePageRelations(article: Article, archive: Archive): ArticlePageRelations {
  const pulled = archive.quotesByArticle.get(article.id) ?? [];
  return {
    authors: resolveIds(article.authorIds, archive.personById),
    pulled,
    speakers: pulled.map((quote) => archive.personById.get(quote.speakerId)),
  };
}

export interface PersonPageRelations {
  quotes: Quote[];
  articles: Article[];
  /** The quotes of the day the person chose, newest first. */
  chosen: Quote[];
}

/** A person's page. */
export function personPageRelations(person: Person, archive: Archive): PersonPageRelations {
  return {
    quotes: archive.quotesBySpeaker.get(person.id) ?? [],
    articles: archive.articlesByAuthor.get(person.id) ?? [],
    chosen: archive.quotesByCurator.get(person.id) ?? [],
  };
}

const withdrawnByArchive = new WeakMap<Archive, Quote[]>();

/** The withdrawn quotes, newest first: few, found once per build. */
export function withdrawnQuotes(archive: Archive): Quote[] {
  let withdrawn = withdrawnByArchive.get(archive);
  if (!withdrawn) {
    withdrawn = archive.allQuotes.filter((quote) => quote.status === 'withdrawn');
    withdrawnByArchive.set(archive, withdrawn);
  }
  return withdrawn;
}

/**
 * The quotes a feed keeps, newest first: the newest N (site config) of its published quotes
 * and its withdrawn ones, which stay in the feed as notices of their withdrawal for as long
 * as they would have stayed there. `listed` is newest first.
 */
export function feedQuotes(listed: readonly Quote[], withdrawn: readonly Quote[]): Quote[] {
  const published = listed.filter((quote) => quote.status === 'published').slice(0, siteConfig.feedItems);
  if (withdrawn.length === 0) return published;
  return sortQuotesNewestFirst([...published, ...withdrawn]).slice(0, siteConfig.feedItems);
}

/**
 * What a person's feed carries (src/pages/people/[id]/rss.xml.ts), newest first, only what
 * it can keep: the quotes they said or chose, and the articles they wrote.
 */
export function personFeedEntries(person: Person, archive: Archive): { quotes: Quote[]; articles: Article[] } {
  const theirs = (quote: Quote) => quote.speakerId === person.id || quote.curatorId === person.id;
  const spoken = archive.quotesBySpeaker.get(person.id) ?? [];
  const chosen = archive.quotesByCurator.get(person.id) ?? [];
  // Each list is newest first: the newest N of each are all the feed can keep of both.
  const newest = (quotes: readonly Quote[]) => quotes.filter((quote) => quote.status === 'published').slice(0, siteConfig.feedItems);
  const listed = chosen.length === 0 ? spoken : sortQuotesNewestFirst([...new Set([...newest(spoken), ...newest(chosen)])]);
  return {
    quotes: feedQuotes(listed, withdrawnQuotes(archive).filter(theirs)),
    articles: (archive.articlesByAuthor.get(person.id) ?? []).slice(0, siteConfig.feedItems),
  };
}

/** What a tag's feed carries (src/pages/tags/[id]/rss.xml.ts), newest first; only what it can keep. */
export function tagFeedEntries(tag: Tag, archive: Archive): { quotes: Quote[]; articles: Article[] } {
  return {
    quotes: feedQuotes(
      archive.quotesByTag.get(tag.id) ?? [],
      withdrawnQuotes(archive).filter((quote) => quote.tags.includes(tag.id)),
    ),
    articles: (archive.articlesByTag.get(tag.id) ?? []).slice(0, siteConfig.feedItems),
  };
}

/** A tag's page. */
export function tagPageEntries(tag: Tag, archive: Archive): { quotes: Quote[]; articles: Article[] } {
  return { quotes: archive.quotesByTag.get(tag.id) ?? [], articles: archive.articlesByTag.get(tag.id) ?? [] };
}

/** The listed quotes of a year, newest first. */
export function yearQuotes(year: number, archive: Archive): Quote[] {
  return archive.quotes.filter((quote) => quote.date.startsWith(`${year}-`));
}

export interface QuoteFeedItemRelations {
  speaker: Person | undefined;
  article: Article | undefined;
  /** The article's authors, in order; an id with no person stays as it is. */
  authors: (Person | string)[];
  curator: Person | undefined;
  tags: ({ id: string; name: string } | string)[];
}

/** A quote as a feed item (src/views/feeds.ts). */
export function quoteFeedItemRelations(quote: Quote, archive: Archive): QuoteFeedItemRelations {
  const article = quote.sourceId ? archive.articleById.get(quote.sourceId) : undefined;
  return {
    speaker: archive.personById.get(quote.speakerId),
    article,
    authors: article ? article.authorIds.map((id) => archive.personById.get(id) ?? id) : [],
    curator: quote.curatorId ? archive.personById.get(quote.curatorId) : undefined,
    tags: quote.tags.map((id) => archive.tagById.get(id) ?? id),
  };
}

export interface ArticleFeedItemRelations {
  authors: (Person | string)[];
  /** The quotes pulled from it: the feed's copy of the article marks them too. */
  pulled: Quote[];
  tags: ({ id: string; name: string } | string)[];
}

/** An article as a feed item (src/views/feeds.ts). */
export function articleFeedItemRelations(article: Article, archive: Archive): ArticleFeedItemRelations {
  return {
    authors: article.authorIds.map((id) => archive.personById.get(id) ?? id),
    pulled: archive.quotesByArticle.get(article.id) ?? [],
    tags: article.tags.map((id) => archive.tagById.get(id) ?? id),
  };
}
