import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  announcedResults,
  bundlePath,
  formatSearchWeightTable,
  hostGzipBytes,
  searchFileKind,
  summariseDownload,
  type SearchFile,
} from '../../bench/search-weight.ts';

describe('searchFileKind', () => {
  it('names each file of a Pagefind bundle', () => {
    expect(searchFileKind('pagefind.js')).toBe('client');
    expect(searchFileKind('pagefind-worker.js')).toBe('client');
    expect(searchFileKind('wasm.en.pagefind')).toBe('wasm');
    expect(searchFileKind('pagefind-entry.json')).toBe('entry');
    expect(searchFileKind('pagefind.en_70a061d8a1.pf_meta')).toBe('meta');
    expect(searchFileKind('index/en_4253ff2.pf_index')).toBe('index');
    expect(searchFileKind('filter/en_1.pf_filter')).toBe('filter');
    expect(searchFileKind('fragment/en_139d68b.pf_fragment')).toBe('fragment');
    expect(searchFileKind('something.else')).toBe('other');
  });
});

describe('hostGzipBytes', () => {
  it('gzips text and leaves Pagefind’s already compressed files as they are', () => {
    const text = Buffer.from('const a = 1;\n'.repeat(200));
    expect(hostGzipBytes('pagefind.js', text)).toBe(gzipSync(text, { level: 9 }).length);
    expect(hostGzipBytes('index/en_1.pf_index', text)).toBe(text.length);
    expect(hostGzipBytes('wasm.en.pagefind', text)).toBe(text.length);
  });

  it('never counts more than the file when gzip would not help', () => {
    expect(hostGzipBytes('pagefind-entry.json', Buffer.from('{}'))).toBe(2);
  });
});

describe('bundlePath', () => {
  it('takes the path under the bundle folder, under any base path', () => {
    expect(bundlePath('http://127.0.0.1:4000/qtd/pagefind/index/en_1.pf_index', '/qtd/pagefind/')).toBe('index/en_1.pf_index');
    expect(bundlePath('http://127.0.0.1:4000/pagefind/pagefind.js?ts=1', '/pagefind/')).toBe('pagefind.js');
    expect(bundlePath('http://127.0.0.1:4000/_astro/search.js', '/pagefind/')).toBeUndefined();
  });
});

describe('announcedResults', () => {
  it('reads the count the status line announces', () => {
    expect(announcedResults('12 results for “river”.')).toBe(12);
    expect(announcedResults('1 result for “river”.')).toBe(1);
    expect(announcedResults('11,495 results for “the”.')).toBe(11495);
    expect(announcedResults('No results for “xyzzy”.')).toBe(0);
    expect(announcedResults('Search could not be loaded.')).toBeUndefined();
  });
});

describe('summariseDownload', () => {
  const file = (path: string, served: number, gzip = served): SearchFile => ({ path, kind: 'other', served, gzip });

  it('counts each file once and sums by kind', () => {
    const files: SearchFile[] = [
      { ...file('pagefind.js', 1000, 300), kind: 'client' },
      { ...file('wasm.en.pagefind', 500), kind: 'wasm' },
      { ...file('index/en_1.pf_index', 200), kind: 'index' },
      { ...file('index/en_1.pf_index', 200), kind: 'index' },
      { ...file('fragment/en_2.pf_fragment', 50), kind: 'fragment' },
    ];
    const summary = summariseDownload('river', 7, files);
    expect(summary.files.map((f) => f.path)).toEqual([
      'fragment/en_2.pf_fragment',
      'index/en_1.pf_index',
      'pagefind.js',
      'wasm.en.pagefind',
    ]);
    expect(summary.served).toBe(1750);
    expect(summary.gzip).toBe(1050);
    expect(summary.servedByKind).toMatchObject({ client: 1000, wasm: 500, index: 200, fragment: 50, meta: 0 });
    expect(summary.beforeAsking).toBeUndefined();
    expect(formatSearchWeightTable([summary])).toContain('| river | no | 7 | 4 | 1.5 | 0.0 | 0.2 | 0.0 | **1.7** | **1.0** |');
  });

  it('sums, for a query the page asked about first, what it had downloaded when it asked', () => {
    const before: SearchFile[] = [
      { ...file('pagefind.js', 1000, 300), kind: 'client' },
      { ...file('pagefind.js', 1000, 300), kind: 'client' },
    ];
    const after: SearchFile[] = [...before, { ...file('index/en_1.pf_index', 2048), kind: 'index' }];
    const summary = summariseDownload('the', 40, after, before);
    expect(summary.beforeAsking).toEqual({ served: 1000, gzip: 300 });
    expect(summary.served).toBe(3048);
    expect(formatSearchWeightTable([summary])).toContain('| the | **1.0** (0.3) | 40 | 2 |');
  });
});
