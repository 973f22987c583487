/**
 * The whole archive, read from the content collections once per build and
 * memoised: every page asks for it, and every lookup goes through maps built here
 * (no page scans all quotes). Entries become plain objects that `src/domain/` works on.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { isDevServer } from './preview-mode.ts';
import {
  codeVersion,
  keepLocationsOf,
  previewContent,
  rememberedLocation,
  type PreviewContent,
  type StoredEntry,
} from '../content/preview-content.ts';
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

/** How many words the article's visible text holds: counted by the content pass when it read the text, or here. */
function wordsOf(entry: CollectionEntry<'articles'>, paragraphs: readonly string[]): number {
  const words = entry.rendered?.metadata?.words;
  return typeof words === 'number' ? words : wordCount(paragraphs);
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
    words: wordsOf(entry, paragraphs),
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

/**
 * In `astro dev`: what an archive takes from each stored entry, kept while Astro's store
 * holds the same entry object (it keeps an entry's object until a pass stores it again).
 * Each archive still gets new objects (`{ ...kept }`): a view model is built once per
 * entry object (view-models.ts, `onePerEntry`) and must see its own archive.
 */
interface EntryMemo {
  people: WeakMap<object, Person>;
  articles: WeakMap<object, Article>;
  quotes: WeakMap<object, Omit<Quote, 'status' | 'match'>>;
  tags: WeakMap<object, Tag>;
}

function kept<E extends object, T>(memo: WeakMap<object, T> | undefined, entry: E, build: (entry: E) => T): T {
  if (!memo) return build(entry);
  let value = memo.get(entry);
  if (value === undefined) {
    value = build(entry);
    memo.set(entry, value);
  }
  return value;
}

/** A quote as its entry gives it, before its status (the day) and its place in its article. */
function quoteFields(entry: CollectionEntry<'quotes'>): Omit<Quote, 'status' | 'match'> {
  const shownParagraphs = quoteParagraphs(smartPunctuation(entry.data.text));
  return {
    id: entry.id,
    text: entry.data.text,
    displayText: shownParagraphs.join(' '),
    ...(shownParagraphs.length > 1 ? { displayParagraphs: shownParagraphs } : {}),
    speakerId: entry.data.speaker.id,
    sourceId: entry.data.source?.id,
    date: entry.data.date,
    curatorId: entry.data.curator?.id,
    context: entry.data.context,
    lang: entry.data.lang,
    tags: entry.data.tags,
    corrections: entry.data.corrections,
    withdrawn: entry.data.withdrawn,
    commentaryHtml: entry.rendered?.html ?? '',
  };
}

function loadArchive(today: string, { peopleEntries, articleEntries, quoteEntries, tagEntries }: StoredEntries, memo?: EntryMemo): Archive {
  const fresh = <E extends object, T extends object>(table: WeakMap<object, T> | undefined, entry: E, build: (entry: E) => T): T =>
    table ? { ...kept(table, entry, build) } : build(entry);
  const people = sortPeople(peopleEntries.map((entry) => fresh(memo?.people, entry, toPerson)));
  const articles = sortArticlesNewestFirst(articleEntries.map((entry) => fresh(memo?.articles, entry, toArticle)));
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
      const fields = kept(memo?.quotes, entry, quoteFields);
      const quote: Quote = {
        ...fields,
        status: quoteStatus({ id: entry.id, date: entry.data.date, withdrawn: entry.data.withdrawn }, today),
        match: undefined,
      };
      const { sourceId } = fields;
      if (!sourceId) return quote;
      // The preview remembers each quote's place while its words and its article's text are
      // the same, and locates most of them ahead, while the first pass renders
      // (src/content/preview-content.ts): locating all ten thousand takes ~1.5 s.
      quote.match = memo
        ? rememberedLocation(sourceId, articleById.get(sourceId)?.paragraphs ?? [], entry.data.text)
        : locateQuote(entry.data.text, preparedArticle(sourceId));
      return quote;
    }),
  );
  if (memo) keepLocationsOf(new Set(articleById.keys()));
  const quotes = allQuotes.filter((quote) => quote.status === 'published');
  const showDrafts = siteConfig.showScheduled || isDevServer();
  const quotesWithPages = allQuotes.filter((quote) => quote.status !== 'scheduled' || showDrafts);
  const listed = showDrafts ? allQuotes.filter((q) => q.status !== 'withdrawn') : quotes;
  const tags = tagEntries
    .map((entry) => fresh(memo?.tags, entry, toTag))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));

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

/**
 * In `astro dev`: the archive last built, for which version of the code, day, and pass (or
 * stored data), and what it kept of each entry. On `globalThis`: Vite evaluates this
 * module again after each change to Astro's store, the content unchanged.
 */
interface PreviewArchive {
  code: number;
  today: string;
  generation?: number;
  data?: readonly unknown[];
  archive: Promise<Archive>;
}

const PREVIEW_KEY = Symbol.for('qtd.previewArchive');

function previewState(): { last?: PreviewArchive; memo?: { code: number; entries: EntryMemo } } {
  const holder = globalThis as { [PREVIEW_KEY]?: { last?: PreviewArchive; memo?: { code: number; entries: EntryMemo } } };
  holder[PREVIEW_KEY] ??= {};
  return holder[PREVIEW_KEY];
}

/** What the archive keeps of each entry, for this version of the code. */
function entryMemoFor(code: number): EntryMemo {
  const held = previewState();
  if (held.memo?.code !== code) {
    held.memo = { code, entries: { people: new WeakMap(), articles: new WeakMap(), quotes: new WeakMap(), tags: new WeakMap() } };
  }
  return held.memo.entries;
}

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
 * The entries as the loader left them in Astro's stores: the objects `getCollection` would
 * give once Astro has written them to its file and read them back (without `collection`,
 * which the archive does not read). Kept as they are, so that `entryMemoFor` finds them again.
 */
function storedEntriesOf(content: PreviewContent): StoredEntries {
  const as = <C extends 'people' | 'articles' | 'quotes' | 'tags'>(entries: readonly StoredEntry[]) =>
    entries as unknown as CollectionEntry<C>[];
  return {
    peopleEntries: as<'people'>(content.people),
    articleEntries: as<'articles'>(content.articles),
    quoteEntries: as<'quotes'>(content.quotes),
    tagEntries: as<'tags'>(content.tags),
  };
}

/**
 * The archive of the preview: built again only when a content pass, the day or the code
 * has changed since the last request. It is built from what the last pass left in
 * Astro's stores (src/content/preview-content.ts), the moment the pass ends: the
 * integration src/build/integrations/preview.ts asks for it then, so that no request
 * waits for it, and only what changed is read again (`entryMemoFor`, the quotes' places
 * in their articles). Before the first pass (or should the loader not publish), from
 * Astro's collections, built again when the entries' data objects change.
 */
async function previewArchive(): Promise<Archive> {
  const today = todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate);
  const code = codeVersion();
  const held = previewState();
  const last = held.last;
  const content = previewContent();
  if (content) {
    if (!last || last.code !== code || last.today !== today || last.generation !== content.generation) {
      const built = loadArchive(today, storedEntriesOf(content), entryMemoFor(code));
      held.last = { code, today, generation: content.generation, archive: Promise.resolve(built) };
    }
    return held.last?.archive as Promise<Archive>;
  }
  const entries = await readEntries();
  const data = storedData(entries);
  if (!last || last.code !== code || last.today !== today || !last.data || !sameItems(last.data, data)) {
    held.last = { code, today, data, archive: Promise.resolve(loadArchive(today, entries)) };
  }
  return held.last?.archive as Promise<Archive>;
}

/**
 * In `astro dev`, for the integration, when a content pass ends: builds the archive the
 * pages will ask for.
 */
export function preparePreviewArchive(): Promise<Archive> {
  return previewArchive();
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
