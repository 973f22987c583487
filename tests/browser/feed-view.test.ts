// What a reader sees when they open an RSS feed in the browser. The feed carries two
// style sheet instructions: feed.xsl, which turns it into a page (a title, each item
// linked to its page, its day in the zone the pages show it in), and feed.css, which
// styles that page and, where a browser no longer runs XSLT, the raw feed itself.
// Each test leaves a screenshot in tests/.out/ for a person to look at.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { serveSites, type SiteServers } from '../support/pages.ts';
import { outRoot } from '../support/sites.ts';
import { calendarDayInZone, formatDayLong } from '../../src/domain/dates.ts';
import { siteConfig } from '../../src/site.config.ts';

const contentNamespace = 'http://purl.org/rss/1.0/modules/content/';

let sites: SiteServers;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  sites = await serveSites();
  browser = await launchBrowser();
  // A reader far from the site's zone: the days shown must not follow the reader's clock.
  context = await browser.newContext({ viewport: { width: 1000, height: 800 }, timezoneId: 'Asia/Tokyo' });
  await mkdir(outRoot, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await closeBrowser();
  await sites?.close();
});

const feeds = [
  { name: 'the main feed', path: '/rss.xml', screenshot: 'feed-view' },
  { name: 'a person’s feed', path: '/people/ahmad-massoud/rss.xml', screenshot: 'feed-view-person' },
  { name: 'the articles feed', path: '/articles/rss.xml', screenshot: 'feed-view-articles' },
];

type FeedItemXml = { title: string; link: string; pubDate: string };

async function itemsOf(url: string): Promise<FeedItemXml[]> {
  const xml = await (await fetch(url)).text();
  const item = new XMLParser().parse(xml).rss.channel.item as FeedItemXml | FeedItemXml[] | undefined;
  return item === undefined ? [] : Array.isArray(item) ? item : [item];
}

async function screenshot(page: Page, file: string): Promise<void> {
  // Playwright's fullPage capture never finishes on an XML document: grow the viewport to the page's height instead.
  const height = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await page.setViewportSize({ width: 1000, height: Math.max(800, height) });
  await page.screenshot({ path: join(outRoot, file) });
}

describe('a feed opened in a browser that runs XSLT', () => {
  it.each(feeds)(
    '$name ($path) is a page with a title, its items linked, their days in the site’s zone',
    async ({ path, screenshot: file }) => {
      const url = sites.urlOf({ site: 'real', path });
      const items = await itemsOf(url);
      const page = await context.newPage();
      try {
        const response = await page.goto(url);
        expect(response?.headers()['content-type']).toMatch(/^application\/xml/);
        const view = await page.evaluate(() => {
          const sizeOf = (element: Element | null) => (element ? parseFloat(getComputedStyle(element).fontSize) : NaN);
          const h1 = document.querySelector('h1');
          return {
            title: document.title,
            html: document.documentElement instanceof HTMLHtmlElement,
            lang: document.documentElement.lang,
            stylesheets: [...document.styleSheets].map((sheet) => new URL(sheet.href ?? '', location.href).pathname),
            h1s: document.querySelectorAll('h1').length,
            h1: h1?.textContent,
            h1Size: sizeOf(h1),
            bodySize: sizeOf(document.body),
            items: [...document.querySelectorAll('.feed-view__item')].map((item) => ({
              title: item.querySelector('h3 a')?.textContent,
              href: item.querySelector('h3 a')?.getAttribute('href'),
              day: item.querySelector('time')?.textContent,
              summary: item.querySelector('.feed-view__summary')?.textContent?.trim(),
            })),
          };
        });
        expect(view.html).toBe(true);
        expect(view.lang).toBe(siteConfig.lang);
        expect(view.stylesheets).toEqual(['/feed.css']);
        expect(view.h1s).toBe(1);
        expect(view.h1).toMatch(/^QTD: /);
        expect(view.title).toBe(`${view.h1} (web feed)`);
        expect(view.h1Size).toBeGreaterThan(view.bodySize);

        expect(items.length).toBeGreaterThan(0);
        expect(view.items.map((item) => item.title)).toEqual(items.map((item) => String(item.title)));
        expect(view.items.map((item) => item.href)).toEqual(items.map((item) => item.link));
        // Every item of these feeds is dated in the site's zone (the seed article is in it too).
        expect(view.items.map((item) => item.day)).toEqual(
          items.map((item) => formatDayLong(calendarDayInZone(Date.parse(item.pubDate), siteConfig.timeZone))),
        );
        // The description's escaping for feed readers is undone: the summary reads as text.
        for (const item of view.items) expect(item.summary).not.toMatch(/&(amp|lt|gt|quot|#39);/);

        await screenshot(page, `${file}.png`);
      } finally {
        await page.close();
      }
    },
  );
});

describe('a feed opened in a browser that no longer runs XSLT', () => {
  it('is still styled by its CSS, not shown as an XML tree', async () => {
    const url = sites.urlOf({ site: 'real', path: '/rss.xml' });
    const xml = await (await fetch(url)).text();
    // Such a browser skips the XSLT instruction: the same feed without it.
    const withoutXslt = xml.replace(/<\?xml-stylesheet type="text\/xsl"[^?]*\?>/, '');
    expect(withoutXslt).not.toBe(xml);
    const page = await context.newPage();
    try {
      await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'application/xml', body: withoutXslt }));
      await page.goto(url);
      const view = await page.evaluate((contentNs) => {
        const sizeOf = (element: Element | null) => (element ? parseFloat(getComputedStyle(element).fontSize) : NaN);
        const shown = (element: Element) => {
          const box = element.getBoundingClientRect();
          return element.checkVisibility({ visibilityProperty: true }) && box.width > 0 && box.height > 0;
        };
        const channelTitle = document.querySelector('channel > title');
        return {
          root: document.documentElement.localName,
          stylesheets: [...document.styleSheets].map((sheet) => new URL(sheet.href ?? '', location.href).pathname),
          // Chromium's own tree view of unstyled XML starts with this sentence.
          treeView: (document.body?.innerText ?? '').includes('does not appear to have any style information'),
          channelTitle: channelTitle && shown(channelTitle) ? channelTitle.textContent : null,
          channelTitleSize: sizeOf(channelTitle),
          rootSize: sizeOf(document.documentElement),
          itemTitles: [...document.querySelectorAll('item > title')].map((title) =>
            shown(title) ? title.textContent : `hidden: ${title.textContent}`,
          ),
          encodedShown: [...document.getElementsByTagNameNS(contentNs, 'encoded')].filter(shown).length,
        };
      }, contentNamespace);
      expect(view.root).toBe('rss');
      expect(view.treeView).toBe(false);
      expect(view.stylesheets).toEqual(['/feed.css']);
      expect(view.channelTitle).toMatch(/^QTD: /);
      expect(view.channelTitleSize).toBeGreaterThan(view.rootSize);
      expect(view.itemTitles.length).toBeGreaterThan(0);
      for (const title of view.itemTitles) expect(title).not.toMatch(/^hidden: /);
      expect(view.encodedShown).toBe(0);
      await screenshot(page, 'feed-view-without-xslt.png');
    } finally {
      await page.close();
    }
  });
});
