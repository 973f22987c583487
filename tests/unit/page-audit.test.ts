import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDist, auditPage, auditSite, formatAuditIssues, isNotFoundPage } from '../support/page-audit.ts';

interface PageParts {
  lang?: string;
  title?: string;
  head?: string;
  body?: string;
}

const DEFAULT_HEAD =
  '<meta name="description" content="A quote of the day."><link rel="canonical" href="https://qtd.example/qtd/quotes/x/">';
const DEFAULT_BODY =
  '<a class="skip" href="#main">Skip to content</a><header><nav aria-label="Main"><a href="/qtd/">QTD</a></nav></header>' +
  '<main id="main"><h1>A quote</h1><p>Text</p></main><footer><p>© QTD</p></footer>';

/** A page that passes every rule, with any part swapped out. */
function page({ lang = 'en', title = 'A quote — QTD', head = DEFAULT_HEAD, body = DEFAULT_BODY }: PageParts = {}): string {
  const langAttr = lang === '' ? '' : ` lang="${lang}"`;
  return `<!DOCTYPE html><html${langAttr}><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

function rulesOf(html: string, file = 'quotes/x/index.html'): string[] {
  return auditPage(html, file).map((issue) => `${issue.rule}: ${issue.message}`);
}

const withBody = (body: string): string => page({ body });

describe('auditPage', () => {
  it('passes a well-formed page', () => {
    expect(auditPage(page(), 'quotes/x/index.html')).toEqual([]);
  });

  it('single-h1: exactly one <h1>', () => {
    expect(rulesOf(withBody(DEFAULT_BODY.replace('<h1>A quote</h1>', '')))).toEqual(['single-h1: 0 <h1> elements, expected 1']);
    expect(rulesOf(withBody(DEFAULT_BODY.replace('<p>Text</p>', '<h1>Again</h1>')))).toEqual(['single-h1: 2 <h1> elements, expected 1']);
  });

  it('title: present and not empty', () => {
    expect(rulesOf(page({ title: '  \n ' }))).toEqual(['title: <title> is empty']);
    expect(rulesOf(page().replace(/<title>.*<\/title>/, ''))).toEqual(['title: no <title>']);
    // An SVG <title> is not the document title.
    expect(
      rulesOf(
        page()
          .replace(/<title>.*<\/title>/, '')
          .replace('<p>Text</p>', '<svg><title>icon</title></svg>'),
      ),
    ).toEqual(['title: no <title>']);
  });

  it('meta-description: present with content', () => {
    const noDescription = DEFAULT_HEAD.replace(/<meta name="description"[^>]*>/, '');
    expect(rulesOf(page({ head: noDescription }))).toEqual(['meta-description: no <meta name="description">']);
    expect(rulesOf(page({ head: DEFAULT_HEAD.replace('A quote of the day.', ' ') }))).toEqual([
      'meta-description: <meta name="description"> has empty content',
    ]);
    expect(rulesOf(page({ head: DEFAULT_HEAD.replace(' content="A quote of the day."', '') }))).toEqual([
      'meta-description: <meta name="description"> has empty content',
    ]);
  });

  it('canonical: one, with an absolute http(s) href', () => {
    const noCanonical = DEFAULT_HEAD.replace(/<link rel="canonical"[^>]*>/, '');
    expect(rulesOf(page({ head: noCanonical }))).toEqual(['canonical: no <link rel="canonical">']);
    expect(rulesOf(page({ head: DEFAULT_HEAD.replace('https://qtd.example/qtd/quotes/x/', '/qtd/quotes/x/') }))).toEqual([
      'canonical: canonical href "/qtd/quotes/x/" is not an absolute http(s) URL',
    ]);
    expect(rulesOf(page({ head: `${DEFAULT_HEAD}<link rel="canonical" href="https://qtd.example/other/">` }))).toEqual([
      'canonical: 2 canonical links, expected 1',
    ]);
    // rel is a token list.
    expect(rulesOf(page({ head: DEFAULT_HEAD.replace('rel="canonical"', 'rel="Canonical alternate"') }))).toEqual([]);
  });

  it('html-lang: a language tag on <html>', () => {
    expect(rulesOf(page({ lang: '' }))).toEqual(['html-lang: <html> has no lang']);
    expect(rulesOf(page({ lang: 'english please' }))).toEqual(['html-lang: <html lang="english please"> is not a language tag']);
    expect(rulesOf(page({ lang: 'ar-EG' }))).toEqual([]);
  });

  it('landmarks: a page header, one main and a page footer', () => {
    expect(rulesOf(withBody(DEFAULT_BODY.replace(/<header>.*<\/header>/, '')))).toEqual(['landmarks: no page <header> (banner landmark)']);
    expect(rulesOf(withBody(DEFAULT_BODY.replace('<footer><p>© QTD</p></footer>', '')))).toEqual([
      'landmarks: no page <footer> (contentinfo landmark)',
    ]);
    expect(rulesOf(withBody(DEFAULT_BODY.replace('<main id="main">', '<div id="main">').replace('</main>', '</div>')))).toEqual([
      'landmarks: 0 <main> landmarks, expected 1',
    ]);
    expect(rulesOf(withBody(`${DEFAULT_BODY}<main><p>second</p></main>`))).toEqual(['landmarks: 2 <main> landmarks, expected 1']);
  });

  it('landmarks: <header>/<footer> inside an article do not count, role equivalents do', () => {
    const nested = '<a href="#main">Skip</a><main id="main"><article><header><h1>A</h1></header><footer>by</footer></article></main>';
    expect(rulesOf(withBody(nested))).toEqual([
      'landmarks: no page <header> (banner landmark)',
      'landmarks: no page <footer> (contentinfo landmark)',
    ]);
    const roles =
      '<a href="#content">Skip</a><div role="banner">QTD</div><div role="main" id="content"><h1>A</h1></div><div role="contentinfo">©</div>';
    expect(rulesOf(withBody(roles))).toEqual([]);
    // <main role="main"> is one landmark, not two.
    expect(rulesOf(withBody(DEFAULT_BODY.replace('<main id="main">', '<main id="main" role="main">')))).toEqual([]);
  });

  it('skip-link: the first focusable element is an <a href="#id"> to an existing id', () => {
    const skip = '<a class="skip" href="#main">Skip to content</a>';
    expect(rulesOf(withBody(DEFAULT_BODY.replace(skip, '')))).toEqual([
      'skip-link: first focusable element is <a href="/qtd/"> "QTD", not a skip link <a href="#…">',
    ]);
    expect(rulesOf(withBody(DEFAULT_BODY.replace('href="#main"', 'href="#content"')))).toEqual([
      'skip-link: skip link target "#content" is not an id on the page',
    ]);
    expect(rulesOf(withBody(`<button type="button">Menu</button>${DEFAULT_BODY}`))).toEqual([
      'skip-link: first focusable element is <button> "Menu", not a skip link <a href="#…">',
    ]);
    expect(rulesOf(withBody(DEFAULT_BODY.replace('href="#main"', 'href="#"')))).toEqual([
      'skip-link: first focusable element is <a href="#"> "Skip to content", not a skip link <a href="#…">',
    ]);
    expect(rulesOf(withBody('<header></header><main><h1>x</h1></main><footer></footer>'))).toEqual([
      'skip-link: nothing focusable in <body>; expected a skip link first',
    ]);
  });

  it('skip-link: skips what is not in the tab order, and honours positive tabindex', () => {
    const notFocusable =
      '<div tabindex="-1">x</div><a>no href</a><input type="hidden" name="h"><button disabled>off</button>' +
      '<div hidden><a href="/hidden/">h</a></div>';
    expect(rulesOf(withBody(notFocusable + DEFAULT_BODY))).toEqual([]);
    expect(rulesOf(withBody(`${DEFAULT_BODY}<span tabindex="1">first by tabindex</span>`))).toEqual([
      'skip-link: first focusable element is <span> "first by tabindex", not a skip link <a href="#…">',
    ]);
  });

  it('skip-link: a percent-encoded target matches the id', () => {
    const body = DEFAULT_BODY.replace('href="#main"', 'href="#%D9%85%D8%AA%D9%86"').replace('id="main"', 'id="متن"');
    expect(rulesOf(withBody(body))).toEqual([]);
  });

  it('after-html: nothing but white space after </html>, on every page, redirects too', () => {
    const script = '<script type="module" src="/_astro/search.js"></script>';
    expect(rulesOf(`${page()}\n`)).toEqual([]);
    expect(rulesOf(`${page()}${script}`)).toEqual([`after-html: content after </html>: ${script}`]);
    expect(rulesOf(`${page()}\n</HTML >\n<p>late</p>`)).toEqual(['after-html: content after </html>: <p>late</p>']);
    const redirect =
      '<!DOCTYPE html><html lang="en"><head><title>Moved</title><meta http-equiv="refresh" content="0;url=/x/"></head></html>';
    expect(rulesOf(`${redirect}<p>late</p>`)).toEqual(['after-html: content after </html>: <p>late</p>']);
  });

  it('exempts the 404 page from the canonical rule only', () => {
    const noCanonical = DEFAULT_HEAD.replace(/<link rel="canonical"[^>]*>/, '');
    expect(rulesOf(page({ head: noCanonical }), '404.html')).toEqual([]);
    expect(rulesOf(page({ head: noCanonical, body: '<p>Not found</p>' }), '404.html')).toEqual([
      'single-h1: 0 <h1> elements, expected 1',
      'landmarks: no page <header> (banner landmark)',
      'landmarks: 0 <main> landmarks, expected 1',
      'landmarks: no page <footer> (contentinfo landmark)',
      'skip-link: nothing focusable in <body>; expected a skip link first',
    ]);
    expect(isNotFoundPage('404.html')).toBe(true);
    expect(isNotFoundPage('404/index.html')).toBe(true);
    expect(isNotFoundPage('quotes/404-errors/index.html')).toBe(false);
  });

  it('exempts redirect pages from everything but a non-empty title and an absolute canonical', () => {
    // What Astro writes for an entry of `redirects`.
    const astroRedirect =
      '<!doctype html><title>Redirecting to: /qtd/quotes/x/</title><meta http-equiv="refresh" content="0;url=/qtd/quotes/x/">' +
      '<meta name="robots" content="noindex"><link rel="canonical" href="https://qtd.example/qtd/quotes/x/">' +
      '<body>\t<a href="/qtd/quotes/x/">Redirecting from <code>/qtd/old/</code> to <code>/qtd/quotes/x/</code></a></body>';
    expect(rulesOf(astroRedirect, 'old/index.html')).toEqual([]);
    expect(rulesOf(astroRedirect.replace(/<title>.*<\/title>/, '<title></title>'), 'old/index.html')).toEqual(['title: <title> is empty']);
    expect(rulesOf(astroRedirect.replace('https://qtd.example/qtd/quotes/x/', 'quotes/x/'), 'old/index.html')).toEqual([
      'canonical: canonical href "quotes/x/" is not an absolute http(s) URL',
    ]);
  });
});

describe('auditSite', () => {
  it('reports both pages of a shared title', () => {
    const issues = auditSite([
      { file: 'quotes/a/index.html', html: page({ title: 'Same' }) },
      { file: 'quotes/b/index.html', html: page({ title: 'Same' }) },
      { file: 'quotes/c/index.html', html: page({ title: 'Different' }) },
    ]);
    expect(issues).toEqual([
      { page: 'quotes/a/index.html', rule: 'unique-title', message: 'title "Same" is also used by quotes/b/index.html' },
      { page: 'quotes/b/index.html', rule: 'unique-title', message: 'title "Same" is also used by quotes/a/index.html' },
    ]);
  });

  it('compares titles with whitespace collapsed, and leaves redirect pages out', () => {
    const redirect = (to: string): string =>
      `<!doctype html><title>Redirecting to: ${to}</title><meta http-equiv="refresh" content="0;url=${to}">`;
    const issues = auditSite([
      { file: 'a/index.html', html: page({ title: 'A  title' }) },
      { file: 'b/index.html', html: page({ title: ' A title\n' }) },
      { file: 'old-1/index.html', html: redirect('/x/') },
      { file: 'old-2/index.html', html: redirect('/x/') },
    ]);
    expect(issues.map((issue) => issue.page)).toEqual(['a/index.html', 'b/index.html']);
  });

  it('includes every page’s own issues', () => {
    const issues = auditSite([{ file: 'a/index.html', html: page({ lang: '' }) }]);
    expect(formatAuditIssues(issues)).toBe('a/index.html [html-lang] <html> has no lang');
  });
});

describe('auditDist', () => {
  it('audits every HTML file under a folder', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'page-audit-'));
    try {
      const files: Record<string, string> = {
        'index.html': page({ title: 'Home' }),
        'quotes/x/index.html': page({ title: 'Home' }),
        '404.html': page({ title: 'Not found', head: '<meta name="description" content="No such page.">' }),
        'rss.xml': '<rss></rss>',
      };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(dist, file)), { recursive: true });
        await writeFile(join(dist, file), text);
      }
      const result = await auditDist(dist);
      expect(result.pagesChecked).toBe(3);
      expect(formatAuditIssues(result.issues)).toBe(
        'index.html [unique-title] title "Home" is also used by quotes/x/index.html\n' +
          'quotes/x/index.html [unique-title] title "Home" is also used by index.html',
      );
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
