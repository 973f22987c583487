import * as cheerio from 'cheerio';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateHtmlString } from '../support/html-validation.ts';
import {
  astroRedirects,
  mergeRedirects,
  MAX_FROM_BYTES,
  netlifyRedirects,
  outputFile,
  parseRedirects,
  parseTagRenames,
  prepareRedirects,
  redirectPageHtml,
  redirectTargetUrl,
  redirectsClearOfBuild,
  redirectsToMissingTargets,
  resolveRedirectChains,
  tagRenameRedirects,
} from '../../src/build/redirects.ts';
import type { Redirect } from '../../src/build/redirects.ts';

const pairs = (redirects: readonly Redirect[]) => redirects.map(({ from, to }) => `${from} → ${to}`);

describe('parseRedirects', () => {
  it('reads a list of from/to entries, each with where it was declared', () => {
    const { redirects, errors } = parseRedirects(
      '- from: /quotes/old/\n  to: /quotes/new/\n- { from: /x/, to: "https://example.org/y" }\n',
    );
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
    expect(errors).toEqual([
      expect.stringMatching(/"to: b\/" must be a root-relative path/),
      expect.stringMatching(/must be an http\(s\) URL/),
    ]);
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

  it('keeps one copy of a redirect declared twice, and spells it percent-encoded once for _redirects', () => {
    const { redirects, errors } = mergeRedirects(
      [{ from: '/tags/café/', to: '/tags/cafe/' }],
      [{ from: '/tags/café/', to: '/tags/cafe/' }],
    );
    expect(errors).toEqual([]);
    expect(pairs(redirects)).toEqual(['/tags/caf%C3%A9/ → /tags/cafe/']);
  });

  it('spells an absolute target as a normalised URL, so no quote or space reaches _redirects', () => {
    const { redirects } = mergeRedirects([{ from: '/a/', to: 'https://Example.org/x y?b="2"' }]);
    expect(pairs(redirects)).toEqual(['/a/ → https://example.org/x%20y?b=%222%22']);
  });

  it('reports a duplicate from within redirects.yaml through the whole pipeline', () => {
    const parsed = parseRedirects('- { from: /a/, to: /b/ }\n- { from: /a/, to: /c/ }\n');
    expect(prepareRedirects(parsed.redirects).errors).toEqual([
      expect.stringMatching(/entry 2: "from: \/a\/" is already redirected \(content\/redirects\.yaml, entry 1\)/),
    ]);
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
    expect(
      pairs(
        resolveRedirectChains([
          { from: '/a/', to: '/b/#top' },
          { from: '/b/', to: '/c/' },
        ]).redirects,
      ),
    ).toEqual(['/a/ → /c/', '/b/ → /c/']);
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
    const { redirects, errors } = prepareRedirects(
      [{ from: '/z/', to: '/tags/old/' }],
      tagRenameRedirects([{ id: 'new', renamedFrom: ['old'] }]),
    );
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
    const { redirects: clear, errors } = redirectsClearOfBuild(redirects, files);
    expect(pairs(clear)).toEqual(['/quotes/gone/ → /quotes/new/']);
    expect(errors).toEqual([
      expect.stringMatching(/^"from: \/quotes\/kept\/" is still a page or file of the site \(quotes\/kept\/index\.html\)/),
      expect.stringMatching(/^"from: \/tags\/new\/rss\.xml" is still a page or file of the site/),
    ]);
  });
});

describe('a from is what a web server reads, or refused with where, what and the fix', () => {
  /** Each hostile or non-canonical `from`, declared in redirects.yaml: the refusal and its fix. */
  const CASES: { from: string; message: RegExp; fix: RegExp }[] = [
    {
      from: '/%2E%2E/%2E%2E/index.html',
      message: /is percent-encoded: a web server reads it as "\/\.\.\/\.\.\/index\.html".*climbs above the root/,
      fix: /remove the entry/,
    },
    {
      from: '/quotes/%2E/x/',
      message: /is percent-encoded: a web server reads it as "\/quotes\/\.\/x\/".*reads as "\/quotes\/x\/"/,
      fix: /write from: \/quotes\/x\/$/,
    },
    { from: '/a%2F..%2F..%2Fb/', message: /reads it as "\/a\/\.\.\/\.\.\/b\/".*climbs above the root/, fix: /remove the entry/ },
    { from: '/%252E%252E/', message: /is percent-encoded twice: a web server reads it as "\/\.\.\/"/, fix: /remove the entry/ },
    { from: '/%2e%2E%2f/', message: /reads it as "\/\.\.\/\/"/, fix: /remove the entry/ },
    { from: '/a%5C..%5Cb/', message: /reads it as "\/a\\\.\.\\b\/"; .*contains "\\"/, fix: /write from: \/b\/$/ },
    { from: '/a\\b/', message: /contains "\\", which Windows servers and some others read as "\/"/, fix: /write from: \/a\/b\/$/ },
    { from: '/a%zz/', message: /contains a "%" that is no escape/, fix: /remove the entry/ },
    {
      from: '/tags/caf%C3%A9/',
      message: /is percent-encoded: a web server reads it as "\/tags\/café\/"$/,
      fix: /write from: \/tags\/café\/$/,
    },
    { from: '/tags/cafe\u0301/', message: /is not in Unicode normal form C/, fix: /write from: \/tags\/café\/$/ },
    {
      from: '/a\uFF0E\uFF0E/',
      message: /contains "．" \(U\+FF0E\), which some servers and file systems read as "\."/,
      fix: /plain characters/,
    },
    {
      from: '/pagefind/pagefind.js',
      message: /is under \/pagefind\/, which holds the search index, written after the pages/,
      fix: /remove the entry/,
    },
    { from: '/pagefind/', message: /is under \/pagefind\/, which holds the search index/, fix: /remove the entry/ },
    { from: '/PageFind/x.js', message: /is under \/pagefind\//, fix: /remove the entry/ },
    { from: '/_astro/x.js', message: /is under \/_astro, reserved for the build's assets/, fix: /remove the entry/ },
    { from: '/_redirects', message: /must end with "\/"/, fix: /a redirect cannot replace what the build writes/ },
    { from: '/og/quotes/x.png', message: /is under \/og\/, which holds the share cards/, fix: /remove the entry/ },
    { from: '/sitemap-index.xml', message: /a file the build writes/, fix: /remove the entry/ },
    { from: '/quotes.json', message: /a file the build writes/, fix: /remove the entry/ },
    {
      from: '/index.html',
      message: /names the file of the page \/, whose URL is \//,
      fix: /a redirect cannot replace what the build writes/,
    },
    { from: '/quotes/x/index.html', message: /names the file of the page \/quotes\/x\//, fix: /write from: \/quotes\/x\/$/ },
    { from: '/', message: /is the home page, which the build always writes/, fix: /remove the entry/ },
    { from: '/quotes/x./', message: /a segment ending with "\." \("x\."\), which Windows drops/, fix: /remove the entry/ },
    { from: '/.htaccess', message: /a segment starting with "\."/, fix: /remove the entry/ },
    { from: '/a:b/x.html', message: /contains ":"/, fix: /remove the entry/ },
    { from: `/${'a'.repeat(300)}/`, message: /has a segment of 300 bytes, past the 255 of a file name/, fix: /remove the entry/ },
    {
      from: `/${'ab/'.repeat(400)}`,
      message: new RegExp(`is 1201 bytes long, past the ${MAX_FROM_BYTES}`),
      fix: /no URL of this site was ever this long/,
    },
    { from: '/a\u0000b/', message: /"from: \/a<U\+0000>b\/" contains the invisible character U\+0000/, fix: /without that character/ },
    { from: '/a\u202Eb/', message: /contains the invisible character U\+202E/, fix: /without that character/ },
    { from: '/a\u001b[2Jb/', message: /contains the invisible character U\+001B/, fix: /without that character/ },
  ];

  // Named by their JSON spelling: a raw NUL or escape sequence must not reach the test report either.
  it.each(CASES.map((item) => ({ ...item, label: JSON.stringify(item.from).slice(0, 60) })))('refuses $label', ({ from, message, fix }) => {
    // Declared in the file as a curator would, through YAML's double-quoted escapes.
    const parsed = parseRedirects(`- from: ${JSON.stringify(from)}\n  to: /quotes/new/\n`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.redirects.map((redirect) => redirect.from)).toEqual([from]);
    const { redirects, errors } = prepareRedirects(parsed.redirects);
    expect(redirects).toEqual([]);
    expect(errors).toHaveLength(1);
    const [first, second, ...rest] = (errors[0] ?? '').split('\n');
    expect(rest).toEqual([]);
    expect(first).toMatch(/^content\/redirects\.yaml, entry 1: "from: /);
    expect(first).toMatch(message);
    expect(second).toMatch(/^ {4}Fix: /);
    expect(second).toMatch(fix);
    // Nothing the terminal would act on, and nothing endless, reaches the report.
    expect(errors[0]).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F\u202E]/);
    expect((errors[0] ?? '').length).toBeLessThan(600);
  });

  it('accepts a plain path, and one written with letters beyond ASCII, decoded and composed', () => {
    const { redirects, errors } = prepareRedirects([
      { from: '/quotes/old-id/', to: '/quotes/new/' },
      { from: '/tags/café/', to: '/tags/cafe/' },
      { from: '/articles/rss.xml', to: '/rss.xml' },
      { from: "/a_b~c!$&'()+,;=@/x.html", to: '/quotes/new/' },
    ]);
    expect(errors).toEqual([]);
    expect(pairs(redirects)).toEqual([
      "/a_b~c!%24%26'()%2B%2C%3B%3D%40/x.html → /quotes/new/",
      '/articles/rss.xml → /rss.xml',
      '/quotes/old-id/ → /quotes/new/',
      '/tags/caf%C3%A9/ → /tags/cafe/',
    ]);
  });

  it('refuses a renamed tag whose old id would lead out of /tags/, naming the tag registry', () => {
    const { redirects, errors } = prepareRedirects(tagRenameRedirects([{ id: 'new', renamedFrom: ['../../../etc', '%2E%2E'] }]));
    expect(redirects).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^content\/tags\.yaml \(renamedFrom of new\): "from: \/tags\/\.\.\/\.\.\/\.\.\/etc\/" .*climbs above the root[^]*Fix: remove the entry/,
      ),
      expect.stringMatching(
        /^content\/tags\.yaml \(renamedFrom of new\): "from: \/tags\/%2E%2E\/" is percent-encoded: a web server reads it as "\/tags\/\.\.\/".* reads as "\/"[^]*Fix: remove the entry: a redirect cannot replace what the build writes$/,
      ),
    ]);
  });
});

describe('redirectsClearOfBuild', () => {
  const built = [
    'index.html',
    'favicon.svg',
    'quotes/live/index.html',
    'v1.2/index.html',
    'tags/x/rss.xml',
    '_astro/app.1234.js',
    'robots.txt',
  ];
  const check = (...froms: string[]) =>
    redirectsClearOfBuild(
      prepareRedirects(froms.map((from, index) => ({ from, to: '/quotes/live/', source: `entry ${index + 1}` }))).redirects,
      built,
    );

  it('keeps a redirect that replaces nothing', () => {
    expect(check('/quotes/gone/', '/tags/x/old.xml')).toEqual({ redirects: expect.any(Array), errors: [] });
    expect(pairs(check('/quotes/gone/').redirects)).toEqual(['/quotes/gone/ → /quotes/live/']);
  });

  it('refuses the search index, written after this check, as reserved', () => {
    const { redirects, errors } = redirectsClearOfBuild([{ from: '/pagefind/pagefind.js', to: '/quotes/live/', source: 'entry 1' }], built);
    expect(redirects).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/^entry 1: "from: \/pagefind\/pagefind\.js" is under \/pagefind\/[^]*Fix: /)]);
  });

  it('refuses a page of the build in another case, as a case-insensitive disk would overwrite it', () => {
    expect(check('/Quotes/Live/').errors).toEqual([
      expect.stringMatching(/"from: \/Quotes\/Live\/" is still a page or file of the site \(quotes\/live\/index\.html\)/),
    ]);
  });

  it('refuses a file where the build has a folder, and a folder where it has a file', () => {
    const { errors } = check('/v1.2', '/favicon.svg/', '/tags/x/rss.xml/');
    expect(errors).toEqual([
      expect.stringMatching(/"from: \/favicon\.svg\/" would need a folder where the build writes the file favicon\.svg/),
      expect.stringMatching(/"from: \/tags\/x\/rss\.xml\/" would need a folder where the build writes the file tags\/x\/rss\.xml/),
      expect.stringMatching(/"from: \/v1\.2" would write v1\.2, where the build has the folder v1\.2/),
    ]);
  });

  it('refuses two redirects that would write one file, or a file and a folder of one name', () => {
    const { redirects, errors } = check('/old/', '/OLD/', '/a.html', '/a.html/');
    expect(pairs(redirects)).toEqual(['/OLD/ → /quotes/live/', '/a.html → /quotes/live/']);
    expect(errors).toEqual([
      expect.stringMatching(
        /"from: \/a\.html\/" and "from: \/a\.html" \(entry 3\) would write a file and a folder of one name[^]*Fix: keep one/,
      ),
      expect.stringMatching(/"from: \/old\/" and "from: \/OLD\/" \(entry 2\) would write the same file on a case-insensitive disk/),
    ]);
  });
});

describe('outputFile', () => {
  const base = mkdtempSync(join(tmpdir(), 'qtd-redirect-paths-'));
  const dist = join(base, 'dist');
  const outside = join(base, 'outside');
  mkdirSync(join(dist, 'quotes/live'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(dist, 'index.html'), 'home');
  writeFileSync(join(dist, 'quotes/live/index.html'), 'live');
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
  writeFileSync(join(outside, 'target'), 'outside');
  symlinkSync(outside, join(dist, 'escape'));
  symlinkSync(join(outside, 'target'), join(dist, '_redirects'));
  symlinkSync(join(base, 'nowhere'), join(dist, 'broken'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('places a new file inside the output folder', () => {
    expect(outputFile(dist, 'quotes/gone/index.html')).toEqual({ file: join(dist, 'quotes/gone/index.html') });
    expect(outputFile(dist, 'a/b/c/rss.xml')).toEqual({ file: join(dist, 'a/b/c/rss.xml') });
  });

  it('refuses a path that resolves outside it, or to the folder itself', () => {
    for (const path of ['../index.html', 'quotes/../../index.html', '../dist-other/x.html', '/etc/passwd', '', '.', 'quotes/..']) {
      expect(outputFile(dist, path).problem, path).toMatch(/outside the output folder/);
    }
  });

  it('refuses a path through a symbolic link that leads out, even to a folder that does not exist yet', () => {
    expect(outputFile(dist, 'escape/index.html').problem).toMatch(/^escape leads out of the output folder, to .*outside/);
    expect(outputFile(dist, 'escape/new/deeper/index.html').problem).toMatch(/^escape leads out of the output folder/);
    expect(outputFile(dist, 'broken/index.html').problem).toMatch(/broken symbolic link/);
  });

  it('never replaces a file that exists, nor writes through a link in its place', () => {
    expect(outputFile(dist, 'index.html').problem).toMatch(/index\.html already exists in the output folder/);
    expect(outputFile(dist, 'quotes/live/index.html').problem).toMatch(/already exists/);
    expect(outputFile(dist, '_redirects', { mayExist: true }).problem).toMatch(/already exists in the output folder \(a symbolic link\)/);
    expect(outputFile(dist, 'favicon.svg', { mayExist: true })).toEqual({ file: join(dist, 'favicon.svg') });
  });

  it('refuses a path under a file', () => {
    expect(outputFile(dist, 'favicon.svg/index.html').problem).toMatch(
      /favicon\.svg is a file where favicon\.svg\/index\.html needs a folder/,
    );
  });
});

describe('renamed tags', () => {
  it('reads id and renamedFrom from the tags registry', () => {
    const text =
      '# tags\n- id: resistance\n  name: Resistance\n  renamedFrom: [defiance, opposition]\n- id: afghanistan\n  name: Afghanistan\n';
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
    expect(redirectTargetUrl('/quotes/new/#q-x', { siteUrl: 'https://elsewhere.example', basePath: '/qtd/' })).toBe(
      'https://elsewhere.example/qtd/quotes/new/#q-x',
    );
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

describe('astroRedirects', () => {
  /** What Astro's dev server sends in `Location` for a configured target that is not a URL (core/redirects/render.js). */
  const location = (to: string) => (/^https?:\/\//.test(to) ? to : encodeURI(to));

  it('gives Astro every page redirect, its target under the base path as the built site sends it', () => {
    const { redirects, errors } = prepareRedirects([
      { from: '/quotes/old/', to: '/quotes/new/' },
      { from: '/tags/old/', to: '/tags/new/#latest' },
      { from: '/gone/', to: 'https://example.org/elsewhere?a=1' },
    ]);
    expect(errors).toEqual([]);
    expect(astroRedirects(redirects, '/')).toEqual({
      config: { '/gone/': 'https://example.org/elsewhere?a=1', '/quotes/old/': '/quotes/new/', '/tags/old/': '/tags/new/#latest' },
      left: [],
    });
    expect(astroRedirects(redirects, '/qtd/').config).toEqual({
      '/gone/': 'https://example.org/elsewhere?a=1',
      '/quotes/old/': '/qtd/quotes/new/',
      '/tags/old/': '/qtd/tags/new/#latest',
    });
  });

  it('names the old URL as the address bar shows it, and sends the target percent-encoded exactly as _redirects does', () => {
    const { redirects } = prepareRedirects([{ from: '/tags/café/', to: '/tags/naïve/' }]);
    const { config } = astroRedirects(redirects, '/qtd/');
    // Astro matches the decoded request path; it percent-encodes the target with encodeURI.
    expect(Object.keys(config)).toEqual(['/tags/café/']);
    expect(location(config['/tags/café/'] ?? '')).toBe('/qtd/tags/na%C3%AFve/');
    expect(netlifyRedirects(redirects, '/qtd/')).toBe('/qtd/tags/caf%C3%A9/  /qtd/tags/na%C3%AFve/  301\n');
  });

  it('leaves to the build what Astro would serve differently, with the reason', () => {
    const { redirects, errors } = prepareRedirects([
      { from: '/articles/old/rss.xml', to: '/articles/new/rss.xml' },
      { from: '/quotes/feed/', to: '/rss.xml' },
      { from: '/search-old/', to: '/search/?q=a%26b' },
      { from: '/quotes/old/', to: '/quotes/new/' },
    ]);
    expect(errors).toEqual([]);
    const { config, left } = astroRedirects(redirects, '/');
    expect(config).toEqual({ '/quotes/old/': '/quotes/new/' });
    expect(left.map(({ redirect, reason }) => `${redirect.from}: ${reason}`)).toEqual([
      '/articles/old/rss.xml: it redirects a file, which Astro would redirect only with a "/" after its name',
      '/quotes/feed/: it leads to a file, which Astro would send with a "/" after its name',
      '/search-old/: Astro would percent-encode its target differently',
    ]);
  });

  it('serves every target it takes at exactly the address the built site sends', () => {
    const { redirects } = prepareRedirects([
      { from: '/a/', to: '/quotes/x/?q=1&r=2#q-1' },
      { from: '/b/', to: "/people/o'brien/" },
      { from: '/c/', to: '/tags/%C3%A9t%C3%A9/' },
      { from: '/d/', to: '/' },
    ]);
    for (const basePath of ['/', '/qtd/']) {
      const { config, left } = astroRedirects(redirects, basePath);
      expect(left).toEqual([]);
      for (const redirect of redirects) {
        const expected = netlifyRedirects([redirect], basePath).split('  ')[1];
        expect(location(config[redirect.from] ?? ''), redirect.from).toBe(expected);
      }
    }
  });
});
