import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  deleteFiles,
  keyedOutputFiles,
  linkFiles,
  reusableFiles,
  stampCompletedBuild,
  unproducedFiles,
} from '../../src/build/reuse-pages.ts';

/** Astro's record of an incremental build, version 1 (astro/dist/core/build/incremental.js). */
function manifest(paths: Record<string, string>, version = 1): unknown {
  return {
    version,
    configHash: 'c',
    lockfileHash: 'l',
    keyDigest: 'k',
    routes: {
      'src/pages/quotes/[key]/index.astro': {
        dependencyHash: 'd',
        paths: Object.fromEntries(Object.entries(paths).map(([pathname, outputFile]) => [pathname, { cacheKey: 'x', outputFile }])),
      },
    },
  };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

describe('keyedOutputFiles', () => {
  it('lists the output files of every keyed path, decoded', () => {
    expect(
      keyedOutputFiles(manifest({ '/quotes/a/': 'quotes/a/index.html', '/quotes/caf%C3%A9/': 'quotes/caf%C3%A9/index.html' })),
    ).toEqual(['quotes/a/index.html', 'quotes/café/index.html']);
  });

  it('gives up on a record of another shape or version, so that Astro copies as it would', () => {
    expect(keyedOutputFiles(manifest({ '/a/': 'a/index.html' }, 2))).toBeUndefined();
    expect(keyedOutputFiles({ version: 1, routes: { r: { paths: { '/a/': { outputFile: 3 } } } } })).toBeUndefined();
    expect(keyedOutputFiles(null)).toBeUndefined();
    expect(keyedOutputFiles([])).toBeUndefined();
  });

  it('refuses a file outside the output folder', () => {
    expect(keyedOutputFiles(manifest({ '/a/': '../outside/index.html' }))).toBeUndefined();
    expect(keyedOutputFiles(manifest({ '/a/': '/etc/passwd' }))).toBeUndefined();
    expect(keyedOutputFiles(manifest({ '/a/': 'a/%2E%2E/%2E%2E/x' }))).toBeUndefined();
  });
});

describe('reusing the pages of the last complete build', () => {
  let root: string;
  let stamp: string;
  let record: string;
  let outDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'qtd-reuse-'));
    stamp = join(root, 'cache/stamp.json');
    record = join(root, 'cache/incremental-build.json');
    outDir = join(root, 'dist');
    write(record, JSON.stringify(manifest({ '/quotes/a/': 'quotes/a/index.html', '/quotes/b/': 'quotes/b/index.html' })));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reuses the recorded pages after a complete build, once: the stamp is removed', () => {
    expect(stampCompletedBuild(stamp, record, outDir)).toBe(true);
    expect(reusableFiles(stamp, record, outDir)).toEqual(['quotes/a/index.html', 'quotes/b/index.html']);
    expect(existsSync(stamp)).toBe(false);
    expect(reusableFiles(stamp, record, outDir)).toEqual([]);
  });

  it('reuses nothing without a stamp (a build stopped half-way), for another output folder, or when the record changed since', () => {
    expect(reusableFiles(stamp, record, outDir)).toEqual([]);
    stampCompletedBuild(stamp, record, outDir);
    expect(reusableFiles(stamp, record, join(root, 'elsewhere'))).toEqual([]);
    stampCompletedBuild(stamp, record, outDir);
    write(record, JSON.stringify(manifest({ '/quotes/a/': 'quotes/a/index.html' })));
    expect(reusableFiles(stamp, record, outDir)).toEqual([]);
    write(stamp, 'not json');
    expect(reusableFiles(stamp, record, outDir)).toEqual([]);
  });

  it('stamps nothing when Astro kept no record', () => {
    expect(stampCompletedBuild(stamp, join(root, 'cache/none.json'), outDir)).toBe(false);
    expect(existsSync(stamp)).toBe(false);
  });

  it('links the files into the new output (the same file, not a copy) and skips what is gone', () => {
    const previous = join(root, 'previous');
    write(join(previous, 'quotes/a/index.html'), '<p>a</p>');
    const linked = linkFiles(previous, outDir, ['quotes/a/index.html', 'quotes/gone/index.html']);
    expect(linked).toEqual(['quotes/a/index.html']);
    expect(readFileSync(join(outDir, 'quotes/a/index.html'), 'utf8')).toBe('<p>a</p>');
    expect(statSync(join(outDir, 'quotes/a/index.html')).ino).toBe(statSync(join(previous, 'quotes/a/index.html')).ino);
    expect(existsSync(join(outDir, 'quotes/gone'))).toBe(false);
  });

  it('deletes the linked pages this build did not produce, with their emptied folders', () => {
    write(join(outDir, 'quotes/a/index.html'), 'a');
    write(join(outDir, 'quotes/b/index.html'), 'b');
    write(join(outDir, 'quotes/b/citation.json'), '{}');
    const gone = unproducedFiles(
      ['quotes/a/index.html', 'quotes/b/index.html'],
      new Set(['quotes/a/index.html', 'quotes/b/citation.json']),
    );
    expect(gone).toEqual(['quotes/b/index.html']);
    deleteFiles(outDir, gone);
    expect(existsSync(join(outDir, 'quotes/b/index.html'))).toBe(false);
    expect(existsSync(join(outDir, 'quotes/b/citation.json'))).toBe(true);
    deleteFiles(outDir, ['quotes/b/citation.json']);
    expect(existsSync(join(outDir, 'quotes/b'))).toBe(false);
    expect(existsSync(join(outDir, 'quotes/a/index.html'))).toBe(true);
  });
});
