/**
 * Takes over Astro's emptying of the output folder (src/lib/previous-output.ts): the
 * previous dist/ is renamed aside when the build starts and deleted in another process
 * while the pages render, instead of file by file before anything else can happen.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { isWithin, setAsidePreviousOutput, type SetAside } from '../lib/previous-output.ts';

export default function previousOutput(): AstroIntegration {
  let outDir = '';
  let root = '';
  let holdingDir = '';
  let setAside: SetAside | undefined;
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
      },
      'astro:build:start': ({ logger }) => {
        // Astro refuses an output folder that holds the project, but only after this hook:
        // never move or empty such a folder here.
        if (isWithin(root, outDir)) return;
        const started = performance.now();
        setAside = setAsidePreviousOutput(outDir, holdingDir);
        const ms = Math.round(performance.now() - started);
        if (setAside.outcome === 'moved') logger.info(`previous output moved aside in ${ms} ms; deleting it in the background`);
        if (setAside.outcome === 'emptied') logger.info(`previous output emptied in place in ${ms} ms (it could not be moved aside)`);
      },
      'astro:build:done': async ({ logger }) => {
        if (!setAside || setAside.deleting.length === 0) return;
        const started = performance.now();
        await setAside.deleted;
        logger.info(`previous output deleted (the build waited ${Math.round(performance.now() - started)} ms for it at the end)`);
      },
    },
  };
}
