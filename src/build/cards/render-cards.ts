/**
 * Renders the share cards of a build into `<outDir>/og/…`, on all cores, with
 * a content-addressed cache so unchanged cards are never drawn twice.
 *
 * Plain Node (no Vite imports): callable from an Astro `astro:build:done`
 * hook, a script or a test.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { linkOrCopy } from '../link-or-copy.ts';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { cardHash, cardOutputPath } from './card-layout.ts';
import type { CardInput } from './card-layout.ts';
import { cardFontFiles, fontFilesIdentity } from './fonts.ts';
import type { FontFile } from './fonts.ts';
import type { CardJob, CardResults, CardWork, CardWorkerData } from './card-worker.ts';

export interface RenderCardsOptions {
  /** The dist folder; without it the cards are only drawn into the cache (see the share-cards integration). */
  outDir?: string;
  cacheDir: string;
  /** Worker threads; default: os.availableParallelism(). */
  concurrency?: number;
  /** Build warnings (e.g. characters no card font has); default: console.warn. */
  onWarning?: (message: string) => void;
  /** The renderer identity (see rendererIdentity) to key the cache on; one build passes one, so that both its passes agree. */
  identity?: string;
  /** A signal to draw on all cores from now on (when the work it left room for is done). */
  useAllCores?: Promise<void>;
  /**
   * The workers started before `useAllCores` draw at the lowest CPU priority (Linux), so
   * that the work they share the machine with loses no time to them; those started after
   * it draw at the normal priority.
   */
  lowPriority?: boolean;
  /**
   * A signal to take no new card: the workers finish the cards in hand and the run
   * resolves with what was drawn; the cards left are drawn by a later run (they are
   * not placed in `outDir` by this one).
   */
  stop?: Promise<void>;
}

export interface RenderCardsResult {
  /** Cards drawn in this run. */
  rendered: number;
  /** Cards left undrawn because the run was stopped (see `stop`). */
  left: number;
  /** Cards taken from the cache. */
  reused: number;
  /** Worker threads started. */
  workers: number;
  ms: number;
}

const WORKER_URL = new URL('./card-worker.ts', import.meta.url);

/** The code that decides a card's pixels: editing it invalidates the cache even if LAYOUT_VERSION is not bumped. */
export const RENDERER_SOURCES = [
  './card-layout.ts',
  './card-render.ts',
  './text-shaper.ts',
  './raster.ts',
  './png.ts',
  './fonts.ts',
  '../../domain/lang.ts',
];

/**
 * Everything besides a card's own fields that decides its pixels: the font
 * bytes, our drawing code, the versions of the libraries that shape the text
 * and Node's (its zlib writes the PNG).
 */
export function rendererIdentity(fonts: readonly FontFile[] = cardFontFiles()): string {
  const require = createRequire(import.meta.url);
  const version = (read: () => unknown): string => String((read() as { version?: unknown }).version);
  const sources = createHash('sha256');
  for (const source of RENDERER_SOURCES) sources.update(readFileSync(new URL(source, import.meta.url)));
  return createHash('sha256')
    .update(
      JSON.stringify([
        fontFilesIdentity(fonts),
        sources.digest('hex'),
        version(() => require('harfbuzzjs/package.json')),
        version(() => require('bidi-js/package.json')),
        process.versions.zlib,
      ]),
    )
    .digest('hex');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

export async function renderCards(cards: CardInput[], opts: RenderCardsOptions): Promise<RenderCardsResult> {
  const started = performance.now();
  const warn = opts.onWarning ?? ((message: string) => console.warn(message));
  const fonts = cardFontFiles();
  const identity = opts.identity ?? rendererIdentity(fonts);

  // Cards with the same pixels (same hash) are drawn once.
  const targetsByHash = new Map<string, { card: CardInput; targets: string[] }>();
  const hashByPath = new Map<string, string>();
  const folders = new Set<string>();
  for (const card of cards) {
    const path = cardOutputPath(card);
    const hash = cardHash(card, identity);
    const earlier = hashByPath.get(path);
    if (earlier === hash) continue;
    if (earlier !== undefined) throw new Error(`two different cards for ${path}: ids must be unique per kind`);
    hashByPath.set(path, hash);
    const targets: string[] = [];
    if (opts.outDir) {
      const target = join(opts.outDir, path);
      folders.add(dirname(target));
      targets.push(target);
    }
    const entry = targetsByHash.get(hash);
    if (entry) entry.targets.push(...targets);
    else targetsByHash.set(hash, { card, targets });
  }
  await mkdir(opts.cacheDir, { recursive: true });
  for (const folder of folders) await mkdir(folder, { recursive: true });

  let reused = 0;
  const toRender: { hash: string; card: CardInput; targets: string[] }[] = [];
  for (const [hash, { card, targets }] of targetsByHash) {
    const cached = join(opts.cacheDir, `${hash}.png`);
    if (isFile(cached)) {
      for (const target of targets) linkOrCopy(cached, target);
      reused += Math.max(1, targets.length);
    } else {
      toRender.push({ hash, card, targets });
    }
  }
  let rendered = 0;
  let workers = 0;
  let left = 0;
  if (toRender.length > 0) {
    const poolSize = Math.max(1, Math.min(opts.concurrency ?? availableParallelism(), toRender.length));
    ({
      placed: rendered,
      workers,
      left,
    } = await renderInPool(toRender, poolSize, fonts, opts.cacheDir, warn, {
      useAllCores: opts.useAllCores,
      lowPriority: opts.lowPriority ?? false,
      stop: opts.stop,
    }));
  }
  return { rendered, left, reused, workers, ms: Math.round(performance.now() - started) };
}

/**
 * Draws the jobs on `poolSize` workers, which take cards from one shared counter
 * (see card-worker.ts); resolves with the number of cards placed, of workers started
 * and of jobs left undrawn when `stop` came first.
 */
function renderInPool(
  jobs: { hash: string; card: CardInput; targets: string[] }[],
  poolSize: number,
  fonts: FontFile[],
  cacheDir: string,
  warn: (message: string) => void,
  { useAllCores, lowPriority, stop }: { useAllCores: Promise<void> | undefined; lowPriority: boolean; stop: Promise<void> | undefined },
): Promise<{ placed: number; workers: number; left: number }> {
  if (!existsSync(fileURLToPath(WORKER_URL))) {
    throw new Error(`card worker not found at ${fileURLToPath(WORKER_URL)} (was render-cards.ts bundled?)`);
  }
  const workerJobs: CardJob[] = jobs.map((job) => ({ card: job.card, file: join(cacheDir, `${job.hash}.png`) }));
  const claim = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const unclaimed = (): number => Math.max(0, jobs.length - Atomics.load(claim, 0));
  return new Promise<{ placed: number; workers: number; left: number }>((resolve, reject) => {
    const workers: Worker[] = [];
    let placed = 0;
    let finished = 0;
    let settled = false;
    // The jobs this run will finish: all of them, or, once stopped, those claimed by then.
    let toFinish = jobs.length;

    const stopAll = (): void => {
      settled = true;
      for (const worker of workers) void worker.terminate();
    };
    const fail = (error: Error): void => {
      if (settled) return;
      stopAll();
      reject(error);
    };
    const finishIfDone = (): void => {
      if (settled || finished < toFinish) return;
      stopAll();
      resolve({ placed, workers: workers.length, left: jobs.length - finished });
    };

    const startWorker = (priority: 'low' | 'normal'): void => {
      const workerData: CardWorkerData = { fonts, lowPriority: priority === 'low' };
      // Named, so that the thread's CPU time shows apart from the Markdown workers' (`npm run bench`, CPU by thread).
      const worker = new Worker(WORKER_URL, { workerData, name: 'qtd-cards' });
      workers.push(worker);
      worker.on('message', ({ results }: CardResults) => {
        if (settled) return;
        for (const result of results) {
          const job = jobs[result.job];
          if (!job) return fail(new Error(`card worker answered for an unknown job ${result.job}`));
          if (!result.ok) {
            return fail(new Error(`rendering the card for ${job.card.kind} ${job.card.id} failed:\n${result.error}`));
          }
          for (const warning of result.warnings) warn(warning);
          const cached = join(cacheDir, `${job.hash}.png`);
          try {
            for (const target of job.targets) linkOrCopy(cached, target);
          } catch (error) {
            return fail(error instanceof Error ? error : new Error(String(error)));
          }
          placed += Math.max(1, job.targets.length);
          finished += 1;
        }
        finishIfDone();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        // Workers wait to be stopped once no card is left: stopping by themselves means they failed.
        if (!settled)
          fail(new Error(`card worker stopped (exit code ${code}) with ${jobs.length - finished} of ${jobs.length} cards not done`));
      });
      // Only the cards not yet taken: a worker added late is not sent the whole list again.
      const first = Math.min(jobs.length, Atomics.load(claim, 0));
      const work: CardWork = { jobs: workerJobs.slice(first), first, claim, total: jobs.length };
      worker.postMessage(work);
    };
    for (let i = 0; i < poolSize; i++) startWorker(lowPriority ? 'low' : 'normal');
    void stop?.then(() => {
      // Every claim from now on is past the end: a worker finishes the card it holds and takes no other.
      toFinish = Math.min(jobs.length, Atomics.exchange(claim, 0, jobs.length));
      finishIfDone();
    });
    void useAllCores?.then(() => {
      const extra = Math.min(availableParallelism() - workers.length, unclaimed());
      for (let i = 0; i < extra && !settled; i++) startWorker('normal');
    });
  });
}
