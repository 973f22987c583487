import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkDist,
  checkLinks,
  extractLinks,
  formatBrokenLinks,
  normalizeBasePath,
  pagePathFor,
  srcsetUrls,
} from '../support/link-check.ts';
import type { BrokenLink, PageLinks } from '../support/link-check.ts';

const SITE = 'https://qtd.example';

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><title>t</title>${head}</head><body>${body}</body></html>`;
}

/** Extracts every page of a small in-memory site and checks it; other files are listed as-is. */
function check(site: Record<string, string>, opts: { basePath?: string; siteUrl?: string; otherFiles?: string[] } = {}): BrokenLink[] {
  const pages = Object.entries(site).map(([file, html]) => extractLinks(html, file));
  const files = new Set([...Object.keys(site), ...(opts.otherFiles ?? [])]);
  return checkLinks(pages, files, { siteUrl: opts.siteUrl ?? SITE, basePath: opts.basePath ?? '/' });
}

describe('extractLinks', () => {
  it('collects href, src, srcset candidates, ids and a[name]', () => {
    const html = page(
      `<a href="/a/">a</a><a name="legacy">x</a><area href="/map/">` +
        `<img src="/i.png" srcset="/i-1.png 1x, /i-2.png 2x" alt=""><script src="/s.js"></script>` +
        `<picture><source srcset="/p.avif" type="image/avif"></picture><iframe src="/f/"></iframe>` +
        `<h2 id="h">h</h2>`,
      '<link rel="stylesheet" href="/c.css">',
    );
    const result = extractLinks(html, 'index.html');
    expect(result.file).toBe('index.html');
    expect(result.links.map((l) => `${l.attr}:${l.url}`)).toEqual([
      'href:/c.css',
      'href:/a/',
      'href:/map/',
      'src:/i.png',
      'srcset:/i-1.png',
      'srcset:/i-2.png',
      'src:/s.js',
      'srcset:/p.avif',
      'src:/f/',
    ]);
    expect(result.ids).toEqual(['legacy', 'h']);
  });

  it('also collects meta refresh targets, social-card URLs and links inside <noscript> and <template>', () => {
    const html = page(
      '<noscript><a href="/ns/">n</a></noscript><template><a href="/tpl/" id="not-in-document">t</a></template>',
      '<meta http-equiv="refresh" content="0;url=/new/"><meta property="og:image" content="https://qtd.example/og/x.png">',
    );
    const result = extractLinks(html, 'old/index.html');
    expect(result.links.map((l) => `${l.attr}:${l.url}`)).toEqual([
      'refresh:/new/',
      'content:https://qtd.example/og/x.png',
      'href:/ns/',
      'href:/tpl/',
    ]);
    expect(result.ids).toEqual([]);
  });

  it('is a real HTML parser: attributes in comments, scripts and unquoted values are handled as browsers do', () => {
    const html = page(
      '<!-- <a href="/commented/">x</a> --><script>document.write(\'<a href="/in-script/">\')</script><a href=/unquoted/ id=u>u</a>',
    );
    const result = extractLinks(html, 'index.html');
    expect(result.links.map((l) => l.url)).toEqual(['/unquoted/']);
    expect(result.ids).toEqual(['u']);
  });

  it('lists a repeated link once per page', () => {
    const result = extractLinks(page('<a href="/x/">1</a><a href="/x/">2</a>'), 'index.html');
    expect(result.links).toHaveLength(1);
  });
});

describe('srcsetUrls', () => {
  it('returns every candidate URL, including ones with commas inside', () => {
    expect(srcsetUrls('/a.png 1x, /b.png 2x,/c.png 300w')).toEqual(['/a.png', '/b.png', '/c.png']);
    expect(srcsetUrls('/img,v2.png 1x, /b.png')).toEqual(['/img,v2.png', '/b.png']);
    expect(srcsetUrls('  /only.png  ')).toEqual(['/only.png']);
    expect(srcsetUrls('')).toEqual([]);
  });
});

describe('checkLinks', () => {
  it('accepts good links: pages, files, fragments on the same and other pages', () => {
    const broken = check(
      {
        'index.html': page('<a href="/quotes/x/">x</a><a href="/rss.xml">rss</a><a href="#intro">i</a><p id="intro"></p>'),
        'quotes/x/index.html': page('<a href="/articles/y/#q-x">in article</a><a href="#">top</a><a href="#top">top</a>'),
        'articles/y/index.html': page('<blockquote id="q-x">q</blockquote>'),
      },
      { otherFiles: ['rss.xml'] },
    );
    expect(broken).toEqual([]);
  });

  it('reports a missing page', () => {
    expect(check({ 'index.html': page('<a href="/nope/">x</a>') })).toEqual([
      { page: 'index.html', url: '/nope/', reason: 'no file nope/index.html' },
    ]);
  });

  it('reports a missing fragment on the same page', () => {
    expect(check({ 'index.html': page('<a href="#missing">x</a><p id="present"></p>') })).toEqual([
      { page: 'index.html', url: '#missing', reason: 'no id "missing" in index.html' },
    ]);
  });

  it('checks a fragment against the target page, not the linking page', () => {
    const broken = check({
      'quotes/x/index.html': page('<a href="/articles/y/#q-x">x</a><p id="q-x">here, not there</p>'),
      'articles/y/index.html': page('<p id="other"></p>'),
    });
    expect(broken).toEqual([{ page: 'quotes/x/index.html', url: '/articles/y/#q-x', reason: 'no id "q-x" in articles/y/index.html' }]);
  });

  it('accepts a[name] as a fragment target', () => {
    expect(check({ 'index.html': page('<a href="#old">x</a><a name="old">o</a>') })).toEqual([]);
  });

  it('checks every srcset candidate', () => {
    const broken = check(
      { 'index.html': page('<img alt="" src="/a.png" srcset="/a.png 1x, /a@2x.png 2x, /a@3x.png 3x">') },
      { otherFiles: ['a.png', 'a@2x.png'] },
    );
    expect(broken).toEqual([{ page: 'index.html', url: '/a@3x.png', reason: 'no file a@3x.png or a@3x.png/index.html' }]);
  });

  it('under a base path, accepts links inside it and reports links outside it', () => {
    const site = {
      'index.html': page(
        '<a href="/qtd/quotes/x/">good</a><a href="/quotes/x/">outside base</a><a href="/qtd">base root</a><main id="main"></main>',
      ),
      'quotes/x/index.html': page('<a href="../../">up to home</a><a href="/qtd/#main">home</a>'),
    };
    expect(check(site, { basePath: '/qtd/' })).toEqual([
      { page: 'index.html', url: '/quotes/x/', reason: 'not under the base path /qtd/' },
    ]);
    // Base paths are accepted in any spelling.
    expect(check(site, { basePath: 'qtd' })).toHaveLength(1);
  });

  it('treats absolute URLs on the site origin as internal, and must be under the base path', () => {
    const broken = check(
      {
        'index.html': page(
          '<a href="https://qtd.example/qtd/quotes/x/">good</a><a href="https://qtd.example/qtd/missing/">missing</a>' +
            '<a href="https://qtd.example/og/x.png">outside base</a>',
          '<link rel="canonical" href="https://qtd.example/qtd/">',
        ),
        'quotes/x/index.html': page(''),
      },
      { basePath: '/qtd/', siteUrl: 'https://qtd.example/' },
    );
    expect(broken.map((b) => `${b.url}: ${b.reason}`)).toEqual([
      'https://qtd.example/qtd/missing/: no file missing/index.html',
      'https://qtd.example/og/x.png: not under the base path /qtd/',
    ]);
  });

  it('ignores other origins and non-web schemes', () => {
    const broken = check({
      'index.html': page(
        '<a href="https://elsewhere.example/nope/#x">ext</a><a href="http://qtd.example/other-scheme/">http</a>' +
          '<a href="//cdn.example/x.js">proto-relative</a><a href="mailto:a@b.example">m</a><a href="tel:+123">t</a>' +
          '<img alt="" src="data:image/gif;base64,R0lGOD">',
      ),
    });
    expect(broken).toEqual([]);
  });

  it('with no site URL, treats every absolute URL as external', () => {
    expect(check({ 'index.html': page('<a href="https://qtd.example/missing/">x</a>') }, { siteUrl: '' })).toEqual([]);
  });

  it('resolves relative links, including ../, against the page URL', () => {
    const site = {
      'quotes/x/index.html': page('<a href="../y/">sibling</a><a href="../../articles/a/">up two</a><a href="../z/">missing</a>'),
      'quotes/y/index.html': page(''),
      'articles/a/index.html': page(''),
    };
    expect(check(site)).toEqual([{ page: 'quotes/x/index.html', url: '../z/', reason: 'no file quotes/z/index.html' }]);
    // The same files under a base path resolve the same way.
    expect(check(site, { basePath: '/qtd/' })).toHaveLength(1);
  });

  it('decodes percent-encoded paths and fragments', () => {
    const broken = check({
      'index.html': page(
        '<a href="/people/%D9%85%D8%AD%D9%85%D8%AF/">encoded</a><a href="/people/محمد/#%D8%A3">raw path, encoded id</a>' +
          '<a href="/a%20b/">space</a><a href="/bad%E0%A4%A/">malformed</a>',
      ),
      'people/محمد/index.html': page('<h2 id="أ">a</h2>'),
      'a b/index.html': page(''),
    });
    expect(broken).toEqual([{ page: 'index.html', url: '/bad%E0%A4%A/', reason: 'malformed percent-encoding in path' }]);
  });

  it('handles trailing-slash variants and ignores query strings', () => {
    const broken = check(
      {
        'index.html': page(
          '<a href="/quotes/x">no slash, directory page</a><a href="/quotes/x/">slash</a><a href="/rss.xml?v=2">query</a>' +
            '<a href="/rss.xml/">file with slash</a><a href="/quotes/x/?page=2#q">query and fragment</a>',
        ),
        'quotes/x/index.html': page('<p id="q"></p>'),
      },
      { otherFiles: ['rss.xml'] },
    );
    expect(broken).toEqual([{ page: 'index.html', url: '/rss.xml/', reason: 'no file rss.xml/index.html' }]);
  });

  it('checks only the id part of a text fragment', () => {
    const broken = check({
      'index.html': page(
        '<a href="#:~:text=hello">text only</a><a href="#q:~:text=hi">id then text</a><a href="#gone:~:text=hi">bad id</a><p id="q">hi</p>',
      ),
    });
    expect(broken.map((b) => b.reason)).toEqual(['no id "gone" in index.html']);
  });

  it('does not check fragments on non-HTML targets', () => {
    expect(check({ 'index.html': page('<a href="/doc.pdf#page=2">pdf</a>') }, { otherFiles: ['doc.pdf'] })).toEqual([]);
  });

  it('reports javascript: URLs, and data: URLs as link targets', () => {
    const broken = check({
      'index.html': page('<a href="javascript:alert(1)">x</a><a href=" JavaScript:void(0)">y</a><a href="data:text/html,hi">d</a>'),
    });
    expect(broken.map((b) => b.reason)).toEqual([
      'unsafe javascript: URL',
      'unsafe javascript: URL',
      'data: URL as a link target (browsers block navigating to it)',
    ]);
  });

  it('reports a broken link once per page even when it is repeated', () => {
    const pages: PageLinks[] = [
      {
        file: 'index.html',
        links: [
          { attr: 'href', url: '/x/' },
          { attr: 'href', url: '/x/' },
        ],
        ids: [],
      },
    ];
    expect(checkLinks(pages, new Set(['index.html']), { siteUrl: SITE, basePath: '' })).toHaveLength(1);
  });

  it('checks meta refresh targets (as on redirect pages)', () => {
    const broken = check({ 'old/index.html': page('', '<meta http-equiv="refresh" content="0;url=/quotes/x/">') }, { basePath: '/qtd/' });
    expect(broken).toEqual([{ page: 'old/index.html', url: '/quotes/x/', reason: 'not under the base path /qtd/' }]);
  });
});

describe('helpers', () => {
  it('normalizes base paths', () => {
    expect(normalizeBasePath('')).toBe('/');
    expect(normalizeBasePath('/')).toBe('/');
    expect(normalizeBasePath('qtd')).toBe('/qtd/');
    expect(normalizeBasePath('/qtd')).toBe('/qtd/');
    expect(normalizeBasePath('/qtd/')).toBe('/qtd/');
  });

  it('maps dist files to the URL path they are served at', () => {
    expect(pagePathFor('index.html', '/')).toBe('/');
    expect(pagePathFor('quotes/x/index.html', '/qtd/')).toBe('/qtd/quotes/x/');
    expect(pagePathFor('404.html', '/qtd/')).toBe('/qtd/404.html');
    expect(pagePathFor('people/a b/index.html', '/')).toBe('/people/a%20b/');
  });

  it('formats broken links one per line, optionally capped', () => {
    const broken: BrokenLink[] = [
      { page: 'quotes/x/index.html', url: '/articles/y/#q-x', reason: 'no id "q-x" in articles/y/index.html' },
      { page: 'index.html', url: '/nope/', reason: 'no file nope/index.html' },
    ];
    expect(formatBrokenLinks(broken)).toBe(
      'quotes/x/index.html → /articles/y/#q-x: no id "q-x" in articles/y/index.html\n' + 'index.html → /nope/: no file nope/index.html',
    );
    expect(formatBrokenLinks(broken, 1)).toBe('quotes/x/index.html → /articles/y/#q-x: no id "q-x" in articles/y/index.html\n… and 1 more');
    expect(formatBrokenLinks([])).toBe('');
  });
});

describe('checkDist', () => {
  let dist = '';

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'link-check-'));
    const files: Record<string, string> = {
      'index.html': page('<a href="/qtd/quotes/x/#q-x">x</a><img alt="" src="/qtd/og/home.png"><a href="/qtd/gone/">gone</a>'),
      'quotes/x/index.html': page('<p id="q-x"></p><a href="/qtd/articles/y/#nope">bad fragment</a>'),
      'articles/y/index.html': page('<p id="yes"></p><link rel="stylesheet" href="/qtd/_astro/a.css">'),
      '404.html': page('<a href="/qtd/">home</a>'),
      'og/home.png': 'png',
      '_astro/a.css': 'css',
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(dirname(join(dist, file)), { recursive: true });
      await writeFile(join(dist, file), text);
    }
  });

  afterAll(async () => {
    await rm(dist, { recursive: true, force: true });
  });

  it('reads every page under dist once and reports broken links', async () => {
    const result = await checkDist(dist, { siteUrl: SITE, basePath: '/qtd/' });
    expect(result.pagesChecked).toBe(4);
    expect(result.linksChecked).toBe(6);
    expect(formatBrokenLinks(result.broken)).toBe(
      'index.html → /qtd/gone/: no file gone/index.html\n' +
        'quotes/x/index.html → /qtd/articles/y/#nope: no id "nope" in articles/y/index.html',
    );
  });
});
