/**
 * The ledger of published URLs (`content/permalinks.txt`): every page and feed the
 * site has ever published, one root-relative path a line, without the base path.
 * People link to single quotes, so a URL in the ledger must keep working forever:
 * the build fails when one is neither built nor redirected (`redirects.ts`).
 *
 * Paths are compared in one canonical spelling (`canonicalSitePath`), so that
 * `/tags/café/` in a YAML file and `/tags/caf%C3%A9/` from the build are one URL.
 */

import type { LedgerQuote } from '../content/quote-ledger.ts';
import { listFiles, totalBytes } from './files.ts';

/** Top-level folders of dist/ that hold assets, not published URLs. */
const UNPUBLISHED_FOLDERS = new Set(['_astro', 'og', 'pagefind']);

/** Feed and data files people subscribe to or fetch: their URLs are as lasting as pages. */
export const LEDGER_DATA_FILES: ReadonlySet<string> = new Set(['rss.xml', 'feed.json', 'quotes.json']);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A lone `%` is a literal character, not an escape.
    return segment;
  }
}

/** A root-relative path with each segment percent-encoded exactly once. */
export function canonicalSitePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(decodeSegment(segment)))
    .join('/');
}

/** A path names a file when its last segment is not empty: `/rss.xml` versus `/quotes/`. */
export function isFilePath(path: string): boolean {
  return !path.endsWith('/');
}

/** The dist-relative file a path is served from: `/` → `index.html`, `/a/` → `a/index.html`, `/a/rss.xml` → `a/rss.xml`. */
export function distFileForPath(path: string): string {
  const segments = path.replace(/^\/+/, '').split('/').map(decodeSegment);
  const file = segments.join('/');
  return isFilePath(path) ? file : `${file}index.html`;
}

/** The public paths (without base path) of the pages and feeds among dist-relative files. */
export function pathsFromDist(files: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const raw of files) {
    const file = raw.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    const segments = file.split('/');
    const first = segments[0] ?? '';
    const name = segments[segments.length - 1] ?? '';
    if (segments.length > 1 && UNPUBLISHED_FOLDERS.has(first)) continue;
    if (file === '404.html') continue;
    if (name === 'index.html') {
      paths.add(
        canonicalSitePath(
          `/${segments
            .slice(0, -1)
            .map((s) => `${s}/`)
            .join('')}`,
        ),
      );
    } else if (/\.html?$/i.test(name) || LEDGER_DATA_FILES.has(name)) {
      paths.add(canonicalSitePath(`/${file}`));
    }
  }
  return sortPaths(paths);
}

/** Code-unit order: the same on every machine and locale, so the ledger diffs cleanly. */
export function sortPaths(paths: Iterable<string>): string[] {
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The ledger's paths; blank lines and `#` comments are skipped. Throws on a line that is not a root-relative path. */
export function parseLedger(text: string): string[] {
  const paths = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const path = line.trim();
    if (path === '' || path.startsWith('#')) return;
    if (!path.startsWith('/') || /[\s?#]/.test(path)) {
      throw new Error(`permalinks.txt line ${index + 1}: "${path}" is not a root-relative path such as /quotes/some-id/`);
    }
    paths.add(canonicalSitePath(path));
  });
  return sortPaths(paths);
}

export function formatLedger(paths: Iterable<string>): string {
  const sorted = sortPaths(new Set(paths));
  return sorted.length === 0 ? '' : `${sorted.join('\n')}\n`;
}

/** The ledger with the built paths added; nothing is ever removed. */
export function updateLedger(ledger: readonly string[], built: readonly string[]): { paths: string[]; added: string[] } {
  const known = new Set(ledger.map(canonicalSitePath));
  const added = sortPaths(new Set(built.map(canonicalSitePath).filter((path) => !known.has(path))));
  return { paths: sortPaths([...known, ...added]), added };
}

/** Ledger paths the build no longer produces and no redirect leads away from. */
export function missingFromBuild(ledger: readonly string[], built: readonly string[], redirects: readonly { from: string }[]): string[] {
  const covered = new Set([...built, ...redirects.map((redirect) => redirect.from)].map(canonicalSitePath));
  return sortPaths(new Set(ledger.map(canonicalSitePath).filter((path) => !covered.has(path))));
}

/**
 * Limits of the hosts QTD deploys to, checked after every build:
 * Cloudflare Pages (free plan) serves at most 20,000 files and 2,000 static redirects;
 * GitHub Pages publishes at most 1 GB.
 */
export const HOST_LIMITS = {
  cloudflarePagesFiles: 20_000,
  cloudflarePagesRedirects: 2_000,
  githubPagesBytes: 1_000_000_000,
} as const;

/** Past this share of a limit, the build warns while there is still time to act. */
export const HOST_LIMIT_WARNING_SHARE = 0.8;

export interface DistStats {
  files: number;
  bytes: number;
  redirects: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Logs the size of the finished site and warns before it outgrows a host's limits. Kept in
 * this light module: scripts/build.ts calls it once Astro has exited, beside Pagefind at its
 * largest, and importing the permalinks integration would load the whole content pipeline.
 */
export async function reportDistSize(
  distDir: string,
  redirects: number,
  logger: { info(message: string): void; warn(message: string): void },
): Promise<void> {
  const files = listFiles(distDir);
  const stats = { files: files.length, bytes: totalBytes(distDir, files), redirects };
  logger.info(`dist/: ${plural(stats.files, 'file')}, ${formatBytes(stats.bytes)}`);
  for (const warning of hostLimitWarnings(stats)) logger.warn(warning);
}

/** One warning per host limit the build is near or past. */
export function hostLimitWarnings(stats: DistStats, limits: typeof HOST_LIMITS = HOST_LIMITS): string[] {
  const checks = [
    { value: stats.files, limit: limits.cloudflarePagesFiles, what: 'files', host: 'Cloudflare Pages (free plan)', show: String },
    { value: stats.redirects, limit: limits.cloudflarePagesRedirects, what: 'redirects', host: 'Cloudflare Pages', show: String },
    { value: stats.bytes, limit: limits.githubPagesBytes, what: 'bytes', host: 'GitHub Pages', show: formatBytes },
  ];
  const warnings: string[] = [];
  for (const { value, limit, what, host, show } of checks) {
    if (value < limit * HOST_LIMIT_WARNING_SHARE) continue;
    const share = Math.round((value / limit) * 100);
    const amount = what === 'bytes' ? show(value) : `${show(value)} ${what}`;
    const cap = what === 'bytes' ? show(limit) : `${show(limit)} ${what}`;
    warnings.push(
      value > limit
        ? `dist/ is over the ${host} limit: ${amount}, the limit is ${cap}`
        : `dist/ is at ${share}% of the ${host} limit: ${amount} of ${cap}`,
    );
  }
  return warnings;
}

/**
 * The record a finished build leaves in its output (`BUILD_RECORD_FILE`), for
 * `npm run permalinks`: whether the build showed scheduled quotes as drafts (then its
 * pages are not what the site publishes), the day it took as today, and the words of
 * each quote it published, as the ledger of published words records them
 * (src/content/quote-ledger.ts). It is written last, once every check passed, so that a
 * build that failed, or a folder no build wrote, has none. It holds nothing that the
 * pages do not publish, and depends on the content only, so two builds of the same
 * archive write the same bytes.
 */
export interface BuildRecord {
  kind: typeof BUILD_RECORD_KIND;
  version: typeof BUILD_RECORD_VERSION;
  /** The day the build took as today (`BUILD_DATE`, or the day in the site's zone). */
  today: string;
  /** Scheduled quotes were built as drafts (`SHOW_SCHEDULED`, or the dev server's settings). */
  drafts: boolean;
  /** Every published quote (not scheduled, not withdrawn), by id. */
  quotes: RecordedQuote[];
}

export interface RecordedQuote {
  id: string;
  /** The words as first published: the first `from` of its corrections, or its text. */
  text: string;
  article?: string;
  /** The digest of its article's visible text in this build. */
  articleText?: string;
}

/** A dist-relative path under a root folder starting with `_`, which no page or redirect may take. */
export const BUILD_RECORD_FILE = '_qtd/build.json';
const BUILD_RECORD_KIND = 'qtd build record';
const BUILD_RECORD_VERSION = 1;

export function formatBuildRecord(record: Omit<BuildRecord, 'kind' | 'version'>): string {
  const quotes = [...record.quotes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return `${JSON.stringify({ kind: BUILD_RECORD_KIND, version: BUILD_RECORD_VERSION, today: record.today, drafts: record.drafts, quotes }, null, 1)}\n`;
}

/** The record, or why it cannot be read (no build of this version wrote it). */
export function parseBuildRecord(text: string): BuildRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  const record = value as Partial<BuildRecord> | null;
  if (!record || record.kind !== BUILD_RECORD_KIND) return 'it is not a build record';
  if (record.version !== BUILD_RECORD_VERSION)
    return `it is version ${String(record.version)}, this command reads version ${BUILD_RECORD_VERSION}`;
  const quotesValid =
    Array.isArray(record.quotes) &&
    record.quotes.every(
      (quote: Partial<RecordedQuote>) =>
        typeof quote.id === 'string' &&
        typeof quote.text === 'string' &&
        (quote.article === undefined || typeof quote.article === 'string') &&
        (quote.articleText === undefined || typeof quote.articleText === 'string'),
    );
  if (typeof record.today !== 'string' || typeof record.drafts !== 'boolean' || !quotesValid)
    return 'its fields are not those of a build record';
  return record as BuildRecord;
}

/**
 * Why a build's output must not be recorded as published, or undefined when it may: a
 * build that showed scheduled quotes as drafts, or that took a day after `realToday` as
 * today, has pages the next build does not publish.
 */
export function unpublishableBuild(record: BuildRecord, realToday: string): string | undefined {
  if (record.drafts) {
    return 'it shows scheduled quotes as drafts (built with SHOW_SCHEDULED=1, or with the dev server’s settings): its pages are not all published';
  }
  if (record.today > realToday) {
    return `it took ${record.today} as today (BUILD_DATE), after today (${realToday}): it publishes quotes that are still scheduled`;
  }
  return undefined;
}

export interface QuoteTextsUpdate {
  quotes: Map<string, LedgerQuote>;
  /** Quotes recorded for the first time. */
  added: string[];
  /** Quotes whose article's text (or article) is recorded anew. */
  refreshed: string[];
  /** Quotes whose words as first published differ between the ledger and the build (the ledger changed since the build). */
  conflicts: string[];
}

/**
 * The ledger of published words with a build's quotes added: a new quote with its words
 * as first published; a known one keeps its words, and takes the article text the build
 * verified it against. Nothing is removed: a withdrawn or deleted quote keeps its entry.
 */
export function updateQuoteTexts(ledger: ReadonlyMap<string, LedgerQuote>, built: readonly RecordedQuote[]): QuoteTextsUpdate {
  const quotes = new Map(ledger);
  const added: string[] = [];
  const refreshed: string[] = [];
  const conflicts: string[] = [];
  for (const quote of built) {
    const known = quotes.get(quote.id);
    const fresh: LedgerQuote = { text: quote.text, article: quote.article, articleText: quote.articleText };
    if (!known) {
      quotes.set(quote.id, fresh);
      added.push(quote.id);
    } else if (known.text !== quote.text) {
      conflicts.push(quote.id);
    } else if (known.article !== quote.article || known.articleText !== quote.articleText) {
      quotes.set(quote.id, fresh);
      refreshed.push(quote.id);
    }
  }
  return { quotes, added: added.sort(), refreshed: refreshed.sort(), conflicts: conflicts.sort() };
}

/** A URL of the URL ledger that the build does not produce, and what to tell about it. */
export type MissingUrl =
  | { path: string; kind: 'scheduled'; reason: string }
  | { path: string; kind: 'deleted-quote'; id: string }
  | { path: string; kind: 'gone' };

export interface ContentNow {
  /** The day of every quote of the content, by id. */
  quoteDays: ReadonlyMap<string, string>;
  today: string;
}

/**
 * Sorts the missing URLs by what happened: a page of a quote still scheduled, or of a
 * month or year only scheduled quotes fill (it was recorded from a build that showed
 * drafts: it was never published); the page of a quote whose file is gone (withdraw the
 * quote instead); anything else (restore it or redirect it).
 */
export function classifyMissing(missing: readonly string[], now: ContentNow): MissingUrl[] {
  const scheduled = [...now.quoteDays].filter(([, day]) => day > now.today);
  return missing.map((path): MissingUrl => {
    const quotePage = /^\/quotes\/([^/]+)\/$/.exec(path)?.[1];
    const period = /^\/quotes\/(\d{4})\/(?:(\d{2})\/)?$/.exec(path);
    if (period) {
      const prefix = period[2] ? `${period[1]}-${period[2]}` : (period[1] as string);
      const first = scheduled.find(([, day]) => day.startsWith(prefix));
      if (first)
        return {
          path,
          kind: 'scheduled',
          reason: `the archive of ${prefix}, where only quotes still scheduled fall (${first[0]}, ${first[1]})`,
        };
    } else if (quotePage !== undefined) {
      const id = decodeSegment(quotePage);
      const day = now.quoteDays.get(id);
      if (day === undefined) return { path, kind: 'deleted-quote', id };
      if (day > now.today) return { path, kind: 'scheduled', reason: `the page of a quote scheduled for ${day}` };
    } else if (/^\/quotes\/page\/\d+\/$/.test(path) && scheduled.length > 0) {
      return { path, kind: 'scheduled', reason: 'a list page that exists only with the scheduled quotes listed' };
    }
    return { path, kind: 'gone' };
  });
}
