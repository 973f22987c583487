/**
 * Which words of a query would make one search download more than the site allows,
 * so that the search page asks before it fetches them.
 *
 * Pagefind downloads, for each word of a query, the index chunk whose range holds the
 * word: all the positions of that word on every page. A word on nearly every page
 * ("the" at 10,000 quotes: 230 kB) costs more than the rest of a search together and
 * narrows nothing. The build lists every chunk's range and the chunks that would break
 * the budget alone (src/build/search/download-costs.ts writes `DOWNLOAD_COSTS_FILE` into
 * the bundle); this module finds a query's words among them, choosing each word's chunk
 * exactly as Pagefind's client (1.6) does: the word lower-cased, without punctuation or
 * accents, then the word and its stem looked up in the ranges (`chunksForTerm`). tests/browser/costly-terms.test.ts
 * holds this to what Pagefind's client fetches.
 *
 * Browser-safe: no Node imports.
 */
import { stem } from 'porter2';

/** The file, in the Pagefind bundle's folder, that lists the costly chunks. */
export const DOWNLOAD_COSTS_FILE = 'qtd-download-costs.json';

/** An index chunk's range in Pagefind's metadata: `[from, to]`. */
export type ChunkRange = readonly [from: string, to: string];

/** An index chunk that alone would take one search past the budget. */
export interface CostlyChunk {
  /** Its place in `DownloadCosts.ranges`. */
  at: number;
  /** Bytes of the chunk's file. */
  bytes: number;
  /** The chunk's heaviest word and the number of pages that hold it. */
  word: string;
  pages: number;
}

/** What one language's index costs to search. */
export interface DownloadCosts {
  /** Bytes one search may download (src/site.config.ts, `searchDownloadBudget`). */
  budget: number;
  /** Bytes every search downloads: Pagefind's client, its WebAssembly, the entry, metadata and this file. */
  fixed: number;
  /** Bytes the first page of results can download at most: its largest fragments. */
  fragments: number;
  /** Pages in the index. */
  pages: number;
  /** Every chunk's range, in the metadata's order: Pagefind picks a word's chunk among all of them. */
  ranges: ChunkRange[];
  /** The chunks heavier than the budget leaves for one word, in the index's order. */
  costly: CostlyChunk[];
  /** The index's language, as the file names it (`en`): it decides the stemmer. */
  language?: string;
}

/** The file: costs by the language of the index (`en`). */
export interface DownloadCostsFile {
  languages: Record<string, DownloadCosts>;
}

function isCostlyChunk(value: unknown, ranges: number): value is CostlyChunk {
  if (typeof value !== 'object' || value === null) return false;
  const chunk = value as Record<string, unknown>;
  return (
    Number.isInteger(chunk['at']) &&
    (chunk['at'] as number) >= 0 &&
    (chunk['at'] as number) < ranges &&
    typeof chunk['word'] === 'string' &&
    typeof chunk['bytes'] === 'number' &&
    typeof chunk['pages'] === 'number'
  );
}

function isRange(value: unknown): value is ChunkRange {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

/**
 * The costs of the index in `lang` (`en-GB` falls back to `en`, and a file of one
 * language serves any), from the file's parsed JSON; undefined for anything else, so
 * that a missing or foreign file only means the page does not ask.
 */
export function costsForLanguage(file: unknown, lang: string): DownloadCosts | undefined {
  if (typeof file !== 'object' || file === null || !('languages' in file)) return undefined;
  const languages = file.languages;
  if (typeof languages !== 'object' || languages === null) return undefined;
  const byLanguage = languages as Record<string, unknown>;
  const names = Object.keys(byLanguage);
  const wanted = lang.toLowerCase();
  const name =
    [wanted, wanted.split('-')[0] ?? wanted].find((candidate) => candidate in byLanguage) ?? (names.length === 1 ? names[0] : undefined);
  const costs = name === undefined ? undefined : byLanguage[name];
  if (typeof costs !== 'object' || costs === null) return undefined;
  const fields = costs as Record<string, unknown>;
  const ranges = fields['ranges'];
  const costly = fields['costly'];
  if (!Array.isArray(ranges) || !ranges.every(isRange)) return undefined;
  if (!Array.isArray(costly) || !costly.every((chunk) => isCostlyChunk(chunk, ranges.length))) return undefined;
  const numbers = ['budget', 'fixed', 'fragments', 'pages'].map((key) => fields[key]);
  if (!numbers.every((value) => typeof value === 'number')) return undefined;
  const [budget = 0, fixed = 0, fragments = 0, pages = 0] = numbers as number[];
  return { budget, fixed, fragments, pages, ranges, costly, ...(name === undefined ? {} : { language: name }) };
}

// Pagefind's client drops a grapheme that this matches (dashes, brackets, quotes and other
// punctuation; not the connector "_"). Written as Pagefind writes it: the alternatives are
// not grouped, so a cluster is dropped when it begins with a dash, ends with an opening
// bracket or holds any other of these anywhere.
const PAGEFIND_DROPPED = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;

/** The query's graphemes where the browser can tell them, as Pagefind's client walks them; else its code points. */
function graphemes(text: string): Iterable<string> {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return text;
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (part) => part.segment);
}

/** Accents removed as Pagefind's client removes them: the Japanese voicing marks kept, and composed again only then. */
function withoutAccents(word: string): string {
  const stripped = word.normalize('NFD').replace(/(?![\u3099\u309A])\p{M}/gu, '');
  return /[\u3099\u309A]/.test(stripped) ? stripped.normalize('NFC') : stripped;
}

/** The words Pagefind looks up for a query (1.6, a language written with spaces), normalised as its client normalises them. */
export function pagefindWords(query: string): string[] {
  let kept = '';
  for (const grapheme of graphemes(query)) if (!PAGEFIND_DROPPED.test(grapheme)) kept += grapheme.toLocaleLowerCase();
  return kept
    .replace(/\s{2,}/g, ' ')
    .trim()
    .split(' ')
    .map(withoutAccents)
    .filter((word) => word !== '');
}

const utf8 = new TextEncoder();

/** Compares UTF-8 bytes, as Rust compares Pagefind's strings (which orders by code point). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Compares two strings as Rust compares them: by code point, where UTF-16 units would differ. */
export function compareCodePoints(a: string, b: string): number {
  return compareBytes(utf8.encode(a), utf8.encode(b));
}

/** The first `length` code points of `text`. */
function firstCodePoints(points: readonly string[], length: number): string {
  return points.slice(0, length).join('');
}

/**
 * The chunks Pagefind loads for one word of a query (their places in `ranges`): the
 * chunk whose range holds the word; failing that, every chunk whose range could hold a
 * word that begins or extends it, the word and each end of the range compared up to the
 * shorter one's length in characters. Pagefind's ranges end in shortened words ("the" for
 * a chunk that ends with "the", "oc" for one that ends with "ocelot"), so a word past such
 * an end ("theory", "ocean") is found by the second rule, and can load two chunks.
 */
export function chunksForWord(word: string, ranges: readonly ChunkRange[]): number[] {
  const term = utf8.encode(word);
  const strict = ranges.findIndex(([from, to]) => compareBytes(term, utf8.encode(from)) >= 0 && compareBytes(term, utf8.encode(to)) <= 0);
  if (strict >= 0) return [strict];
  const termPoints = Array.from(word);
  const matches: number[] = [];
  ranges.forEach(([from, to], at) => {
    const fromPoints = Array.from(from);
    const toPoints = Array.from(to);
    const fromLength = Math.min(termPoints.length, fromPoints.length);
    const toLength = Math.min(termPoints.length, toPoints.length);
    if (
      compareCodePoints(firstCodePoints(termPoints, fromLength), firstCodePoints(fromPoints, fromLength)) >= 0 &&
      compareCodePoints(firstCodePoints(termPoints, toLength), firstCodePoints(toPoints, toLength)) <= 0
    ) {
      matches.push(at);
    }
  });
  return matches;
}

/**
 * The chunks Pagefind loads for one word of a query: those of the word and those of its
 * stem, for an English index holds stems ("juli" for "July", "patient" for "patiently"),
 * as Pagefind's stemmer (Snowball's Porter2, which the `porter2` package implements) makes
 * them. Other languages are looked up by the word alone: their stemmers are not here.
 */
export function chunksForTerm(term: string, ranges: readonly ChunkRange[], language = 'en'): number[] {
  const chunks = chunksForWord(term, ranges);
  const stemmed = language.split('-')[0] === 'en' ? stem(term) : term;
  if (stemmed !== term) for (const at of chunksForWord(stemmed, ranges)) if (!chunks.includes(at)) chunks.push(at);
  return chunks;
}

/** A word of a query and the costly chunk it would download. */
export interface CostlyTerm {
  term: string;
  chunk: CostlyChunk;
}

/** The words of `query` that fall in a costly chunk, one per chunk, in the query's order. */
export function costlyTerms(query: string, costs: DownloadCosts | undefined): CostlyTerm[] {
  if (!costs || costs.costly.length === 0) return [];
  const found: CostlyTerm[] = [];
  for (const term of pagefindWords(query)) {
    for (const at of chunksForTerm(term, costs.ranges, costs.language)) {
      const chunk = costs.costly.find((candidate) => candidate.at === at);
      if (chunk && !found.some((known) => known.chunk === chunk)) found.push({ term, chunk });
    }
  }
  return found;
}

/** The bytes of the costly chunks a search would download. */
export function costlyBytes(costly: readonly CostlyTerm[]): number {
  return costly.reduce((sum, { chunk }) => sum + chunk.bytes, 0);
}

/** Bytes as the search page states them: whole kilobytes of 1,024 bytes. */
export function formatKilobytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} kB`;
}

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** What the search page says before it downloads costly chunks (`costly` not empty). */
export function costlySearchMessage(costly: readonly CostlyTerm[], pagesInIndex: number): string {
  const count = (pages: number) => pages.toLocaleString('en-US');
  const total = count(pagesInIndex);
  const bytes = costlyBytes(costly);
  const reasons = costly.map(({ term, chunk }) =>
    term === chunk.word
      ? `“${term}” is on ${count(chunk.pages)} of ${total} pages`
      : `“${term}” shares its part of the index with “${chunk.word}”, which is on ${count(chunk.pages)} of ${total} pages`,
  );
  const words = andList(costly.map(({ term }) => `“${term}”`));
  return `Searching for ${words} downloads ${formatKilobytes(bytes)} more: ${reasons.join('; ')}. Add a word to narrow the search, or search anyway.`;
}
