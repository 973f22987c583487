import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { validateHtmlString } from '../../src/lib/html-validation.ts';
import {
  mergeRedirects,
  netlifyRedirects,
  parseRedirects,
  parseTagRenames,
  prepareRedirects,
  redirectPageHtml,
  redirectTargetUrl,
  redirectsHidingFiles,
  redirectsToMissingTargets,
  resolveRedirectChains,
  tagRenameRedirects,
} from '../../src/lib/redirects.ts';
import type { Redirect } from '../../src/lib/redirects.ts';

const pairs = (redirects: readonly Redirect[]) => redirects.map(({ from, to }) => `${from} → ${to}`);

describe('parseRedirects', () => {
  it('reads a list of from/to entries, each with where it was declared', () => {
    const { redirects, errors } = parseRedirects('- from: /quotes/old/\n  to: /quotes/new/\n- { from: /x/, to: "https://example.org/y" }\n');
    expect(errors).toEqual([]);
    expect(redirects).toEqual([
      { from: '/quotes/old/', to: '/quotes/new/', source: 'content/redirects.yaml, entry 1' },
      { from: '/x/', to: 'https://example.org/y', source: 'content/redirects.yaml, entry 2' },
    ]);
  });

  it('takes an empty or comment-only file, and an empty list, as no redirects', () => {
    expect(parseRedirects('')).toEqual({ redirects: [], errors: [] });
    expect(parseRedirects('# nothing yet\n')).toEqual({ redirects: [], errors: [] });
    expect(parseRedirects('# header\n[]\n')).toEqual({ redirects: [], errors: [] });
  });

  it('reports broken YAML, a non-list and malformed entries', () => {
    expect(parseRedirects('- from: [\n').errors[0]).toMatch(/^content\/redirects\.yaml: not valid YAML/);
    expect(parseRedirects('from: /a/\nto: /b/\n').errors[0]).toMatch(/must be a list/);
    const { redirects, errors } = parseRedirects('- /a/\n- { from: /b/ }\n- { from: /c/, to: /d/, code: 302 }\n');
    expect(redirects).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(/entry 1: must be/),
      expect.stringMatching(/entry 2: "to" is missing/),
      expect.stringMatching(/entry 3: unknown field "code"/),
    ]);
  });
});

describe('mergeRedirects (validation)', () => {
  it('rejects a relative, protocol-relative or ambiguous from', () => {
    const { redirects, errors } = mergeRedirects([
      { from: 'quotes/old/', to: '/a/' },
      { from: '//evil.example/', to: '/a/' },
      { from: '/quotes/old', to: '/a/' },
      { from: '/a/../b/', to: '/a/' },
      { from: '/a/?x=1', to: '/a/' },
    ]);
    expect(redirects).toEqual([]);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/"from: quotes\/old\/" must be a root-relative path starting with "\/"/);
    expect(errors[2]).toMatch(/must end with "\/" \(every page URL does: \/quotes\/old\/\)/);
  });

  it('rejects a relative or non-http target', () => {
    const { errors } = mergeRedirects([
      { from: '/a/', to: 'b/' },
      { from: '/c/', to: 'javascript:alert(1)' },
    ]);
    expect(errors).toEqual([expect.stringMatching(/"to: b\/" must be a root-relative path/), expect.stringMatching(/must be an http\(s\) URL/)]);
  });

  it('rejects one old URL sent to two places, naming both declarations', () => {
    const { redirects, errors } = mergeRedirects(
      [{ from: '/old/', to: '/a/', source: 'content/redirects.yaml, entry 1' }],
      [{ from: '/old/', to: '/b/', source: 'content/tags.yaml' }],
    );
    expect(pairs(redirects)).toEqual(['/old/ → /a/']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^content\/tags\.yaml: "from: \/old\/" is already redirected \(content\/redirects\.yaml, entry 1\)/);
  });

  it('keeps one copy of a redirect declared twice the same way, however it is encoded', () => {
    const { redirects, errors } = mergeRedirects([{ from: '/tags/café/', to: '/tags/cafe/' }], [{ from: '/tags/caf%C3%A9/', to: '/tags/cafe/' }]);
    expect(errors).toEqual([]);
    expect(pairs(redirects)).toEqual(['/tags/caf%C3%A9/ → /tags/cafe/']);
  });

  it('spells an absolute target as a normalised URL, so no quote or space reaches _redirects', () => {
    const { redirects } = mergeRedirects([{ from: '/a/', to: 'https://Example.org/x y?b="2"' }]);
    expect(pairs(redirects)).toEqual(['/a/ → https://example.org/x%20y?b=%222%22']);
  });

  it('reports a duplicate from within redirects.yaml through the whole pipeline', () => {
    const parsed = parseRedirects('- { from: /a/, to: /b/ }\n- { from: /a/, to: /c/ }\n');
    expect(prepareRedirects(parsed.redirects).errors).toEqual([expect.stringMatching(/entry 2: "from: \/a\/" is already redirected \(content\/redirects\.yaml, entry 1\)/)]);
  });
});

describe('resolveRedirectChains', () => {
  it('points every redirect of a chain straight at the final target', () => {
    const { redirects, errors } = resolveRedirectChains([
      { from: '/a/', to: '/b/' },
      { from: '/b/', to: '/c/' },
      { from: '/c/', to: '/d/#q-x' },
      { from: '/e/', to: 'https://example.org/' },
    ]);
    expect(errors).toEqual([]);
    expect(pairs(redirects)).toEqual(['/a/ → /d/#q-x', '/b/ → /d/#q-x', '/c/ → /d/#q-x', '/e/ → https://example.org/']);
  });

  it('follows a target that carries a fragment to the next hop', () => {
    expect(pairs(resolveRedirectChains([{ from: '/a/', to: '/b/#top' }, { from: '/b/', to: '/c/' }]).redirects)).toEqual(['/a/ → /c/', '/b/ → /c/']);
  });

  it('reports a loop once and keeps none of its redirects', () => {
    const { redirects, errors } = resolveRedirectChains([
      { from: '/a/', to: '/b/' },
      { from: '/b/', to: '/a/' },
      { from: '/ok/', to: '/page/' },
    ]);
    expect(pairs(redirects)).toEqual(['/ok/ → /page/']);
    expect(errors).toEqual(['redirect loop: /a/ → /b/ → /a/; one of these must lead to a page']);
  });

  it('reports a redirect to itself as a loop', () => {
    expect(prepareRedirects([{ from: '/a/', to: '/a/#x' }]).errors).toEqual([expect.stringMatching(/redirect loop: \/a\/ → \/a\//)]);
  });
});

describe('prepareRedirects', () => {
  it('merges sources, resolves chains and sorts by from', () => {
    const { redirects, errors } = prepareRedirects([{ from: '/z/', to: '/tags/old/' }], tagRenameRedirects([{ id: 'new', renamedFrom: ['old'] }]));
    expect(errors).toEqual([]);
    expect(pairs(redirects)).toEqual(['/tags/old/ → /tags/new/', '/z/ → /tags/new/']);
  });
});

describe('checks against the build', () => {
  const files = new Set(['index.html', 'quotes/new/index.html', 'tags/new/rss.xml', 'quotes/kept/index.html']);

  it('finds targets the build does not produce, ignoring fragments and absolute URLs', () => {
    const redirects = [
      { from: '/a/', to: '/quotes/new/#q-x' },
      { from: '/b/', to: '/quotes/missing/' },
      { from: '/c/', to: '/tags/new/rss.xml' },
      { from: '/d/', to: 'https://example.org/nowhere/' },
    ];
    expect(pairs(redirectsToMissingTargets(redirects, files))).toEqual(['/b/ → /quotes/missing/']);
  });

  it('finds redirects that would hide a real page or file', () => {
    const redirects = [
      { from: '/quotes/kept/', to: '/quotes/new/' },
      { from: '/tags/new/rss.xml', to: '/rss.xml' },
      { from: '/quotes/gone/', to: '/quotes/new/' },
    ];
    expect(pairs(redirectsHidingFiles(redirects, files))).toEqual(['/quotes/kept/ → /quotes/new/', '/tags/new/rss.xml → /rss.xml']);
  });
});

describe('renamed tags', () => {
  it('reads id and renamedFrom from the tags registry', () => {
    const text = '# tags\n- id: resistance\n  name: Resistance\n  renamedFrom: [defiance, opposition]\n- id: afghanistan\n  name: Afghanistan\n';
    expect(parseTagRenames(text)).toEqual([
      { id: 'resistance', renamedFrom: ['defiance', 'opposition'] },
      { id: 'afghanistan', renamedFrom: [] },
    ]);
    expect(parseTagRenames('not: [a list')).toEqual([]);
  });

  it('redirects the old tag page; its feed is served at the old URL instead (feed readers follow no HTML redirect)', () => {
    expect(pairs(tagRenameRedirects([{ id: 'resistance', renamedFrom: ['defiance'] }, { id: 'afghanistan' }]))).toEqual([
      '/tags/defiance/ → /tags/resistance/',
    ]);
  });
});

describe('redirectTargetUrl', () => {
  it('puts a site path under the origin and base path, and leaves absolute URLs alone', () => {
    expect(redirectTargetUrl('/quotes/new/', { siteUrl: 'https://qtd.example', basePath: '/' })).toBe('https://qtd.example/quotes/new/');
    expect(redirectTargetUrl('/quotes/new/#q-x', { siteUrl: 'https://elsewhere.example', basePath: '/qtd/' })).toBe('https://elsewhere.example/qtd/quotes/new/#q-x');
    expect(redirectTargetUrl('https://example.org/a', { siteUrl: 'https://qtd.example', basePath: '/qtd/' })).toBe('https://example.org/a');
  });
});

describe('redirectPageHtml', () => {
  it('is a valid HTML5 page that refreshes to the target, names it canonical and is not indexed', async () => {
    const html = redirectPageHtml({ to: 'https://qtd.example/quotes/new/' });
    const $ = cheerio.load(html);
    expect($('html').attr('lang')).toBe('en');
    expect($('title').text()).not.toBe('');
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=https://qtd.example/quotes/new/');
    expect($('link[rel="canonical"]').attr('href')).toBe('https://qtd.example/quotes/new/');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('body a').attr('href')).toBe('https://qtd.example/quotes/new/');
    expect($('body').text()).toContain('This page has moved to https://qtd.example/quotes/new/');
    const validation = await validateHtmlString(html, 'redirect.html');
    expect(validation.messages).toEqual([]);
  });

  it('keeps a hostile target inert', async () => {
    const to = 'https://qtd.example/a/"><script>alert(1)</script><b x=\'';
    const html = redirectPageHtml({ to, canonical: 'https://qtd.example/c/?q="><script>' });
    expect(html).not.toContain('<script');
    const $ = cheerio.load(html);
    expect($('script')).toHaveLength(0);
    expect($('b')).toHaveLength(0);
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=${new URL(to).href}`);
    expect($('link[rel="canonical"]').attr('href')).toBe(new URL('https://qtd.example/c/?q="><script>').href);
    expect($('body a').attr('href')).toBe(new URL(to).href);
    expect((await validateHtmlString(html, 'redirect.html')).messages).toEqual([]);
  });

  it('escapes characters a URL keeps as they are', () => {
    const html = redirectPageHtml({ to: "https://qtd.example/it's/?a=1&b=2" });
    expect(html).toContain('url=https://qtd.example/it&#39;s/?a=1&amp;b=2"');
    expect(cheerio.load(html)('a').attr('href')).toBe("https://qtd.example/it's/?a=1&b=2");
  });

  it('refuses a target that is not an http(s) URL', () => {
    expect(() => redirectPageHtml({ to: 'javascript:alert(1)' })).toThrow(/http\(s\)/);
    expect(() => redirectPageHtml({ to: '/relative/' })).toThrow();
  });
});

describe('netlifyRedirects', () => {
  const redirects = [
    { from: '/quotes/old/', to: '/quotes/new/' },
    { from: '/tags/old/rss.xml', to: '/tags/new/rss.xml' },
    { from: '/gone/', to: 'https://example.org/elsewhere' },
  ];

  it('writes one 301 line a redirect at the root', () => {
    expect(netlifyRedirects(redirects, '/')).toBe(
      '/quotes/old/  /quotes/new/  301\n/tags/old/rss.xml  /tags/new/rss.xml  301\n/gone/  https://example.org/elsewhere  301\n',
    );
  });

  it('prefixes the base path to site paths, not to absolute URLs', () => {
    expect(netlifyRedirects(redirects, '/qtd/')).toBe(
      '/qtd/quotes/old/  /qtd/quotes/new/  301\n/qtd/tags/old/rss.xml  /qtd/tags/new/rss.xml  301\n/qtd/gone/  https://example.org/elsewhere  301\n',
    );
    expect(netlifyRedirects(redirects.slice(0, 1), 'qtd')).toBe('/qtd/quotes/old/  /qtd/quotes/new/  301\n');
  });

  it('is empty without redirects', () => {
    expect(netlifyRedirects([], '/qtd/')).toBe('');
  });
});
