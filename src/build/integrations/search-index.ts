/**
 * Builds the full-text search index once Astro has written the site. Pagefind
 * reads only the pages marked `data-pagefind-body` (quotes, articles, people) and
 * writes its index and client into `<outDir>/pagefind/`, which the site serves at
 * `<base>pagefind/`. The search page loads it from there.
 *
 * Pagefind re-indexes everything on each run, so its output is cached by a hash of
 * every page it reads, its version, our options and this code
 * (`src/build/search/bundle-cache.ts`): a build whose pages did not change places the
 * previous bundle instead.
 *
 * Under `npm run build` the index is written by scripts/build.ts once Astro has
 * exited (src/build/after-astro.ts): Pagefind and Astro together need more than 2 GB
 * at 10,000 quotes, each alone less.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { siteConfig } from '../../site.config.ts';
import { afterAstroFile, handOver } from '../after-astro.ts';
import {
  bundleKey,
  codeDigest,
  digestFiles,
  findBundle,
  hasBundles,
  placeTree,
  storeBundle,
  type IndexIdentity,
} from '../search/bundle-cache.ts';
import { listFiles } from '../files.ts';
import { splitBundleChunks, type SplitResult } from '../search/split-chunks.ts';
import { installedVersion, notEngaged, RELIANCES, warnVersionDrift } from '../internals.ts';

/** The folder of the output (and path under the base) that holds Pagefind's files. */
const searchBundleFolder = 'pagefind';

/** The file every complete bundle has; it also says how many pages are in the index. */
const entryFile = 'pagefind-entry.json';

// Pagefind always writes its ready-made interfaces too; our page builds its results
// with the JS API (`pagefind.js`), so these would only be dead weight on the host.
const unusedBundleFiles = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/**
 * Parts of an indexed page that are the same boilerplate on every quote page
 * (src/components/CiteAndShare.astro): the share links (E-mail,
 * Bluesky, Mastodon …) and the three citations, which only repeat the source line.
 * Indexed, every quote matched "Mastodon" or "Chicago", and their words were a
 * quarter of a quote page's: at 10,000 quotes leaving them out makes the chunk of
 * "the" 329 → 278 kB and a result's fragment a quarter smaller.
 */
export const boilerplateSelectors = ['.share', '.citations'];

/**
 * The "In context" passage of a quote page (src/components/QuoteDetail.astro) is the
 * article's own paragraph around the quote, and the article page is indexed whole.
 * Indexed twice, a word near a quote found the article and also the quote page, whose
 * quote does not say it; left out, a quote page matches on what is its own (the quote,
 * the speaker, the source line, the commentary). It was a third of a quote page's
 * words: at 10,000 quotes the indexer's peak memory drops 1.70 → 1.53 GB and the chunk
 * of "the" 285 → 235 kB.
 */
export const articleTextSelectors = ['.in-context'];

/**
 * Every option that shapes the bundle, in one object: the cache key hashes it.
 * Every page's <html lang> is the site's; one language means one index to download.
 */
const indexOptions = {
  pagefind: { forceLanguage: siteConfig.lang, excludeSelectors: [...boilerplateSelectors, ...articleTextSelectors] },
  unusedBundleFiles,
  // src/build/search/split-chunks.ts: a common word's chunk is split from the words beside
  // it when they weigh at least this many bytes (a smaller rest is not worth a request).
  splitChunksMinRest: 4096,
} as const;

/** The code that drives Pagefind: editing it invalidates cached bundles. */
export const CODE_FILES = [
  new URL(import.meta.url),
  new URL('../search/bundle-cache.ts', import.meta.url),
  new URL('../search/split-chunks.ts', import.meta.url),
];

/**
 * The number of pages in a written index, read from its `pagefind-entry.json`.
 * `addDirectory` counts every HTML file it read, including the pages it then left
 * out for lacking `data-pagefind-body`; the entry file counts what was kept.
 */
export function indexedPageCount(entryJson: string): number {
  const entry: unknown = JSON.parse(entryJson);
  const languages = typeof entry === 'object' && entry !== null && 'languages' in entry ? entry.languages : undefined;
  if (typeof languages !== 'object' || languages === null) {
    throw new Error('pagefind-entry.json has no "languages" object');
  }
  let pages = 0;
  for (const language of Object.values(languages)) {
    const count: unknown = typeof language === 'object' && language !== null && 'page_count' in language ? language.page_count : undefined;
    if (typeof count !== 'number') throw new Error('pagefind-entry.json has a language without a numeric "page_count"');
    pages += count;
  }
  return pages;
}

/**
 * Pagefind indexes every page when no page carries `data-pagefind-body`: the home
 * page, lists and the search page would then crowd out quotes and articles. Our site
 * always has pages without it, so indexing all the pages read means it went missing.
 */
export function checkIndexedPages(pagesRead: number, pagesIndexed: number): void {
  if (pagesIndexed === 0) {
    throw new Error('Pagefind indexed no page: quote, article and person pages must carry data-pagefind-body');
  }
  if (pagesIndexed >= pagesRead) {
    throw new Error(
      `Pagefind indexed all ${pagesRead} pages: no page carries data-pagefind-body, so lists and the home page would be searched too`,
    );
  }
}

export interface SearchIndexResult {
  /** HTML files Pagefind read (or, from the cache, would have read). */
  pagesRead: number;
  /** Pages in the index: those marked `data-pagefind-body`. */
  pagesIndexed: number;
  /** True when the bundle was taken from the cache instead of being indexed. */
  cached: boolean;
  /** What splitting the common words' chunks did, when the bundle was indexed now. */
  split?: SplitResult;
}

/** Pagefind's version, from the package the integration imports (src/build/internals.ts finds it). */
export function pagefindVersion(): string {
  const version = installedVersion('pagefind');
  if (version === undefined) throw new Error('cannot find the version of the installed pagefind package');
  return version;
}

/** What besides the pages decides the bundle. */
export function indexIdentity(): IndexIdentity {
  return { pagefindVersion: pagefindVersion(), options: indexOptions, code: codeDigest(CODE_FILES.map((file) => readFileSync(file))) };
}

/** The HTML files Pagefind reads: all of them, as `addDirectory`'s default glob (`**∕*.html`) finds them. */
export function htmlFiles(siteDir: string): string[] {
  return listFiles(siteDir).filter((path) => path.endsWith('.html'));
}

async function finishBundle(bundleDir: string, pagesRead: number): Promise<number> {
  const pagesIndexed = indexedPageCount(await readFile(join(bundleDir, entryFile), 'utf8'));
  checkIndexedPages(pagesRead, pagesIndexed);
  return pagesIndexed;
}

/**
 * Indexes the built site in `siteDir` into `<siteDir>/pagefind/`, and runs `whileWriting`
 * once Pagefind has read the pages and writes its index: it does that on one core, so
 * the other is free for the caller's work.
 */
async function indexWhile<T>(siteDir: string, whileWriting: () => T): Promise<{ result: SearchIndexResult; value: T }> {
  const bundleDir = join(siteDir, searchBundleFolder);
  let pagesRead: number;
  let value: T;
  try {
    const { index, errors: createErrors } = await pagefind.createIndex({
      ...indexOptions.pagefind,
      excludeSelectors: [...indexOptions.pagefind.excludeSelectors],
    });
    if (!index) throw new Error(`Pagefind could not start: ${createErrors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not read the site: ${added.errors.join('; ')}`);
    pagesRead = added.page_count;
    // The request goes out before `whileWriting` holds this thread.
    const writing = index.writeFiles({ outputPath: bundleDir });
    try {
      value = whileWriting();
    } catch (error) {
      await writing.catch(() => {});
      throw error;
    }
    const written = await writing;
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  await Promise.all(indexOptions.unusedBundleFiles.map((file) => rm(join(bundleDir, file), { force: true })));
  const split = await splitBundleChunks(bundleDir, indexOptions.splitChunksMinRest);
  return { result: { pagesRead, pagesIndexed: await finishBundle(bundleDir, pagesRead), cached: false, split }, value };
}

/** Indexes the built site in `siteDir` and writes the bundle into `<siteDir>/pagefind/`. */
export async function writeSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  // A rebuild into the same folder must not index the previous bundle's files.
  await rm(join(siteDir, searchBundleFolder), { recursive: true, force: true });
  return (await indexWhile(siteDir, () => undefined)).result;
}

export interface CachedSearchIndexOptions {
  /** The folder of the search cache, e.g. `<Astro cacheDir>/qtd-search/`. */
  cacheDir: string;
  /** Told when the bundle could not be stored; the build goes on without a cache. */
  onWarning?: (message: string) => void;
  /** For tests: what decides the bundle besides the pages (default: `indexIdentity()`). */
  identity?: IndexIdentity;
}

/**
 * `writeSearchIndex`, unless every input is byte-identical to a cached bundle's:
 * then that bundle is placed into `<siteDir>/pagefind/` (hard links, else copies).
 */
export async function writeSearchIndexCached(siteDir: string, opts: CachedSearchIndexOptions): Promise<SearchIndexResult> {
  const bundleDir = join(siteDir, searchBundleFolder);
  await rm(bundleDir, { recursive: true, force: true });
  const identity = opts.identity ?? indexIdentity();
  const keyOf = (pages: string[]): string => bundleKey(identity, digestFiles(siteDir, pages));
  let key: string;
  let result: SearchIndexResult;
  if (!(await hasBundles(opts.cacheDir))) {
    // Nothing cached (a first build, a cleared cache): there is no bundle to look for, so
    // Pagefind starts at once and the pages are hashed for the cache while it writes its
    // index (1.3 s at 10,000 quotes, on the core Pagefind leaves idle then).
    ({ result, value: key } = await indexWhile(siteDir, () => keyOf(htmlFiles(siteDir))));
  } else {
    const pages = htmlFiles(siteDir);
    key = keyOf(pages);
    const cached = await findBundle(opts.cacheDir, key, entryFile);
    if (cached) {
      try {
        placeTree(cached, bundleDir);
        return { pagesRead: pages.length, pagesIndexed: await finishBundle(bundleDir, pages.length), cached: true };
      } catch (error) {
        // Damaged, or replaced by another build on the same cache just now: index instead, and
        // drop the entry so that this build's bundle takes its place.
        (opts.onWarning ?? console.warn)(
          `search index: the cached bundle could not be used (${error instanceof Error ? error.message : String(error)})`,
        );
        await rm(cached, { recursive: true, force: true });
      }
    }
    result = await writeSearchIndex(siteDir);
  }
  try {
    await storeBundle(opts.cacheDir, key, bundleDir);
  } catch (error) {
    // The cache only saves time: a read-only or full disk must not fail the build.
    (opts.onWarning ?? console.warn)(`search index: not cached (${error instanceof Error ? error.message : String(error)})`);
  }
  return result;
}

/**
 * Indexes the built site (or places the cached bundle) and logs the result: from the
 * build's last hook, or from scripts/build.ts once Astro has exited.
 */
export async function indexSite(
  siteDir: string,
  cacheDir: string,
  logger: { info(message: string): void; warn(message: string): void },
): Promise<void> {
  warnVersionDrift(logger, RELIANCES.pagefindFormat.packages);
  const started = performance.now();
  const result = await writeSearchIndexCached(siteDir, { cacheDir, onWarning: (message) => logger.warn(message) });
  logger.info(searchIndexLogLine(result, Math.round(performance.now() - started)));
  const unread = formatNotRead(result);
  if (unread) logger.warn(notEngaged(RELIANCES.pagefindFormat, unread));
}

/**
 * Why our post-processing could not read the bundle Pagefind wrote in this build, or
 * undefined when it could (or when the bundle came from the cache, read when it was made).
 */
export function formatNotRead(result: SearchIndexResult): string | undefined {
  return result.split?.skipped !== undefined ? `chunks not split: ${result.split.skipped}` : undefined;
}

/** The build log line, in the shape bench/run.ts reads: the label "search index", the duration in parentheses. */
export function searchIndexLogLine(result: SearchIndexResult, ms: number): string {
  if (result.cached) return `search index: cached, ${result.pagesIndexed} pages unchanged since the last build (${ms} ms)`;
  const split = result.split;
  const splitNote =
    split === undefined
      ? ''
      : split.skipped !== undefined
        ? `; chunks not split: ${split.skipped}`
        : split.chunksSplit > 0
          ? `; ${split.chunksSplit} chunks split to give common words their own, ${split.chunksBefore} → ${split.chunksAfter} chunks`
          : '';
  return `search index: ${result.pagesIndexed} pages indexed of ${result.pagesRead} read${splitNote} (${ms} ms)`;
}

export default function searchIndex(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'qtd:search-index',
    hooks: {
      'astro:config:setup': ({ config }) => {
        cacheDir = fileURLToPath(new URL('qtd-search/', config.cacheDir));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const handOff = afterAstroFile();
        if (handOff) {
          handOver(handOff, { search: { siteDir: fileURLToPath(dir), cacheDir } });
          logger.info('search index: written after Astro exits, when its memory is free (npm run build)');
          return;
        }
        await indexSite(fileURLToPath(dir), cacheDir, logger);
      },
    },
  };
}
