/**
 * Takes over Astro's emptying of the output folder (src/build/previous-dist.ts): the
 * previous dist/ is renamed aside when the build starts and deleted in another process
 * while the pages render, instead of file by file before anything else can happen.
 * Before it goes, the pages an incremental build may skip are linked back into place
 * (src/build/reuse-pages.ts), and those that no longer exist are deleted at the end.
 *
 * Both rest on Astro's private behaviour (docs/internals.md, "Pages of the last build
 * linked back" and "Eight pages at once with incremental builds"), so each build
 * observes Astro's prerendering and warns when the linked pages were not left in place,
 * when Astro's record cannot be read, or when pages were not rendered several at once.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWithin, setAsidePreviousOutput, type SetAside } from '../previous-dist.ts';
import {
  concurrencyNotEngaged,
  createPrerenderTally,
  deleteFiles,
  linkedOutcome,
  linkedPagesCopied,
  linkFiles,
  observePrerenderer,
  prerenderSummary,
  recordNotReadable,
  reusableFiles,
  stampCompletedBuild,
  unproducedFiles,
  type LinkedOutcome,
} from '../reuse-pages.ts';
import { notEngaged, RELIANCES, warnVersionDrift } from '../internals.ts';
import { buildTiming, FEED_TIMING } from '../work-tally.ts';

/** The routes whose work the feeds' tally counts (`timedFeed`, src/views/feeds.ts): every RSS and JSON feed. */
export function isFeedRoute(component: string): boolean {
  return /(?:^|\/)(?:rss\.xml|feed\.json)\.ts$/.test(component);
}

/**
 * Why the pages' state did not reach the integrations, or undefined: a feed Astro rendered
 * adds to a tally on globalThis (src/build/work-tally.ts), which this process sees only
 * when Astro rendered the page here.
 */
export function pagesOutsideProcess(renderedComponents: ReadonlySet<string>, feedsTallied: number): string | undefined {
  const feeds = [...renderedComponents].filter(isFeedRoute);
  if (feeds.length === 0 || feedsTallied > 0) return undefined;
  return `Astro rendered ${feeds.join(', ')}, but no feed's work reached the integrations: the pages were rendered outside this process`;
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export default function previousOutput(): AstroIntegration {
  let outDir = '';
  let root = '';
  let holdingDir = '';
  let manifestPath = '';
  let stampPath = '';
  let incremental = false;
  let concurrency = 1;
  let setAside: SetAside | undefined;
  let linked: string[] = [];
  let linkedAt = 0;
  let tally = createPrerenderTally();
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
        incremental = config.experimental.incrementalBuild === true;
        concurrency = config.build.concurrency;
      },
      'astro:build:start': ({ logger, setPrerenderer }) => {
        warnVersionDrift(logger, RELIANCES.pageReuse.packages);
        tally = createPrerenderTally();
        setPrerenderer((base) => observePrerenderer(base, tally));
        // Astro refuses an output folder that holds the project, but only after this hook:
        // never move or empty such a folder here.
        if (isWithin(root, outDir)) return;
        const started = performance.now();
        const reusable = reusableFiles(stampPath, manifestPath, outDir);
        linkedAt = Date.now();
        setAside = setAsidePreviousOutput(outDir, holdingDir, linkedAt, (previous) => {
          linked = linkFiles(previous, outDir, reusable);
        });
        const ms = Math.round(performance.now() - started);
        const reused = linked.length > 0 ? `, ${linked.length} pages linked back for Astro to skip` : '';
        if (setAside.outcome === 'moved') logger.info(`previous output moved aside in ${ms} ms${reused}; deleting it in the background`);
        if (setAside.outcome === 'emptied') logger.info(`previous output emptied in place in ${ms} ms (it could not be moved aside)`);
      },
      'astro:build:done': async ({ assets, logger }) => {
        let outcome: LinkedOutcome | undefined;
        if (linked.length > 0) {
          const produced = new Set([...assets.values()].flat().map((url) => relative(outDir, fileURLToPath(url)).split(sep).join('/')));
          const gone = unproducedFiles(linked, produced);
          deleteFiles(outDir, gone);
          if (gone.length > 0) logger.info(`${gone.length} linked pages no longer exist: deleted`);
          const goneSet = new Set(gone);
          outcome = linkedOutcome(
            outDir,
            linked.filter((file) => !goneSet.has(file)),
            linkedAt,
          );
          linked = [];
        }
        if (!tally.observed) {
          logger.warn(
            notEngaged(
              RELIANCES.pageReuse,
              'Astro did not prerender through the prerenderer this integration set (another integration or adapter replaced it), so neither page reuse nor build.concurrency could be checked',
            ),
          );
        } else {
          logger.info(prerenderSummary(tally, concurrency, outcome));
          const copied = outcome ? linkedPagesCopied(outcome, tally) : undefined;
          if (copied) logger.warn(notEngaged(RELIANCES.pageReuse, copied));
          const unreadable = incremental ? recordNotReadable(readIfThere(manifestPath), tally.keyedPaths) : undefined;
          if (unreadable) logger.warn(notEngaged(RELIANCES.pageReuse, `${unreadable}, so the next build links no page back`));
          const sequential = concurrencyNotEngaged(tally, concurrency);
          if (sequential) logger.warn(notEngaged(RELIANCES.concurrency, sequential));
          const outside = pagesOutsideProcess(tally.renderedComponents, buildTiming(FEED_TIMING).count);
          if (outside) logger.warn(notEngaged(RELIANCES.sameProcess, outside));
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
