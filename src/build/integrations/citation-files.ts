/**
 * Writes every quote's `citation.json` and `citation.bib` at the end of a build, from the one bundle
 * Astro rendered (src/views/citation-bundle.ts). Before the permalinks integration,
 * which checks and measures the finished output.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeCitationFiles } from '../../views/citation-bundle.ts';

export default function citationFiles(): AstroIntegration {
  return {
    name: 'qtd:citation-files',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.QTD_CITATIONS_BUNDLED': JSON.stringify(command === 'build') } } });
      },
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const { files } = writeCitationFiles(fileURLToPath(dir));
        logger.info(`citation files: ${files} written (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
