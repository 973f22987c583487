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
import {
  DOWNLOAD_COSTS_FILE,
  costlySearchMessage,
  costlyTerms,
  costsForLanguage,
  formatKilobytes,
  type DownloadCosts,
} from '../../src/domain/costly-terms.ts';
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

  it('ships what a search costs, and at this size no word asks', async () => {
    const costs = costsForLanguage(JSON.parse(await readFile(join(dist, 'pagefind', DOWNLOAD_COSTS_FILE), 'utf8')), 'en');
    expect(costs).toMatchObject({ budget: 300 * 1024, costly: [] });
    expect(costs?.ranges.length).toBeGreaterThan(0);
    expect(costs?.fixed).toBeGreaterThan(0);
  });

  it('asks before downloading a costly part of the index, and searches when the reader says so', async () => {
    // The real bundle, with the chunk that holds "panjshir" declared costly as a word on every page would be.
    const index = readBundleMeta(join(dist, 'pagefind'));
    const language = { page_count: index.pages };
    const chunk = index.meta.chunks.find((candidate) => candidate.from <= 'panjshir' && 'panjshir' <= candidate.to);
    if (!chunk) throw new Error('no chunk of the test site holds "panjshir"');
    const chunkFile = `${chunk.hash}.pf_index`;
    // The page's view of the index: "panjshir" in a costly chunk of its own, "resistance" in another.
    const costs: DownloadCosts = {
      budget: 300 * 1024,
      fixed: 200 * 1024,
      fragments: 30 * 1024,
      pages: language.page_count,
      ranges: [
        ['0', 'p'],
        ['pa', 'pz'],
        ['q', 'zzz'],
      ],
      costly: [{ at: 1, bytes: 250 * 1024, word: 'panjshir', pages: language.page_count - 1 }],
    };
    await page.route(`**/pagefind/${DOWNLOAD_COSTS_FILE}`, (route) => route.fulfill({ json: { languages: { en: costs } } }));
    const chunksFetched: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (request.url().endsWith('.pf_index')) chunksFetched.push(request.url().split('/').pop() ?? '');
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${server.url}search/?q=Panjshir`);
      const anyway = page.getByRole('button', { name: `Search anyway (${formatKilobytes(250 * 1024)} more)` });
      await anyway.waitFor({ timeout: 15_000 });
      expect(costlyTerms('Panjshir', costs)).toHaveLength(1);
      expect(await page.getByRole('status').textContent()).toBe(costlySearchMessage(costlyTerms('Panjshir', costs), language.page_count));
      expect(await page.getByRole('list', { name: 'Search results' }).isHidden()).toBe(true);
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
      const results = page.getByRole('list', { name: 'Search results' });
      await results.getByRole('link').first().waitFor({ timeout: 15_000 });
      const count = await results.getByRole('link').count();
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ results? for “Panjshir”\.$/);
      expect(count).toBeGreaterThan(0);
      expect(chunksFetched).toContain(chunkFile);
      expect(await anyway.isHidden()).toBe(true);

      // Another word is searched at once, without asking.
      await page.getByRole('searchbox', { name: /quote/ }).fill('resistance');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/results? for “resistance”/);
      expect(await anyway.isHidden()).toBe(true);

      // The costly part, once downloaded, is not asked about again.
      await page.getByRole('searchbox', { name: /quote/ }).fill('the panjshir valley');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/results? for “the panjshir valley”/);
      expect(await anyway.isHidden()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      page.off('request', onRequest);
      await page.unroute(`**/pagefind/${DOWNLOAD_COSTS_FILE}`);
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
