/**
 * Pages of the last build put back in place before Astro renders, so that an
 * incremental build leaves the pages it skips where they are instead of copying them.
 *
 * With `experimental.incrementalBuild`, Astro skips a page whose key and code are
 * unchanged and, when the page's file is not in `dist/` (we move the old `dist/` aside
 * at the start: src/build/previous-dist.ts), copies it from its cache: 0.5 ms a page, 12 s
 * at 10,000 quotes. A hard link from the folder set aside costs a tenth of that. Only
 * files of pages Astro itself recorded as keyed are linked, and only when the folder set
 * aside is the complete output of the build that wrote that record (a stamp written at
 * the end of each build, removed at the start of the next one). Linked files of pages
 * that no longer exist are deleted once Astro has finished.
 *
 * The record's format and Astro leaving a file already in place are Astro's private
 * behaviour (docs/internals.md, "Pages of the last build linked back"): `observePrerenderer`
 * counts what Astro renders, and at the end of each build `recordNotReadable`,
 * `linkedPagesCopied` and `concurrencyNotEngaged` say when a trick did not engage.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AstroPrerenderer } from 'astro';

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

/** The files linked back, as the end of the build finds them. */
export interface LinkedOutcome {
  /** Untouched since they were linked: pages Astro skipped and left in place. */
  untouched: number;
  /** Written since they were linked: rendered again, or copied over by Astro. */
  written: number;
}

/**
 * Sorts the linked files by whether anything wrote them after `linkedAt` (epoch ms, taken
 * before linking): a hard link keeps the modification time of the previous build's file.
 * A file that is gone (a page that no longer exists, already deleted) counts in neither.
 */
export function linkedOutcome(dir: string, files: readonly string[], linkedAt: number): LinkedOutcome {
  let untouched = 0;
  let written = 0;
  for (const file of files) {
    const stats = statSync(join(dir, file), { throwIfNoEntry: false });
    if (!stats) continue;
    if (stats.mtimeMs >= linkedAt) written++;
    else untouched++;
  }
  return { untouched, written };
}

/** What Astro's prerendering did in one build, as `observePrerenderer` saw it. */
export interface PrerenderTally {
  /** Whether Astro asked the observed prerenderer for its paths: false when it was not used. */
  observed: boolean;
  /** Paths to prerender, and those with a cache key (the pages an incremental build may skip). */
  paths: number;
  keyedPaths: number;
  /** The route components that key their paths. */
  keyedComponents: Set<string>;
  /** Pages rendered, and those of keyed routes. */
  renders: number;
  /** The route components Astro rendered at least one page of. */
  renderedComponents: Set<string>;
  keyedRenders: number;
  /** Pages being rendered now, and the most at once. */
  inFlight: number;
  maxInFlight: number;
}

export function createPrerenderTally(): PrerenderTally {
  return {
    observed: false,
    paths: 0,
    keyedPaths: 0,
    keyedComponents: new Set(),
    renders: 0,
    renderedComponents: new Set(),
    keyedRenders: 0,
    inFlight: 0,
    maxInFlight: 0,
  };
}

/**
 * Astro's own prerenderer, counting the paths it is given and the pages it renders (a
 * page Astro skips is never rendered) and how many render at once. Every call goes to
 * `base`, on `base`, so the pages are rendered exactly as without it.
 */
export function observePrerenderer(base: AstroPrerenderer, tally: PrerenderTally): AstroPrerenderer {
  const observed: AstroPrerenderer = {
    name: base.name,
    async getStaticPaths() {
      const paths = await base.getStaticPaths();
      tally.observed = true;
      tally.paths += paths.length;
      for (const path of paths) {
        if (path.cacheKey === undefined) continue;
        tally.keyedPaths++;
        tally.keyedComponents.add(path.route.component);
      }
      return paths;
    },
    async render(request, options) {
      tally.renders++;
      tally.renderedComponents.add(options.routeData.component);
      if (tally.keyedComponents.has(options.routeData.component)) tally.keyedRenders++;
      tally.inFlight++;
      tally.maxInFlight = Math.max(tally.maxInFlight, tally.inFlight);
      try {
        return await base.render(request, options);
      } finally {
        tally.inFlight--;
      }
    },
  };
  if (base.setup) observed.setup = () => base.setup?.() ?? Promise.resolve();
  if (base.teardown) observed.teardown = () => base.teardown?.() ?? Promise.resolve();
  if (base.collectStaticImages) observed.collectStaticImages = () => base.collectStaticImages!();
  return observed;
}

/**
 * Why the record Astro wrote in this build cannot tell the next build what to link back,
 * or undefined when it can: it must exist, be of the shape `keyedOutputFiles` reads, and
 * list every page Astro keyed. `record` is the file's text, undefined when it is missing.
 */
export function recordNotReadable(record: string | undefined, keyedPaths: number): string | undefined {
  if (keyedPaths === 0) return undefined;
  if (record === undefined) return `Astro keyed ${keyedPaths} pages but wrote no incremental-build.json into its cache folder`;
  let files: string[] | undefined;
  try {
    files = keyedOutputFiles(JSON.parse(record));
  } catch {
    files = undefined;
  }
  if (files === undefined)
    return 'its incremental-build.json is not { version: 1, routes: { <route>: { paths: { <path>: { outputFile } } } } }';
  if (files.length < keyedPaths) return `its incremental-build.json lists ${files.length} pages, but Astro keyed ${keyedPaths}`;
  return undefined;
}

/**
 * Why pages linked back were written over although Astro skipped them, or undefined.
 * Each linked file written since it was linked was rendered again or copied over; Astro
 * rendered `tally.keyedRenders` pages of keyed routes, so any more were copied from its
 * cache (or the output folder was emptied after the pages were linked).
 */
export function linkedPagesCopied(outcome: LinkedOutcome, tally: PrerenderTally): string | undefined {
  const copied = outcome.written - tally.keyedRenders;
  if (copied <= 0) return undefined;
  return `${copied} of the ${outcome.untouched + outcome.written} pages linked back were written over although Astro rendered only ${tally.keyedRenders} keyed pages: Astro copied them from its cache instead of leaving them in place (or emptied the output folder after they were linked)`;
}

/** Why pages were rendered one at a time although `concurrency` allows more, or undefined. */
export function concurrencyNotEngaged(tally: PrerenderTally, concurrency: number): string | undefined {
  if (concurrency < 2 || tally.renders < 2 || tally.maxInFlight >= 2) return undefined;
  return `build.concurrency is ${concurrency}, but Astro rendered its ${tally.renders} pages one at a time`;
}

/** The build log's summary of the pages: what Astro rendered and skipped, and how many at once. */
export function prerenderSummary(tally: PrerenderTally, concurrency: number, outcome?: LinkedOutcome): string {
  const skipped = tally.keyedPaths - tally.keyedRenders;
  const reused = outcome ? `; of the ${outcome.untouched + outcome.written} pages linked back, ${outcome.untouched} left in place` : '';
  return `pages: ${tally.renders} rendered, up to ${tally.maxInFlight} at once (build.concurrency ${concurrency}); ${skipped} of ${tally.keyedPaths} keyed pages skipped as unchanged${reused}`;
}
