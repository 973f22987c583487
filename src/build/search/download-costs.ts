/**
 * Writes into a Pagefind bundle what one search of it costs, so that the search page
 * can ask before a search downloads more than the site allows
 * (src/domain/costly-terms.ts reads the file).
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
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOWNLOAD_COSTS_FILE, type CostlyChunk, type DownloadCostsFile } from '../../domain/costly-terms.ts';
import { heaviestIndex, readChunkWords, readMeta, unknownFormat, unpackPagefindFile, wordPageCount } from './split-chunks.ts';

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

function sizeOf(path: string): number {
  return statSync(path).size;
}

/** The sum of the `count` largest of `sizes`. */
function largest(sizes: readonly number[], count: number): number {
  return [...sizes]
    .sort((a, b) => b - a)
    .slice(0, count)
    .reduce((sum, size) => sum + size, 0);
}

/** What one language's index weighs, read once. */
interface LanguageIndex {
  /** Bytes of its WebAssembly and its metadata. */
  ownFixed: number;
  /** The largest fragments a first page of results can load, together. */
  fragments: number;
  pages: number;
  ranges: [string, string][];
  chunks: { path: string; bytes: number }[];
}

async function readLanguage(
  bundleDir: string,
  language: string,
  metaHash: string,
  pages: number,
  fragmentSizes: ReadonlyMap<string, number[]>,
  resultsShown: number,
): Promise<LanguageIndex> {
  const metaPath = join(bundleDir, `pagefind.${metaHash}.pf_meta`);
  const metaFile = await readFile(metaPath);
  const meta = readMeta(unpackPagefindFile(metaFile, metaPath), metaPath);
  const wasm = join(bundleDir, `wasm.${language}.pagefind`);
  const wasmBytes = sizeOf(existsSync(wasm) ? wasm : join(bundleDir, 'wasm.unknown.pagefind'));
  const chunks = meta.chunks.map((chunk) => {
    const path = join(bundleDir, 'index', `${chunk.hash}.pf_index`);
    return { path, bytes: sizeOf(path) };
  });
  const prefix = metaHash.slice(0, metaHash.lastIndexOf('_'));
  return {
    ownFixed: wasmBytes + metaFile.length,
    fragments: largest(fragmentSizes.get(prefix) ?? [], resultsShown),
    pages,
    ranges: meta.chunks.map((chunk) => [chunk.from, chunk.to]),
    chunks,
  };
}

/** A chunk's heaviest word and how many pages hold it. */
async function heaviestWord(path: string): Promise<{ word: string; pages: number }> {
  const words = readChunkWords(unpackPagefindFile(await readFile(path), path), path);
  const heaviest = words[heaviestIndex(words)];
  if (!heaviest) throw new Error(`${path} holds no words`);
  return { word: heaviest.word, pages: wordPageCount(heaviest) };
}

/**
 * Measures the bundle in `bundleDir` and writes `DOWNLOAD_COSTS_FILE` into it. A bundle
 * of a Pagefind version whose format this code does not read gets no file (the search
 * page then never asks), and the result says why.
 */
export async function writeDownloadCosts(bundleDir: string, options: DownloadCostOptions): Promise<DownloadCostsResult> {
  const entryPath = join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryPath, 'utf8')) as {
    version?: unknown;
    languages?: Record<string, { hash?: unknown; page_count?: number }>;
  };
  const unknown = unknownFormat(entry.version);
  if (unknown !== undefined) return { skipped: unknown };
  // Every search loads the client and the entry; the worker only where the page lets Pagefind use one, and ours does not.
  const shared = sizeOf(join(bundleDir, 'pagefind.js')) + sizeOf(entryPath);
  const fragmentDir = join(bundleDir, 'fragment');
  const fragmentSizes = new Map<string, number[]>();
  // 11,500 files at 10,000 quotes: stat one after another (0.13 s) rather than as 11,500 promises (0.45 s).
  for (const name of existsSync(fragmentDir) ? readdirSync(fragmentDir) : []) {
    // `<language>_<hash>.pf_fragment`, as Pagefind names them.
    const language = /^(.+)_[0-9a-f]+\.pf_fragment$/.exec(name)?.[1];
    if (language === undefined) continue;
    const sizes = fragmentSizes.get(language) ?? [];
    sizes.push(sizeOf(join(fragmentDir, name)));
    fragmentSizes.set(language, sizes);
  }
  const languages = await Promise.all(
    Object.entries(entry.languages ?? {}).map(async ([language, info]) => {
      if (typeof info.hash !== 'string') throw new Error(`pagefind-entry.json: language ${language} has no metadata hash`);
      return [
        language,
        await readLanguage(bundleDir, language, info.hash, info.page_count ?? 0, fragmentSizes, options.resultsShown),
      ] as const;
    }),
  );
  // Each page has a fragment, named after its language's metadata: none found means the names changed.
  const unnamed = languages.find(([, index]) => index.pages > 0 && index.fragments === 0);
  if (unnamed) return { skipped: `no fragment of language "${unnamed[0]}" is named <language>_<hash>.pf_fragment in ${fragmentDir}` };
  const heaviest = new Map<string, Promise<{ word: string; pages: number }>>();
  const leastCostly = options.budget * (options.leastCostlyShare ?? LEAST_COSTLY_SHARE);
  // The file is itself part of every search: measured, then measured again with its own size in.
  let ownBytes = 0;
  let text = '';
  for (let pass = 0; pass < 3; pass++) {
    const file: DownloadCostsFile = { languages: {} };
    for (const [language, index] of languages) {
      const fixed = shared + index.ownFixed + ownBytes;
      const threshold = Math.max(options.budget - fixed - index.fragments, leastCostly);
      const costly: CostlyChunk[] = [];
      for (const [at, chunk] of index.chunks.entries()) {
        if (chunk.bytes <= threshold) continue;
        if (!heaviest.has(chunk.path)) heaviest.set(chunk.path, heaviestWord(chunk.path));
        const word = await heaviest.get(chunk.path);
        if (word) costly.push({ at, bytes: chunk.bytes, ...word });
      }
      file.languages[language] = {
        budget: options.budget,
        fixed,
        fragments: index.fragments,
        pages: index.pages,
        ranges: index.ranges,
        costly,
      };
    }
    text = JSON.stringify(file);
    const bytes = new TextEncoder().encode(text).length;
    if (bytes === ownBytes) break;
    ownBytes = bytes;
  }
  await writeFile(join(bundleDir, DOWNLOAD_COSTS_FILE), text);
  return { file: JSON.parse(text) as DownloadCostsFile };
}
