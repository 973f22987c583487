/**
 * A Vite plugin for Astro's content-store module, whose whole store sits in one string
 * literal (src/lib/json-module.ts):
 * - in a build's prerender environment (static pages, rendered by this very process
 *   on this machine) the store is written to `<cacheDir>/qtd-content-store.json` and
 *   the module reads that file when it loads: no 33 MB chunk to bundle or compile;
 * - anywhere else (a server bundle, `astro dev`) the literal is cut into pieces, which
 *   keeps the module self-contained.
 * At 10,000 quotes loading the store took ~7 s of every build, cold or warm.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { jsonFileModule, jsonParseModuleText, splitJsonParseModule, STRING_PIECE_LENGTH } from '../lib/json-module.ts';

/** The id Astro gives its content-store module once resolved (astro/dist/content/consts.js). */
export const CONTENT_STORE_MODULE_ID = '\0astro:data-layer-content';

/** Astro's environment for the pages it renders at build time (ASTRO_VITE_ENVIRONMENT_NAMES.prerender). */
const PRERENDER_ENVIRONMENT = 'prerender';

export interface ContentStoreOptions {
  /** Astro's cache folder (absolute), where a build keeps the store's text for its pages to read. */
  cacheDir: string;
}

export default function viteContentStore({ cacheDir }: ContentStoreOptions): Plugin {
  let building = false;
  return {
    name: 'qtd:content-store',
    configResolved(config) {
      building = config.command === 'build';
    },
    transform: {
      filter: { id: /^\0astro:data-layer-content$/ },
      handler(code, id) {
        if (id !== CONTENT_STORE_MODULE_ID) return null;
        if (building && this.environment.name === PRERENDER_ENVIRONMENT) {
          const text = jsonParseModuleText(code, STRING_PIECE_LENGTH);
          if (text === undefined) return null;
          const file = join(cacheDir, 'qtd-content-store.json');
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
          return { code: jsonFileModule(file), map: { mappings: '' } };
        }
        const split = splitJsonParseModule(code);
        return split === undefined ? null : { code: split, map: { mappings: '' } };
      },
    },
  };
}
