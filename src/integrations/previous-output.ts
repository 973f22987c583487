/**
 * Takes over Astro's emptying of the output folder (src/lib/previous-output.ts): the
 * previous dist/ is renamed aside when the build starts and deleted in another process
 * while the pages render, instead of file by file before anything else can happen.
 * Before it goes, the pages an incremental build may skip are linked back into place
 * (src/lib/reuse-pages.ts), and those that no longer exist are deleted at the end.
 */
import type { AstroIntegration } from 'astro';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWithin, setAsidePreviousOutput, type SetAside } from '../lib/previous-output.ts';
import { deleteFiles, linkFiles, reusableFiles, stampCompletedBuild, unproducedFiles } from '../lib/reuse-pages.ts';

export default function previousOutput(): AstroIntegration {
  let outDir = '';
  let root = '';
  let holdingDir = '';
  let manifestPath = '';
  let stampPath = '';
  let setAside: SetAside | undefined;
  let linked: string[] = [];
  return {
    name: 'qtd:previous-output',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        // Astro skips its own emptying only when told this (core/build/static-build.js).
        if (command === 'build') updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        root = fileURLToPath(config.root);
        holdingDir = fileURLToPath(new URL('qtd-previous-output/', config.cacheDir));
        // Astro's record of the pages it may skip (astro/dist/core/build/incremental.js).
        manifestPath = fileURLToPath(new URL('incremental-build.json', config.cacheDir));
        stampPath = fileURLToPath(new URL('qtd-complete-output.json', config.cacheDir));
      },
      'astro:build:start': ({ logger }) => {
        // Astro refuses an output folder that holds the project, but only after this hook:
        // never move or empty such a folder here.
        if (isWithin(root, outDir)) return;
        const started = performance.now();
        const reusable = reusableFiles(stampPath, manifestPath, outDir);
        setAside = setAsidePreviousOutput(outDir, holdingDir, Date.now(), (previous) => {
          linked = linkFiles(previous, outDir, reusable);
        });
        const ms = Math.round(performance.now() - started);
        const reused = linked.length > 0 ? `, ${linked.length} pages linked back for Astro to skip` : '';
        if (setAside.outcome === 'moved') logger.info(`previous output moved aside in ${ms} ms${reused}; deleting it in the background`);
        if (setAside.outcome === 'emptied') logger.info(`previous output emptied in place in ${ms} ms (it could not be moved aside)`);
      },
      'astro:build:done': async ({ assets, logger }) => {
        if (linked.length > 0) {
          const produced = new Set([...assets.values()].flat().map((url) => relative(outDir, fileURLToPath(url)).split(sep).join('/')));
          const gone = unproducedFiles(linked, produced);
          deleteFiles(outDir, gone);
          if (gone.length > 0) logger.info(`${gone.length} linked pages no longer exist: deleted`);
          linked = [];
        }
        // Only now is dist/ the whole output of the pages Astro recorded.
        stampCompletedBuild(stampPath, manifestPath, outDir);
        if (!setAside || setAside.deleting.length === 0) return;
        const started = performance.now();
        await setAside.deleted;
        logger.info(`previous output deleted (the build waited ${Math.round(performance.now() - started)} ms for it at the end)`);
      },
    },
  };
}
