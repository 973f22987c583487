/**
 * What the build relies on that Astro, Vite and Pagefind do not promise: each such
 * reliance, the versions it was checked with, and the messages a build gives when one
 * does not hold. docs/internals.md has one section per reliance (its `section`), with
 * what to do on an upgrade; tests/unit/internals.test.ts fails when an installed
 * version differs from `CHECKED_VERSIONS`.
 *
 * Each trick checks at build time that it engaged and, when it did not, warns through
 * its integration's logger with `notEngaged` (the package, its version, what it costs).
 * A package whose installed version is not the checked one is named once per build
 * (`warnVersionDrift`), whether or not its tricks still engage.
 *
 * Plain Node (no Vite imports): usable from the integrations, the scripts and the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The exact version of each package whose private behaviour the build relies on, as
 * pinned in package.json. Change one only by following docs/internals.md, "Upgrading".
 * - astro: the content-store module and its file, the record of incremental builds,
 *   an existing output file left in place, `build.concurrency` with incremental
 *   builds, content sync and prerendering in the build's own process, the CLI's file;
 * - @astrojs/markdown-remark: `unified()`'s options object, which Astro extends in place
 *   with integrations' plugins, and render results that can be sent between threads;
 * - vite: Astro's bundler (resolved from Astro's own folder): the plugin hooks and
 *   environment names the content-store plugin depends on;
 * - pagefind: the format of its index and how its client picks a word's chunk from the
 *   chunks' ranges, which src/build/search/split-chunks.ts reads and rewrites.
 */
export const CHECKED_VERSIONS = {
  astro: '7.3.5',
  '@astrojs/markdown-remark': '7.3.1',
  vite: '8.3.8',
  pagefind: '1.6.0',
} as const;

export type CheckedPackage = keyof typeof CHECKED_VERSIONS;

export const CHECKED_PACKAGES = Object.keys(CHECKED_VERSIONS) as CheckedPackage[];

/** A package looked up from the folder of another: Vite is the one Astro itself imports. */
const RESOLVED_FROM: Partial<Record<CheckedPackage, CheckedPackage>> = { vite: 'astro' };

export interface Reliance {
  /** Its section's title in docs/internals.md. */
  section: string;
  /** The packages whose private behaviour it needs. */
  packages: readonly CheckedPackage[];
  /** The trick, in a phrase the warning starts with. */
  trick: string;
  /** What the build loses when the trick does not engage. */
  cost: string;
}

/** Every reliance on something private, by the name the code uses for it. */
export const RELIANCES = {
  previewRouteRefresh: {
    section: 'The preview told of a content change',
    packages: ['astro', 'vite'],
    trick: 'telling Astro’s dev router that content changed when the content pass ends (src/build/integrations/preview.ts)',
    cost: 'a page whose route was listed before the edit shows the old content until Astro has written its store, two to three seconds later at 10,000 quotes',
  },
  previewPreparedPages: {
    section: 'The preview told of a content change',
    packages: ['astro', 'vite'],
    trick: 'loading the pages and their archive in Vite’s SSR module runner before a request asks (src/build/integrations/preview.ts)',
    cost: 'the first request compiles the site and builds the archive, ~3.5 s at 10,000 quotes, and the first after each change builds the archive',
  },
  contentStore: {
    section: 'The content store read from its file',
    packages: ['astro', 'vite'],
    trick: 'loading Astro’s content store from data-store.json (src/build/vite-content-store.ts)',
    cost: 'the store is bundled and compiled as one string literal instead, ~7 s more in every build at 10,000 quotes',
  },
  incrementalMetadata: {
    section: 'The content store read from its file',
    packages: ['astro'],
    trick: 'marking the content-store module as content data for incremental builds (src/build/vite-content-store.ts)',
    cost: 'every page’s code hash then covers the whole store, so any content edit renders every page again',
  },
  pageReuse: {
    section: 'Pages of the last build linked back',
    packages: ['astro'],
    trick: 'linking the pages of the last build back for Astro to skip (src/build/reuse-pages.ts)',
    cost: 'Astro copies each skipped page from its cache instead, ~0.5 ms a page (~12 s of a warm build at 10,000 quotes)',
  },
  concurrency: {
    section: 'Eight pages at once with incremental builds',
    packages: ['astro'],
    trick: 'rendering several pages at once (build.concurrency, src/site.config.ts)',
    cost: 'pages render one at a time, ~63 s instead of ~31 s at 10,000 quotes',
  },
  markdownWorkers: {
    section: 'Markdown on worker threads',
    packages: ['@astrojs/markdown-remark', 'astro'],
    trick: 'rendering the content’s Markdown on worker threads (src/markdown/parallel-renderer.ts)',
    cost: 'every entry renders on Astro’s thread instead, content sync ~25 s instead of ~20 s at 10,000 quotes',
  },
  sameProcess: {
    section: 'Content sync and pages in the build’s process',
    packages: ['astro'],
    trick:
      'sharing state between Astro’s content sync, the pages and the integrations on globalThis (src/content/loader.ts, src/build/work-tally.ts)',
    cost: 'the sitemap lists scheduled and withdrawn quotes, the cards and permalinks lose their input, the pages lose the tag registry and the feeds’ tally reads 0',
  },
  pagefindFormat: {
    section: 'Pagefind’s index format',
    packages: ['pagefind'],
    trick: 'reading Pagefind’s index (src/build/search/split-chunks.ts)',
    cost: 'common words keep sharing chunks with rare ones (a search for "ocean" downloads "of", +110 kB at 10,000 quotes)',
  },
  astroCli: {
    section: 'Astro’s command-line file',
    packages: ['astro'],
    trick: 'running Astro’s command line from its package (scripts/build.ts, bench/run.ts)',
    cost: '`npm run build` and `npm run bench` cannot start Astro',
  },
} as const satisfies Record<string, Reliance>;

function packageFolder(name: string, from: string): string | undefined {
  const require = createRequire(from);
  for (const folder of require.resolve.paths(name) ?? []) {
    if (existsSync(join(folder, name, 'package.json'))) return join(folder, name);
  }
  return undefined;
}

/**
 * The folder of an installed package, as the build's code finds it. Found along Node's
 * module paths, not resolved: pagefind's `exports` map has no `package.json`.
 */
export function installedFolder(name: CheckedPackage): string | undefined {
  const parent = RESOLVED_FROM[name];
  const parentFolder = parent ? installedFolder(parent) : undefined;
  if (parent && !parentFolder) return undefined;
  return packageFolder(name, parentFolder ? join(parentFolder, 'package.json') : import.meta.url);
}

/** The installed version of a checked package, or undefined when it is not installed. */
export function installedVersion(name: CheckedPackage): string | undefined {
  const folder = installedFolder(name);
  if (!folder) return undefined;
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : undefined;
}

/** "astro 7.3.5", or "astro 7.4.0 (checked with 7.3.5)" when the installed version is not the checked one. */
export function describeVersion(name: CheckedPackage, installed = installedVersion(name)): string {
  const checked = CHECKED_VERSIONS[name];
  if (installed === checked) return `${name} ${checked}`;
  return `${name} ${installed ?? '(not installed)'} (checked with ${checked})`;
}

/**
 * The warning for a trick that did not engage: the trick, the packages and versions it
 * depends on, why (what the check saw), what that costs, and where the upgrade steps are.
 */
export function notEngaged(reliance: Reliance, why: string, versions: Partial<Record<CheckedPackage, string | undefined>> = {}): string {
  const packages = reliance.packages
    .map((name) => describeVersion(name, name in versions ? versions[name] : installedVersion(name)))
    .join(', ');
  return `${reliance.trick} did not engage with ${packages}: ${why}. Cost: ${reliance.cost}. See docs/internals.md, “${reliance.section}”.`;
}

/** The message for each of `names` whose installed version is not the checked one. */
export function versionDrift(
  names: readonly CheckedPackage[],
  installed: (name: CheckedPackage) => string | undefined = installedVersion,
): string[] {
  return names.flatMap((name) => {
    const version = installed(name);
    if (version === CHECKED_VERSIONS[name]) return [];
    const uses = Object.values(RELIANCES)
      .filter((reliance) => (reliance.packages as readonly string[]).includes(name))
      .map((reliance) => `“${reliance.section}”`);
    return [
      `${name} ${version ?? '(not installed)'} is installed, but the build’s reliance on its private behaviour was checked with ${CHECKED_VERSIONS[name]}: check ${[...new Set(uses)].join(', ')} as docs/internals.md says, then update CHECKED_VERSIONS in src/build/internals.ts`,
    ];
  });
}

const WARNED = Symbol.for('qtd.internals.warned');

/**
 * Warns once per process for each of `names` whose installed version differs from the
 * checked one (several integrations rely on astro; one warning is enough).
 */
export function warnVersionDrift(logger: { warn(message: string): void }, names: readonly CheckedPackage[]): void {
  const holder = globalThis as { [WARNED]?: Set<string> };
  const warned = (holder[WARNED] ??= new Set());
  for (const name of names) {
    if (warned.has(name)) continue;
    const [message] = versionDrift([name]);
    if (message === undefined) continue;
    warned.add(name);
    logger.warn(message);
  }
}

/**
 * Astro's command-line script, from the `bin` its package declares (the file `npm exec
 * astro` runs), so that no path inside the package is written here. Throws, naming the
 * package and its version, when the package declares none or the file is missing.
 */
export function astroCliPath(from: string = import.meta.url): string {
  const manifestFile = createRequire(from).resolve('astro/package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version?: unknown; bin?: unknown };
  const bin =
    typeof manifest.bin === 'string'
      ? manifest.bin
      : typeof manifest.bin === 'object' && manifest.bin !== null
        ? (manifest.bin as Record<string, unknown>).astro
        : undefined;
  const version = typeof manifest.version === 'string' ? manifest.version : undefined;
  if (typeof bin !== 'string') {
    throw new Error(
      notEngaged(RELIANCES.astroCli, `its package.json (${manifestFile}) declares no "astro" command in "bin"`, { astro: version }),
    );
  }
  const cli = join(dirname(manifestFile), bin);
  if (!existsSync(cli))
    throw new Error(notEngaged(RELIANCES.astroCli, `the command its package.json declares, ${cli}, does not exist`, { astro: version }));
  return cli;
}
