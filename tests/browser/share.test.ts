// Linking, sharing and citing a quote in a real browser: with the Clipboard API, "Copy
// link" appears and copies the quote's permanent address, and each citation's "Copy"
// puts it on the clipboard as HTML with its italics and as plain text; with the Web Share
// API, "Share…" opens the system share sheet; without JavaScript, everything else (the
// address to select, the plain share links, the citations as text) is still there, and
// no button that could not work (the scripts add the buttons).
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

  it('shows a "Copy" button for each form of each citation style', async () => {
    const buttons = page.locator('[data-citations] button');
    await buttons.first().waitFor({ state: 'visible' });
    const labels = await buttons.evaluateAll((all) => all.map((button) => button.getAttribute('aria-label')));
    expect(labels).toEqual([
      'Copy the Chicago note',
      'Copy the Chicago short note',
      'Copy the Chicago bibliography entry',
      'Copy the MLA works-cited entry',
      'Copy the MLA in-text citation',
      'Copy the APA reference',
      'Copy the APA in-text citation',
    ]);
    for (const button of await buttons.all()) expect(await button.isVisible()).toBe(true);
  });

  /** What the clipboard holds: each type it offers, with its text. */
  const clipboardContents = () =>
    page.evaluate(async () => {
      const contents: Record<string, string> = {};
      for (const item of await navigator.clipboard.read()) {
        for (const type of item.types) contents[type] = await (await item.getType(type)).text();
      }
      return contents;
    });

  it('copies a citation as HTML, its periodical in italics, and as plain text', async () => {
    await page.getByRole('button', { name: 'Copy the MLA works-cited entry' }).click();
    const status = page.locator('[data-citation-status]');
    await expect.poll(() => status.textContent()).toBe('Copied the MLA works-cited entry.');
    const contents = await clipboardContents();
    expect(Object.keys(contents).sort()).toEqual(['text/html', 'text/plain']);
    expect(contents['text/plain']).toBe(
      'Lévy, Bernard-Henri. “The Afghan Who Won’t Surrender to the Taliban.” The Wall Street Journal, 23 Aug. 2021. QTD, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.',
    );
    // As a word processor reads it: the newspaper and the archive in italics, the rest roman.
    const italics = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return { italic: [...doc.querySelectorAll('i')].map((node) => node.textContent), text: doc.body.textContent };
    }, contents['text/html'] ?? '');
    expect(italics).toEqual({ italic: ['The Wall Street Journal', 'QTD'], text: contents['text/plain'] });
  });

  it('copies an in-text form the same way', async () => {
    await page.getByRole('button', { name: 'Copy the APA in-text citation' }).click();
    await expect.poll(() => page.locator('[data-citation-status]').textContent()).toBe('Copied the APA in-text citation.');
    const contents = await clipboardContents();
    expect(contents['text/plain']).toBe('(Massoud, as cited in Lévy, 2021)');
    expect(contents['text/html']).toContain('(Massoud, as cited in Lévy, 2021)');
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

  it('shows the Chicago, MLA and APA citations as text to select, with their italics', async () => {
    const citations = await page.locator('[data-citations]').evaluate((section) =>
      [...section.querySelectorAll('.citation')].map((citation) => ({
        style: citation.closest('dl')?.previousElementSibling?.textContent?.trim() ?? '',
        form: citation.closest('dd')?.previousElementSibling?.textContent?.trim() ?? '',
        text: citation.textContent ?? '',
        italic: [...citation.querySelectorAll('i')].map((node) => node.textContent),
        visible: citation.checkVisibility({ visibilityProperty: true }),
      })),
    );
    expect(citations.map((citation) => `${citation.style}: ${citation.form}`)).toEqual([
      'Chicago: Note',
      'Chicago: Short note',
      'Chicago: Bibliography',
      'MLA: Works cited',
      'MLA: In text',
      'APA: Reference list',
      'APA: In text',
    ]);
    for (const citation of citations) expect(citation.visible, citation.form).toBe(true);
    for (const citation of citations.filter((each) => !['Short note', 'In text'].includes(each.form))) {
      expect(citation.text, citation.form).toContain('The Afghan Who Won’t Surrender to the Taliban');
      expect(citation.text, citation.form).toContain('qtd.example/quotes/spirit-of-resistance/');
      expect(citation.italic.length, citation.form).toBeGreaterThan(0);
    }
  });

  it('has no "Copy" button for the citations, nor "Copy link" or "Share…", since they could not work', async () => {
    expect(await page.locator('[data-citations] button').count()).toBe(0);
    expect(await copyButton(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Share…', includeHidden: true }).count()).toBe(0);
  });
});

describe('with the Web Share API', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    // The system share sheet, as a phone has it: what the page asks it to share is kept to read.
    await context.addInitScript(() => {
      const shared: ShareData[] = [];
      Object.assign(window, { shared });
      Object.defineProperty(navigator, 'share', {
        value: async (data: ShareData) => {
          shared.push(data);
        },
      });
    });
    page = await context.newPage();
    await page.goto(quotePageUrl());
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows "Share…", which shares the permanent address, the page’s title and the quote’s first words', async () => {
    await page.getByRole('button', { name: 'Share…' }).click();
    const shared = await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared);
    expect(shared).toEqual([
      {
        url: permanentUrl,
        title: await page.title(),
        text: '“What makes a people strong, above and beyond any imbalance of forces…” — Ahmad Massoud',
      },
    ]);
  });
});
