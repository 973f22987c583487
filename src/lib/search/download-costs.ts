/**
 * Writes into a Pagefind bundle what one search of it costs, so that the search page
 * can ask before a search downloads more than the site allows
 * (src/lib/search/costly-terms.ts reads the file).
 *
 * Every search downloads the same files first: Pagefind's client, its WebAssembly,
 * the entry, the metadata (a list of every page) and our file (every chunk's range, as
 * the page needs them to know which chunk a word loads). Then, for each word,
 * one index chunk, and the fragments of the results on screen. A chunk is costly when
 * those fixed files, the largest fragments a first page of results can show, and the
 * chunk together pass the budget: a one-word search that touches no costly chunk stays
 * within the budget whatever its results.
 *
 * Plain Node (no Vite imports): usable from the integration, a script or a test.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DOWNLOAD_COSTS_FILE, type CostlyChunk, type DownloadCosts, type DownloadCostsFile,
} from './costly-terms.ts';
import { SPLIT_FORMAT_VERSION, readChunkWords, readMeta, unpackPagefindFile, wordPageCount } from './split-chunks.ts';

export interface DownloadCostOptions {
  /** Bytes one search may download. */
  budget: number;
  /** Results the search page shows at first: each loads its page's fragment. */
  resultsShown: number;
  /**
   * The least a chunk must weigh to be called costly, as a share of the budget (default
   * a quarter). Once the archive is so large that the fixed files alone approach the
   * budget, only chunks heavier than this ask; otherwise every word would.
   */
  leastCostlyShare?: number;
}

export interface DownloadCostsResult {
  /** Why no file was written, when none was. */
  skipped?: string;
  file?: DownloadCostsFile;
}

const LEAST_COSTLY_SHARE = 1 / 4;

async function sizeOf(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** The sum of the `count` largest of `sizes`. */
function largest(sizes: readonly number[], count: number): number {
  return [...sizes].sort((a, b) => b - a).slice(0, count).reduce((sum, size) => sum + size, 0);
}

async function languageCosts(bundleDir: string, language: string, metaHash: string, shared: number, fragmentSizes: Map<string, number[]>, options: DownloadCostOptions, ownBytes: number): Promise<DownloadCosts> {
  const metaPath = join(bundleDir, `pagefind.${metaHash}.pf_meta`);
  const meta = readMeta(unpackPagefindFile(await readFile(metaPath), metaPath), metaPath);
  const wasm = join(bundleDir, `wasm.${language}.pagefind`);
  const wasmBytes = await sizeOf(wasm).catch(() => sizeOf(join(bundleDir, 'wasm.unknown.pagefind')));
  const fixed = shared + wasmBytes + (await sizeOf(metaPath)) + ownBytes;
  const prefix = metaHash.slice(0, metaHash.lastIndexOf('_'));
  const fragments = largest(fragmentSizes.get(prefix) ?? [], options.resultsShown);
  const threshold = Math.max(options.budget - fixed - fragments, options.budget * (options.leastCostlyShare ?? LEAST_COSTLY_SHARE));
  const costly: CostlyChunk[] = [];
  for (const [at, chunk] of meta.chunks.entries()) {
    const path = join(bundleDir, 'index', `${chunk.hash}.pf_index`);
    const bytes = await sizeOf(path);
    if (bytes <= threshold) continue;
    const words = readChunkWords(unpackPagefindFile(await readFile(path), path), path);
    const heaviest = words.reduce((best, word) => (word.bytes.length > best.bytes.length ? word : best));
    costly.push({ at, bytes, word: heaviest.word, pages: wordPageCount(heaviest) });
  }
  const entry = JSON.parse(await readFile(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count?: number }> };
  const pages = entry.languages[language]?.page_count ?? 0;
  return { budget: options.budget, fixed, fragments, pages, ranges: meta.chunks.map((chunk) => [chunk.from, chunk.to] as const), costly };
}

/**
 * Measures the bundle in `bundleDir` and writes `DOWNLOAD_COSTS_FILE` into it. A bundle
 * of a Pagefind version whose format this code does not read gets no file (the search
 * page then never asks), and the result says why.
 */
export async function writeDownloadCosts(bundleDir: string, options: DownloadCostOptions): Promise<DownloadCostsResult> {
  const entryPath = join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryPath, 'utf8')) as { version?: unknown; languages?: Record<string, { hash?: unknown }> };
  if (entry.version !== SPLIT_FORMAT_VERSION) {
    return { skipped: `Pagefind ${String(entry.version)} writes an index format this code does not know (it reads ${SPLIT_FORMAT_VERSION})` };
  }
  // Every search loads the client and the entry; the worker only where the page lets Pagefind use one, and ours does not.
  const shared = (await sizeOf(join(bundleDir, 'pagefind.js'))) + (await sizeOf(entryPath));
  const fragmentSizes = new Map<string, number[]>();
  const fragmentDir = join(bundleDir, 'fragment');
  for (const name of await readdir(fragmentDir).catch(() => [] as string[])) {
    // `<language>_<hash>.pf_fragment`, as Pagefind names them.
    const language = /^(.+)_[0-9a-f]+\.pf_fragment$/.exec(name)?.[1];
    if (language === undefined) continue;
    const sizes = fragmentSizes.get(language) ?? [];
    sizes.push(await sizeOf(join(fragmentDir, name)));
    fragmentSizes.set(language, sizes);
  }
  // The file is itself part of every search: measured, then measured again with its own size in.
  let ownBytes = 0;
  let text = '';
  for (let pass = 0; pass < 3; pass++) {
    const file: DownloadCostsFile = { languages: {} };
    for (const [language, info] of Object.entries(entry.languages ?? {})) {
      if (typeof info.hash !== 'string') throw new Error(`pagefind-entry.json: language ${language} has no metadata hash`);
      file.languages[language] = await languageCosts(bundleDir, language, info.hash, shared, fragmentSizes, options, ownBytes);
    }
    text = JSON.stringify(file);
    const bytes = new TextEncoder().encode(text).length;
    if (bytes === ownBytes) break;
    ownBytes = bytes;
  }
  await writeFile(join(bundleDir, DOWNLOAD_COSTS_FILE), text);
  return { file: JSON.parse(text) as DownloadCostsFile };
}
