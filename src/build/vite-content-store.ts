/**
 * A Vite plugin for Astro's content-store module, whose whole store sits in one string
 * literal (src/build/json-module.ts):
 * - in a build's prerender environment (static pages, rendered by this very process
 *   on this machine) the module reads Astro's own store file, `<cacheDir>/data-store.json`,
 *   when it loads: no 33 MB chunk to bundle or compile;
 * - in `astro dev` likewise, from the file the dev server writes, `.astro/data-store.json`:
 *   Astro loads the module again after each content change, and a 33 MB literal then went
 *   through every Vite plugin before it was compiled (~3 s of each edit at 10,000 quotes);
 * - anywhere else (a server bundle) the literal is cut into pieces, which keeps the
 *   module self-contained.
 * At 10,000 quotes loading the store took ~7 s of every build, cold or warm.
 *
 * The module's id, its shape, the file and the environment's name are Astro's private
 * choices (docs/internals.md, "The content store read from its file"): the plugin notes
 * in a `ContentStoreReport` what it saw, and src/build/integrations/content-store.ts warns
 * at the end of a build when the store was not served from its file (`storeNotServed`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { jsonFileModule, jsonParseModuleText, splitJsonParseModule } from './json-module.ts';

/** The id Astro gives its content-store module once resolved (astro/dist/content/consts.js). */
export const CONTENT_STORE_MODULE_ID = '\0astro:data-layer-content';

/** Astro's environment for the pages it renders at build time (ASTRO_VITE_ENVIRONMENT_NAMES.prerender). */
export const PRERENDER_ENVIRONMENT = 'prerender';

/** Only the store module reaches this plugin's hooks. */
const STORE_MODULE_FILTER = { id: /^\0astro:data-layer-content$/ };

/** The file a build's content sync writes the store to, in one piece (astro/dist/content/paths.js, getDataStoreFile). */
export const DATA_STORE_FILE = 'data-store.json';

/**
 * The metadata Astro gives the store module (astro/dist/core/build/incremental-metadata.js): its
 * incremental builds leave it out of the code hashes that decide which pages to render again,
 * since entries count through each page's cache key instead.
 */
export const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } };

/** The empty store Astro's own load gives when no store file was written. */
const EMPTY_STORE_MODULE = 'export default new Map()';

export interface ContentStoreOptions {
  /** Astro's cache folder (absolute), where a build's content sync writes the store. */
  cacheDir: string;
  /** The file `astro dev` writes the store to (absolute): `<root>/.astro/data-store.json`. */
  devStoreFile?: string;
  /** Astro splits the store into several files (`experimental.collectionStorage`): leave its module as it is. */
  chunked?: boolean;
  /** Filled in as the plugin sees the store module; read by the integration at the end of the build. */
  report?: ContentStoreReport;
}

/** What the plugin saw of the store module in one build or dev server. */
export interface ContentStoreReport {
  /** The environments in which the store module reached the plugin's load hook. */
  loadedIn: Set<string>;
  /** The store file the module reads, when the plugin served it from its file. */
  servedFrom?: string;
  /** The environments in which Astro's module was cut into pieces. */
  splitIn: Set<string>;
  /** The environments in which Astro's module had a shape the plugin does not know. */
  unknownShapeIn: Set<string>;
}

export function createContentStoreReport(): ContentStoreReport {
  return { loadedIn: new Set(), splitIn: new Set(), unknownShapeIn: new Set() };
}

/** The known shapes of the store module that are not cut: Astro's empty store and the plugin's own module. */
function isKnownUnsplitShape(code: string): boolean {
  return code.trim() === EMPTY_STORE_MODULE || code.startsWith("import { readFileSync } from 'node:fs';");
}

export default function viteContentStore({
  cacheDir,
  devStoreFile,
  chunked = false,
  report = createContentStoreReport(),
}: ContentStoreOptions): Plugin {
  let building = false;
  return {
    name: 'qtd:content-store',
    configResolved(config) {
      building = config.command === 'build';
    },
    load: {
      // Before Astro's own load, which reads the same file only to write it out again as a
      // 33 MB string literal (~1.5 s), which then had to be parsed back (~1 s).
      order: 'pre',
      filter: STORE_MODULE_FILTER,
      handler(id) {
        if (id !== CONTENT_STORE_MODULE_ID) return null;
        report.loadedIn.add(this.environment.name);
        if (chunked) return null;
        if (!building) {
          // Before the first content sync there is no file yet: Astro's load gives its empty store.
          if (!devStoreFile || !existsSync(devStoreFile)) return null;
          report.servedFrom = devStoreFile;
          return { code: jsonFileModule(devStoreFile), map: { mappings: '' }, meta: CONTENT_DATA_META };
        }
        if (this.environment.name !== PRERENDER_ENVIRONMENT) return null;
        const file = join(cacheDir, DATA_STORE_FILE);
        // No store written (no content collection synced): Astro's load gives its empty store.
        if (!existsSync(file)) return null;
        report.servedFrom = file;
        return { code: jsonFileModule(file), map: { mappings: '' }, meta: CONTENT_DATA_META };
      },
    },
    transform: {
      filter: STORE_MODULE_FILTER,
      handler(code, id) {
        if (id !== CONTENT_STORE_MODULE_ID) return null;
        const split = splitJsonParseModule(code);
        if (split !== undefined) {
          report.splitIn.add(this.environment.name);
          return { code: split, map: { mappings: '' } };
        }
        // A short literal is left whole on purpose; any other shape is Astro's new module.
        if (!chunked && jsonParseModuleText(code) === undefined && !isKnownUnsplitShape(code))
          report.unknownShapeIn.add(this.environment.name);
        return null;
      },
    },
  };
}

/** What a build saw of the store, for `storeNotServed`. */
export interface StoreBuildFacts {
  /** Astro splits the store into several files: the plugin leaves it alone. */
  chunked: boolean;
  /** Whether `<cacheDir>/data-store.json` exists at the end of the build. */
  storeFileWritten: boolean;
}

/**
 * Why the store was not served from its file in a build that synced content, or
 * undefined when it was (or when the plugin leaves a chunked store alone on purpose).
 */
export function storeNotServed(report: ContentStoreReport, facts: StoreBuildFacts): string | undefined {
  if (facts.chunked) return undefined;
  if (!facts.storeFileWritten) return `Astro wrote no ${DATA_STORE_FILE} into its cache folder after syncing the content`;
  if (report.loadedIn.size === 0)
    return `no module with the id ${JSON.stringify(CONTENT_STORE_MODULE_ID)} was loaded: Astro's store module has another id`;
  if (!report.loadedIn.has(PRERENDER_ENVIRONMENT)) {
    return `the store module was loaded in ${[...report.loadedIn].map((name) => `"${name}"`).join(', ')}, never in Astro's "${PRERENDER_ENVIRONMENT}" environment`;
  }
  if (report.servedFrom === undefined)
    return `the store module reached the plugin in the "${PRERENDER_ENVIRONMENT}" environment but was not served from ${DATA_STORE_FILE}`;
  return undefined;
}

/** Why Astro's store module was not cut into pieces where it was loaded whole, or undefined. */
export function storeNotSplit(report: ContentStoreReport): string | undefined {
  if (report.unknownShapeIn.size === 0) return undefined;
  return `Astro's store module in ${[...report.unknownShapeIn].map((name) => `"${name}"`).join(', ')} is not \`export default JSON.parse("…")\`, so it was left as one literal`;
}
