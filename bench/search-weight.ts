/**
 * What one search downloads: the built `/search/?q=…` page is opened in the
 * project's headless Chromium with an empty cache, and every response under
 * `<base>pagefind/` is summed once the first page of results is shown. That is
 * exactly what Pagefind's client fetched: its script and worker, the WebAssembly,
 * the entry and metadata files, the index chunks of the query's words and the
 * fragments of the results on screen. The search page itself (HTML, CSS, our
 * script) is page weight, not counted here.
 *
 * A query that the search page asks about first (one made only of the commonest words,
 * "the" or "of": `onlyCommonWords` in src/browser/search-query.ts) is measured twice: what
 * the page downloaded by itself before asking, then everything once "Search anyway" is
 * pressed and the results are shown.
 *
 * "As served" is the bytes of the files (the test server compresses nothing);
 * "gzip" is what a host that gzips text sends: the scripts and JSON gzipped
 * (level 9), Pagefind's binary files as they are (already gzip inside).
 *
 *   node bench/search-weight.ts <dist> [--base /qtd/] [query …]
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { closeBrowser, launchBrowser } from '../tests/support/browser.ts';
import { serveStatic } from '../tests/support/static-server.ts';

/**
 * Words every corpus has: a rare-ish abstract noun, a common noun, the commonest word, and a
 * common noun after it (the search page leaves "the" out of that one: src/browser/search-query.ts);
 * then "ocean", which no generated text holds, and "of". Pagefind looks a word up in the index
 * chunk whose range holds it: in Pagefind's own index of the 10,000-quote corpus, "ocean" falls
 * in the chunk that ends with "of" (123 kB), which src/build/search/split-chunks.ts splits off.
 */
export const SEARCH_WEIGHT_QUERIES = ['freedom', 'river', 'the', 'the river', 'ocean', 'of'] as const;

export type SearchFileKind = 'client' | 'wasm' | 'entry' | 'meta' | 'index' | 'filter' | 'fragment' | 'other';

export interface SearchFile {
  /** Path under the bundle folder, e.g. `index/en_3f2a.pf_index`. */
  path: string;
  kind: SearchFileKind;
  served: number;
  gzip: number;
}

export interface SearchDownload {
  query: string;
  /** Results the page announced. */
  results: number;
  files: SearchFile[];
  served: number;
  gzip: number;
  /** Bytes as served by kind of file. */
  servedByKind: Record<SearchFileKind, number>;
  /** For a query the page asked about first: what it had downloaded when it asked. */
  beforeAsking?: { served: number; gzip: number };
}

/** What a Pagefind bundle file is, from its name. */
export function searchFileKind(path: string): SearchFileKind {
  const name = path.split('/').pop() ?? path;
  if (name.endsWith('.js')) return 'client';
  if (/^wasm\..*\.pagefind$/.test(name)) return 'wasm';
  if (name === 'pagefind-entry.json') return 'entry';
  if (name.endsWith('.pf_meta')) return 'meta';
  if (name.endsWith('.pf_index')) return 'index';
  if (name.endsWith('.pf_filter')) return 'filter';
  if (name.endsWith('.pf_fragment')) return 'fragment';
  return 'other';
}

/** Bytes a gzipping host sends for a file: text compressed, Pagefind's pre-compressed files unchanged. */
export function hostGzipBytes(path: string, content: Uint8Array): number {
  const text = ['.js', '.mjs', '.json', '.css', '.html'].includes(extname(path).toLowerCase());
  return text ? Math.min(content.length, gzipSync(content, { level: 9 }).length) : content.length;
}

/** The file behind a requested URL, if it is part of the bundle under `bundlePrefix` (e.g. `/qtd/pagefind/`). */
export function bundlePath(url: string, bundlePrefix: string): string | undefined {
  const path = decodeURIComponent(new URL(url).pathname);
  return path.startsWith(bundlePrefix) ? path.slice(bundlePrefix.length) : undefined;
}

/** Sums a list of downloaded files; each file counts once, as a cache would have it. */
export function summariseDownload(
  query: string,
  results: number,
  files: readonly SearchFile[],
  filesBeforeAsking?: readonly SearchFile[],
): SearchDownload {
  const uniqueFiles = (list: readonly SearchFile[]) =>
    [...new Map(list.map((file) => [file.path, file])).values()].sort((a, b) => a.path.localeCompare(b.path));
  const unique = uniqueFiles(files);
  const servedByKind: Record<SearchFileKind, number> = {
    client: 0,
    wasm: 0,
    entry: 0,
    meta: 0,
    index: 0,
    filter: 0,
    fragment: 0,
    other: 0,
  };
  for (const file of unique) servedByKind[file.kind] += file.served;
  const sum = (list: readonly SearchFile[], key: 'served' | 'gzip') => list.reduce((total, file) => total + file[key], 0);
  const before = filesBeforeAsking && uniqueFiles(filesBeforeAsking);
  return {
    query,
    results,
    files: unique,
    served: sum(unique, 'served'),
    gzip: sum(unique, 'gzip'),
    servedByKind,
    ...(before ? { beforeAsking: { served: sum(before, 'served'), gzip: sum(before, 'gzip') } } : {}),
  };
}

/** Reads the announced count from the status line ("12 results for …", "No results for …"). */
export function announcedResults(status: string): number | undefined {
  if (/^No results/.test(status)) return 0;
  const count = /^([\d,]+) results? for/.exec(status)?.[1];
  return count === undefined ? undefined : Number(count.replaceAll(',', ''));
}

/** The download of one first search (empty cache) for each query, on the site built in `distDir`. */
export async function measureSearchDownloads(
  distDir: string,
  queries: readonly string[] = SEARCH_WEIGHT_QUERIES,
  basePath = '/',
): Promise<SearchDownload[]> {
  const bundleDir = join(distDir, 'pagefind');
  if (!existsSync(join(bundleDir, 'pagefind.js'))) throw new Error(`no Pagefind bundle in ${bundleDir}`);
  const server = await serveStatic(distDir, { basePath });
  const browser = await launchBrowser();
  const bundlePrefix = `${new URL(server.url).pathname}pagefind/`;
  const downloads: SearchDownload[] = [];
  try {
    for (const query of queries) {
      // A fresh context per query: an empty cache, as on a first search.
      const context = await browser.newContext();
      try {
        const files: SearchFile[] = [];
        const pending = new Set<Promise<void>>();
        context.on('requestfinished', (request) => {
          const path = bundlePath(request.url(), bundlePrefix);
          if (path === undefined) return;
          // Read the file the server sent; workers' responses carry no body for Playwright to give back.
          const file = join(bundleDir, path);
          const task = Promise.resolve().then(() => {
            const content = readFileSync(file);
            files.push({ path, kind: searchFileKind(path), served: content.length, gzip: hostGzipBytes(path, content) });
          });
          pending.add(task);
          void task.finally(() => pending.delete(task));
        });
        const page = await context.newPage();
        await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
        const status = page.locator('[data-search-status]');
        // Results, or the question the page asks before searching only common words.
        await page.waitForFunction(
          () =>
            /results? for/.test(document.querySelector('[data-search-status]')?.textContent ?? '') ||
            document.querySelector('[data-search-ask]')?.hasAttribute('hidden') === false,
          undefined,
          { timeout: 60_000 },
        );
        // The status is written after the first page of results has its fragments; let late responses land.
        const settle = async () => {
          await page.waitForTimeout(500);
          await Promise.all(pending);
        };
        await settle();
        let filesBeforeAsking: SearchFile[] | undefined;
        if (await page.locator('[data-search-anyway]').isVisible()) {
          filesBeforeAsking = [...files];
          await page.locator('[data-search-anyway]').click();
          await status.filter({ hasText: /results? for/ }).waitFor({ timeout: 60_000 });
          await settle();
        }
        const results = announcedResults((await status.textContent()) ?? '') ?? -1;
        downloads.push(summariseDownload(query, results, files, filesBeforeAsking));
      } finally {
        await context.close();
      }
    }
  } finally {
    await closeBrowser();
    await server.close();
  }
  return downloads;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

export function formatSearchWeightTable(rows: readonly SearchDownload[]): string {
  const lines = [
    '| query | asked first: kB before (gzip) | results | files | client JS + wasm kB | entry + meta kB | index chunks kB | fragments kB | as served kB | gzip kB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const k = row.servedByKind;
    const asked = row.beforeAsking ? `**${kb(row.beforeAsking.served)}** (${kb(row.beforeAsking.gzip)})` : 'no';
    lines.push(
      `| ${row.query} | ${asked} | ${row.results} | ${row.files.length} | ${kb(k.client + k.wasm)} | ${kb(k.entry + k.meta)} | ${kb(k.index + k.filter)} | ${kb(k.fragment + k.other)} | **${kb(row.served)}** | **${kb(row.gzip)}** |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const baseIndex = args.indexOf('--base');
  const basePath = baseIndex >= 0 ? (args[baseIndex + 1] ?? '/') : '/';
  const rest = baseIndex >= 0 ? args.filter((_, index) => index !== baseIndex && index !== baseIndex + 1) : args;
  const [distDir = 'dist', ...queries] = rest;
  const rows = await measureSearchDownloads(resolve(distDir), queries.length > 0 ? queries : SEARCH_WEIGHT_QUERIES, basePath);
  process.stdout.write(`${formatSearchWeightTable(rows)}\n`);
}
