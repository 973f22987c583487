/**
 * Listing and measuring a built site: tens of thousands of small files.
 *
 * Synchronous on purpose: the files sit in the page cache, nothing else runs in the
 * build process while a build hook awaits this, and at 10,000 quotes (45,000 files)
 * listing took 0.45 s this way against 1.1–2.6 s through promises, whose every call
 * is a round trip to libuv's four threads.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir: string, prefix: string, found: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`, found);
    else if (entry.isFile()) found.push(`${prefix}${entry.name}`);
  }
  return found;
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
export function listFiles(dir: string): string[] {
  return walk(dir, '', []).sort();
}

/** The bytes of the given files under `dir` (paths as `listFiles` gives them). */
export function totalBytes(dir: string, files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) bytes += statSync(join(dir, file)).size;
  return bytes;
}
