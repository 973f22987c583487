import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTML_VALIDATE_CONFIG_FILE, createHtmlValidator, validateHtmlFiles, validateHtmlString } from '../support/html-validation.ts';

/** The shape of what `astro build` writes for a page of ours (scoped-style ids, CSP meta, JSON-LD, inline module script). */
const ASTRO_PAGE =
  '<!DOCTYPE html><html lang="en" dir="ltr" data-astro-cid-hkbrpulz><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Quote X — QTD</title>' +
  '<meta name="description" content="A quote"><link rel="canonical" href="https://qtd.example/qtd/quotes/x/">' +
  '<link rel="alternate" type="application/rss+xml" title="RSS" href="/qtd/rss.xml">' +
  '<meta property="og:image" content="https://qtd.example/qtd/og/x.png">' +
  '<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage","name":"Quote X"}</script>' +
  `<meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-oGci0hGcIzFTSIGHDzHMLFUch2TNTBM/TiP/gFJedpg='; style-src 'self' 'sha256-gXUnBwUgcuvCVem/LN82o1NvXgP+g3wnbHF6MZXYZX4=';">` +
  '<style>.skip[data-astro-cid-hkbrpulz]{position:absolute}main[data-astro-cid-hkbrpulz]{max-width:60ch}\n</style>' +
  '<link rel="stylesheet" href="/qtd/_astro/index.Bx1f.css"></head>' +
  '<body data-astro-cid-hkbrpulz><a class="skip" href="#main" data-astro-cid-hkbrpulz>Skip to content</a>' +
  '<header data-astro-cid-hkbrpulz><nav aria-label="Main" data-astro-cid-hkbrpulz><a href="/qtd/" data-astro-cid-hkbrpulz>Home</a></nav></header>' +
  '<main id="main" data-astro-cid-hkbrpulz><nav aria-label="Breadcrumb"><ol><li><a href="/qtd/" aria-current="page">Home</a></li></ol></nav>' +
  '<h1>Quote</h1><figure><blockquote id="q-1" cite="https://example.com/a" lang="ar" dir="rtl"><p>مرحبا <bdi>x</bdi></p></blockquote>' +
  '<figcaption>— <cite>Someone</cite>, <time datetime="2024-01-01">1 January 2024</time></figcaption></figure>' +
  '<button type="button" class="copy" aria-label="Copy quote"><svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16"><path d="M0 0h24v24H0z"></path></svg></button>' +
  '<article><h2 id="2024-review">2024 review</h2>\n<p>line one<br>\nline two</p>\n</article>' +
  '</main><footer data-astro-cid-hkbrpulz><p data-astro-cid-hkbrpulz>Footer</p></footer>' +
  '<script type="module" src="/qtd/_astro/page.D3kd.js"></script>' +
  '<script type="module">document.documentElement.dataset.js=`1`;</script></body></html>';

/** What Astro writes for an entry of `redirects`: note the lowercase doctype. */
const ASTRO_REDIRECT =
  '<!doctype html><title>Redirecting to: /qtd/quotes/x/</title><meta http-equiv="refresh" content="0;url=/qtd/quotes/x/">' +
  '<meta name="robots" content="noindex"><link rel="canonical" href="https://qtd.example/qtd/quotes/x/">' +
  '<body>\t<a href="/qtd/quotes/x/">Redirecting from <code>/qtd/old/</code> to <code>/qtd/quotes/x/</code></a></body>';

describe('.htmlvalidate.json', () => {
  it('extends the recommended preset and stops the config search at the project', async () => {
    const config = JSON.parse(await readFile(HTML_VALIDATE_CONFIG_FILE, 'utf8')) as { extends: string[]; root: boolean };
    expect(config.extends).toEqual(['html-validate:recommended']);
    expect(config.root).toBe(true);
  });
});

describe('validateHtmlString', () => {
  const validator = createHtmlValidator();

  it('accepts what Astro emits for our pages, including digit-led heading ids', async () => {
    const result = await validateHtmlString(ASTRO_PAGE, 'quotes/x/index.html', validator);
    expect(result.messages).toEqual([]);
    expect(result.errorCount).toBe(0);
  });

  it('accepts Astro’s redirect pages with their lowercase doctype', async () => {
    expect((await validateHtmlString(ASTRO_REDIRECT, 'old/index.html', validator)).messages).toEqual([]);
  });

  it('reports problems as file:line:col rule message', async () => {
    const broken = ASTRO_PAGE.replace('<h1>Quote</h1>', '<h1 style="color:red">Quote</h1>\n<p><div>block in p</div></p>');
    const result = await validateHtmlString(broken, 'quotes/x/index.html', validator);
    expect(result.errorCount).toBeGreaterThanOrEqual(2);
    const before = broken.slice(0, broken.indexOf('style="color:red"')).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    expect(result.messages).toContain(`quotes/x/index.html:${line}:${column} no-inline-style Inline style is not allowed`);
    expect(result.messages).toContain(
      `quotes/x/index.html:${line + 1}:2 no-implicit-close Element <p> is implicitly closed by adjacent <div>`,
    );
  });

  it('keeps the recommended rules that matter, e.g. duplicate ids and images without alt', async () => {
    const broken = ASTRO_PAGE.replace('<h1>Quote</h1>', '<h1 id="q-1">Quote</h1><img src="/qtd/og/x.png">');
    const rules = (await validateHtmlString(broken, 'x.html', validator)).messages.map((m) => m.split(' ')[1]);
    expect(rules).toEqual(expect.arrayContaining(['no-dup-id', 'wcag/h37']));
  });

  it('gives the same answers on repeated use of one validator', async () => {
    const again = await validateHtmlString(ASTRO_PAGE.replace('<h1>', '<h1 style="x">'), 'a.html', validator);
    const clean = await validateHtmlString(ASTRO_PAGE, 'b.html', validator);
    expect(again.errorCount).toBe(1);
    expect(clean.errorCount).toBe(0);
  });
});

describe('validateHtmlFiles', () => {
  it('validates each file and reports paths relative to the base folder', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'html-validation-'));
    try {
      const files: Record<string, string> = {
        'index.html': ASTRO_PAGE,
        'old/index.html': ASTRO_REDIRECT,
        'quotes/y/index.html': ASTRO_PAGE.replace('<title>Quote X — QTD</title>', '<title></title>'),
      };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(dist, file)), { recursive: true });
        await writeFile(join(dist, file), text);
      }
      const result = await validateHtmlFiles(Object.keys(files), { baseDir: dist });
      expect(result.filesChecked).toBe(3);
      expect(result.messages).toEqual([expect.stringMatching(/^quotes\/y\/index\.html:1:\d+ empty-title /)]);
      expect(result.errorCount).toBe(1);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });

  it('fails loudly on a missing file', async () => {
    await expect(validateHtmlFiles(['nope/index.html'], { baseDir: tmpdir() })).rejects.toThrow(/ENOENT/);
  });
});
