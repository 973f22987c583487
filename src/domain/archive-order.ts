/**
 * The archive's order and selection rules, over plain data. `getCollection()`
 * returns entries in no guaranteed order, so every list is sorted here, always
 * with a tie-break on the id, and "published" is decided in one place.
 */
import { compareDays } from './dates.ts';
import { memoize2 } from './memo.ts';
import { unclosedQuotes } from './quotation-marks.ts';

export interface DatedQuote {
  id: string;
  date: string;
  withdrawn?: unknown;
}

export interface DatedArticle {
  id: string;
  publishedMs: number;
}

export interface SortablePerson {
  id: string;
  name: string;
  sortName?: string | undefined;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Newest quote of the day first; two quotes of one day (when allowed) in id order. */
export function sortQuotesNewestFirst<T extends DatedQuote>(quotes: readonly T[]): T[] {
  return [...quotes].sort((a, b) => compareDays(b.date, a.date) || byId(a, b));
}

export function sortArticlesNewestFirst<T extends DatedArticle>(articles: readonly T[]): T[] {
  return [...articles].sort((a, b) => b.publishedMs - a.publishedMs || byId(a, b));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The key a person is sorted by: `sortName`, else the last word of the name first. */
export function personSortKey(person: SortablePerson): string {
  if (person.sortName) return person.sortName;
  const words = person.name.trim().split(/\s+/);
  return words.length > 1 ? `${words.at(-1)}, ${words.slice(0, -1).join(' ')}` : person.name;
}

export function sortPeople<T extends SortablePerson>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => collator.compare(personSortKey(a), personSortKey(b)) || byId(a, b));
}

export type QuoteStatus = 'published' | 'scheduled' | 'withdrawn';

/** A quote dated after today is scheduled; a withdrawn quote stays only as a notice. */
export function quoteStatus(quote: DatedQuote, today: string): QuoteStatus {
  if (quote.withdrawn) return 'withdrawn';
  return compareDays(quote.date, today) > 0 ? 'scheduled' : 'published';
}

/** Today's quote: the latest published quote whose day is not after today. */
export function todaysQuote<T extends DatedQuote>(newestFirst: readonly T[], today: string): T | undefined {
  return newestFirst.find((quote) => quoteStatus(quote, today) === 'published');
}

/**
 * Every quote of today's day: today's quote and the published quotes that share its day
 * (`sharesDay`, or the site-wide switch), in the list's order. All are "today's".
 */
export function todaysQuotes<T extends DatedQuote>(newestFirst: readonly T[], today: string): T[] {
  const first = todaysQuote(newestFirst, today);
  if (!first) return [];
  return newestFirst.filter((quote) => quote.date === first.date && quoteStatus(quote, today) === 'published');
}

/** The older and the newer neighbour of a quote in a newest-first list. */
export function neighbours<T extends { id: string }>(newestFirst: readonly T[], id: string, knownIndex?: number): { older?: T; newer?: T } {
  const index = knownIndex ?? newestFirst.findIndex((item) => item.id === id);
  if (index < 0) return {};
  const older = newestFirst[index + 1];
  const newer = index > 0 ? newestFirst[index - 1] : undefined;
  return { ...(older ? { older } : {}), ...(newer ? { newer } : {}) };
}

export interface Page<T> {
  items: T[];
  number: number;
  total: number;
}

export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, index) => ({
    items: items.slice(index * size, (index + 1) * size),
    number: index + 1,
    total,
  }));
}

export interface MonthGroup<T> {
  year: number;
  month: number;
  items: T[];
}

/** Quotes grouped by year and month, in the order given (newest first stays newest first). */
export function groupByMonth<T extends DatedQuote>(quotes: readonly T[]): MonthGroup<T>[] {
  const groups = new Map<string, MonthGroup<T>>();
  for (const quote of quotes) {
    const key = quote.date.slice(0, 7);
    let group = groups.get(key);
    if (!group) {
      group = { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), items: [] };
      groups.set(key, group);
    }
    group.items.push(quote);
  }
  return [...groups.values()];
}

/** Quotes of the same calendar day in earlier years, newest first. */
export function onThisDay<T extends DatedQuote>(newestFirst: readonly T[], today: string): T[] {
  const monthDay = today.slice(5);
  return newestFirst.filter((quote) => quote.date.slice(5) === monthDay && quote.date.slice(0, 4) < today.slice(0, 4));
}

export function readingMinutes(words: number, wordsPerMinute: number): number {
  return Math.max(1, Math.round(words / wordsPerMinute));
}

// Lists, feeds and heads ask for the same quote's first words again and again.
const firstWordsMemo = memoize2((count: number, text: string) => computeFirstWords(text, count));

/**
 * The first words of a quote, for feed titles and link text: "What makes a people strong…".
 * A cut text closes, after the ellipsis, the quotation marks its words open
 * ("He said “we will…”"), so that no title or link reads as if a quotation ran on.
 */
export function firstWords(text: string, count: number): string {
  return firstWordsMemo(count, text);
}

const WORD = /\S+/g;

function computeFirstWords(text: string, count: number): string {
  // Only the words needed are read: a quote can run to hundreds of words.
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match && words.length <= count; match = WORD.exec(text)) words.push(match[0]);
  if (words.length <= count) return words.join(' ');
  const cut = words
    .slice(0, count)
    .join(' ')
    .replace(/[\s,;:.\-–—“‘]+$/u, '');
  return `${cut}…${unclosedQuotes(cut)}`;
}

/** The entries that ids name, in the ids' order; ids with no entry are left out (the content check reports them). */
export function resolveIds<T>(ids: readonly string[], byId: ReadonlyMap<string, T>): T[] {
  const found: T[] = [];
  for (const id of ids) {
    const entry = byId.get(id);
    if (entry !== undefined) found.push(entry);
  }
  return found;
}

/** Quotes grouped under a key (speaker, article, tag), each list newest first. */
export function indexBy<T, K>(items: readonly T[], keysOf: (item: T) => readonly K[]): Map<K, T[]> {
  const index = new Map<K, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const list = index.get(key);
      if (list) list.push(item);
      else index.set(key, [item]);
    }
  }
  return index;
}
