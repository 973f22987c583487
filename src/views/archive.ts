/**
 * The whole archive, read from the content collections once per build and
 * memoised: every page asks for it, and every lookup goes through maps built here
 * (no page scans all quotes). Entries become plain objects that `src/domain/` works on.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { siteConfig } from '../site.config.ts';
import {
  sortArticlesNewestFirst,
  sortPeople,
  sortQuotesNewestFirst,
  quoteStatus,
  indexBy,
  type QuoteStatus,
} from '../domain/archive-order.ts';
import { todayIn } from '../domain/dates.ts';
import { smartPunctuation } from '../markdown/typography.ts';
import { wordCount } from '../content/article-text.ts';
import { prepareArticle } from '../domain/quote-match.ts';
import { locateQuote, type QuoteLocation } from '../domain/locate-quote.ts';

export interface Person {
  id: string;
  name: string;
  description?: string | undefined;
  sortName?: string | undefined;
  url?: string | undefined;
  bioHtml: string;
}

export interface Correction {
  date: string;
  note: string;
}

export interface Article {
  id: string;
  title: string;
  dek?: string | undefined;
  authorIds: string[];
  publication?: string | undefined;
  section?: string | undefined;
  publishedMs: number;
  updatedMs?: number | undefined;
  timeZone: string;
  sourceUrl?: string | undefined;
  caption?: string | undefined;
  authorNote?: string | undefined;
  rights?: string | undefined;
  display: 'full' | 'excerpt';
  corrections: Correction[];
  tags: string[];
  html: string;
  paragraphs: readonly string[];
  words: number;
}

export type QuoteMatch = QuoteLocation;

export interface Quote {
  id: string;
  /** The words as stored: what verification reads and open data publishes. */
  text: string;
  /** The words as shown: smart punctuation applied (src/markdown/typography.ts). */
  displayText: string;
  speakerId: string;
  sourceId?: string | undefined;
  date: string;
  curatorId?: string | undefined;
  context?: string | undefined;
  lang?: string | undefined;
  tags: string[];
  corrections: Correction[];
  withdrawn?: { date: string; reason: string } | undefined;
  commentaryHtml: string;
  status: QuoteStatus;
  /** Where the words are in the source article (quotes with a source only). */
  match?: QuoteMatch | undefined;
}

export interface Tag {
  id: string;
  name: string;
  description?: string | undefined;
  renamedFrom: string[];
}

export interface Archive {
  today: string;
  people: Person[];
  articles: Article[];
  /** Every quote, newest first, whatever its status. */
  allQuotes: Quote[];
  /** Published quotes (not scheduled, not withdrawn), newest first. */
  quotes: Quote[];
  /** The years that have quotes, newest first. */
  years: number[];
  /** Quotes that have a page: published, withdrawn (as a notice), and scheduled drafts when shown. */
  quotesWithPages: Quote[];
  tags: Tag[];
  personById: Map<string, Person>;
  articleById: Map<string, Article>;
  quoteById: Map<string, Quote>;
  /** Position of each listed quote in `quotes`, for its previous/next links without a scan. */
  quoteIndex: Map<string, number>;
  tagById: Map<string, Tag>;
  quotesBySpeaker: Map<string, Quote[]>;
  quotesByArticle: Map<string, Quote[]>;
  quotesByTag: Map<string, Quote[]>;
  quotesByCurator: Map<string, Quote[]>;
  articlesByAuthor: Map<string, Article[]>;
  articlesByTag: Map<string, Article[]>;
}

function toPerson(entry: CollectionEntry<'people'>): Person {
  return {
    id: entry.id,
    name: entry.data.name,
    description: entry.data.description && smartPunctuation(entry.data.description),
    sortName: entry.data.sortName,
    url: entry.data.url,
    bioHtml: entry.rendered?.html ?? '',
  };
}

/** The article's visible text, as the content pass read it from the rendered HTML to verify its quotes. */
function paragraphsOf(entry: CollectionEntry<'articles'>): readonly string[] {
  const paragraphs = entry.rendered?.metadata?.paragraphs;
  return Array.isArray(paragraphs) ? (paragraphs as string[]) : [];
}

function toArticle(entry: CollectionEntry<'articles'>): Article {
  const paragraphs = paragraphsOf(entry);
  return {
    id: entry.id,
    title: smartPunctuation(entry.data.title),
    dek: entry.data.dek && smartPunctuation(entry.data.dek),
    authorIds: entry.data.authors.map((author) => author.id),
    publication: entry.data.publication,
    section: entry.data.section,
    publishedMs: entry.data.published.getTime(),
    updatedMs: entry.data.updated?.getTime(),
    timeZone: entry.data.timeZone ?? siteConfig.timeZone,
    sourceUrl: entry.data.sourceUrl,
    caption: entry.data.caption && smartPunctuation(entry.data.caption),
    authorNote: entry.data.authorNote && smartPunctuation(entry.data.authorNote),
    rights: entry.data.rights,
    display: entry.data.display,
    corrections: entry.data.corrections,
    tags: entry.data.tags,
    html: entry.rendered?.html ?? '',
    paragraphs,
    words: wordCount(paragraphs),
  };
}

function toTag(entry: CollectionEntry<'tags'>): Tag {
  return { id: entry.id, name: entry.data.name, description: entry.data.description, renamedFrom: entry.data.renamedFrom };
}

async function loadArchive(): Promise<Archive> {
  const today = todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate);
  const [peopleEntries, articleEntries, quoteEntries] = await Promise.all([
    getCollection('people'),
    getCollection('articles'),
    getCollection('quotes'),
  ]);
  const people = sortPeople(peopleEntries.map(toPerson));
  const articles = sortArticlesNewestFirst(articleEntries.map(toArticle));
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const prepared = new Map<string, ReturnType<typeof prepareArticle>>();
  const preparedArticle = (id: string) => {
    let value = prepared.get(id);
    if (!value) {
      value = prepareArticle(articleById.get(id)?.paragraphs ?? []);
      prepared.set(id, value);
    }
    return value;
  };

  const allQuotes = sortQuotesNewestFirst(
    quoteEntries.map((entry): Quote => {
      const sourceId = entry.data.source?.id;
      return {
        id: entry.id,
        text: entry.data.text,
        displayText: smartPunctuation(entry.data.text),
        speakerId: entry.data.speaker.id,
        sourceId,
        date: entry.data.date,
        curatorId: entry.data.curator?.id,
        context: entry.data.context,
        lang: entry.data.lang,
        tags: entry.data.tags,
        corrections: entry.data.corrections,
        withdrawn: entry.data.withdrawn,
        commentaryHtml: entry.rendered?.html ?? '',
        status: quoteStatus({ id: entry.id, date: entry.data.date, withdrawn: entry.data.withdrawn }, today),
        match: sourceId ? locateQuote(entry.data.text, preparedArticle(sourceId)) : undefined,
      };
    }),
  );
  const quotes = allQuotes.filter((quote) => quote.status === 'published');
  const showDrafts = siteConfig.showScheduled || isDevServer();
  const quotesWithPages = allQuotes.filter((quote) => quote.status !== 'scheduled' || showDrafts);
  const listed = showDrafts ? allQuotes.filter((q) => q.status !== 'withdrawn') : quotes;
  const tags = (await getCollection('tags')).map(toTag).sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));

  return {
    today,
    people,
    articles,
    allQuotes,
    quotes: listed,
    quotesWithPages,
    years: [...new Set(listed.map((quote) => Number(quote.date.slice(0, 4))))],
    tags,
    personById: new Map(people.map((person) => [person.id, person])),
    articleById,
    quoteById: new Map(allQuotes.map((quote) => [quote.id, quote])),
    quoteIndex: new Map(listed.map((quote, index) => [quote.id, index])),
    tagById: new Map(tags.map((tag) => [tag.id, tag])),
    quotesBySpeaker: indexBy(listed, (quote) => [quote.speakerId]),
    quotesByArticle: indexBy(listed, (quote) => (quote.sourceId ? [quote.sourceId] : [])),
    quotesByTag: indexBy(listed, (quote) => quote.tags),
    quotesByCurator: indexBy(listed, (quote) => (quote.curatorId ? [quote.curatorId] : [])),
    articlesByAuthor: indexBy(articles, (article) => article.authorIds),
    articlesByTag: indexBy(articles, (article) => article.tags),
  };
}

/** `astro dev` (set by the content-check integration): scheduled quotes show as drafts, content is re-read. */
function isDevServer(): boolean {
  return process.env.QTD_DEV_SERVER === '1';
}

let archive: Promise<Archive> | undefined;

export function getArchive(): Promise<Archive> {
  // Every component of every page asks: the memoised archive first, before reading the
  // environment (process.env is a slow look-up). Only a build ever memoises it.
  if (archive) return archive;
  // In `astro dev` content changes while the server runs: read it afresh each time.
  if (isDevServer()) return loadArchive();
  archive = loadArchive();
  return archive;
}
