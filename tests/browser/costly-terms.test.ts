// The search page asks before a search downloads a costly index chunk, so it must
// know which chunks a query downloads before Pagefind does: src/domain/costly-terms.ts
// picks them as Pagefind's client does. Here every chunk of a split bundle counts as
// costly, and for each query the chunks it predicts are exactly the index files that
// Pagefind's own client, in headless Chromium, then fetches.
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costlyTerms, type DownloadCosts } from '../../src/domain/costly-terms.ts';
import { splitBundleChunks } from '../../src/build/search/split-chunks.ts';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { writeCommonWordsBundle, writeBlankPage, readBundleMeta } from '../support/pagefind-fixture.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/**
 * Words of the index as a reader types them: capitals, punctuation, curly quotes,
 * accents, several words, a phrase, and words that extend or begin another.
 */
const QUERIES = [
  'the',
  'The',
  'THE!',
  '“of”',
  'ocean',
  'Ocean?',
  'oath',
  'tea',
  'thaw',
  'ocelot',
  'their',
  'them then',
  'naïve',
  'naive',
  'Ñandu',
  'river oak',
  'old-them',
  '"of the"',
  'the ocean of tea',
  'zephyr',
  'abbey',
  'willow yarrow',
  // Not in the index: past a shortened end of a range, or beyond every range.
  'theater',
  'ocarina',
  'zebra',
  'oceanic tea',
  '한국',
  'ガラス',
  'Ünïcödé tea',
  // Whose stems differ from them, as the index's words are stems ("bridg", "candl").
  'bridges',
  'candles',
  'quarries',
  'tendering',
  'willowy',
];

let root: string;
let bundleDir: string;
let server: StaticServer;
let browser: Browser;
/** Every chunk as costly. */
let everyChunk: DownloadCosts;
/** The file of each chunk, by its place in the ranges. */
let chunkFiles: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'qtd-costly-browser-'));
  bundleDir = await writeCommonWordsBundle(root);
  await splitBundleChunks(bundleDir, 1);
  const { meta } = readBundleMeta(bundleDir);
  chunkFiles = meta.chunks.map((chunk) => `${chunk.hash}.pf_index`);
  everyChunk = {
    budget: 0,
    fixed: 0,
    fragments: 0,
    pages: 48,
    language: 'en',
    ranges: meta.chunks.map((chunk) => [chunk.from, chunk.to] as const),
    costly: chunkFiles.map((file, at) => ({ at, bytes: statSync(join(bundleDir, 'index', file)).size, word: file, pages: 1 })),
  };
  await writeBlankPage(root);
  server = await serveStatic(root);
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

/** The index files Pagefind's client fetches for a first search of `query`, in a fresh page. */
async function chunksPagefindFetches(query: string): Promise<string[]> {
  const context = await browser.newContext();
  const fetched = new Set<string>();
  context.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.pf_index')) fetched.add(basename(path));
  });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(`(async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.options({ basePath: '/pagefind/', baseUrl: '/', noWorker: true });
      await pagefind.init();
      await pagefind.search(${JSON.stringify(query)});
    })()`);
    return [...fetched].sort();
  } finally {
    await context.close();
  }
}

describe('the chunks a query downloads', () => {
  it('are the chunks costlyTerms names for it, for every kind of query', async () => {
    const mismatches: string[] = [];
    let fetchedAny = 0;
    for (const query of QUERIES) {
      const predicted = costlyTerms(query, everyChunk)
        .map(({ chunk }) => chunkFiles[chunk.at] ?? '?')
        .sort();
      const fetched = await chunksPagefindFetches(query);
      if (fetched.length > 0) fetchedAny++;
      if (JSON.stringify(predicted) !== JSON.stringify(fetched))
        mismatches.push(`${query}: predicted ${predicted.join(' ')}, fetched ${fetched.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
    // Queries of the fixture's words load chunks: the comparison is not between two empty lists.
    expect(fetchedAny).toBeGreaterThan(QUERIES.length - 5);
  });
});
