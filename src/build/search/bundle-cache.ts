/**
 * A content-addressed cache of Pagefind's output. Pagefind has no incremental mode:
 * left alone it re-reads and re-indexes every page of every build, a third of a warm
 * build at 10,000 quotes. Its output is a function of the pages it reads, its version,
 * our options and our code, so when a hash of all of those matches the previous
 * build's, the previous bundle is the bundle this build would write.
 *
 * Plain Node (no Vite imports): usable from the integration, a script or a test.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { linkOrCopy } from '../link-or-copy.ts';
import { listFiles } from '../files.ts';

/** A page Pagefind reads: its path under the site folder (with `/`) and the hash of its bytes. */
export interface PageDigest {
  path: string;
  sha256: string;
}

/** Everything that decides the bundle besides the pages. */
export interface IndexIdentity {
  pagefindVersion: string;
  /** The options given to Pagefind and to our post-processing, as plain JSON. */
  options: unknown;
  /** A hash of the code that drives Pagefind (see `codeDigest`). */
  code: string;
}

/** Bumped when the layout of the cache folder changes, so an old layout is never read. */
const CACHE_LAYOUT = 'qtd-search-1';

/**
 * The key of a bundle: equal keys mean byte-identical inputs. Pages are sorted so the
 * order in which the file system listed them does not matter; separators that cannot
 * occur in a path or a hex digest keep `a` + `bc` apart from `ab` + `c`.
 */
export function bundleKey(identity: IndexIdentity, pages: readonly PageDigest[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([CACHE_LAYOUT, identity.pagefindVersion, identity.options, identity.code]));
  hash.update('\n');
  const sorted = [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const page of sorted) hash.update(`${page.path}\u0000${page.sha256}\n`);
  return hash.digest('hex');
}

/** A hash of source files (e.g. the integration's own), so that editing them invalidates the cache. */
export function codeDigest(sources: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const source of sources) {
    const digest = createHash('sha256').update(source).digest('hex');
    hash.update(`${digest}\n`);
  }
  return hash.digest('hex');
}

/*
 * The file work below is synchronous on purpose: it is thousands of small files that
 * sit in the page cache, nothing else runs in the build process while a build hook
 * awaits it, and at 10,000 quotes the synchronous calls hash the site's 283 MB of HTML
 * in ~1.2 s and link a bundle in ~0.3 s, where promises take ~2.1 s and ~1.2 s
 * (listing: src/build/files.ts).
 */

/**
 * The hash of each file, read one at a time through one buffer, so that memory stays flat
 * whatever the site's size: a fresh buffer per file leaves the process ~70 MB larger after
 * 10,000 pages, and a cold build hashes them while Pagefind, beside it, is at its largest.
 */
export function digestFiles(dir: string, paths: readonly string[]): PageDigest[] {
  const buffer = Buffer.allocUnsafe(256 * 1024);
  return paths.map((path) => {
    const hash = createHash('sha256');
    const fd = openSync(join(dir, path), 'r');
    try {
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
    return { path, sha256: hash.digest('hex') };
  });
}

/** Places every file of the folder `from` at the same path under `to`; returns how many. */
export function placeTree(from: string, to: string): number {
  const files = listFiles(from);
  const folders = new Set(files.map((file) => dirname(join(to, file))));
  for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true });
  for (const file of files) linkOrCopy(join(from, file), join(to, file));
  return files.length;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Entries of an interrupted store are removed after this long, not before: another build may be writing one. */
const STALE_INCOMING_MS = 60 * 60 * 1000;
const INCOMING_PREFIX = '.incoming-';

export function entryFolder(cacheDir: string, key: string): string {
  return join(cacheDir, key);
}

/**
 * The cached bundle for `key`, if there is one. An entry only ever appears by the
 * rename of a complete folder, so one that exists is whole.
 */
export async function findBundle(cacheDir: string, key: string, markerFile: string): Promise<string | undefined> {
  const folder = entryFolder(cacheDir, key);
  try {
    return (await stat(join(folder, markerFile))).isFile() ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the cache holds any bundle at all (it keeps one, the latest); a store still in progress does not count. */
export async function hasBundles(cacheDir: string): Promise<boolean> {
  try {
    return (await readdir(cacheDir)).some((name) => !name.startsWith(INCOMING_PREFIX));
  } catch {
    return false;
  }
}

/**
 * Stores `bundleDir` as the entry for `key`: written into a temporary folder, then
 * renamed into place, so an interrupted build leaves no half bundle under a key.
 * Then drops every other entry, so the cache holds one bundle, the latest.
 */
export async function storeBundle(cacheDir: string, key: string, bundleDir: string, now = Date.now()): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const incoming = await mkdtemp(join(cacheDir, INCOMING_PREFIX));
  try {
    placeTree(bundleDir, incoming);
    await rename(incoming, entryFolder(cacheDir, key));
  } catch (error) {
    await rm(incoming, { recursive: true, force: true });
    // The same key stored by an earlier or concurrent build is the same bundle.
    if (!(await isDirectory(entryFolder(cacheDir, key)))) throw error;
  }
  await pruneEntries(cacheDir, key, now);
}

/** Names in the cache folder to remove when `keep` is the latest entry. */
export function entriesToPrune(entries: readonly { name: string; mtimeMs: number }[], keep: string, now: number): string[] {
  return entries
    .filter(({ name, mtimeMs }) => name !== keep && (!name.startsWith(INCOMING_PREFIX) || now - mtimeMs > STALE_INCOMING_MS))
    .map(({ name }) => name);
}

async function pruneEntries(cacheDir: string, keep: string, now: number): Promise<void> {
  const names = await readdir(cacheDir);
  const entries = await Promise.all(
    names.map(async (name) => ({
      name,
      mtimeMs: await stat(join(cacheDir, name)).then(
        (s) => s.mtimeMs,
        () => now,
      ),
    })),
  );
  await Promise.all(entriesToPrune(entries, keep, now).map((name) => rm(join(cacheDir, name), { recursive: true, force: true })));
}
