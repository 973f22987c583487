/**
 * A card-rendering worker thread, run by Node directly (type stripping).
 * Loads the fonts once, then renders the cards of each message (a batch) and writes
 * the PNGs itself, so image buffers never cross threads or pile up in the main one.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createCardRenderer } from './card-render.ts';
import type { CardInput } from './card-layout.ts';
import type { FontFile } from './fonts.ts';

export interface CardWorkerData {
  fonts: FontFile[];
}

export interface CardJob {
  job: number;
  card: CardInput;
  /** Where to write the PNG (the cache entry). */
  file: string;
}

export type CardJobResult = { job: number; ok: true; warnings: string[] } | { job: number; ok: false; error: string };

/**
 * Several cards per message: a message costs the main thread 0.2–2 ms to post (1.1 s
 * for 1,096 cards in a profiled build), time taken from Astro's work.
 */
export interface CardBatch {
  jobs: CardJob[];
}

export interface CardBatchResult {
  results: CardJobResult[];
}

const port = parentPort;
if (!port) throw new Error('card-worker.ts runs as a worker thread');

const { fonts } = workerData as CardWorkerData;
const rendererReady = createCardRenderer(fonts.map((font) => ({ ...font, data: readFileSync(font.path) })));

port.on('message', (batch: CardBatch) => {
  void handleBatch(batch).then((answer) => port.postMessage(answer));
});

async function handleBatch({ jobs }: CardBatch): Promise<CardBatchResult> {
  const results: CardJobResult[] = [];
  for (const job of jobs) {
    const result = await handle(job);
    results.push(result);
    if (!result.ok) break;
  }
  return { results };
}

async function handle({ job, card, file }: CardJob): Promise<CardJobResult> {
  try {
    const renderer = await rendererReady;
    const { png, warnings } = await renderer.render(card);
    // Write then rename, so a cache entry is never a half-written file.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`;
    await writeFile(temporary, png);
    await rename(temporary, file);
    return { job, ok: true, warnings };
  } catch (error) {
    return { job, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
