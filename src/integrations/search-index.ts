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
export const searchBundleFolder = 'pagefind';

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

/** Indexes the built site in `siteDir` and writes the bundle into it; returns the pages indexed. */
export async function writeSearchIndex(siteDir: string): Promise<number> {
  const bundleDir = join(siteDir, searchBundleFolder);
  // A rebuild into the same folder must not index the previous bundle's files.
  await rm(bundleDir, { recursive: true, force: true });
  try {
    // Every page's <html lang> is the site's; one language means one index to download.
    const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: siteConfig.lang });
    if (!index) throw new Error(`Pagefind could not start: ${createErrors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not read the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  await Promise.all(unusedBundleFiles.map((file) => rm(join(bundleDir, file), { force: true })));
  const pages = indexedPageCount(await readFile(join(bundleDir, 'pagefind-entry.json'), 'utf8'));
  if (pages === 0) {
    throw new Error('Pagefind indexed no page: quote, article and person pages must carry data-pagefind-body');
  }
  return pages;
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'qtd:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const pages = await writeSearchIndex(fileURLToPath(dir));
        logger.info(`search index: ${pages} pages indexed (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
