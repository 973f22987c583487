// Accessibility in a real browser: axe-core on every page type, light and dark, at a
// phone and a desktop width; the keyboard path through the quote and the article
// pages; share, footer and quote links as targets of at least 24 × 24 px; and reduced
// motion honoured.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { PAGE_TYPES, serveSites, type PageType, type SiteServers } from '../support/pages.ts';

type ColorScheme = 'light' | 'dark';

const schemes: readonly ColorScheme[] = ['light', 'dark'];
const widths = [375, 1280] as const;

// WCAG 2.2 A and AA, plus axe's best practices. The best-practice rules (one main
// landmark, all content in landmarks, one h1, headings in order, unique landmark
// names, a working skip link…) are not success criteria, but they are what a screen
// reader user navigates by on a reading site, and the site is built to meet them;
// a page that breaks one has regressed.
const axeOptions: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
};

let sites: SiteServers;
let browser: Browser;
let axeSource: string;
const axePages = new Map<string, Page>();
const axeTimings: number[] = [];

function viewportFor(width: number) {
  return { width, height: width < 600 ? 812 : 900 };
}

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  sites = await serveSites();
  browser = await launchBrowser();
  for (const colorScheme of schemes) {
    for (const width of widths) {
      // bypassCSP only here: the page's meta CSP rightly forbids the inline script
      // that injects axe. The other browser tests keep the CSP on.
      const context = await browser.newContext({ viewport: viewportFor(width), colorScheme, bypassCSP: true });
      axePages.set(`${colorScheme} ${width}`, await context.newPage());
    }
  }
});

afterAll(async () => {
  if (axeTimings.length > 0) {
    const total = axeTimings.reduce((sum, ms) => sum + ms, 0);
    const slowest = Math.max(...axeTimings);
    console.log(
      `axe: ${axeTimings.length} runs in ${(total / 1000).toFixed(1)} s ` +
        `(mean ${(total / axeTimings.length).toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms)`,
    );
  }
  await Promise.all([...axePages.values()].map((page) => page.context().close()));
  await closeBrowser();
  await sites?.close();
});

async function open(page: Page, pageType: PageType): Promise<void> {
  const response = await page.goto(sites.urlOf(pageType), { waitUntil: 'load' });
  const expectedStatus = pageType.path === '/404.html' ? [200, 404] : [200];
  expect(expectedStatus).toContain(response?.status());
  await pageType.ready?.(page);
}

function describeViolations(results: AxeResults): string[] {
  return results.violations.map((violation) => {
    const nodes = violation.nodes.map(
      (node) => `    at ${JSON.stringify(node.target)}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
    );
    return `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}\n${nodes.join('\n')}`;
  });
}

describe('axe-core, WCAG 2.2 AA and best practices', () => {
  const cases = PAGE_TYPES.flatMap((pageType) => schemes.flatMap((scheme) => widths.map((width) => ({ pageType, scheme, width }))));

  it.each(cases)('$pageType.name ($pageType.path), $scheme, $width px', async ({ pageType, scheme, width }) => {
    const page = axePages.get(`${scheme} ${width}`);
    if (!page) throw new Error(`no page for ${scheme} ${width}`);
    await open(page, pageType);
    await page.addScriptTag({ content: axeSource });
    const started = performance.now();
    const results = await page.evaluate(
      (options) =>
        (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe.run(document, options),
      axeOptions,
    );
    axeTimings.push(performance.now() - started);
    expect(describeViolations(results)).toEqual([]);
  });
});

interface TabStop {
  /** Position in the list of focusable elements, or -1 for anything else. */
  index: number;
  description: string;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  inViewport: boolean;
}

/** Numbers every element a keyboard user should reach, in document order. */
function markFocusable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const candidates = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (element) =>
        element.tabIndex >= 0 &&
        !(element as HTMLButtonElement).disabled &&
        !(element instanceof HTMLInputElement && element.type === 'hidden') &&
        element.checkVisibility({ visibilityProperty: true }),
    );
    return candidates.map((element, index) => {
      element.dataset['tabProbe'] = String(index);
      return `${element.tagName.toLowerCase()} ${(element.getAttribute('href') ?? element.textContent ?? '').trim().slice(0, 60)}`;
    });
  });
}

function focusedStop(page: Page): Promise<TabStop | undefined> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return undefined;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      index: Number(element.dataset['tabProbe'] ?? -1),
      description: `${element.tagName.toLowerCase()} ${(element.getAttribute('href') ?? element.textContent ?? '').trim().slice(0, 60)}`,
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      boxShadow: style.boxShadow,
      inViewport: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
    };
  });
}

function hasFocusIndicator(stop: TabStop): boolean {
  const outline = stop.outlineStyle !== 'none' && parseFloat(stop.outlineWidth) > 0;
  return outline || stop.boxShadow !== 'none';
}

describe('keyboard', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: viewportFor(1280) });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  const keyboardPages = PAGE_TYPES.filter((pageType) => pageType.name === 'quote' || pageType.name === 'article');

  it.each(keyboardPages)('reaches every control of the $name page in order, each with a visible focus ring', async (pageType) => {
    await page.goto(sites.urlOf(pageType));
    const focusable = await markFocusable(page);
    expect(focusable.length).toBeGreaterThan(10);

    const stops: TabStop[] = [];
    for (let press = 0; press <= focusable.length; press += 1) {
      await page.keyboard.press('Tab');
      const stop = await focusedStop(page);
      // Past the last control focus leaves the document.
      if (!stop) break;
      stops.push(stop);
    }

    const [first] = stops;
    expect(first?.description).toBe('a #main');
    expect(first?.inViewport, 'the skip link shows when focused').toBe(true);
    expect(stops.map((stop) => `${stop.index} ${stop.description}`)).toEqual(
      focusable.map((description, index) => `${index} ${description}`),
    );
    const withoutRing = stops.filter((stop) => !hasFocusIndicator(stop)).map((stop) => stop.description);
    expect(withoutRing).toEqual([]);
  });
});

describe('target size (WCAG 2.2, 2.5.8)', () => {
  // Links standing alone, not in a sentence (which 2.5.8 exempts): each a target of at least 24 × 24 px.
  const targets: { name: string; path: string; selectors: string[] }[] = [
    { name: 'quote', path: '/quotes/spirit-of-resistance/', selectors: ['.share-links a', '.footer-links a', '.site-nav a'] },
    {
      name: 'article',
      path: '/articles/the-afghan-who-wont-surrender-to-the-taliban/',
      selectors: ['.article__body .quote-link', '.footer-links a'],
    },
  ];
  const cases = targets.flatMap((target) => widths.map((width) => ({ ...target, width })));

  it.each(cases)('$name page at $width px', async ({ path, selectors, width }) => {
    const context = await browser.newContext({ viewport: viewportFor(width) });
    try {
      const page = await context.newPage();
      await page.goto(sites.urlOf({ site: 'real', path }));
      const sizes = await page.evaluate(
        (wanted) =>
          wanted.flatMap((selector) =>
            [...document.querySelectorAll(selector)]
              .filter((element) => element.checkVisibility())
              .map((element) => {
                const box = element.getBoundingClientRect();
                return { target: `${selector} "${element.textContent?.trim()}"`, width: box.width, height: box.height };
              }),
          ),
        selectors,
      );
      for (const selector of selectors)
        expect(
          sizes.some((size) => size.target.startsWith(`${selector} `)),
          selector,
        ).toBe(true);
      const small = sizes
        .filter((size) => size.width < 24 || size.height < 24)
        .map((size) => `${size.target}: ${size.width.toFixed(1)} × ${size.height.toFixed(1)}`);
      expect(small).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('reduced motion', () => {
  async function htmlScrollBehavior(reducedMotion: 'reduce' | 'no-preference'): Promise<string> {
    const context = await browser.newContext({ reducedMotion });
    try {
      const page = await context.newPage();
      await page.goto(sites.urlOf({ site: 'real', path: '/articles/the-afghan-who-wont-surrender-to-the-taliban/' }));
      return await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    } finally {
      await context.close();
    }
  }

  it('scrolls without animation when the reader asks for less motion', async () => {
    expect(await htmlScrollBehavior('reduce')).toBe('auto');
    // The same rule does animate otherwise, so the assertion above is not vacuous.
    expect(await htmlScrollBehavior('no-preference')).toBe('smooth');
  });
});
