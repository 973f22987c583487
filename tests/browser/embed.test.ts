// "Embed this quote" in a real browser: closed until asked for; with the Clipboard API,
// "Copy the HTML" puts the snippet on the clipboard, and that snippet is valid HTML that
// shows the quote, its attribution and a link back when pasted into a page of its own;
// "How it reads" shows that snippet rendered; without JavaScript the code is there to
// select and copy.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { serveSites, type SiteServers } from '../support/pages.ts';
import { validateHtmlString } from '../support/html-validation.ts';

const quotePath = '/quotes/spirit-of-resistance/';
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

function embedToggle(page: Page) {
  return page.getByText('Embed this quote', { exact: true });
}

describe('with JavaScript and clipboard access', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(quotePageUrl()).origin });
    page = await context.newPage();
    await page.goto(quotePageUrl());
  });

  afterAll(async () => {
    await context?.close();
  });

  it('keeps the code out of the way until asked for', async () => {
    expect(await page.getByRole('textbox', { name: 'HTML to copy' }).isVisible()).toBe(false);
    await embedToggle(page).click();
    expect(await page.getByRole('textbox', { name: 'HTML to copy' }).isVisible()).toBe(true);
  });

  it('shows under the code how it reads: the code itself, rendered', async () => {
    const code = await page.getByRole('textbox', { name: 'HTML to copy' }).inputValue();
    const preview = page.getByRole('group', { name: 'How it reads' });
    expect(await preview.isVisible()).toBe(true);
    expect(await preview.evaluate((element) => element.innerHTML)).toBe(code);
    expect(await preview.locator('figure > blockquote').textContent()).toContain(
      'What makes a people strong, above and beyond any imbalance of forces',
    );
    expect(await preview.locator('figcaption a').getAttribute('href')).toBe(permanentUrl);
  });

  it('copies the snippet with "Copy the HTML" and says so', async () => {
    const code = await page.getByRole('textbox', { name: 'HTML to copy' }).inputValue();
    const button = page.getByRole('button', { name: 'Copy the HTML' });
    await button.waitFor({ state: 'visible' });
    await button.click();
    await expect.poll(() => page.locator('[data-embed-root] [role="status"]').textContent()).toBe('HTML copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    expect(code).toContain(`<a href="${permanentUrl}">QTD</a>`);
  });

  it('copies HTML that is valid in any page and shows the quote, who said it and a link back, with no script', async () => {
    const code = await page.evaluate(() => navigator.clipboard.readText());
    const blog = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Un blog</title></head><body><main><h1>Un billet</h1>${code}</main></body></html>`;
    expect((await validateHtmlString(blog, 'blog.html')).messages).toEqual([]);

    // Pasted into a page of its own, with none of our styles or scripts.
    const blogPage = await context.newPage();
    try {
      await blogPage.setContent(blog);
      const shown = await blogPage.evaluate(() => ({
        quote: document.querySelector('figure blockquote')?.textContent?.replace(/\s+/g, ' ').trim(),
        caption: document.querySelector('figure figcaption')?.textContent,
        link: document.querySelector('figcaption a')?.getAttribute('href'),
        scripts: document.scripts.length,
        quoteVisible: document.querySelector('figure blockquote')?.checkVisibility(),
      }));
      expect(shown.quote).toMatch(/^What makes a people strong, .* whatever the price\.$/);
      expect(shown.caption).toContain('— Ahmad Massoud, in “The Afghan Who Won’t Surrender to the Taliban,” The Wall Street Journal.');
      expect(shown.link).toBe(permanentUrl);
      expect(shown.scripts).toBe(0);
      expect(shown.quoteVisible).toBe(true);
    } finally {
      await blogPage.close();
    }
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

  it('opens to the code to select, with no "Copy the HTML", since it could not work', async () => {
    await embedToggle(page).click();
    const code = page.getByRole('textbox', { name: 'HTML to copy' });
    expect(await code.isVisible()).toBe(true);
    expect(await code.inputValue()).toContain('<blockquote cite=');
    expect(await code.inputValue()).toContain('<a href="https://qtd.example/quotes/spirit-of-resistance/">QTD</a>');
    expect(await page.getByRole('button', { name: 'Copy the HTML', includeHidden: true }).count()).toBe(0);
  });
});
