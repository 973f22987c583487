// Reading in a real browser: nothing scrolls sideways on a 320 px phone, dates never
// break, the quote does not jump while the page loads nor end a line early on a phone,
// an article line holds 60–75 characters, the header stands still and shows its whole
// placeholder, light and dark each have readable colours, print keeps the words, the
// day, the curator, the site and the address and drops the chrome, a #q-… link lands
// with the sentence in view and highlights every part of the quote, and no page logs
// an error or breaks its Content-Security-Policy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../support/browser.ts';
import { readablePagePaths, PAGE_TYPES, serveSites, type PageType, type SiteServers } from '../support/pages.ts';
import { distOf } from '../support/sites.ts';
import { sentenceBounds } from '../../src/domain/sentences.ts';

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

  it.each([...PAGE_TYPES, ...fixturePages])('$name ($path) keeps every date, and every time, on one line', async (pageType) => {
    await open(page, pageType);
    // A date and time may break between its date and its time (.date-time__part), a date nowhere.
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll('time:not(.date-time), time.date-time > .date-time__part')]
        .filter((date) => date.checkVisibility() && date.getClientRects().length > 1)
        .map((date) => date.textContent),
    );
    expect(broken).toEqual([]);
  });

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

describe('lines', () => {
  it('sets 60 to 75 characters in a line of the article at 1280 px', async () => {
    const perLine = await withContext({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await open(page, articlePage);
      await page.evaluate(() => document.fonts.ready);
      // Characters of each full line (every line of a paragraph but its last), found by where each character sits.
      return page.evaluate(() => {
        const counts: number[] = [];
        for (const paragraph of document.querySelectorAll('.article__body p')) {
          const tops: number[] = [];
          const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement?.closest('.quote-link')) continue;
            for (let offset = 0; offset < (node.textContent ?? '').length; offset++) {
              range.setStart(node, offset);
              range.setEnd(node, offset + 1);
              const box = range.getBoundingClientRect();
              if (box.width > 0) tops.push(Math.round(box.top + box.height / 2));
            }
          }
          const lines = new Map<number, number>();
          let line = tops[0] ?? 0;
          for (const top of tops) {
            if (Math.abs(top - line) > 8) line = top;
            lines.set(line, (lines.get(line) ?? 0) + 1);
          }
          counts.push(...[...lines.values()].slice(0, -1));
        }
        return counts;
      });
    });
    expect(perLine.length).toBeGreaterThan(20);
    const sorted = [...perLine].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(median).toBeGreaterThanOrEqual(60);
    expect(median).toBeLessThanOrEqual(75);
  });

  it('fills every line of the quote but its last on a phone, so that no sentence looks like a paragraph of its own', async () => {
    const lines = await withContext({ viewport: { width: 375, height: 812 } }, async (page) => {
      await open(page, quotePage);
      await page.evaluate(() => document.fonts.ready);
      return page.evaluate(() => {
        const text = document.querySelector('.quote-figure__text');
        const node = text?.firstChild;
        if (!text || !node || node.nodeType !== Node.TEXT_NODE) throw new Error('the quote is not one text node');
        const value = node.textContent ?? '';
        const range = document.createRange();
        // Words as the line breaker sees them: split at spaces, never at no-break spaces.
        const words = [...value.matchAll(/[^ \n\t]+/g)].map((match) => {
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const box = range.getBoundingClientRect();
          return { word: match[0], left: box.left, right: box.right, top: Math.round(box.top) };
        });
        const style = getComputedStyle(text);
        const box = text.getBoundingClientRect();
        const contentRight = box.right - parseFloat(style.paddingRight);
        const space = (() => {
          const probe = document.createElement('span');
          probe.textContent = '\u0020';
          probe.style.whiteSpace = 'pre';
          text.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          return width;
        })();
        const result: { line: string; room: number; next: string; nextWidth: number }[] = [];
        words.forEach((word, index) => {
          const next = words[index + 1];
          if (next && next.top > word.top) {
            const lineWords = words.filter((other) => other.top === word.top).map((other) => other.word);
            result.push({
              line: lineWords.join(' '),
              room: contentRight - word.right - space,
              next: next.word,
              nextWidth: next.right - next.left,
            });
          }
        });
        return result;
      });
    });
    expect(lines.length).toBeGreaterThan(2);
    // A line ends only where its next word would not fit.
    const early = lines.filter((line) => line.nextWidth <= line.room).map((line) => `${line.line} | ${line.next}`);
    expect(early).toEqual([]);
  });
});

describe('the header', () => {
  it('shows the whole placeholder of its search box at 1280 px', async () => {
    const fit = await withContext({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await open(page, quotePage);
      await page.evaluate(() => document.fonts.ready);
      return page.locator('.header-search__input').evaluate((input: HTMLInputElement) => {
        const style = getComputedStyle(input, '::placeholder');
        const context = document.createElement('canvas').getContext('2d');
        if (!context) throw new Error('no canvas');
        context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const inputStyle = getComputedStyle(input);
        return {
          text: context.measureText(input.placeholder).width,
          room: input.clientWidth - parseFloat(inputStyle.paddingLeft) - parseFloat(inputStyle.paddingRight),
        };
      });
    });
    expect(fit.text).toBeLessThanOrEqual(fit.room);
  });

  it.each([375, 1280])('keeps its name and navigation in place on the search page, at %i px', async (width) => {
    const places = await withContext({ viewport: { width, height: 800 } }, async (page) => {
      const where = async (path: string) => {
        await open(page, { site: 'real', path });
        return page.evaluate(() =>
          ['.site-name', 'nav[aria-label="Main"]', '.site-header'].map((selector) => {
            const box = document.querySelector(selector)?.getBoundingClientRect();
            return box ? `${selector} ${Math.round(box.left)} ${Math.round(box.top)} ${Math.round(box.height)}` : `${selector} missing`;
          }),
        );
      };
      return { home: await where('/'), search: await where('/search/'), quote: await where('/quotes/spirit-of-resistance/') };
    });
    expect(places.search).toEqual(places.home);
    expect(places.quote).toEqual(places.home);
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
        const innerText = (selector: string) =>
          (document.querySelector(selector) as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim();
        return {
          chrome: {
            header: displayOf('.site-header'),
            footer: displayOf('.site-footer'),
            nav: document.querySelector('nav[aria-label="Main"]')?.checkVisibility() ? 'shown' : 'hidden',
          },
          kept: keptSelectors.map(shown),
          masthead: innerText('.print-masthead'),
          day: innerText('.quote-page__day'),
          hidden: ['.embed', '.share'].filter((selector) => displayOf(selector) === 'none'),
        };
      }, kept);
    });
  }

  it('prints the quote, its day, its curator and its citations, with the site’s name and the address, without the site chrome', async () => {
    const kept = [
      '.quote-figure__text',
      '.quote-figure__speaker',
      '.source-line',
      '.quote-page__day time[datetime="2021-08-23"]',
      '.quote-page__day a[href="/people/jenna-lee/"]',
      '.print-masthead',
      '.print-masthead__url',
      '.citations .citation-list',
    ];
    const result = await printed(quotePage, kept);
    expect(result.chrome).toEqual({ header: 'none', footer: 'none', nav: 'hidden' });
    expect(result.kept).toEqual(kept.map((selector) => `${selector}: shown`));
    expect(result.masthead).toBe(
      'QTD: The quote of the day and the article it comes from https://qtd.example/quotes/spirit-of-resistance/',
    );
    expect(result.day).toBe('Quote of the day for August 23, 2021 · chosen by Jenna Lee');
    expect(result.hidden).toContain('.embed');
  });

  it('prints the article, its byline and its marked passage, with the site’s name and the address, without the site chrome', async () => {
    const kept = [
      '.article__title',
      '.article__byline',
      '.kicker',
      '.article__body',
      'mark#q-spirit-of-resistance',
      '.print-masthead__url',
    ];
    const result = await printed(articlePage, kept);
    expect(result.chrome).toEqual({ header: 'none', footer: 'none', nav: 'hidden' });
    expect(result.kept).toEqual(kept.map((selector) => `${selector}: shown`));
    expect(result.masthead).toBe(
      'QTD: The quote of the day and the article it comes from https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/',
    );
  });
});

describe('a link to a passage', () => {
  const quoteMarks = 'mark[data-quote~="spirit-of-resistance"]';

  /** The background of every mark of the quote, and of the same marks when no passage is targeted. */
  async function markBackgrounds(page: Page) {
    return page.locator(quoteMarks).evaluateAll((marks) =>
      marks.map((mark) => {
        const style = getComputedStyle(mark);
        return `${style.backgroundColor} ${style.backgroundImage}`;
      }),
    );
  }

  it('highlights every part of a quote with an elision, not only the first, and lets go when the reader moves on', async () => {
    await withContext({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await open(page, articlePage);
      const untargeted = await markBackgrounds(page);
      expect(untargeted.length).toBeGreaterThanOrEqual(2);

      await page.goto(`${sites.urlOf(articlePage)}#q-spirit-of-resistance`);
      // One highlight for all the parts, other than the marks' own: the script applies it after load.
      const allTargeted = async () => {
        const targeted = await markBackgrounds(page);
        return new Set(targeted).size === 1 && targeted.every((background, index) => background !== untargeted[index]);
      };
      await expect.poll(allTargeted).toBe(true);

      await page.evaluate(() => {
        location.hash = '#main';
      });
      await expect.poll(() => markBackgrounds(page)).toEqual(untargeted);
    });
  });

  it.each([375, 1280])('lands with the start of the quote’s sentence in view, at %i px', async (width) => {
    await withContext({ viewport: { width, height: width < 600 ? 812 : 800 } }, async (page) => {
      await page.goto(`${sites.urlOf(articlePage)}#q-spirit-of-resistance`);
      const mark = page.locator('mark#q-spirit-of-resistance');
      await expect
        .poll(() =>
          mark.evaluate((element) => element.getBoundingClientRect().top > 0 && element.getBoundingClientRect().bottom <= innerHeight),
        )
        .toBe(true);
      // Let a smooth scroll end.
      await page.waitForTimeout(600);
      const { text, markStart } = await mark.evaluate((element) => {
        const paragraph = element.closest('p');
        if (!paragraph) throw new Error('the mark is not in a paragraph');
        const before = document.createRange();
        before.setStart(paragraph, 0);
        before.setEndBefore(element);
        return { text: paragraph.textContent ?? '', markStart: before.toString().length };
      });
      const sentenceStart = sentenceBounds(text)
        .filter((start) => start <= markStart)
        .at(-1);
      expect(sentenceStart).toBeDefined();
      const top = await mark.evaluate((element, offset) => {
        const paragraph = element.closest('p') as HTMLElement;
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
        let left = offset;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = (node.textContent ?? '').length;
          if (left < length) {
            const range = document.createRange();
            range.setStart(node, left);
            range.setEnd(node, left + 1);
            return range.getBoundingClientRect().top;
          }
          left -= length;
        }
        throw new Error('offset past the paragraph');
      }, sentenceStart ?? 0);
      expect(top).toBeGreaterThanOrEqual(0);
    });
  });

  it('scrolls the marked passage into view and highlights its first part without JavaScript', async () => {
    await withContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false }, async (page) => {
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
      // The first part is the target; the others keep the marks' own style until the script runs.
      const [first, ...others] = await markBackgrounds(page);
      expect(others.length).toBeGreaterThan(0);
      for (const other of others) expect(other).not.toBe(first);
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
