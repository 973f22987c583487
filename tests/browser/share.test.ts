// Linking and sharing a quote in a real browser: with the Clipboard API, "Copy link"
// appears and copies the quote's permanent address; without JavaScript, everything
// else (the address to select, the plain share links, the citations) is still there.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { serveSites, type SiteServers } from '../support/pages.ts';

const quotePath = '/quotes/spirit-of-resistance/';
/** The address a reader shares: the published site's, whichever host serves the page. */
const permanentUrl = 'https://qtd.example/quotes/spirit-of-resistance/';

let sites: SiteServers;
let browser: Browser;

beforeAll(async () => {
  sites = await serveSites();
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser();
  await sites?.close();
});

function quotePageUrl(): string {
  return sites.urlOf({ site: 'real', path: quotePath });
}

function linkField(page: Page) {
  return page.getByRole('textbox', { name: 'The quote’s permanent address' });
}

function copyButton(page: Page) {
  return page.getByRole('button', { name: 'Copy link', includeHidden: true });
}

describe('with JavaScript and clipboard access', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    // 127.0.0.1 is a secure context, like the https site; clipboard access is granted for it only.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(quotePageUrl()).origin });
    page = await context.newPage();
    await page.goto(quotePageUrl());
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows "Copy link", which puts the quote’s permanent address on the clipboard and says so', async () => {
    expect(await linkField(page).inputValue()).toBe(permanentUrl);
    const button = copyButton(page);
    await button.waitFor({ state: 'visible' });

    await button.click();

    const status = page.locator('[data-share-root] [role="status"]');
    await expect.poll(() => status.textContent()).toBe('Link copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(permanentUrl);
  });
});

describe('without JavaScript', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    await page.goto(quotePageUrl());
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the permanent address in a field to select', async () => {
    const field = linkField(page);
    expect(await field.isVisible()).toBe(true);
    expect(await field.inputValue()).toBe(permanentUrl);
  });

  it('keeps the plain share links, each carrying the address', async () => {
    const links = page.getByRole('list', { name: 'Share on' }).getByRole('link');
    const shown = await links.evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        label: anchor.textContent?.trim() ?? '',
        href: anchor.getAttribute('href') ?? '',
        visible: anchor.checkVisibility({ visibilityProperty: true }),
      })),
    );
    expect(shown.map((link) => link.label)).toContain('E-mail');
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const link of shown) {
      expect(link.visible, link.label).toBe(true);
      expect(decodeURIComponent(link.href), link.label).toContain(permanentUrl);
    }
    expect(shown.find((link) => link.label === 'E-mail')?.href).toMatch(/^mailto:/);
    expect(shown.filter((link) => link.label !== 'E-mail').every((link) => link.href.startsWith('https://'))).toBe(true);
  });

  it('shows the Chicago, MLA and APA citations', async () => {
    const citations = await page.locator('.citation-list').evaluate((list) =>
      [...list.querySelectorAll('dt')].map((term) => ({
        style: term.textContent?.trim(),
        text: term.nextElementSibling?.textContent?.trim() ?? '',
        visible: term.nextElementSibling?.checkVisibility({ visibilityProperty: true }) ?? false,
      })),
    );
    expect(citations.map((citation) => citation.style)).toEqual(['Chicago', 'MLA', 'APA']);
    for (const citation of citations) {
      expect(citation.visible, citation.style).toBe(true);
      expect(citation.text, citation.style).toContain('The Afghan Who Won’t Surrender to the Taliban');
      expect(citation.text, citation.style).toContain('qtd.example/quotes/spirit-of-resistance/');
    }
  });

  it('keeps "Copy link" hidden, since it could not work', async () => {
    expect(await copyButton(page).count()).toBe(1);
    expect(await copyButton(page).isHidden()).toBe(true);
  });
});
