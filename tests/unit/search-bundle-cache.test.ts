import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundleKey,
  codeDigest,
  digestFiles,
  entriesToPrune,
  findBundle,
  hasBundles,
  placeTree,
  storeBundle,
  type IndexIdentity,
} from '../../src/build/search/bundle-cache.ts';
import { linkOrCopy } from '../../src/build/link-or-copy.ts';
import { listFiles } from '../../src/build/files.ts';

/** The reference digest: a file's whole bytes through Node's SHA-256. */
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const identity: IndexIdentity = { pagefindVersion: '1.6.0', options: { forceLanguage: 'en' }, code: 'c0de' };
const pages = [
  { path: 'quotes/a/index.html', sha256: sha256(Buffer.from('a')) },
  { path: 'articles/b/index.html', sha256: sha256(Buffer.from('b')) },
];

describe('bundleKey', () => {
  it('is the same for the same inputs, whatever order the pages were listed in', () => {
    expect(bundleKey(identity, pages)).toBe(bundleKey({ ...identity }, [...pages].reverse()));
    expect(bundleKey(identity, pages)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any page’s bytes, path, or a page added or removed', () => {
    const key = bundleKey(identity, pages);
    const [first, second] = pages as [(typeof pages)[0], (typeof pages)[0]];
    expect(bundleKey(identity, [{ ...first, sha256: sha256(Buffer.from('a!')) }, second])).not.toBe(key);
    expect(bundleKey(identity, [{ ...first, path: 'quotes/a2/index.html' }, second])).not.toBe(key);
    expect(bundleKey(identity, [first])).not.toBe(key);
    expect(bundleKey(identity, [...pages, { path: 'people/c/index.html', sha256: sha256(Buffer.from('c')) }])).not.toBe(key);
  });

  it('changes with Pagefind’s version, our options and our code', () => {
    const key = bundleKey(identity, pages);
    expect(bundleKey({ ...identity, pagefindVersion: '1.6.1' }, pages)).not.toBe(key);
    expect(bundleKey({ ...identity, options: { forceLanguage: 'fr' } }, pages)).not.toBe(key);
    expect(bundleKey({ ...identity, code: 'c0df' }, pages)).not.toBe(key);
  });

  it('keeps a path and a hash apart, so moving bytes between them cannot collide', () => {
    expect(bundleKey(identity, [{ path: 'a', sha256: 'bc' }])).not.toBe(bundleKey(identity, [{ path: 'ab', sha256: 'c' }]));
  });
});

describe('codeDigest', () => {
  it('changes when one source changes and keeps sources apart', () => {
    expect(codeDigest(['a', 'b'])).toBe(codeDigest(['a', Buffer.from('b')]));
    expect(codeDigest(['a', 'b'])).not.toBe(codeDigest(['a', 'b ']));
    expect(codeDigest(['ab', ''])).not.toBe(codeDigest(['a', 'b']));
  });
});

describe('entriesToPrune', () => {
  const hour = 60 * 60 * 1000;
  it('drops every entry but the latest, and interrupted stores only once they are stale', () => {
    const now = 10 * hour;
    const entries = [
      { name: 'new', mtimeMs: now },
      { name: 'old', mtimeMs: now - 1000 },
      { name: '.incoming-fresh', mtimeMs: now - 1000 },
      { name: '.incoming-crashed', mtimeMs: now - 2 * hour },
    ];
    expect(entriesToPrune(entries, 'new', now)).toEqual(['old', '.incoming-crashed']);
  });
});

describe('the cache on disk', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function file(path: string, content: string) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }

  async function bundle(dir: string, marker: string) {
    await file(join(dir, 'pagefind-entry.json'), `{"marker":"${marker}"}`);
    await file(join(dir, 'fragment', 'en_1.pf_fragment'), marker);
    await file(join(dir, 'index', 'en_2.pf_index'), marker);
  }

  it('lists and hashes files with / paths, sorted', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cache-'));
    await file(join(root, 'site', 'quotes', 'a', 'index.html'), 'a');
    await file(join(root, 'site', 'index.html'), 'home');
    const paths = listFiles(join(root, 'site'));
    expect(paths).toEqual(['index.html', 'quotes/a/index.html']);
    expect(digestFiles(join(root, 'site'), paths)).toEqual([
      { path: 'index.html', sha256: sha256(Buffer.from('home')) },
      { path: 'quotes/a/index.html', sha256: sha256(Buffer.from('a')) },
    ]);
  });

  it('hashes a file larger than its read buffer, and an empty one, as their whole bytes', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cache-'));
    const large = Buffer.from('0123456789abcdef'.repeat(40_000)); // 640 kB: three reads
    await file(join(root, 'site', 'large.html'), large.toString());
    await file(join(root, 'site', 'empty.html'), '');
    expect(digestFiles(join(root, 'site'), ['large.html', 'empty.html'])).toEqual([
      { path: 'large.html', sha256: sha256(large) },
      { path: 'empty.html', sha256: sha256(Buffer.alloc(0)) },
    ]);
  });

  it('stores a bundle under its key, finds it again and places it whole', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cache-'));
    const cache = join(root, 'cache');
    await bundle(join(root, 'dist', 'pagefind'), 'one');
    expect(await findBundle(cache, 'k1', 'pagefind-entry.json')).toBeUndefined();
    expect(await hasBundles(cache)).toBe(false);
    await mkdir(join(cache, '.incoming-abc'), { recursive: true });
    expect(await hasBundles(cache)).toBe(false);

    await storeBundle(cache, 'k1', join(root, 'dist', 'pagefind'));
    expect(await hasBundles(cache)).toBe(true);
    const found = await findBundle(cache, 'k1', 'pagefind-entry.json');
    expect(found).toBe(join(cache, 'k1'));

    const target = join(root, 'dist2', 'pagefind');
    expect(placeTree(found ?? '', target)).toBe(3);
    expect(listFiles(target)).toEqual(['fragment/en_1.pf_fragment', 'index/en_2.pf_index', 'pagefind-entry.json']);
    expect(await readFile(join(target, 'index', 'en_2.pf_index'), 'utf8')).toBe('one');
  });

  it('places hard links where it can, so a cached bundle costs no copy', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cache-'));
    await bundle(join(root, 'from'), 'x');
    placeTree(join(root, 'from'), join(root, 'to'));
    const [a, b] = await Promise.all([stat(join(root, 'from', 'pagefind-entry.json')), stat(join(root, 'to', 'pagefind-entry.json'))]);
    // Same device: one inode, two names.
    expect(b.ino).toBe(a.ino);

    // A file already at the target is replaced, not written into (it may be a link to the cache).
    await rm(join(root, 'to', 'pagefind-entry.json'));
    await writeFile(join(root, 'to', 'pagefind-entry.json'), 'stale');
    await writeFile(join(root, 'from2'), 'fresh');
    linkOrCopy(join(root, 'from2'), join(root, 'to', 'pagefind-entry.json'));
    expect(await readFile(join(root, 'to', 'pagefind-entry.json'), 'utf8')).toBe('fresh');
  });

  it('keeps only the latest entry, and a store of a key already there changes nothing', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cache-'));
    const cache = join(root, 'cache');
    await bundle(join(root, 'b1'), 'one');
    await bundle(join(root, 'b2'), 'two');
    await storeBundle(cache, 'k1', join(root, 'b1'));
    await storeBundle(cache, 'k2', join(root, 'b2'));
    expect(await readdir(cache)).toEqual(['k2']);
    await storeBundle(cache, 'k2', join(root, 'b2'));
    expect(await readdir(cache)).toEqual(['k2']);
    expect(await readFile(join(cache, 'k2', 'fragment', 'en_1.pf_fragment'), 'utf8')).toBe('two');
  });

  it('never shows a half-written entry under a key, and clears one left by a crash once stale', async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-search-cache-'));
    const cache = join(root, 'cache');
    // A build that died while storing: its files sit in a temporary folder, not under a key.
    const crashed = join(cache, '.incoming-crashed');
    await file(join(crashed, 'pagefind-entry.json'), '{}');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(crashed, old, old);
    expect(await findBundle(cache, 'crashed', 'pagefind-entry.json')).toBeUndefined();

    await bundle(join(root, 'b'), 'b');
    await storeBundle(cache, 'k', join(root, 'b'));
    expect(existsSync(crashed)).toBe(false);
    expect(await readdir(cache)).toEqual(['k']);
  });
});
