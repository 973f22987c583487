// What a reader sees when they open an RSS feed in the browser: the feed carries
// `<?xml-stylesheet type="text/css" href="/feed.css"?>`, so instead of an XML tree
// the browser shows a styled page: an explanation, the channel title, the items.
// Each test leaves a screenshot in tests/.out/ for a person to look at.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { serveSites, type SiteServers } from '../support/pages.ts';
import { outRoot } from '../support/sites.ts';

const contentNamespace = 'http://purl.org/rss/1.0/modules/content/';

let sites: SiteServers;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  sites = await serveSites();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await mkdir(outRoot, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await closeBrowser();
  await sites?.close();
});

const feeds = [
  { name: 'the main feed', path: '/rss.xml', screenshot: 'feed-view.png' },
  { name: 'a person’s feed', path: '/people/ahmad-massoud/rss.xml', screenshot: 'feed-view-person.png' },
];

describe('a feed opened in the browser', () => {
  it.each(feeds)('$name ($path) renders as a styled page, not an XML tree', async ({ path, screenshot }) => {
    const page = await context.newPage();
    try {
      const response = await page.goto(sites.urlOf({ site: 'real', path }));
      expect(response?.headers()['content-type']).toMatch(/^application\/xml/);

      const view = await page.evaluate((contentNs) => {
        const sizeOf = (element: Element | null) => (element ? parseFloat(getComputedStyle(element).fontSize) : NaN);
        const shown = (element: Element) => {
          const box = element.getBoundingClientRect();
          return element.checkVisibility({ visibilityProperty: true }) && box.width > 0 && box.height > 0;
        };
        const channelTitle = document.querySelector('channel > title');
        const itemTitles = [...document.querySelectorAll('item > title')];
        return {
          root: document.documentElement.localName,
          stylesheets: [...document.styleSheets].map((sheet) => new URL(sheet.href ?? '', location.href).pathname),
          // Chromium's own tree view of unstyled XML starts with this sentence.
          treeView: (document.body?.innerText ?? '').includes('does not appear to have any style information'),
          channelTitle: channelTitle && shown(channelTitle) ? channelTitle.textContent : null,
          channelTitleSize: sizeOf(channelTitle),
          bodySize: sizeOf(document.documentElement),
          itemTitles: itemTitles.map((title) => (shown(title) ? title.textContent : `hidden: ${title.textContent}`)),
          encodedShown: [...document.getElementsByTagNameNS(contentNs, 'encoded')].filter(shown).length,
          encodedCount: document.getElementsByTagNameNS(contentNs, 'encoded').length,
        };
      }, contentNamespace);

      expect(view.root).toBe('rss');
      expect(view.treeView).toBe(false);
      expect(view.stylesheets).toEqual(['/feed.css']);
      expect(view.channelTitle).toMatch(/^QTD: /);
      expect(view.channelTitleSize).toBeGreaterThan(view.bodySize);
      expect(view.itemTitles.length).toBeGreaterThan(0);
      for (const title of view.itemTitles) expect(title).not.toMatch(/^hidden: /);
      expect(view.encodedCount).toBeGreaterThan(0);
      expect(view.encodedShown).toBe(0);

      // Playwright's fullPage capture never finishes on an XML document: grow the
      // viewport to the feed's height instead.
      const height = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      await page.setViewportSize({ width: 1000, height: Math.max(800, height) });
      await page.screenshot({ path: join(outRoot, screenshot) });
    } finally {
      await page.close();
    }
  });
});
