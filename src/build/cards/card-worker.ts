/**
 * A card-rendering worker thread, run by Node directly (type stripping).
 * Loads the fonts once, then takes cards from the shared list itself and writes
 * the PNGs, so image buffers never cross threads or pile up in the main one.
 *
 * The worker claims its next card from a counter shared by every worker
 * (`Atomics.add`), never by asking the main thread: that thread runs Astro, which
 * holds it for seconds at a time (bundling, loading the content store), and a
 * worker fed one batch per message would sit idle waiting for its next batch
 * (~15 s of a cold build at 10,000 quotes).
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { renameSync, writeFileSync } from 'node:fs';
import { createCardRenderer } from './card-render.ts';
import type { CardInput } from './card-layout.ts';
import type { FontFile } from './fonts.ts';
import { lowerThisThreadPriority } from '../thread-priority.ts';

export interface CardWorkerData {
  fonts: FontFile[];
  /** Draw at the lowest CPU priority (see src/build/thread-priority.ts). */
  lowPriority: boolean;
}

export interface CardJob {
  card: CardInput;
  /** Where to write the PNG (the cache entry). */
  file: string;
}

/**
 * The work, posted once to each worker: `jobs` are the cards from number `first` on,
 * and `claim[0]` is the number of the next card nobody has taken, shared by all workers.
 */
export interface CardWork {
  jobs: CardJob[];
  first: number;
  claim: Int32Array;
  /** The total number of cards, for the claims past the end. */
  total: number;
}

export type CardJobResult = { job: number; ok: true; warnings: string[] } | { job: number; ok: false; error: string };

/** Results go back a few at a time: each message costs the main thread a turn of its event loop. */
export interface CardResults {
  results: CardJobResult[];
}

/** Cards drawn between two reports (~25 ms of work): the main thread learns of progress without a message per card. */
const REPORT_EVERY = 8;

const port = parentPort;
if (!port) throw new Error('card-worker.ts runs as a worker thread');

const { fonts, lowPriority } = workerData as CardWorkerData;
if (lowPriority) lowerThisThreadPriority();
const rendererReady = createCardRenderer(fonts.map((font) => ({ ...font, data: readFileSync(font.path) })));

// The listener also keeps the thread alive once its cards are done: the pool stops
// every worker when the last card is in, so a worker that exits on its own has failed.
port.on('message', (work: CardWork) => {
  void drawAll(work);
});

async function drawAll({ jobs, first, claim, total }: CardWork): Promise<void> {
  let pending: CardJobResult[] = [];
  for (;;) {
    const job = Atomics.add(claim, 0, 1);
    const entry = job < total ? jobs[job - first] : undefined;
    if (!entry) break;
    const result = await draw(job, entry);
    pending.push(result);
    if (!result.ok) {
      // Nobody takes another card: the build stops on this one.
      Atomics.store(claim, 0, total);
      break;
    }
    if (pending.length >= REPORT_EVERY) {
      port?.postMessage({ results: pending } satisfies CardResults);
      pending = [];
    }
  }
  if (pending.length > 0) port?.postMessage({ results: pending } satisfies CardResults);
}

async function draw(job: number, { card, file }: CardJob): Promise<CardJobResult> {
  try {
    const renderer = await rendererReady;
    const { png, warnings } = await renderer.render(card);
    // Write then rename, so a cache entry is never a half-written file. Synchronously: this
    // thread has nothing else to do meanwhile, and promises would only add hand-offs to the
    // thread pool (~0.15 ms a card) on cores the pages need.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temporary, png);
    renameSync(temporary, file);
    return { job, ok: true, warnings };
  } catch (error) {
    return { job, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
