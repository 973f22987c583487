/**
 * Work that `npm run build` (scripts/build.ts) does after the Astro process has exited.
 *
 * Pagefind's indexer needs ~150 kB of memory per indexed page (1.7 GB at 11,500
 * pages), and at that point of a build Astro still holds 1.5–1.9 GB: run inside the
 * build, the two add up past 2 GB. So `npm run build` names a hand-off file in
 * `QTD_AFTER_ASTRO`; the integrations that would index the site and measure the
 * finished `dist/` write what they need into it instead, and the script does that
 * work once Astro's memory is free. The share cards still to draw when the pages are
 * written and the citation files are handed over too: the script draws and writes them
 * beside the indexer, which keeps one core busy, instead of the build waiting for them
 * before it. Without the variable (a plain `astro build`) the integrations do it all in
 * the build, with the same result.
 *
 * Plain Node: imported by integrations and by the script.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { renderCards } from './cards/render-cards.ts';
import type { CardInput } from './cards/card-layout.ts';

/** The environment variable that names the hand-off file. */
export const AFTER_ASTRO_ENV = 'QTD_AFTER_ASTRO';

export interface AfterAstroWork {
  /** Index the built site for search (src/build/integrations/search-index.ts). */
  search?: { siteDir: string; cacheDir: string };
  /** Report the size of the finished site against the hosts' limits (src/build/integrations/permalinks.ts). */
  distReport?: { siteDir: string; redirects: number };
  /**
   * Draw the share cards not drawn during the pages, beside the search index, and place
   * every card in `outDir` (src/build/integrations/share-cards.ts). `inputsFile` holds the
   * cards as a JSON array.
   */
  cards?: { inputsFile: string; outDir: string; cacheDir: string; identity?: string; earlier: { rendered: number; ms: number } };
  /** Write every quote's citation files from the bundle in `siteDir` (src/build/integrations/citation-files.ts). */
  citationFiles?: { siteDir: string };
}

/** The hand-off file when the build runs under `npm run build`, else undefined. */
export function afterAstroFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[AFTER_ASTRO_ENV];
  return file ? file : undefined;
}

/** What the build handed over; an absent file means nothing (the build failed before its last hooks). */
export function readAfterAstroWork(file: string): AfterAstroWork {
  if (!existsSync(file)) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} does not hold a JSON object`);
  }
  return parsed as AfterAstroWork;
}

/** Adds one integration's part to the hand-off file (the build runs its hooks one at a time). */
export function handOver(file: string, work: AfterAstroWork): void {
  writeFileSync(file, `${JSON.stringify({ ...readAfterAstroWork(file), ...work }, null, 2)}\n`);
}

/**
 * Draws the cards the build left and places every card in the output: on one worker while
 * the search index is built (`indexed` not yet settled), as the indexer holds ~1.6 GB at
 * 10,000 quotes and each worker ~130 MB, then on every core; at the lowest priority, as the
 * indexer decides how long this part of the build takes.
 */
export async function finishCards(
  cards: NonNullable<AfterAstroWork['cards']>,
  log: { info: (message: string) => void; warn: (message: string) => void },
  indexed: Promise<void>,
): Promise<void> {
  const inputs = JSON.parse(readFileSync(cards.inputsFile, 'utf8')) as CardInput[];
  const done = await renderCards(inputs, {
    outDir: cards.outDir,
    cacheDir: cards.cacheDir,
    ...(cards.identity ? { identity: cards.identity } : {}),
    concurrency: 1,
    useAllCores: indexed,
    lowPriority: true,
    onWarning: (message) => log.warn(message),
  });
  const fromEarlierBuilds = Math.max(0, done.reused - cards.earlier.rendered);
  log.info(
    `share cards: ${inputs.length} (${cards.earlier.rendered + done.rendered} rendered, ${fromEarlierBuilds} from cache) in ${cards.earlier.ms + done.ms} ms; ${done.rendered} drawn beside the search index in ${done.ms} ms`,
  );
}

/**
 * Writes the citation files of `siteDir` (src/views/citation-bundle.ts) on a worker thread,
 * so that its thousands of synchronous writes leave this thread to the search index and the
 * cards. Rejects with the worker's error.
 */
export function writeCitationFilesAside(siteDir: string): Promise<{ files: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./citation-files-worker.ts', import.meta.url), { workerData: { siteDir }, name: 'qtd-citations' });
    let result: { files: number } | undefined;
    worker.once('message', (message: { files: number }) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the citation files' worker stopped (exit code ${code}) before it had written them`));
    });
  });
}
