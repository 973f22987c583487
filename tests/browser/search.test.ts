// The search page against a real build: Pagefind's index loads from <base>pagefind/
// under a strict Content-Security-Policy, `?q=` searches on load, and the results
// are an announced, labelled list of links that the keyboard reaches.
//
// The site is the test build of the real content moved under the base path /qtd/
// (tests/support/sites.ts); its base path is read from the search page itself.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { distOf } from '../support/sites.ts';
import { commonWordsMessage } from '../../src/browser/search-query.ts';
import { readBundleMeta } from '../support/pagefind-fixture.ts';

const strictPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let basePath: string;
let dist: string;
const problems: string[] = [];

async function builtSite(): Promise<{ dist: string; basePath: string }> {
  const dist = distOf('moved');
  const searchPage = join(dist, 'search', 'index.html');
  if (!existsSync(join(dist, 'pagefind', 'pagefind.js')) || !existsSync(searchPage)) {
    throw new Error(`${dist} holds no search page or no Pagefind index: build it with the search-index integration.`);
  }
  const base = /data-base-path="([^"]*)"/.exec(await readFile(searchPage, 'utf8'))?.[1];
  if (!base) throw new Error(`${searchPage} has no data-base-path: is it the search page?`);
  return { dist, basePath: base };
}

beforeAll(async () => {
  const site = await builtSite();
  basePath = site.basePath;
  dist = site.dist;
  server = await serveStatic(site.dist, { basePath });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  // The host's policy, as strict as QTD allows: Pagefind may compile WebAssembly, nothing else.
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    if ((headers['content-type'] ?? '').startsWith('text/html')) headers['content-security-policy'] = strictPolicy;
    await route.fulfill({ response, headers });
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await closeBrowser();
  await server?.close();
});

/** Opens the search page for a query and waits for its first result link. */
async function searchFor(query: string) {
  await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
  const results = page.getByRole('list', { name: 'Search results' });
  await results
    .getByRole('link')
    .first()
    .waitFor({ timeout: 15_000 })
    .catch((error: unknown) => {
      // A blocked inline script or WebAssembly shows up here, not in the timeout.
      throw new Error(`No result for "${query}". Errors in the page: ${problems.join(' | ') || 'none'}`, { cause: error });
    });
  return results;
}

describe('search page', () => {
  it('finds the article and the quote for ?q=Panjshir', async () => {
    const results = await searchFor('Panjshir');

    const hrefs = await results.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toContain(`${basePath}articles/the-afghan-who-wont-surrender-to-the-taliban/`);
    expect(hrefs).toContain(`${basePath}quotes/spirit-of-resistance/`);

    await expect.poll(() => page.getByRole('status').textContent()).toBe(`${hrefs.length} results for “Panjshir”.`);
    expect(await page.getByRole('searchbox', { name: /quote/ }).inputValue()).toBe('Panjshir');
    expect(await page.getByText('Search needs JavaScript').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('lets the keyboard go from the search box to the first result', async () => {
    const firstResult = (await searchFor('Panjshir')).getByRole('link').first();
    await page.getByRole('searchbox', { name: /quote/ }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(focused).toBe(await firstResult.getAttribute('href'));
  });

  it('finds for "the Panjshir" what it finds for "Panjshir", and names the query as typed', async () => {
    const plain = await (
      await searchFor('Panjshir')
    )
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    const withCommonWords = await (
      await searchFor('the Panjshir')
    )
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(withCommonWords).toEqual(plain);
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`${plain.length} results for “the Panjshir”.`);
    expect(problems).toEqual([]);
  });

  it('does not find the share links and citations every quote page carries', async () => {
    for (const boilerplate of ['Mastodon', 'Zotero']) {
      await page.goto(`${server.url}search/?q=${boilerplate}`);
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toBe(`No results for “${boilerplate}”.`);
    }
    expect(problems).toEqual([]);
  });

  it('asks before searching only the commonest words, and searches them when the reader says so', async () => {
    const index = readBundleMeta(join(dist, 'pagefind'));
    const chunkOfThe = index.meta.chunks.find((candidate) => candidate.from <= 'the' && 'the' <= candidate.to);
    if (!chunkOfThe) throw new Error('no chunk of the test site holds "the"');
    const chunksFetched: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (request.url().endsWith('.pf_index')) chunksFetched.push(request.url().split('/').pop() ?? '');
    };
    const searchbox = page.getByRole('searchbox', { name: /quote/ });
    const submit = page.getByRole('button', { name: 'Search', exact: true });
    const results = page.getByRole('list', { name: 'Search results' });
    const marked = async () => (await results.locator('mark').allTextContents()).map((mark) => mark.toLowerCase());
    page.on('request', onRequest);
    try {
      await page.goto(`${server.url}search/?q=the`);
      const anyway = page.getByRole('button', { name: 'Search anyway' });
      await anyway.waitFor({ timeout: 15_000 });
      expect(await page.getByRole('status').textContent()).toBe(commonWordsMessage(['the']));
      expect(await results.isHidden()).toBe(true);
      // Pagefind's client is loaded, but no part of the index.
      expect(chunksFetched).toEqual([]);
      // The question and its button pass axe (run through the DevTools protocol: the page's policy allows no injected script).
      await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string }[] }> } })
          .axe;
        const result = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        });
        return result.violations.map((violation) => violation.id);
      });
      expect(violations).toEqual([]);

      await anyway.click();
      await results.getByRole('link').first().waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ results? for “the”\.$/);
      expect(chunksFetched).toContain(`${chunkOfThe.hash}.pf_index`);
      expect(await marked()).toContain('the');
      expect(await anyway.isHidden()).toBe(true);

      // A word searched anyway is not asked about again; a common word not yet searched is.
      await searchbox.fill('The');
      await submit.click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/results? for “The”/);
      expect(await anyway.isHidden()).toBe(true);
      await searchbox.fill('of the');
      await submit.click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toBe(commonWordsMessage(['of', 'the']));
      expect(await anyway.isVisible()).toBe(true);
      expect(await results.isHidden()).toBe(true);

      // With a word that carries meaning, the page searches at once, and for that word alone.
      await searchbox.fill('the Panjshir');
      await submit.click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/results? for “the Panjshir”/);
      expect(await anyway.isHidden()).toBe(true);
      const marks = await marked();
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.every((mark) => mark.startsWith('panjshir'))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('says search needs JavaScript, with the archive lists, when scripts do not run', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${server.url}search/?q=Panjshir`);
      expect(await plain.getByText('Search needs JavaScript').isVisible()).toBe(true);
      const hrefs = await plain.locator('[data-search-fallback] a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(hrefs).toEqual(['quotes/', 'articles/', 'people/', 'tags/'].map((path) => `${basePath}${path}`));
    } finally {
      await noScript.close();
    }
  });
});
