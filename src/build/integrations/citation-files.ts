/**
 * Writes every quote's `citation.json` and `citation.bib` from the one bundle Astro rendered
 * (src/views/citation-bundle.ts). Under `npm run build` they are written after Astro exits,
 * on a thread of their own beside the search index (src/build/after-astro.ts): two small
 * files a quote, whose writing would otherwise hold up the end of Astro's build while the
 * disk catches up with the pages. A plain `astro build` writes them here, before the
 * permalinks integration, which checks and measures the finished output.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { CITATION_BUNDLE_PATH, citationFilePaths, readCitationBundle, writeCitationFiles } from '../../views/citation-bundle.ts';
import { afterAstroFile, handOver } from '../after-astro.ts';

let pending: string[] = [];

/**
 * The files of `dist/` once the citation files are written: `files` (as `listFiles` gives
 * them) without the bundle, with the citation files this build hands over to `npm run build`.
 * The permalinks integration checks redirects against this list.
 */
export function withPendingCitationFiles(files: readonly string[]): string[] {
  if (pending.length === 0) return [...files];
  return [...files.filter((file) => file !== CITATION_BUNDLE_PATH), ...pending].sort();
}

export default function citationFiles(): AstroIntegration {
  return {
    name: 'qtd:citation-files',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.QTD_CITATIONS_BUNDLED': JSON.stringify(command === 'build') } } });
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const handOff = afterAstroFile();
        pending = [];
        if (handOff) {
          // Read and checked now, so that a faulty bundle fails the build where it was made.
          pending = citationFilePaths(readCitationBundle(outDir));
          handOver(handOff, { citationFiles: { siteDir: outDir } });
          logger.info(`citation files: ${pending.length} written after Astro exits, beside the search index (npm run build)`);
          return;
        }
        const started = performance.now();
        const { files } = writeCitationFiles(outDir);
        logger.info(`citation files: ${files} written (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
