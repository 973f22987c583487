/**
 * Builds the full-text search index once Astro has written the site. Pagefind
 * reads only the pages marked `data-pagefind-body` (quotes, articles, people) and
 * writes its index and client into `<outDir>/pagefind/`, which the site serves at
 * `<base>pagefind/`. The search page loads it from there.
 */
import type { AstroIntegration } from 'astro';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { siteConfig } from '../site.config.ts';

/** The folder of the output (and path under the base) that holds Pagefind's files. */
const searchBundleFolder = 'pagefind';

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
    throw new Error(`Pagefind indexed all ${pagesRead} pages: no page carries data-pagefind-body, so lists and the home page would be searched too`);
  }
}

export interface SearchIndexResult {
  /** HTML files Pagefind read. */
  pagesRead: number;
  /** Pages in the index: those marked `data-pagefind-body`. */
  pagesIndexed: number;
}

/** Indexes the built site in `siteDir` and writes the bundle into `<siteDir>/pagefind/`. */
export async function writeSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  const bundleDir = join(siteDir, searchBundleFolder);
  // A rebuild into the same folder must not index the previous bundle's files.
  await rm(bundleDir, { recursive: true, force: true });
  let pagesRead = 0;
  try {
    // Every page's <html lang> is the site's; one language means one index to download.
    const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: siteConfig.lang });
    if (!index) throw new Error(`Pagefind could not start: ${createErrors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not read the site: ${added.errors.join('; ')}`);
    pagesRead = added.page_count;
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  await Promise.all(unusedBundleFiles.map((file) => rm(join(bundleDir, file), { force: true })));
  const pagesIndexed = indexedPageCount(await readFile(join(bundleDir, 'pagefind-entry.json'), 'utf8'));
  checkIndexedPages(pagesRead, pagesIndexed);
  return { pagesRead, pagesIndexed };
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'qtd:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { pagesRead, pagesIndexed } = await writeSearchIndex(fileURLToPath(dir));
        const ms = Math.round(performance.now() - started);
        logger.info(`search index: ${pagesIndexed} pages indexed of ${pagesRead} read (${ms} ms)`);
      },
    },
  };
}
