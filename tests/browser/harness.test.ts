// Proves the browser harness itself works: Chromium launches, reaches the static
// server, renders Latin and Arabic text with real fonts, and takes screenshots.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { serveStatic } from '../support/static-server.ts';

const arabicWord = 'مرحبا';

const homePage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Harness home</title>
<style>body { margin: 0; font-size: 32px; } .letter { display: inline-block; }</style></head>
<body>
  <p><span id="latin">Quote of the day</span></p>
  <p lang="ar" dir="rtl"><span id="arabic">${arabicWord}</span></p>
  <p lang="ar" dir="rtl">${[...arabicWord].map((letter) => `<span class="letter">${letter}</span>`).join('')}</p>
  <p><a href="about">About</a></p>
</body>
</html>`;

const aboutPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harness about</title></head>
<body><h1>About</h1></body></html>`;

let workDir: string;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'qtd-harness-'));
  await mkdir(join(workDir, 'about'));
  await writeFile(join(workDir, 'index.html'), homePage);
  await writeFile(join(workDir, 'about', 'index.html'), aboutPage);
  server = await serveStatic(workDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 800, height: 600 } });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function widthOf(selector: string): Promise<number> {
  return page.locator(selector).evaluate((element) => element.getBoundingClientRect().width);
}

describe('browser harness', () => {
  it('hands every caller the same browser', async () => {
    expect(await launchBrowser()).toBe(browser);
    expect(browser.isConnected()).toBe(true);
  });

  it('opens a page from the static server', async () => {
    const response = await page.goto(server.url);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Harness home');
  });

  it('lays out Latin and Arabic text with real glyphs', async () => {
    await page.goto(server.url);
    await page.evaluate(() => document.fonts.ready);
    expect(await widthOf('#latin')).toBeGreaterThan(0);
    const joined = await widthOf('#arabic');
    expect(joined).toBeGreaterThan(0);
    // Missing glyphs would all be the same box, so the word would be exactly as
    // wide as its letters laid out one by one (inline blocks are shaped alone).
    // A real Arabic font joins the letters into narrower connected forms.
    const letterWidths = await page
      .locator('.letter')
      .evaluateAll((letters) => letters.map((letter) => letter.getBoundingClientRect().width));
    expect(letterWidths).toHaveLength(arabicWord.length);
    const apart = letterWidths.reduce((sum, width) => sum + width, 0);
    expect(joined).toBeLessThan(apart);
  });

  it('follows a link, through the folder redirect', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'About' }).click();
    await page.waitForURL(`${server.url}about/`);
    expect(await page.title()).toBe('Harness about');
  });

  it('takes a PNG screenshot with the text drawn on it', async () => {
    await page.goto(server.url);
    const png = PNG.sync.read(await page.locator('#arabic').screenshot());
    expect(png.width).toBeGreaterThan(0);
    let darkPixels = 0;
    for (let offset = 0; offset < png.data.length; offset += 4) {
      if ((png.data[offset] ?? 255) < 128) darkPixels += 1;
    }
    expect(darkPixels).toBeGreaterThan(0);

    const fullPage = PNG.sync.read(await page.screenshot());
    expect([fullPage.width, fullPage.height]).toEqual([800, 600]);
  });
});
