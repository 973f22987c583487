/**
 * A Vite plugin for Astro's content-store module, whose whole store sits in one string
 * literal (src/lib/json-module.ts):
 * - in a build's prerender environment (static pages, rendered by this very process
 *   on this machine) the module reads Astro's own store file, `<cacheDir>/data-store.json`,
 *   when it loads: no 33 MB chunk to bundle or compile;
 * - anywhere else (a server bundle, `astro dev`) the literal is cut into pieces, which
 *   keeps the module self-contained.
 * At 10,000 quotes loading the store took ~7 s of every build, cold or warm.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { jsonFileModule, splitJsonParseModule } from '../lib/json-module.ts';

/** The id Astro gives its content-store module once resolved (astro/dist/content/consts.js). */
export const CONTENT_STORE_MODULE_ID = '\0astro:data-layer-content';

/** Astro's environment for the pages it renders at build time (ASTRO_VITE_ENVIRONMENT_NAMES.prerender). */
const PRERENDER_ENVIRONMENT = 'prerender';

/** Only the store module reaches this plugin's hooks. */
const STORE_MODULE_FILTER = { id: /^\0astro:data-layer-content$/ };

/** The file a build's content sync writes the store to, in one piece (astro/dist/content/paths.js, getDataStoreFile). */
const DATA_STORE_FILE = 'data-store.json';

/**
 * The metadata Astro gives the store module (astro/dist/core/build/incremental-metadata.js): its
 * incremental builds leave it out of the code hashes that decide which pages to render again,
 * since entries count through each page's cache key instead.
 */
const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } };

export interface ContentStoreOptions {
  /** Astro's cache folder (absolute), where a build's content sync writes the store. */
  cacheDir: string;
  /** Astro splits the store into several files (`experimental.collectionStorage`): leave its module as it is. */
  chunked?: boolean;
}

export default function viteContentStore({ cacheDir, chunked = false }: ContentStoreOptions): Plugin {
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
        if (id !== CONTENT_STORE_MODULE_ID || chunked || !building || this.environment.name !== PRERENDER_ENVIRONMENT) return null;
        const file = join(cacheDir, DATA_STORE_FILE);
        // No store written (no content collection synced): Astro's load gives its empty store.
        if (!existsSync(file)) return null;
        return { code: jsonFileModule(file), map: { mappings: '' }, meta: CONTENT_DATA_META };
      },
    },
    transform: {
      filter: STORE_MODULE_FILTER,
      handler(code, id) {
        if (id !== CONTENT_STORE_MODULE_ID) return null;
        const split = splitJsonParseModule(code);
        return split === undefined ? null : { code: split, map: { mappings: '' } };
      },
    },
  };
}
