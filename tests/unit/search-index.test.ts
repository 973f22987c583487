import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  articleTextSelectors,
  boilerplateSelectors,
  checkIndexedPages,
  indexedPageCount,
  indexIdentity,
  searchIndexLogLine,
  writeSearchIndex,
  writeSearchIndexCached,
} from '../../src/build/integrations/search-index.ts';
import { parseBuildLog } from '../../bench/run.ts';
import { writeCommonWordsBundle } from '../support/pagefind-fixture.ts';
import { excerptPieces, queryFromSearch, resultKind, resultsMessage, searchQueryString } from '../../src/browser/search.ts';

describe('indexedPageCount', () => {
  it('adds up the pages of every language in pagefind-entry.json', () => {
    const entry = JSON.stringify({
      version: '1.6.0',
      languages: { en: { hash: 'en_1', wasm: 'en', page_count: 12 }, fa: { hash: 'fa_1', wasm: null, page_count: 3 } },
    });
    expect(indexedPageCount(entry)).toBe(15);
  });

  it('refuses an entry file it does not understand', () => {
    expect(() => indexedPageCount('{"version":"1.6.0"}')).toThrow(/languages/);
    expect(() => indexedPageCount('{"languages":{"en":{"hash":"en_1"}}}')).toThrow(/page_count/);
  });
});

describe('checkIndexedPages', () => {
  it('accepts an index of some of the pages read', () => {
    expect(() => checkIndexedPages(15, 5)).not.toThrow();
  });

  it('fails when nothing was indexed', () => {
    expect(() => checkIndexedPages(15, 0)).toThrow(/indexed no page/);
  });

  it('fails when every page was indexed, the sign that data-pagefind-body went missing', () => {
    expect(() => checkIndexedPages(15, 15)).toThrow(/data-pagefind-body/);
  });
});

describe('writeSearchIndex', () => {
  let siteDir: string | undefined;
  afterEach(async () => {
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  });

  async function page(path: string, body: string) {
    const file = join(siteDir ?? '', path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`);
  }

  /** Indexes a site of a home page and one quote page; returns the text of each indexed page's fragment. */
  async function indexedTexts(quotePage: string[]): Promise<string[]> {
    siteDir = await mkdtemp(join(tmpdir(), 'qtd-search-index-'));
    await page('index.html', '<h1>Home</h1>');
    await page('quotes/kept/index.html', quotePage.join(''));
    await writeSearchIndex(siteDir);
    const fragments = join(siteDir, 'pagefind', 'fragment');
    return Promise.all((await readdir(fragments)).map(async (name) => gunzipSync(await readFile(join(fragments, name))).toString('utf8')));
  }

  it('indexes only the pages marked data-pagefind-body and writes the JS API, not the ready-made UIs', async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'qtd-search-index-'));
    await page('index.html', '<h1>Home</h1><p>Panjshir on the home page</p>');
    await page('quotes/kept/index.html', '<article data-pagefind-body><h1>A quote</h1><p>Panjshir</p></article>');
    await page('articles/kept/index.html', '<article data-pagefind-body><h1>An article</h1><p>Panjshir valley</p></article>');
    await page('quotes/withdrawn/index.html', '<article><h1>This quote was withdrawn</h1><p>Panjshir</p></article>');

    expect(await writeSearchIndex(siteDir)).toMatchObject({ pagesRead: 4, pagesIndexed: 2, cached: false });
    const bundle = join(siteDir, 'pagefind');
    expect(existsSync(join(bundle, 'pagefind.js'))).toBe(true);
    expect(existsSync(join(bundle, 'pagefind-worker.js'))).toBe(true);
    expect(existsSync(join(bundle, 'pagefind-ui.js'))).toBe(false);
    expect(existsSync(join(bundle, 'pagefind-component-ui.js'))).toBe(false);
  });

  it('leaves the share links and citations of a quote page out of the index', async () => {
    const texts = await indexedTexts([
      '<article data-pagefind-body><blockquote><p>We will never surrender in Panjshir</p></blockquote>',
      '<section class="share"><h2>Link to this quote</h2><ul><li><a href="#">Mastodon</a></li></ul></section>',
      '<section class="citations"><dl><dt>Chicago</dt><dd>Ahmad Massoud, quoted in …</dd></dl></section></article>',
    ]);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('We will never surrender in Panjshir');
    for (const boilerplate of ['Link to this quote', 'Mastodon', 'Chicago']) expect(texts[0]).not.toContain(boilerplate);
  });

  it('excludes classes that the quote page still has', async () => {
    // Renaming a class in the component would quietly put the boilerplate back into the index.
    const component = await readFile(new URL('../../src/components/CiteAndShare.astro', import.meta.url), 'utf8');
    for (const selector of boilerplateSelectors) {
      expect(selector).toMatch(/^\.[a-z-]+$/);
      expect(component).toMatch(new RegExp(`class="(?:[^"]* )?${selector.slice(1)}(?: [^"]*)?"`));
    }
  });

  it('leaves the article text around a quote ("In context") out of the quote page\'s entry', async () => {
    const texts = await indexedTexts([
      '<article data-pagefind-body><blockquote><p>We will never surrender</p></blockquote>',
      '<section class="in-context"><h2>In context</h2><blockquote><p>Up in the valley of Panjshir, <mark>we will never surrender</mark>, he said.</p></blockquote></section>',
      '<section class="commentary"><p>Chosen for the anniversary.</p></section></article>',
    ]);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('We will never surrender');
    expect(texts[0]).toContain('Chosen for the anniversary');
    for (const articleText of ['In context', 'Panjshir', 'valley']) expect(texts[0]).not.toContain(articleText);
  });

  it('excludes the "In context" class that the quote page still has', async () => {
    const component = await readFile(new URL('../../src/components/QuoteDetail.astro', import.meta.url), 'utf8');
    for (const selector of articleTextSelectors) {
      expect(selector).toMatch(/^\.[a-z-]+$/);
      expect(component).toMatch(new RegExp(`class="(?:[^"]* )?${selector.slice(1)}(?: [^"]*)?"`));
    }
  });

  it('fails the build when no page is marked', async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'qtd-search-index-'));
    await page('index.html', '<h1>Home</h1>');
    await page('about/index.html', '<h1>About</h1>');
    await expect(writeSearchIndex(siteDir)).rejects.toThrow(/data-pagefind-body/);
  });

  it('splits the chunks of the commonest words as it writes the index', async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'qtd-search-index-'));
    await writeCommonWordsBundle(siteDir);
    await rm(join(siteDir, 'pagefind'), { recursive: true });
    await page('index.html', '<h1>Home</h1>');
    const result = await writeSearchIndex(siteDir);
    expect(result.split?.skipped).toBeUndefined();
    expect(result.split?.chunksSplit).toBe(2);
    // Each common word closed its chunk: each chunk becomes the words before it and the word.
    expect(result.split?.chunksAfter).toBe((result.split?.chunksBefore ?? 0) + 2);
    expect(await readdir(join(siteDir, 'pagefind', 'index'))).toHaveLength(result.split?.chunksAfter ?? -1);
  });
});

describe('writeSearchIndexCached', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function page(path: string, body: string) {
    const file = join(root ?? '', 'site', path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`);
  }

  async function bundleFiles(siteDir: string): Promise<Map<string, string>> {
    const bundle = join(siteDir, 'pagefind');
    const files = (await readdir(bundle, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    return new Map(
      await Promise.all(
        files.map(async (entry) => {
          const path = join(entry.parentPath, entry.name);
          return [path.slice(bundle.length + 1), (await readFile(path)).toString('base64')] as const;
        }),
      ),
    );
  }

  it('indexes once, places the same bundle while no page changes, and re-indexes after any change', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cached-'));
    const siteDir = join(root, 'site');
    const cacheDir = join(root, 'cache', 'qtd-search');
    await page('index.html', '<h1>Home</h1>');
    await page('quotes/kept/index.html', '<article data-pagefind-body><h1>A quote</h1><p>Panjshir</p></article>');
    await page('articles/kept/index.html', '<article data-pagefind-body><h1>An article</h1><p>Panjshir valley</p></article>');

    expect(await writeSearchIndexCached(siteDir, { cacheDir })).toMatchObject({ pagesRead: 3, pagesIndexed: 2, cached: false });
    const first = await bundleFiles(siteDir);
    expect(first.has('pagefind.js')).toBe(true);
    expect(first.has('pagefind-ui.js')).toBe(false);

    // Astro empties the output before a build; the bundle comes back from the cache, whole.
    await rm(join(siteDir, 'pagefind'), { recursive: true });
    expect(await writeSearchIndexCached(siteDir, { cacheDir })).toMatchObject({ pagesRead: 3, pagesIndexed: 2, cached: true });
    expect(await bundleFiles(siteDir)).toEqual(first);
    const [inDist, inCache] = await Promise.all([
      stat(join(siteDir, 'pagefind', 'pagefind-entry.json')),
      stat(join(cacheDir, (await readdir(cacheDir))[0] ?? '', 'pagefind-entry.json')),
    ]);
    expect(inDist.ino).toBe(inCache.ino);

    // One word of one indexed page changed: a new index, and only it is kept in the cache.
    await page('articles/kept/index.html', '<article data-pagefind-body><h1>An article</h1><p>Panjshir river</p></article>');
    expect(await writeSearchIndexCached(siteDir, { cacheDir })).toMatchObject({ pagesRead: 3, pagesIndexed: 2, cached: false });
    expect(await bundleFiles(siteDir)).not.toEqual(first);
    expect(await readdir(cacheDir)).toHaveLength(1);

    // A page added, even one Pagefind leaves out, is a change of what Pagefind reads.
    await page('about/index.html', '<h1>About</h1>');
    expect((await writeSearchIndexCached(siteDir, { cacheDir })).cached).toBe(false);
    expect((await writeSearchIndexCached(siteDir, { cacheDir })).cached).toBe(true);

    // Another Pagefind, other options or other code: indexed again.
    const identity = indexIdentity();
    expect(
      (await writeSearchIndexCached(siteDir, { cacheDir, identity: { ...identity, pagefindVersion: `${identity.pagefindVersion}-next` } }))
        .cached,
    ).toBe(false);
    expect((await writeSearchIndexCached(siteDir, { cacheDir, identity: { ...identity, code: 'edited' } })).cached).toBe(false);
  });

  it('indexes again when the cached bundle cannot be used', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cached-'));
    const siteDir = join(root, 'site');
    const cacheDir = join(root, 'cache');
    await page('index.html', '<h1>Home</h1>');
    await page('quotes/kept/index.html', '<article data-pagefind-body><h1>A quote</h1><p>Panjshir</p></article>');
    await writeSearchIndexCached(siteDir, { cacheDir });
    const [entry] = await readdir(cacheDir);
    // Damaged behind the build's back (a disk error, a hand edit): not trusted, and the build goes on.
    await rm(join(cacheDir, entry ?? '', 'pagefind-entry.json'));
    await writeFile(join(cacheDir, entry ?? '', 'pagefind-entry.json'), 'not json');
    const warnings: string[] = [];
    expect(await writeSearchIndexCached(siteDir, { cacheDir, onWarning: (message) => warnings.push(message) })).toMatchObject({
      pagesRead: 2,
      pagesIndexed: 1,
      cached: false,
    });
    expect(warnings.join('\n')).toMatch(/cached bundle could not be used/);
    expect(indexedPageCount(await readFile(join(siteDir, 'pagefind', 'pagefind-entry.json'), 'utf8'))).toBe(1);
    // The damaged entry was replaced by the new bundle.
    expect((await writeSearchIndexCached(siteDir, { cacheDir })).cached).toBe(true);
  });

  it('still builds when the cache cannot be written, and says so', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cached-'));
    const siteDir = join(root, 'site');
    await page('index.html', '<h1>Home</h1>');
    await page('quotes/kept/index.html', '<article data-pagefind-body><h1>A quote</h1><p>Panjshir</p></article>');
    // A file where the cache folder should be.
    await writeFile(join(root, 'blocked'), '');
    const warnings: string[] = [];
    const result = await writeSearchIndexCached(siteDir, {
      cacheDir: join(root, 'blocked', 'qtd-search'),
      onWarning: (message) => warnings.push(message),
    });
    expect(result).toMatchObject({ pagesRead: 2, pagesIndexed: 1, cached: false });
    expect(warnings.join('\n')).toMatch(/^search index: not cached/);
  });

  it('logs a line whose duration the benchmark reads, cached or not', () => {
    const indexed = searchIndexLogLine({ pagesRead: 12400, pagesIndexed: 11495, cached: false }, 33012);
    const cached = searchIndexLogLine({ pagesRead: 12400, pagesIndexed: 11495, cached: true }, 1234);
    expect(indexed).toBe('search index: 11495 pages indexed of 12400 read (33012 ms)');
    expect(cached).toBe('search index: cached, 11495 pages unchanged since the last build (1234 ms)');
    expect(parseBuildLog(`17:43:48 [qtd:search-index] ${indexed}`).searchMs).toBe(33012);
    expect(parseBuildLog(`17:43:48 [qtd:search-index] ${cached}`).searchMs).toBe(1234);
  });

  it('says in that line what splitting the chunks did, and the benchmark still reads its duration', () => {
    const split = searchIndexLogLine(
      { pagesRead: 12400, pagesIndexed: 11495, cached: false, split: { chunksSplit: 89, chunksBefore: 231, chunksAfter: 349 } },
      33012,
    );
    expect(split).toBe(
      'search index: 11495 pages indexed of 12400 read; 89 chunks split to give common words their own, 231 → 349 chunks (33012 ms)',
    );
    expect(parseBuildLog(`17:43:48 [qtd:search-index] ${split}`).searchMs).toBe(33012);
    const skipped = searchIndexLogLine(
      {
        pagesRead: 3,
        pagesIndexed: 2,
        cached: false,
        split: {
          skipped: 'Pagefind 2.0.0 writes an index format this code does not know',
          chunksSplit: 0,
          chunksBefore: 0,
          chunksAfter: 0,
        },
      },
      900,
    );
    expect(skipped).toBe(
      'search index: 2 pages indexed of 3 read; chunks not split: Pagefind 2.0.0 writes an index format this code does not know (900 ms)',
    );
    expect(parseBuildLog(`17:43:48 [qtd:search-index] ${skipped}`).searchMs).toBe(900);
  });
});

describe('search page helpers', () => {
  it('reads the query from ?q= and writes it back', () => {
    expect(queryFromSearch('?q=Panjshir')).toBe('Panjshir');
    expect(queryFromSearch('?q=+spirit+of+resistance+')).toBe('spirit of resistance');
    expect(queryFromSearch('?q=%D8%A2%D8%B2%D8%A7%D8%AF')).toBe('آزاد');
    expect(queryFromSearch('')).toBe('');
    expect(searchQueryString('spirit & resistance')).toBe('?q=spirit+%26+resistance');
    expect(searchQueryString('')).toBe('');
    expect(queryFromSearch(searchQueryString('a “quoted” phrase?'))).toBe('a “quoted” phrase?');
  });

  it('announces how many results a search found', () => {
    expect(resultsMessage(0, 'Panjshir')).toBe('No results for “Panjshir”.');
    expect(resultsMessage(1, 'Panjshir')).toBe('1 result for “Panjshir”.');
    expect(resultsMessage(11495, 'the')).toBe('11,495 results for “the”.');
    expect(resultsMessage(4, 'Panjshir')).toBe('4 results for “Panjshir”.');
  });

  it('names the kind of a result from its URL, under any base path', () => {
    expect(resultKind('/quotes/spirit-of-resistance/', '/')).toBe('Quote');
    expect(resultKind('/qtd/articles/the-afghan-who-wont-surrender-to-the-taliban/', '/qtd/')).toBe('Article');
    expect(resultKind('/qtd/people/ahmad-massoud/', '/qtd/')).toBe('Person');
    expect(resultKind('/qtd/about/', '/qtd/')).toBeUndefined();
  });

  it('splits an excerpt into plain and marked text, decoding what Pagefind escaped', () => {
    expect(excerptPieces('… the region of <mark>Panjshir</mark> province, north of Kabul …')).toEqual([
      { text: '… the region of ', marked: false },
      { text: 'Panjshir', marked: true },
      { text: ' province, north of Kabul …', marked: false },
    ]);
    expect(excerptPieces('He wrote &lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; on the <mark>wall.</mark>')).toEqual([
      { text: 'He wrote </script><img src=x onerror=alert(2)> on the ', marked: false },
      { text: 'wall.', marked: true },
    ]);
    expect(excerptPieces('Fish &amp; chips &#x2014; &#8220;yes&#8221;')).toEqual([{ text: 'Fish & chips — “yes”', marked: false }]);
  });

  it('drops any tag that is not a mark instead of showing or keeping it', () => {
    expect(excerptPieces('a <b>bold</b> <img src=x> word')).toEqual([{ text: 'a bold  word', marked: false }]);
  });
});
