import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { distKind, formatDistKindsTable, measureDistKinds } from '../../bench/dist-kinds.ts';

describe('distKind', () => {
  const page = () => false;
  it('tells each kind of output by its path', () => {
    expect(distKind('og/quotes/we-will-resist.png', page)).toBe('share cards');
    expect(distKind('og/site.png', page)).toBe('share cards');
    expect(distKind('quotes/we-will-resist/index.html', page)).toBe('quote pages');
    expect(distKind('quotes/we-will-resist/citation.json', page)).toBe('citation files');
    expect(distKind('quotes/we-will-resist/citation.bib', page)).toBe('citation files');
    expect(distKind('quotes/page/3/index.html', page)).toBe('list pages');
    expect(distKind('quotes/2021/index.html', page)).toBe('list pages');
    expect(distKind('quotes/2021/08/index.html', page)).toBe('list pages');
    expect(distKind('quotes/index.html', page)).toBe('list pages');
    expect(distKind('index.html', page)).toBe('list pages');
    expect(distKind('articles/the-afghan/index.html', page)).toBe('article pages');
    expect(distKind('articles/index.html', page)).toBe('list pages');
    expect(distKind('people/ahmad-massoud/index.html', page)).toBe('people and tag pages');
    expect(distKind('tags/afghanistan/index.html', page)).toBe('people and tag pages');
    expect(distKind('rss.xml', page)).toBe('feeds');
    expect(distKind('people/ahmad-massoud/rss.xml', page)).toBe('feeds');
    expect(distKind('feed.json', page)).toBe('feeds');
    expect(distKind('quotes.json', page)).toBe('open data');
    expect(distKind('pagefind/index/en_3f2a.pf_index', page)).toBe('search index');
    expect(distKind('pagefind/pagefind.js', page)).toBe('search index');
    expect(distKind('_astro/search.BCIohiJP.js', page)).toBe('assets');
    expect(distKind('favicon.svg', page)).toBe('assets');
    expect(distKind('_headers', page)).toBe('other');
    expect(distKind('_qtd/build.json', page)).toBe('other');
  });

  it('asks whether an HTML page is a redirect, and only an HTML page', () => {
    let asked = 0;
    const redirect = () => {
      asked++;
      return true;
    };
    expect(distKind('quotes/old-id/index.html', redirect)).toBe('redirects');
    expect(distKind('og/quotes/old-id.png', redirect)).toBe('share cards');
    expect(asked).toBe(1);
  });
});

describe('measureDistKinds and its table', () => {
  it('sums files and bytes per kind of a built folder, telling redirects by their refresh', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'qtd-dist-kinds-'));
    try {
      const files: Record<string, string> = {
        'quotes/a/index.html': '<!doctype html><title>a</title>'.padEnd(1000, ' '),
        'quotes/b/index.html': '<!doctype html><title>b</title>'.padEnd(3000, ' '),
        'quotes/old/index.html': '<!doctype html><meta http-equiv="refresh" content="0;url=/quotes/a/">',
        'og/quotes/a.png': 'x'.repeat(2048),
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dist, path)), { recursive: true });
        await writeFile(join(dist, path), text);
      }
      const totals = measureDistKinds(dist);
      expect(totals).toEqual([
        { kind: 'share cards', files: 1, bytes: 2048 },
        { kind: 'quote pages', files: 2, bytes: 4000 },
        { kind: 'redirects', files: 1, bytes: files['quotes/old/index.html']!.length },
      ]);
      const table = formatDistKindsTable(totals, 2);
      expect(table).toContain('| quote pages | 2 | 0.0 | 2.0 |');
      expect(table).toContain('| share cards | 1 | 0.0 | 1.0 |');
      expect(table).toMatch(/\| \*\*all\*\* \| 4 \|/);
      expect(table).toMatch(/holds about [\d,]+ quotes/);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
