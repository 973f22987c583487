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
import type { CardBatch, CardBatchResult, CardWorkerData } from './card-worker.ts';

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
}

export interface RenderCardsResult {
  /** Cards drawn in this run. */
  rendered: number;
  /** Cards taken from the cache. */
  reused: number;
  /** Worker threads started. */
  workers: number;
  ms: number;
}

const WORKER_URL = new URL('./card-worker.ts', import.meta.url);

/** The code that decides a card's pixels: editing it invalidates the cache even if LAYOUT_VERSION is not bumped. */
const RENDERER_SOURCES = ['./card-layout.ts', './card-render.ts', './text-shaper.ts', './raster.ts', './png.ts', './fonts.ts', '../lang.ts'];

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
  if (toRender.length > 0) {
    const poolSize = Math.max(1, Math.min(opts.concurrency ?? availableParallelism(), toRender.length));
    ({ placed: rendered, workers } = await renderInPool(toRender, poolSize, fonts, opts.cacheDir, warn, opts.useAllCores));
  }
  return { rendered, reused, workers, ms: Math.round(performance.now() - started) };
}

/**
 * How many cards to send a worker at once: up to 8 while many are left, fewer towards the
 * end (a quarter of what is left per core, at least one), so that no core idles while
 * another still holds a batch, and a worker added for the last cards still gets some.
 */
export function batchSize(left: number, cores: number): number {
  if (left <= 0) return 0;
  return Math.max(1, Math.min(8, Math.floor(left / (4 * Math.max(1, cores)))));
}

/** Hands the jobs to `poolSize` workers, one batch in flight per worker; resolves with the number of cards placed and of workers started. */
function renderInPool(
  jobs: { hash: string; card: CardInput; targets: string[] }[],
  poolSize: number,
  fonts: FontFile[],
  cacheDir: string,
  warn: (message: string) => void,
  useAllCores?: Promise<void>,
): Promise<{ placed: number; workers: number }> {
  if (!existsSync(fileURLToPath(WORKER_URL))) {
    throw new Error(`card worker not found at ${fileURLToPath(WORKER_URL)} (was render-cards.ts bundled?)`);
  }
  return new Promise<{ placed: number; workers: number }>((resolve, reject) => {
    const workers: Worker[] = [];
    const retired = new Set<Worker>();
    const inFlight = new Map<Worker, number>();
    let next = 0;
    let placed = 0;
    let finished = 0;
    let failed = false;

    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };

    const dispatch = (worker: Worker): void => {
      const size = batchSize(jobs.length - next, availableParallelism());
      if (size === 0) {
        retired.add(worker);
        void worker.terminate();
        return;
      }
      const batch: CardBatch = { jobs: [] };
      for (const end = next + size; next < end; next += 1) {
        const job = jobs[next] as (typeof jobs)[number];
        batch.jobs.push({ job: next, card: job.card, file: join(cacheDir, `${job.hash}.png`) });
      }
      inFlight.set(worker, batch.jobs.length);
      worker.postMessage(batch);
    };

    const workerData: CardWorkerData = { fonts };
    const startWorker = (): void => {
      const worker = new Worker(WORKER_URL, { workerData });
      workers.push(worker);
      worker.on('message', ({ results }: CardBatchResult) => {
        if (failed) return;
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
        if (results.length !== inFlight.get(worker)) return fail(new Error(`card worker answered ${results.length} of ${inFlight.get(worker)} cards`));
        if (finished === jobs.length) {
          for (const w of workers) void w.terminate();
          resolve({ placed, workers: workers.length });
        } else {
          dispatch(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!retired.has(worker) && !failed && finished < jobs.length) fail(new Error(`card worker stopped (exit code ${code}) before its card was done`));
      });
      dispatch(worker);
    };
    for (let i = 0; i < poolSize; i++) startWorker();
    void useAllCores?.then(() => {
      const active = workers.length - retired.size;
      const extra = Math.min(availableParallelism() - active, jobs.length - next);
      for (let i = 0; i < extra && !failed; i++) startWorker();
    });
  });
}
