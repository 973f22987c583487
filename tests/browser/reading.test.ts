// Reading in a real browser: nothing scrolls sideways on a 320 px phone, the quote
// does not jump while the page loads, light and dark each have readable colours,
// print keeps the words and drops the chrome, a #q-… link lands on its passage,
// and no page logs an error or breaks its Content-Security-Policy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { readablePagePaths, PAGE_TYPES, serveSites, type PageType, type SiteServers } from '../support/pages.ts';
import { distOf } from '../support/sites.ts';

const quotePage = PAGE_TYPES.find((pageType) => pageType.name === 'quote');
const articlePage = PAGE_TYPES.find((pageType) => pageType.name === 'article');
if (!quotePage || !articlePage) throw new Error('tests/support/pages.ts lists no quote or no article page');

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

async function withContext<T>(options: Parameters<Browser['newContext']>[0], use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await use(await context.newPage());
  } finally {
    await context.close();
  }
}

async function open(page: Page, pageType: Pick<PageType, 'site' | 'path' | 'ready'>): Promise<void> {
  await page.goto(sites.urlOf(pageType), { waitUntil: 'load' });
  await pageType.ready?.(page);
}

describe('at 320 px', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  /** The page's horizontal overflow, and the innermost elements that stick out past the right edge. */
  function sidewaysOverflow(): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
    return page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      const width = root.clientWidth;
      const sticksOut = (element: Element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
      };
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((element) => sticksOut(element) && ![...element.children].some(sticksOut))
        .slice(0, 5)
        .map((element) => {
          const classes = element.getAttribute('class') ? `.${element.getAttribute('class')?.trim().split(/\s+/).join('.')}` : '';
          const box = element.getBoundingClientRect();
          return `${element.tagName.toLowerCase()}${classes} [${Math.round(box.left)}, ${Math.round(box.right)}] "${(element.textContent ?? '').trim().slice(0, 40)}"`;
        });
      return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
    });
  }

  const fixtureDist = distOf('fixture');
  const listed = new Set(PAGE_TYPES.map((pageType) => `${pageType.site} ${pageType.path}`));
  const fixturePages: PageType[] = readablePagePaths(fixtureDist)
    .filter((path) => !listed.has(`fixture ${path}`))
    .map((path) => ({ name: `fixture ${path}`, site: 'fixture', path }));

  it.each([...PAGE_TYPES, ...fixturePages])('$name ($path) does not scroll sideways', async (pageType) => {
    await open(page, pageType);
    await page.evaluate(() => document.fonts.ready);
    const overflow = await sidewaysOverflow();
    expect(overflow.scrollWidth, `sticking out: ${overflow.culprits.join('; ') || 'nothing found'}`).toBeLessThanOrEqual(
      overflow.clientWidth,
    );
  });
});

describe('layout stability', () => {
  it.each([375, 1280])('the quote page does not shift as it loads, at %i px', async (width) => {
    const shifts = await withContext({ viewport: { width, height: 800 } }, async (page) => {
      await open(page, quotePage);
      return page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const found: string[] = [];
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & {
                value: number;
                hadRecentInput: boolean;
                sources?: { node?: Node | null }[];
              })[]) {
                if (entry.hadRecentInput) continue;
                const nodes = (entry.sources ?? []).map((source) =>
                  source.node instanceof Element
                    ? source.node.tagName.toLowerCase() + (source.node.className ? `.${source.node.className}` : '')
                    : String(source.node?.nodeName),
                );
                found.push(`${entry.value.toFixed(4)} (${nodes.join(', ')})`);
              }
            }).observe({ type: 'layout-shift', buffered: true });
            // Late shifts (a font swap, a script showing a button) come after load.
            setTimeout(() => resolve(found), 1000);
          }),
      );
    });
    expect(shifts).toEqual([]);
  });
});

interface Rgb {
  r: number;
  g: number;
  b: number;
}

function parseRgb(colour: string): Rgb {
  const match = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)(?:,\s*(\d+(?:\.\d+)?))?\)$/.exec(colour);
  if (!match) throw new Error(`not an rgb() colour: ${colour}`);
  if (match[4] !== undefined && Number(match[4]) < 1) throw new Error(`translucent colour, contrast undefined: ${colour}`);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]) };
}

// WCAG 2.x relative luminance and contrast ratio.
function luminance({ r, g, b }: Rgb): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('colour schemes', () => {
  async function bodyColours(colorScheme: 'light' | 'dark', pageType: PageType) {
    return withContext({ colorScheme }, async (page) => {
      await open(page, pageType);
      return page.evaluate(() => {
        const style = getComputedStyle(document.body);
        return { background: style.backgroundColor, text: style.color };
      });
    });
  }

  it.each([quotePage, articlePage])('the $name page has its own readable light and dark colours', async (pageType) => {
    const light = await bodyColours('light', pageType);
    const dark = await bodyColours('dark', pageType);
    expect(dark.background).not.toBe(light.background);
    expect(luminance(parseRgb(dark.background))).toBeLessThan(luminance(parseRgb(light.background)));
    for (const scheme of [light, dark]) {
      expect(contrast(parseRgb(scheme.text), parseRgb(scheme.background))).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('print', () => {
  async function printed(pageType: PageType, kept: string[]) {
    return withContext({}, async (page) => {
      await open(page, pageType);
      await page.emulateMedia({ media: 'print' });
      return page.evaluate((keptSelectors) => {
        const displayOf = (selector: string) => {
          const element = document.querySelector(selector);
          return element ? getComputedStyle(element).display : 'missing';
        };
        const shown = (selector: string) => {
          const element = document.querySelector(selector);
          if (!element) return `${selector}: missing`;
          const box = element.getBoundingClientRect();
          return element.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && box.width > 0 && box.height > 0
            ? `${selector}: shown`
            : `${selector}: hidden`;
        };
        return {
          chrome: {
            header: displayOf('.site-header'),
            footer: displayOf('.site-footer'),
            nav: document.querySelector('nav[aria-label="Main"]')?.checkVisibility() ? 'shown' : 'hidden',
          },
          kept: keptSelectors.map(shown),
        };
      }, kept);
    });
  }

  it('prints the quote and its citations without the site chrome', async () => {
    const kept = ['.quote-figure__text', '.quote-figure__speaker', '.source-line cite', '.citations .citation-list'];
    const result = await printed(quotePage, kept);
    expect(result.chrome).toEqual({ header: 'none', footer: 'none', nav: 'hidden' });
    expect(result.kept).toEqual(kept.map((selector) => `${selector}: shown`));
  });

  it('prints the article, its byline and its marked passage without the site chrome', async () => {
    const kept = ['.article__title', '.article__byline', '.kicker', '.article__body', 'mark#q-spirit-of-resistance'];
    const result = await printed(articlePage, kept);
    expect(result.chrome).toEqual({ header: 'none', footer: 'none', nav: 'hidden' });
    expect(result.kept).toEqual(kept.map((selector) => `${selector}: shown`));
  });
});

describe('a link to a passage', () => {
  it('scrolls the marked passage into view and highlights it as the target', async () => {
    await withContext({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto(`${sites.urlOf(articlePage)}#q-spirit-of-resistance`);
      const mark = page.locator('mark#q-spirit-of-resistance');
      expect(await mark.evaluate((element) => element.matches(':target'))).toBe(true);
      // The scroll may be smooth: wait for it to land.
      await expect
        .poll(() =>
          mark.evaluate((element) => {
            const box = element.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= innerHeight;
          }),
        )
        .toBe(true);
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);

      const backgroundOf = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((element) => {
            const style = getComputedStyle(element);
            return `${style.backgroundColor} ${style.backgroundImage}`;
          });
      const untargeted = await backgroundOf('.article__body mark:not(:target)');
      expect(await backgroundOf('mark#q-spirit-of-resistance')).not.toBe(untargeted);
    });
  });
});

describe('errors and the Content-Security-Policy', () => {
  let hostPolicy: string;

  beforeAll(async () => {
    // The policy the host sends as a header (dist/_headers), on top of the page's own <meta> policy.
    const headers = await readFile(join(distOf('real'), '_headers'), 'utf8');
    const policy = /^\s+Content-Security-Policy:\s*(.+)$/m.exec(headers)?.[1];
    if (!policy) throw new Error('dist/_headers holds no Content-Security-Policy');
    hostPolicy = policy;
  });

  it.each(PAGE_TYPES)('$name ($path) loads with no console error and no CSP violation', async (pageType) => {
    const context = await browser.newContext();
    try {
      await context.route('**/*', async (route) => {
        const response = await route.fetch();
        const headers = response.headers();
        if ((headers['content-type'] ?? '').startsWith('text/html')) headers['content-security-policy'] = hostPolicy;
        await route.fulfill({ response, headers });
      });
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
        });
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      // The console says only "Failed to load resource"; this names the resource.
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });

      await open(page, pageType);
      // Scripts run after load; give them a moment to fail.
      await page.waitForLoadState('networkidle');
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      expect([...problems, ...violations.map((violation) => `CSP: ${violation}`)]).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
