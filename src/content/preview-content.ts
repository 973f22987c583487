/**
 * The preview's content (`astro dev` only): what the last content pass stored, handed to
 * the pages in this process without the round trip through Astro's store file.
 *
 * Astro writes its store to `.astro/data-store.json` 500 ms after the last change, the
 * whole store serialised (~1 s at 10,000 quotes), and only then tells the pages that
 * content changed; the pages then loaded the file back. Instead, the loader publishes at
 * the end of each pass the entries it stores in Astro's stores (`publishPreviewContent`),
 * read through the loaders' public `store`. The pages build their archive from them
 * (src/views/archive.ts), and the integration that listens
 * (src/build/integrations/preview.ts) prepares that archive and tells Astro's router and
 * the browser before a request asks.
 *
 * Also kept here, for the same pages: where each quote stands in its article (locating all
 * ten thousand quotes takes ~1.5 s), located ahead while the first pass waits for the
 * Markdown workers (`locateAhead`), the rest when the archive is built, and remembered
 * while the quote's words and its article's text are the same.
 *
 * State is on `globalThis`: the loader runs in Astro's own module runner, the pages in
 * Vite's SSR one, the integrations as plain Node modules, all in one process.
 */
import { cpus } from 'node:os';
import type { LoaderContext } from 'astro/loaders';
import { prepareArticle, type PreparedArticle } from '../domain/quote-match.ts';
import { locateQuote, type QuoteLocation } from '../domain/locate-quote.ts';

/** One entry as Astro's store holds it. */
export type StoredEntry = ReturnType<LoaderContext['store']['values']>[number];

/** The entries of the four collections at the end of one pass. */
export interface PreviewContent {
  /** Counts the passes published since the server started: 1 for the first. */
  generation: number;
  people: readonly StoredEntry[];
  articles: readonly StoredEntry[];
  quotes: readonly StoredEntry[];
  tags: readonly StoredEntry[];
  /** When it was published (performance.now()). */
  publishedAt: number;
}

export type PreviewListener = (content: PreviewContent) => Promise<void> | void;

/** Something in the preview that did not work as the code expects: the integration warns. */
export interface PreviewMiss {
  /** What missed: the integration's warning names it. */
  kind: 'route refresh';
  why: string;
}

/** What the archive remembers of one article: its visible text, prepared once, and where each quote text stands in it. */
interface KnownArticle {
  paragraphs: readonly string[];
  prepared?: PreparedArticle;
  byText: Map<string, QuoteLocation | undefined>;
}

interface PreviewState {
  content?: PreviewContent;
  listeners: Set<PreviewListener>;
  renderingListeners: Set<() => void>;
  missListeners: Set<(miss: PreviewMiss) => void>;
  articles: Map<string, KnownArticle>;
  /** Changes to the site's code since the server started. */
  code: number;
}

const STATE_KEY = Symbol.for('qtd.previewContent');

function state(): PreviewState {
  const holder = globalThis as { [STATE_KEY]?: PreviewState };
  holder[STATE_KEY] ??= { listeners: new Set(), renderingListeners: new Set(), missListeners: new Set(), articles: new Map(), code: 0 };
  return holder[STATE_KEY];
}

/** The content of the last pass published, or undefined before the first (and in a build). */
export function previewContent(): PreviewContent | undefined {
  return state().content;
}

/**
 * Publishes the entries the pass left in the stores (the loader, at the end of each pass
 * in `astro dev`) and waits for every listener: the first pass's listeners run before
 * Astro prints "ready".
 */
export async function publishPreviewContent(entries: Omit<PreviewContent, 'generation' | 'publishedAt'>): Promise<PreviewContent> {
  const shared = state();
  const content: PreviewContent = { ...entries, generation: (shared.content?.generation ?? 0) + 1, publishedAt: performance.now() };
  shared.content = content;
  for (const listener of [...shared.listeners]) await listener(content);
  return content;
}

/** Calls `listener` after each pass is published; returns a function that stops it. */
export function onPreviewContent(listener: PreviewListener): () => void {
  state().listeners.add(listener);
  return () => state().listeners.delete(listener);
}

/**
 * The loader, once a pass has read and checked the files and starts rendering: the main
 * thread mostly waits for the Markdown workers from then on.
 */
export function signalPreviewRendering(): void {
  for (const listener of [...state().renderingListeners]) listener();
}

/** Calls `listener` each time a pass starts rendering; returns a function that stops it. */
export function onPreviewRendering(listener: () => void): () => void {
  state().renderingListeners.add(listener);
  return () => state().renderingListeners.delete(listener);
}

/**
 * Which version of the site's code the preview runs: the integration counts a change to
 * any file under `src/` (`noteCodeChange`). What the pages keep across Vite's evaluations
 * of their modules (Vite evaluates them again after every change to Astro's store) is
 * kept only for the same version of the code.
 */
export function codeVersion(): number {
  return state().code;
}

export function noteCodeChange(): void {
  state().code += 1;
}

/** Reports something that did not work as expected to whoever listens (the integration's logger). */
export function reportPreviewMiss(miss: PreviewMiss): void {
  for (const listener of state().missListeners) listener(miss);
}

export function onPreviewMiss(listener: (miss: PreviewMiss) => void): () => void {
  state().missListeners.add(listener);
  return () => state().missListeners.delete(listener);
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What is remembered of the article, emptied when its visible text is not `paragraphs` any more. */
function knownArticle(articleId: string, paragraphs: readonly string[]): KnownArticle {
  const articles = state().articles;
  let known = articles.get(articleId);
  if (!known || !sameItems(known.paragraphs, paragraphs)) {
    known = { paragraphs, byText: new Map() };
    articles.set(articleId, known);
  }
  return known;
}

/**
 * Where `text` stands in the article whose visible text is `paragraphs` (locateQuote),
 * remembered while the article's text is the same: after an edit only the quotes whose
 * words or article changed are located again.
 */
export function rememberedLocation(articleId: string, paragraphs: readonly string[], text: string): QuoteLocation | undefined {
  const known = knownArticle(articleId, paragraphs);
  if (known.byText.has(text)) return known.byText.get(text);
  known.prepared ??= prepareArticle(paragraphs);
  const location = locateQuote(text, known.prepared);
  known.byText.set(text, location);
  return location;
}

/** Forgets the articles not in `ids` (deleted ones), so that the memory follows the archive. */
export function keepLocationsOf(ids: ReadonlySet<string>): void {
  const articles = state().articles;
  for (const id of articles.keys()) if (!ids.has(id)) articles.delete(id);
}

/** How many quote texts are remembered, over all articles. */
export function rememberedLocations(): number {
  let count = 0;
  for (const known of state().articles.values()) count += known.byText.size;
  return count;
}

/**
 * Work the preview does ahead, while the first pass mostly waits for the Markdown workers
 * (locating the quotes, the integration's compiling of the pages): in slices of at most
 * `SLICE_MS`, each followed by a turn of the event loop, so that the loader, which feeds
 * the workers and stores what they render, is never kept waiting long for the main
 * thread. Every job ahead shares one pacer (`aheadPacer`) and calls `step()` between two
 * pieces of its work.
 *
 * The work is worth doing ahead only on a processor nobody else wants: on a busy machine
 * (another build, the tests) it would take it from the workers and delay the first pass.
 * So every `WINDOW_MS` the pacer measures how much of a processor this thread got plus
 * how much stood idle, and while that is under `SPARE_CPU` it waits: what is left is done
 * when the first archive is built and the pages are loaded, before Astro prints "ready".
 */
export const SLICE_MS = 4;
export const WINDOW_MS = 100;
export const SPARE_CPU = 0.85;

export interface Pacer {
  /** Undefined within a slice; at its end, a promise that resolves once the work may go on. */
  step(): Promise<void> | undefined;
}

/** What the pacer measures: milliseconds every processor of the machine stood idle, and this thread's processor time. */
export interface CpuProbe {
  idleMs(): number;
  threadMs(): number;
}

const machineCpu: CpuProbe = {
  idleMs: () => cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0),
  threadMs: () => {
    const usage = process.threadCpuUsage();
    return (usage.user + usage.system) / 1000;
  },
};

/** Work ahead held back by `holdAhead`, and how to let it go on. */
let held: { count: number; released: Promise<void>; release: () => void } | undefined;

/**
 * Holds the work ahead back until the returned function is called (by every holder): the
 * integration holds it while it prepares the first archive and loads the pages, which
 * Astro's "ready" waits for, so that work not yet done ahead does not compete with them.
 */
export function holdAhead(): () => void {
  if (!held) {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    held = { count: 0, released, release };
  }
  const hold = held;
  hold.count += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    hold.count -= 1;
    if (hold.count === 0) {
      if (held === hold) held = undefined;
      hold.release();
    }
  };
}

export function createPacer({ sliceMs = SLICE_MS, windowMs = WINDOW_MS, spare = SPARE_CPU, probe = machineCpu } = {}): Pacer {
  let sliceStart = performance.now();
  let pause: Promise<void> | undefined;
  let window = { start: sliceStart, idle: probe.idleMs(), thread: probe.threadMs() };
  let crowded = false;
  /** At the end of each window: whether this thread got, and the machine left idle, less than `spare` of a processor. */
  const measure = (): void => {
    const now = performance.now();
    const span = now - window.start;
    if (span < windowMs) return;
    const next = { start: now, idle: probe.idleMs(), thread: probe.threadMs() };
    crowded = (next.idle - window.idle + next.thread - window.thread) / span < spare;
    window = next;
  };
  return {
    step() {
      if (pause) return pause;
      if (performance.now() - sliceStart < sliceMs) return undefined;
      pause = (async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        while (held) await held.released;
        measure();
        while (crowded) {
          await new Promise<void>((resolve) => setTimeout(resolve, windowMs / 4));
          measure();
        }
        pause = undefined;
        sliceStart = performance.now();
      })();
      return pause;
    },
  };
}

const PACER_KEY = Symbol.for('qtd.previewPacer');

/** The pacer the jobs ahead share, the loader's and the integration's. */
export function aheadPacer(): Pacer {
  const holder = globalThis as { [PACER_KEY]?: Pacer };
  holder[PACER_KEY] ??= createPacer();
  return holder[PACER_KEY];
}

/** One quote to locate ahead: its words and its article's visible text. */
export interface LocationJob {
  articleId: string;
  paragraphs: readonly string[];
  text: string;
}

/**
 * Locates quotes ahead of the archive, paced (`aheadPacer`): the loader starts it in the
 * first pass, once the articles are rendered, while the quotes render on the workers. The
 * archive locates those not located yet when it is built (`rememberedLocation`). Resolves
 * to how many it located.
 */
export async function locateAhead(jobs: readonly LocationJob[], pacer = aheadPacer()): Promise<number> {
  let located = 0;
  for (const job of jobs) {
    const known = knownArticle(job.articleId, job.paragraphs);
    if (known.byText.has(job.text)) continue;
    rememberedLocation(job.articleId, job.paragraphs, job.text);
    located += 1;
    const pause = pacer.step();
    if (pause) await pause;
  }
  return located;
}
