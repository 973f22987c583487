/**
 * Astro's `unified()` Markdown processor, rendering on worker threads.
 *
 * Astro's content layer renders every Markdown entry at sync time, on its one
 * thread (at 10,000 quotes, ~11 s of a ~23 s sync). The glob loader keeps ten
 * entries in flight, so a renderer that hands them to a worker lets Astro's thread
 * read, parse and store the next files meanwhile. The workers build their renderer
 * from the same plugin list (src/markdown/pipeline.ts), so the HTML is the
 * same as the main thread's.
 *
 * It renders on the main thread, as `unified()` does, whenever the workers could
 * not reproduce that: when an integration has added plugins to the processor's
 * options, when the shared options or an entry's front matter cannot be sent to a
 * thread, or when the worker's file is missing (this module bundled elsewhere).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  unified,
  type AstroMarkdownOptions,
  type MarkdownProcessor,
  type MarkdownRenderer,
  type MarkdownRenderResult,
  type UnifiedProcessorOptions,
  type UnifiedResolvedOptions,
} from '@astrojs/markdown-remark';
import { markdownPipeline } from './pipeline.ts';

export interface MarkdownRequest {
  id: number;
  content: string;
  frontmatter: Record<string, unknown>;
  fileURL?: string;
}

export type MarkdownReply =
  { id: number; ok: true; result: MarkdownRenderResult } | { id: number; ok: false; message: string; stack?: string };

const WORKER_URL = new URL('./render-worker.ts', import.meta.url);

/** A worker left without work this long is stopped (its memory freed); the next render starts one again. */
const IDLE_MS = 1_000;

/** True if the processor's options still hold exactly the plugins and settings it was made with. */
export function unchangedOptions(options: UnifiedResolvedOptions, made: UnifiedProcessorOptions): boolean {
  const same = (a: readonly unknown[], b: readonly unknown[] = []) => a.length === b.length && a.every((item, i) => item === b[i]);
  return (
    same(options.remarkPlugins, made.remarkPlugins) &&
    same(options.rehypePlugins, made.rehypePlugins) &&
    JSON.stringify(options.remarkRehype) === JSON.stringify(made.remarkRehype ?? {}) &&
    options.gfm === made.gfm &&
    options.smartypants === made.smartypants &&
    options.recmaPlugins.length === 0
  );
}

function canBeSent(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve: (result: MarkdownRenderResult) => void; reject: (error: Error) => void }>;
  idle?: NodeJS.Timeout;
}

/**
 * A renderer that sends each entry to one of `threads` workers (started when first
 * needed, stopped when idle), and renders on `inThread` what it cannot send.
 */
export function workerRenderer(
  shared: AstroMarkdownOptions,
  inThread: () => Promise<MarkdownRenderer>,
  threads = Math.max(1, Math.min(4, availableParallelism() - 1)),
): MarkdownRenderer {
  const pool: PooledWorker[] = [];
  let nextId = 0;
  let local: Promise<MarkdownRenderer> | undefined;
  const renderInThread: MarkdownRenderer['render'] = async (content, opts) => (await (local ??= inThread())).render(content, opts);

  const stop = (pooled: PooledWorker): void => {
    const at = pool.indexOf(pooled);
    if (at >= 0) pool.splice(at, 1);
    void pooled.worker.terminate();
  };

  /** An idle worker must not keep the process alive, and it is stopped if nothing comes. */
  const idleIfDone = (pooled: PooledWorker): void => {
    if (pooled.pending.size > 0) return;
    pooled.worker.unref();
    pooled.idle = setTimeout(() => stop(pooled), IDLE_MS);
    pooled.idle.unref();
  };

  const failAll = (pooled: PooledWorker, error: Error): void => {
    stop(pooled);
    for (const { reject } of pooled.pending.values()) reject(error);
    pooled.pending.clear();
  };

  const start = (): PooledWorker => {
    // Named, so that the thread's CPU time shows apart from the cards' (`npm run bench`, CPU by thread).
    const worker = new Worker(WORKER_URL, { workerData: { shared }, name: 'qtd-markdown' });
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.on('message', (reply: MarkdownReply) => {
      const waiting = pooled.pending.get(reply.id);
      if (!waiting) return;
      pooled.pending.delete(reply.id);
      if (reply.ok) {
        waiting.resolve(reply.result);
      } else {
        const error = new Error(reply.message);
        if (reply.stack) error.stack = reply.stack;
        waiting.reject(error);
      }
      idleIfDone(pooled);
    });
    worker.on('error', (error: unknown) => failAll(pooled, error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => {
      if (pooled.pending.size > 0)
        failAll(pooled, new Error(`the Markdown worker stopped (exit code ${code}) with ${pooled.pending.size} entries to render`));
    });
    pool.push(pooled);
    return pooled;
  };

  const leastBusy = (): PooledWorker => {
    const free = pool.find((pooled) => pooled.pending.size === 0);
    if (free) return free;
    if (pool.length < threads) return start();
    return pool.reduce((best, pooled) => (pooled.pending.size < best.pending.size ? pooled : best));
  };

  return {
    render(content, opts) {
      const request: MarkdownRequest = {
        id: nextId++,
        content,
        frontmatter: opts?.frontmatter ?? {},
        ...(opts?.fileURL ? { fileURL: opts.fileURL.href } : {}),
      };
      let pooled: PooledWorker;
      try {
        pooled = leastBusy();
      } catch {
        return renderInThread(content, opts);
      }
      if (pooled.idle) clearTimeout(pooled.idle);
      if (pooled.pending.size === 0) pooled.worker.ref();
      const reply = new Promise<MarkdownRenderResult>((resolve, reject) => {
        pooled.pending.set(request.id, { resolve, reject });
      });
      try {
        pooled.worker.postMessage(request);
      } catch {
        // Front matter a thread cannot receive (a function, say): rendered here instead.
        pooled.pending.delete(request.id);
        idleIfDone(pooled);
        return renderInThread(content, opts);
      }
      return reply;
    },
  };
}

/** The site's Markdown processor: `unified(markdownPipeline)`, rendering on worker threads. */
export function siteMarkdownProcessor(): MarkdownProcessor<UnifiedResolvedOptions> {
  const base = unified(markdownPipeline);
  return {
    ...base,
    async createRenderer(shared) {
      const inThread = () => base.createRenderer(shared);
      const workersCanRender =
        unchangedOptions(base.options, markdownPipeline) && canBeSent(shared) && existsSync(fileURLToPath(WORKER_URL));
      return workersCanRender ? workerRenderer(shared, inThread) : inThread();
    },
  };
}
