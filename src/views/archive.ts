/**
 * The whole archive, read from the content collections once per build and
 * memoised: every page asks for it, and every lookup goes through maps built here
 * (no page scans all quotes). Entries become plain objects that `src/domain/` works on.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { isDevServer } from './preview-mode.ts';
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
import { quoteParagraphs } from '../domain/quote-text.ts';
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
  /** A quote's words before this correction, when it changed them. */
  from?: string | undefined;
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
  /** An archived copy of the original (only with `sourceUrl`). */
  archivedUrl?: string | undefined;
  /** The title in sentence case, for APA; smart punctuation applied as to `title`. */
  titleSentenceCase?: string | undefined;
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
  /**
   * The words as shown, on one line: smart punctuation applied (src/markdown/typography.ts),
   * a paragraph break as a space (src/domain/quote-text.ts).
   */
  displayText: string;
  /** The words as shown, paragraph by paragraph, for a quote that runs over a paragraph break; absent for the others. */
  displayParagraphs?: string[] | undefined;
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
    archivedUrl: entry.data.archivedUrl,
    titleSentenceCase: entry.data.titleSentenceCase && smartPunctuation(entry.data.titleSentenceCase),
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

/** The entries of the four collections, as Astro's store holds them. */
interface StoredEntries {
  peopleEntries: CollectionEntry<'people'>[];
  articleEntries: CollectionEntry<'articles'>[];
  quoteEntries: CollectionEntry<'quotes'>[];
  tagEntries: CollectionEntry<'tags'>[];
}

async function readEntries(): Promise<StoredEntries> {
  const [peopleEntries, articleEntries, quoteEntries, tagEntries] = await Promise.all([
    getCollection('people'),
    getCollection('articles'),
    getCollection('quotes'),
    getCollection('tags'),
  ]);
  return { peopleEntries, articleEntries, quoteEntries, tagEntries };
}

type KnownLocations = Map<string, { paragraphs: readonly string[]; byText: Map<string, QuoteLocation | undefined> }>;

const LOCATIONS_KEY = Symbol.for('qtd.previewLocations');

/**
 * In `astro dev`: where each quote stood in its article in the archives built before, by
 * article, kept while the article's visible text is the same. An edit then locates only
 * the quotes whose words or article changed (locating them all took ~2 s at 10,000 quotes).
 * Kept on `globalThis`: a content change makes Vite evaluate this module again.
 */
function previewLocations(): KnownLocations {
  const holder = globalThis as { [LOCATIONS_KEY]?: KnownLocations };
  holder[LOCATIONS_KEY] ??= new Map();
  return holder[LOCATIONS_KEY];
}

async function loadArchive(today: string, { peopleEntries, articleEntries, quoteEntries, tagEntries }: StoredEntries): Promise<Archive> {
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
  const remembered = isDevServer() ? previewLocations() : undefined;
  const checkedArticles = new Set<string>();
  const locate = (text: string, articleId: string): QuoteLocation | undefined => {
    if (!remembered) return locateQuote(text, preparedArticle(articleId));
    let known = remembered.get(articleId);
    if (!known || !checkedArticles.has(articleId)) {
      const paragraphs = articleById.get(articleId)?.paragraphs ?? [];
      if (!known || !sameItems(known.paragraphs, paragraphs)) {
        known = { paragraphs, byText: new Map() };
        remembered.set(articleId, known);
      }
      checkedArticles.add(articleId);
    }
    if (!known.byText.has(text)) known.byText.set(text, locateQuote(text, preparedArticle(articleId)));
    return known.byText.get(text);
  };

  const allQuotes = sortQuotesNewestFirst(
    quoteEntries.map((entry): Quote => {
      const sourceId = entry.data.source?.id;
      const shownParagraphs = quoteParagraphs(smartPunctuation(entry.data.text));
      return {
        id: entry.id,
        text: entry.data.text,
        displayText: shownParagraphs.join(' '),
        ...(shownParagraphs.length > 1 ? { displayParagraphs: shownParagraphs } : {}),
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
        match: sourceId ? locate(entry.data.text, sourceId) : undefined,
      };
    }),
  );
  if (remembered) for (const id of remembered.keys()) if (!articleById.has(id)) remembered.delete(id);
  const quotes = allQuotes.filter((quote) => quote.status === 'published');
  const showDrafts = siteConfig.showScheduled || isDevServer();
  const quotesWithPages = allQuotes.filter((quote) => quote.status !== 'scheduled' || showDrafts);
  const listed = showDrafts ? allQuotes.filter((q) => q.status !== 'withdrawn') : quotes;
  const tags = tagEntries.map(toTag).sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));

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

let archive: Promise<Archive> | undefined;

/** In `astro dev`: the archive last built, the day it was built for and the stored data it was built from. */
let preview: { today: string; data: readonly unknown[]; archive: Promise<Archive> } | undefined;

/** The `data` objects of every stored entry, in order: Astro's store hands out the same objects until its content changes. */
function storedData(entries: StoredEntries): unknown[] {
  return [entries.peopleEntries, entries.articleEntries, entries.quoteEntries, entries.tagEntries].flatMap((list) =>
    list.map((entry) => entry.data),
  );
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The archive of the preview: built again only when the stored content or the day has
 * changed since the last request. Building it reads, sorts and indexes every entry (a
 * second at ten thousand quotes); telling whether the store changed compares the
 * entries' data objects, which Astro's store keeps until a content change replaces them.
 */
async function previewArchive(): Promise<Archive> {
  const today = todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate);
  const entries = await readEntries();
  const data = storedData(entries);
  if (!preview || preview.today !== today || !sameItems(preview.data, data)) {
    preview = { today, data, archive: loadArchive(today, entries) };
  }
  return preview.archive;
}

export function getArchive(): Promise<Archive> {
  // Every page asks: the memoised archive first, before reading the environment
  // (process.env is a slow look-up). Only a build memoises it for good.
  if (archive) return archive;
  // In `astro dev` content changes while the server runs.
  if (isDevServer()) return previewArchive();
  archive = readEntries().then((entries) => loadArchive(todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate), entries));
  return archive;
}
