/**
 * Pages of the last build put back in place before Astro renders, so that an
 * incremental build leaves the pages it skips where they are instead of copying them.
 *
 * With `experimental.incrementalBuild`, Astro skips a page whose key and code are
 * unchanged and, when the page's file is not in `dist/` (we move the old `dist/` aside
 * at the start: src/lib/previous-output.ts), copies it from its cache: 0.5 ms a page, 12 s
 * at 10,000 quotes. A hard link from the folder set aside costs a tenth of that. Only
 * files of pages Astro itself recorded as keyed are linked, and only when the folder set
 * aside is the complete output of the build that wrote that record (a stamp written at
 * the end of each build, removed at the start of the next one). Linked files of pages
 * that no longer exist are deleted once Astro has finished.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The stamp of a finished build: which output folder and which record of keyed pages. */
export interface CompletedBuild {
  outDir: string;
  manifestDigest: string;
}

function readIfThere(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function digestOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The output files (relative to the output folder) of the keyed pages in Astro's record
 * of an incremental build (`<cacheDir>/incremental-build.json`, version 1), or undefined
 * when the record is not of that shape: then nothing is reused, and Astro copies.
 */
export function keyedOutputFiles(manifest: unknown): string[] | undefined {
  if (!isRecord(manifest) || manifest.version !== 1 || !isRecord(manifest.routes)) return undefined;
  const files: string[] = [];
  for (const route of Object.values(manifest.routes)) {
    if (!isRecord(route) || !isRecord(route.paths)) return undefined;
    for (const path of Object.values(route.paths)) {
      if (!isRecord(path) || typeof path.outputFile !== 'string') return undefined;
      const file = safeRelativeFile(path.outputFile);
      if (file === undefined) return undefined;
      files.push(file);
    }
  }
  return files;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Astro records the file as a URL path relative to the output folder; never one outside it. */
function safeRelativeFile(outputFile: string): string | undefined {
  let file: string;
  try {
    file = decodeURIComponent(outputFile);
  } catch {
    return undefined;
  }
  if (file === '' || file.startsWith('/') || file.split(/[\\/]/).some((part) => part === '..' || part === '')) return undefined;
  return file;
}

/**
 * The keyed page files that can be reused from the previous output, after checking the
 * stamp of the build that wrote it. The stamp is removed: if this build stops half-way,
 * the next one reuses nothing.
 */
export function reusableFiles(stampPath: string, manifestPath: string, outDir: string): string[] {
  let stamp: unknown;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return [];
  } finally {
    rmSync(stampPath, { force: true });
  }
  if (!isRecord(stamp) || stamp.outDir !== outDir || typeof stamp.manifestDigest !== 'string') return [];
  const manifest = readIfThere(manifestPath);
  if (!manifest || digestOf(manifest) !== stamp.manifestDigest) return [];
  try {
    return keyedOutputFiles(JSON.parse(manifest.toString('utf8'))) ?? [];
  } catch {
    return [];
  }
}

/** Records that `outDir` now holds the complete output of the build that wrote the manifest. */
export function stampCompletedBuild(stampPath: string, manifestPath: string, outDir: string): boolean {
  const manifest = readIfThere(manifestPath);
  if (!manifest) return false;
  const stamp: CompletedBuild = { outDir, manifestDigest: digestOf(manifest) };
  mkdirSync(dirname(stampPath), { recursive: true });
  writeFileSync(stampPath, `${JSON.stringify(stamp)}\n`);
  return true;
}

/**
 * Links each file from the previous output into the new one; a file that cannot be
 * linked (gone, another file system) is left to Astro. Returns the files linked.
 */
export function linkFiles(fromDir: string, toDir: string, files: readonly string[]): string[] {
  const made = new Set<string>();
  const linked: string[] = [];
  for (const file of files) {
    const from = join(fromDir, file);
    const to = join(toDir, file);
    const folder = dirname(to);
    try {
      if (!made.has(folder)) {
        // No empty folder for a page that is gone.
        if (!existsSync(from)) continue;
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      linkSync(from, to);
      linked.push(file);
    } catch {
      // Astro renders or copies it, as without this.
    }
  }
  return linked;
}

/** The linked files that this build did not produce: pages that no longer exist. */
export function unproducedFiles(linked: readonly string[], produced: ReadonlySet<string>): string[] {
  return linked.filter((file) => !produced.has(file));
}

/** Deletes the files, and their folders when that leaves them empty (a page is a folder). */
export function deleteFiles(dir: string, files: readonly string[]): void {
  for (const file of files) {
    const path = join(dir, file);
    rmSync(path, { force: true });
    try {
      rmdirSync(dirname(path));
    } catch {
      // Not empty, or already gone.
    }
  }
}
