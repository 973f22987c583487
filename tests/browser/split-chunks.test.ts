// Splitting the common words' index chunks (src/build/search/split-chunks.ts) changes
// which files a search downloads, never what it finds: Pagefind's own client, in
// headless Chromium, gives the same results, scores, excerpts and anchors on the
// bundle as Pagefind wrote it and on the split one, and a rare word no longer
// downloads the chunk of the common word that Pagefind put it with.
import { statSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitBundleChunks } from '../../src/build/search/split-chunks.ts';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { writeCommonWordsBundle, writeBlankPage } from '../support/pagefind-fixture.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/**
 * Whole words (common, rare, absent), phrases, and beginnings of rare words. Not a
 * beginning of a common word ("th", "o"): Pagefind looks a query's word up in one chunk,
 * so such a query finds the words of the chunk before the common word, not the word.
 */
const QUERIES = [
  'the',
  'of',
  'ocean',
  'oath',
  'tea',
  'thaw',
  'ocelot',
  'oc',
  'tha',
  'thei',
  'the ocean',
  '"of the"',
  'river oak',
  'old them',
  'zebra',
];

interface Found {
  query: string;
  total: number;
  /** Every result: its page and score, and the words it matched. */
  results: unknown[];
  /** What the first results show: URL, title, excerpt, sub-results. */
  shown: unknown[];
}

let root: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'qtd-split-browser-'));
  const original = await writeCommonWordsBundle(join(root, 'original'));
  await cp(original, join(root, 'split', 'pagefind'), { recursive: true });
  const split = await splitBundleChunks(join(root, 'split', 'pagefind'), 1);
  if (split.chunksSplit < 2) throw new Error(`the fixture should split two chunks, not ${split.chunksSplit}`);
  await writeBlankPage(root);
  server = await serveStatic(root);
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

/**
 * Runs each of `queries` with Pagefind's client on the bundle at `<root>/<bundle>/pagefind/`,
 * each in a page of its own: Pagefind matches a word's extensions among every chunk it
 * has loaded, so a page that searched before could find more.
 */
async function searchWith(bundle: string, queries: readonly string[]): Promise<{ found: Found[]; chunkFiles: Set<string> }> {
  const context = await browser.newContext();
  const chunkFiles = new Set<string>();
  context.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.pf_index')) chunkFiles.add(path);
  });
  const basePath = `/${bundle}/pagefind/`;
  const found: Found[] = [];
  try {
    for (const query of queries) {
      const page = await context.newPage();
      await page.goto(server.url);
      found.push(
        (await page.evaluate(`(async () => {
          const pagefind = await import(${JSON.stringify(`${basePath}pagefind.js`)});
          await pagefind.options({ basePath: ${JSON.stringify(basePath)}, baseUrl: '/' });
          await pagefind.init();
          const search = await pagefind.search(${JSON.stringify(query)});
          const shown = await Promise.all(search.results.slice(0, 5).map(async (result) => {
            const data = await result.data();
            return { url: data.url, title: data.meta.title, excerpt: data.excerpt, words: data.word_count, sub: data.sub_results.map((sub) => [sub.url, sub.excerpt]) };
          }));
          return { query: ${JSON.stringify(query)}, total: search.results.length, results: search.results.map((r) => [r.id, r.score, r.words]), shown };
        })()`)) as Found,
      );
      await page.close();
    }
    return { found, chunkFiles };
  } finally {
    await context.close();
  }
}

/** The bytes of the index chunks that a first search for `query` downloads (empty cache). */
async function chunkBytes(bundle: string, query: string): Promise<number> {
  const { chunkFiles } = await searchWith(bundle, [query]);
  return [...chunkFiles].reduce((sum, path) => sum + statSync(join(root, path)).size, 0);
}

describe('a bundle with its common words split into chunks of their own', () => {
  it('finds exactly what the bundle as Pagefind wrote it finds', async () => {
    const original = await searchWith('original', QUERIES);
    const split = await searchWith('split', QUERIES);
    expect(original.found.find((f) => f.query === 'ocean')?.total).toBe(1);
    expect(original.found.find((f) => f.query === 'the')?.total).toBeGreaterThan(40);
    expect(original.found.find((f) => f.query === 'zebra')?.total).toBe(0);
    expect(split.found).toEqual(original.found);
  });

  it("downloads far less for a rare word that Pagefind put in a common word's chunk, and no more for the common word", async () => {
    for (const rare of ['ocean', 'thaw']) {
      const before = await chunkBytes('original', rare);
      const after = await chunkBytes('split', rare);
      expect(after).toBeGreaterThan(0);
      expect(after * 2).toBeLessThan(before);
    }
    for (const common of ['of', 'the']) expect(await chunkBytes('split', common)).toBeLessThanOrEqual(await chunkBytes('original', common));
  });
});
