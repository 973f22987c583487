// /feeds/ in a browser: every address is a link that breaks, on a phone, only after a
// slash or a hyphen, never inside a word; its Copy button copies it, and is not there
// without JavaScript.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { serveSites, type SiteServers } from '../support/pages.ts';

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

describe('/feeds/', () => {
  it.each(['real', 'fixture'] as const)('breaks no address inside a word at 375 px (%s site)', async (site) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(sites.urlOf({ site, path: '/feeds/' }));
      const result = await page.evaluate(() => {
        const breaks: string[] = [];
        let wrapped = 0;
        const links = [...document.querySelectorAll<HTMLAnchorElement>('a.feed-list__url')];
        for (const link of links) {
          // The top of each character's box: where it changes, the line broke before that character.
          let previous: { char: string; top: number } | undefined;
          const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (let index = 0; index < text.length; index++) {
              const range = document.createRange();
              range.setStart(node, index);
              range.setEnd(node, index + 1);
              const top = Math.round(range.getBoundingClientRect().top);
              if (previous && top > previous.top) {
                wrapped++;
                if (!/[/-]/.test(previous.char)) breaks.push(`${link.href}: broken after "${previous.char}" before "${text[index]}"`);
              }
              previous = { char: text[index] ?? '', top };
            }
          }
        }
        return { links: links.length, wrapped, breaks, overflow: document.documentElement.scrollWidth - window.innerWidth };
      });
      expect(result.links).toBeGreaterThan(3);
      expect(result.breaks).toEqual([]);
      // The real site's longest address (/people/bernard-henri-levy/rss.xml) does not fit on one line: the check has lines to check.
      if (site === 'real') expect(result.wrapped).toBeGreaterThan(0);
      expect(result.overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it('copies an address with its Copy button, and says so', async () => {
    const url = sites.urlOf({ site: 'fixture', path: '/feeds/' });
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const page = await context.newPage();
      await page.goto(url);
      const link = page.locator('a.feed-list__url[href$="/people/curator-one/rss.xml"]');
      const button = link.locator('xpath=following-sibling::button[1]');
      await expect.poll(() => button.isVisible()).toBe(true);
      const target = await button.boundingBox();
      expect(target?.width).toBeGreaterThanOrEqual(24);
      expect(target?.height).toBeGreaterThanOrEqual(24);
      await button.click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.getAttribute('href'));
      await expect.poll(() => page.locator('[data-copy-feed-status]').textContent()).toContain('Curator One');
      expect(await button.textContent()).toMatch(/^Copied/);
    } finally {
      await context.close();
    }
  });

  it('shows no Copy button without JavaScript, and each address is still a link to its feed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(sites.urlOf({ site: 'fixture', path: '/feeds/' }));
      expect(await page.locator('button[data-copy-feed]').count()).toBeGreaterThan(3);
      expect(await page.locator('button[data-copy-feed]:visible').count()).toBe(0);
      const href = await page.locator('a.feed-list__url').first().getAttribute('href');
      const response = await page.request.get(href!.replace('https://qtd.example/', sites.urlOf({ site: 'fixture', path: '/' })));
      expect(response.status()).toBe(200);
    } finally {
      await context.close();
    }
  });
});
