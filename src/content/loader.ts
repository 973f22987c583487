/**
 * The content collections' loader: Astro's content layer calls it for `people`,
 * `articles` and `quotes`, and it stores exactly what the content pass
 * (`content-pass.ts`) read, validated, rendered and verified. There is no second
 * reading: the pages are built from these entries, and the checks ran on them.
 *
 * The three collections share one pass. The first loader to start begins it (step 1,
 * reading and validating every file); each loader renders its own collection, reusing
 * the HTML stored for an entry whose file and rendering code are unchanged (the digest);
 * the articles' loader verifies the quotes against the visible text; the last loader
 * to finish reports. In a build, any problem prints one report naming every file,
 * field and fix, and stops the build before a page is written. In `astro dev`, the
 * report is printed, the entries with problems are left out of the store, and the
 * pass runs again when a content file changes.
 *
 * State is kept on `globalThis`: Astro runs this module inside Vite's module runner,
 * while the integrations that read the checked content (`checkedContent()`) are
 * plain Node modules of the same process.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { isUnifiedProcessor, unified, type AstroMarkdownOptions, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { readAndValidate, renderEntry, verifyQuotes, type ReadResult, type RenderedEntry } from './content-pass.ts';
import { formatIssues, issue, isTagPage, pagesWithProblems, problemPageHtml, type ContentIssue } from './issues.ts';
import { createCachedVerifier, createVerifierKeys, loadVerified, matcherIdentity, saveVerified, type VerifierKeys } from './verification-cache.ts';
import { articleTextDigest, traceArticleChanges } from './quote-ledger.ts';
import { COLLECTIONS } from './content-files.ts';
import { contentFolderPath } from './read-content.ts';
import type { ValidatedContent, ValidatedEntry } from './validate.ts';
import type { Collection } from './schema.ts';
import { createPassMemo, forgetPaths, sameTexts, type PassMemo } from './pass-memo.ts';
import { watchContentFolder } from './content-watcher.ts';
import { locateAhead, publishPreviewContent, signalPreviewRendering, type LocationJob, type StoredEntry } from './preview-content.ts';

export interface ContentSettings {
  contentDir: string;
  siteTimeZone: string;
  allowSeveralQuotesPerDay: boolean;
}

/** What one loader stores: a collection of content files, or the tag registry. */
type Loaded = Collection | 'tags';
const LOADED: readonly Loaded[] = [...COLLECTIONS, 'tags'];

/** One pass over the content, shared by the loaders of one sync. */
interface ContentRun {
  read: Promise<ReadResult>;
  renderer?: Promise<MarkdownRenderer>;
  served: Set<Loaded>;
  finished: Set<Loaded>;
  issues: ContentIssue[];
  contexts: Map<Loaded, LoaderContext>;
  /** Each article's visible text, as its loader rendered it. */
  paragraphs: Map<string, readonly string[]>;
  verification?: string;
  /** Articles changed since their quotes were recorded in the ledger of published words, whose quotes still match. */
  notes: string[];
  /** The digest of an article's visible text (quote-ledger.ts), memoised. */
  articleText: (articleId: string) => string | undefined;
  started: number;
  /**
   * In `astro dev`, in a pass after the first: what the pass stores and deletes, per
   * collection, handed to Astro's stores only once the preview has its archive
   * (`publishInDev`). Astro writes its whole store to disk 500 ms after the last change,
   * holding the thread for over a second at 10,000 quotes: not while the edited page is
   * being asked for.
   */
  deferred?: Map<Loaded, DeferredWrites>;
}

type StoredEntryInput = Parameters<LoaderContext['store']['set']>[0];

interface DeferredWrites {
  set: Map<string, StoredEntryInput>;
  deleted: Set<string>;
}

interface SharedState {
  run?: ContentRun;
  /** The content of the last pass without problems, for the integrations that run after the pages. */
  checked?: ValidatedContent;
  /** The digest of each article's visible text in that pass, for the record of the build (integrations/permalinks.ts). */
  checkedArticleText?: (articleId: string) => string | undefined;
  /** In `astro dev`, while the content has problems: the pages that must show them instead (issues.ts). */
  preview?: ReturnType<typeof pagesWithProblems>;
  /** Loader contexts, for `astro dev` to run the pass again when content changes. */
  contexts: Map<Loaded, LoaderContext>;
  watching: boolean;
  rerun?: Promise<void>;
  /** In `astro dev`: what the last pass read and checked, so that the next one does again only what changed (pass-memo.ts). */
  memo?: PassMemo;
  /**
   * In `astro dev`: a renderer on this thread, for the passes that render a few entries
   * (an edit): a Markdown worker takes ~0.5 s to start, more than those entries take here.
   * One per configuration (a restarted server has a new one).
   */
  threadRenderer?: { config: LoaderContext['config']; renderer: Promise<MarkdownRenderer> };
  /** In `astro dev`: each file's digest by its text, and the quotes' verification keys, from the last pass. */
  digests?: { identity: string; bySource: Map<string, string> };
  verifierKeys?: VerifierKeys;
  /** In `astro dev`: whether a pass has published the preview's content yet. */
  published?: boolean;
}

const STATE_KEY = Symbol.for('qtd.contentPass');

function shared(): SharedState {
  const holder = globalThis as { [STATE_KEY]?: SharedState };
  holder[STATE_KEY] ??= { contexts: new Map(), watching: false };
  return holder[STATE_KEY];
}

/** The content as the last pass without problems read it; undefined before one has run. */
export function checkedContent(): ValidatedContent | undefined {
  return shared().checked;
}

/** The digest of an article's visible text in the last pass without problems (quote-ledger.ts). */
export function checkedArticleText(articleId: string): string | undefined {
  return shared().checkedArticleText?.(articleId);
}

/** The code whose change must render every entry again: the pipeline and the checks on its HTML. */
export const RENDERING_SOURCES = [
  '../markdown/pipeline.ts',
  '../markdown/sanitize-schema.ts',
  '../markdown/rehype-drop-sourceless-images.ts',
  '../markdown/remark-smart-punctuation.ts',
  '../markdown/rehype-mark-quotes.ts',
  './content-pass.ts',
  './article-text.ts',
  './hygiene.ts',
  './schema.ts',
  './loader.ts',
];

let renderingIdentity: string | undefined;
function renderingCodeIdentity(): string {
  if (renderingIdentity) return renderingIdentity;
  const hash = createHash('sha256');
  for (const source of RENDERING_SOURCES) {
    try {
      hash.update(readFileSync(new URL(source, import.meta.url)));
    } catch {
      // Bundled elsewhere, without its sources: every change of the file itself still counts.
      hash.update(source);
    }
  }
  renderingIdentity = hash.digest('hex');
  return renderingIdentity;
}

function isDevServer(): boolean {
  return process.env.QTD_DEV_SERVER === '1';
}

function startRun(root: string, settings: ContentSettings): ContentRun {
  const memo = isDevServer() ? (shared().memo ??= createPassMemo()) : undefined;
  return {
    ...(isDevServer() && shared().published ? { deferred: new Map() } : {}),
    read: readAndValidate(root, settings.contentDir, { siteTimeZone: settings.siteTimeZone, allowSeveralQuotesPerDay: settings.allowSeveralQuotesPerDay }, memo),
    served: new Set(),
    finished: new Set(),
    issues: [],
    contexts: new Map(),
    paragraphs: new Map(),
    notes: [],
    articleText: () => undefined,
    started: performance.now(),
  };
}

/**
 * Starts reading and validating before Astro's content sync, which then joins this
 * pass: the share cards can start drawing from the validated entries meanwhile.
 */
export function beginContentPass(root: string, settings: ContentSettings): void {
  const state = shared();
  if (!state.run || state.run.served.size > 0) state.run = startRun(root, settings);
}

/**
 * The validated entries of the current pass (read, parsed, checked against the schema,
 * not yet rendered and verified), or undefined when no pass has begun. A build stops
 * at the end of the sync if the pass finds any problem.
 */
export function contentRead(): Promise<ReadResult> | undefined {
  return shared().run?.read;
}

/** The run this collection joins: the current one, unless it already served this collection. */
function joinRun(collection: Loaded, ctx: LoaderContext, settings: ContentSettings): ContentRun {
  const state = shared();
  if (!state.run || state.run.served.has(collection)) state.run = startRun(fileURLToPath(ctx.config.root), settings);
  state.run.served.add(collection);
  state.run.contexts.set(collection, ctx);
  state.contexts.set(collection, ctx);
  return state.run;
}

/** The options every renderer of the site's Markdown is given (astro.config.mjs's `markdown` and `image`). */
function sharedOptions(ctx: LoaderContext): AstroMarkdownOptions {
  const { markdown, image } = ctx.config;
  return {
    image,
    syntaxHighlight: markdown.syntaxHighlight,
    shikiConfig: markdown.shikiConfig,
    gfm: markdown.gfm,
    smartypants: markdown.smartypants,
  };
}

/** At most this many entries to render, a pass of `astro dev` renders them on this thread. */
export const IN_THREAD_ENTRIES = 8;

/**
 * The renderer of `count` entries: the site's processor (on worker threads), or in `astro
 * dev`, for a few entries and the site's `unified()` processor, the same processor on this
 * thread (as src/markdown/parallel-renderer.ts renders what it cannot send to a worker).
 */
function rendererFor(run: ContentRun, ctx: LoaderContext, count: number): Promise<MarkdownRenderer> {
  const processor = ctx.config.markdown.processor;
  if (isDevServer() && count <= IN_THREAD_ENTRIES && isUnifiedProcessor(processor)) {
    const state = shared();
    if (state.threadRenderer?.config !== ctx.config) {
      state.threadRenderer = { config: ctx.config, renderer: unified(processor.options).createRenderer(sharedOptions(ctx)) };
    }
    return state.threadRenderer.renderer;
  }
  run.renderer ??= processor.createRenderer(sharedOptions(ctx));
  return run.renderer;
}

/**
 * Entries of one collection sent to the renderer at once: enough to keep its workers busy
 * while this thread checks and stores what they render. `astro dev` sends more: its main
 * thread also works ahead for the pages meanwhile (preview-content.ts), and a worker left
 * without an entry while it does is time lost (~2 s of the first pass at 10,000 quotes).
 */
const IN_FLIGHT = 16;
const DEV_IN_FLIGHT = 64;

/** Runs `work` on every item, at most `limit` at a time (the renderer keeps its workers busy). */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The digest of an entry's file and the rendering code (what decides whether its stored
 * rendering can be reused). In `astro dev` each text's digest is kept for the next pass:
 * a pass after an edit digests only the files that changed (17 MB at 10,000 quotes).
 */
function digester(ctx: LoaderContext): (entry: ValidatedEntry<unknown>) => string {
  const identity = renderingCodeIdentity();
  const digest = (entry: ValidatedEntry<unknown>) => ctx.generateDigest(`${identity}\n${entry.source}`);
  if (!isDevServer()) return digest;
  const state = shared();
  if (state.digests?.identity !== identity) state.digests = { identity, bySource: new Map() };
  const known = state.digests.bySource;
  return (entry) => {
    let value = known.get(entry.source);
    if (value === undefined) {
      value = digest(entry);
      known.set(entry.source, value);
    }
    return value;
  };
}

/** Stores `entry` in the collection's store, or after the preview's archive in a pass that defers (`ContentRun.deferred`). */
function storeSet(run: ContentRun, loaded: Loaded, ctx: LoaderContext, entry: StoredEntryInput): void {
  const deferred = deferredWrites(run, loaded);
  if (!deferred) {
    ctx.store.set(entry);
    return;
  }
  deferred.deleted.delete(entry.id);
  deferred.set.set(entry.id, entry);
}

function storeDelete(run: ContentRun, loaded: Loaded, ctx: LoaderContext, id: string): void {
  const deferred = deferredWrites(run, loaded);
  if (!deferred) {
    ctx.store.delete(id);
    return;
  }
  deferred.set.delete(id);
  deferred.deleted.add(id);
}

function deferredWrites(run: ContentRun, loaded: Loaded): DeferredWrites | undefined {
  if (!run.deferred) return undefined;
  let writes = run.deferred.get(loaded);
  if (!writes) {
    writes = { set: new Map(), deleted: new Set() };
    run.deferred.set(loaded, writes);
  }
  return writes;
}

function storedRendered(ctx: LoaderContext, id: string, digest: string): RenderedEntry | undefined {
  const existing = ctx.store.get(id);
  if (!existing || existing.digest !== digest || !existing.rendered) return undefined;
  return existing.rendered as RenderedEntry;
}

async function loadCollection(collection: Collection, ctx: LoaderContext, settings: ContentSettings): Promise<void> {
  const run = joinRun(collection, ctx, settings);
  const { content } = await run.read;
  if (isDevServer()) signalPreviewRendering();
  const entries = content[collection] as ValidatedEntry<unknown>[];
  const digestOf = digester(ctx);
  const digests = new Map(entries.map((entry) => [entry, digestOf(entry)]));
  const stored = new Set<string>();
  const failed = new Set<string>();
  const issues: ContentIssue[] = [];
  const toRender = entries.filter((entry) => !storedRendered(ctx, entry.id, digests.get(entry) as string)).length;
  const renderer = toRender > 0 ? await rendererFor(run, ctx, toRender) : undefined;
  const root = ctx.config.root;

  await eachLimited(entries, isDevServer() ? DEV_IN_FLIGHT : IN_FLIGHT, async (entry) => {
    const digest = digests.get(entry) as string;
    let rendered = storedRendered(ctx, entry.id, digest);
    const reused = rendered !== undefined;
    if (!rendered && renderer) {
      const result = await renderEntry(entry, collection, async (body, { rawData, path }) => {
        const { code, metadata } = await renderer.render(body, { frontmatter: rawData, fileURL: pathToFileURL(fileURLToPath(new URL(path, root))) });
        // The renderer's copy of the front matter is left out: nothing reads it, and Astro
        // serialised it with the store at every change (3.8 MB at 10,000 quotes).
        const { frontmatter: _frontmatter, ...kept } = metadata;
        return { html: code, metadata: { ...kept, imagePaths: [...metadata.localImagePaths, ...metadata.remoteImagePaths] } };
      });
      issues.push(...result.issues);
      if (result.issues.length > 0) failed.add(entry.id);
      rendered = result.rendered;
    }
    if (!rendered) return;
    if (collection === 'articles' && rendered.metadata.paragraphs) run.paragraphs.set(entry.id, rendered.metadata.paragraphs);
    if (failed.has(entry.id)) return;
    stored.add(entry.id);
    if (reused) return;
    let data: Record<string, unknown>;
    try {
      data = await ctx.parseData({ id: entry.id, data: entry.rawData, filePath: entry.path });
    } catch (error) {
      failed.add(entry.id);
      stored.delete(entry.id);
      issues.push(issue(entry.path, undefined, `was refused by the collection's schema: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}.`, 'correct the front matter as the message says.'));
      return;
    }
    storeSet(run, collection, ctx, { id: entry.id, data, filePath: entry.path, digest, rendered, ...(rendered.metadata.imagePaths.length > 0 ? { assetImports: rendered.metadata.imagePaths } : {}) });
  });

  if (collection === 'articles') {
    const verifiedFile = fileURLToPath(new URL('qtd-verified.json', ctx.config.cacheDir));
    const keys = isDevServer() ? (shared().verifierKeys ??= createVerifierKeys()) : undefined;
    const verifier = createCachedVerifier(loadVerified(verifiedFile), matcherIdentity(), keys);
    const digests = new Map<string, string>();
    run.articleText = (id) => {
      const paragraphs = run.paragraphs.get(id);
      if (!paragraphs) return undefined;
      if (!digests.has(id)) digests.set(id, articleTextDigest(paragraphs));
      return digests.get(id);
    };
    const traced = traceArticleChanges(content, (await run.read).ledger, run.articleText, verifyQuotes(content, (id) => run.paragraphs.get(id), verifier));
    issues.push(...traced.issues);
    run.notes = traced.notes;
    try {
      saveVerified(verifiedFile, verifier.passed);
    } catch {
      // A read-only cache only costs the next build its shortcut.
    }
    run.verification = `${verifier.matched()} matched, ${verifier.remembered()} unchanged since the last build`;
    // The preview's first archive holds where each quote stands in its article: located now,
    // while the quotes render on the workers, rather than once the pass has ended.
    if (isDevServer() && !shared().published) void locateAhead(locationJobs(content, run.paragraphs));
  }

  for (const id of ctx.store.keys()) if (!stored.has(id)) storeDelete(run, collection, ctx, id);
  run.issues.push(...issues);
  await finishPart(run, collection, settings);
}

/** Every quote with a source whose article was rendered, to locate ahead (preview-content.ts). */
function locationJobs(content: ValidatedContent, paragraphs: ReadonlyMap<string, readonly string[]>): LocationJob[] {
  const jobs: LocationJob[] = [];
  for (const quote of content.quotes) {
    const articleId = quote.data.source?.id;
    const text = articleId ? paragraphs.get(articleId) : undefined;
    if (articleId && text) jobs.push({ articleId, paragraphs: text, text: quote.data.text });
  }
  return jobs;
}

/** Marks one loader's part done; the last one reports. */
async function finishPart(run: ContentRun, loaded: Loaded, settings: ContentSettings): Promise<void> {
  run.finished.add(loaded);
  if (run.finished.size === LOADED.length) await finish(run, settings);
}

/** The `tags` collection: the registry as the pass read and checked it. */
async function loadTags(ctx: LoaderContext, settings: ContentSettings): Promise<void> {
  const run = joinRun('tags', ctx, settings);
  const { content } = await run.read;
  const kept = new Set<string>();
  for (const { id, ...fields } of content.tags) {
    kept.add(id);
    const digest = ctx.generateDigest(JSON.stringify(fields));
    if (ctx.store.get(id)?.digest === digest) continue;
    storeSet(run, 'tags', ctx, { id, data: await ctx.parseData({ id, data: fields }), digest });
  }
  for (const id of ctx.store.keys()) if (!kept.has(id)) storeDelete(run, 'tags', ctx, id);
  await finishPart(run, 'tags', settings);
}

async function finish(run: ContentRun, settings: ContentSettings): Promise<void> {
  const state = shared();
  const { issues: readIssues, content } = await run.read;
  const issues = [...readIssues, ...run.issues];
  const logger = run.contexts.get('quotes')?.logger ?? run.contexts.get('articles')?.logger;
  watchInDev(settings);
  if (issues.length > 0) {
    const report = formatIssues(issues, isDevServer());
    if (!isDevServer()) {
      // One report, no stack trace, and nothing built from content that failed its checks.
      process.stderr.write(`\n${report}\n`);
      process.exit(1);
    }
    logger?.error(`\n${report}`);
    // The pages of entries with problems, and those drawn from them, show the problems instead (previewProblemPage).
    const root = run.contexts.values().next().value?.config.root;
    const folder = root ? contentFolderPath(fileURLToPath(root), settings.contentDir) : undefined;
    state.preview = pagesWithProblems(issues, content, (file) => {
      const inside = folder && root ? relative(folder, resolve(fileURLToPath(root), file)).split(sep).join('/') : undefined;
      return inside && !inside.startsWith('..') ? inside : undefined;
    });
    // The preview keeps serving, without the quotes that failed verification.
    const quotes = run.contexts.get('quotes');
    for (const failed of issues.filter((item) => item.field === 'text')) {
      const quote = content.quotes.find((entry) => entry.path === failed.file);
      if (quote && quotes) storeDelete(run, 'quotes', quotes, quote.id);
    }
    await publishInDev(run);
    return;
  }
  state.checked = content;
  state.preview = undefined;
  state.checkedArticleText = run.articleText;
  const counts = `${content.quotes.length} quotes, ${content.articles.length} articles, ${content.people.length} people, ${content.tags.length} tags`;
  logger?.info(`content checked: ${counts}, every quote verified${run.verification ? ` (${run.verification})` : ''} (${Math.round(performance.now() - run.started)} ms)`);
  for (const note of run.notes) logger?.info(note);
  await publishInDev(run);
}

/**
 * In `astro dev`: hands the pages what this pass left in Astro's stores, as soon as it is
 * there (preview-content.ts), rather than once Astro has written its store file.
 */
async function publishInDev(run: ContentRun): Promise<void> {
  if (!isDevServer()) return;
  const state = shared();
  // Only the digests of the files as they are now are kept for the next pass.
  const { content } = await run.read;
  const digests = state.digests?.bySource;
  if (digests) {
    const current = new Set(COLLECTIONS.flatMap((collection) => (content[collection] as ValidatedEntry<unknown>[]).map((entry) => entry.source)));
    for (const source of digests.keys()) if (!current.has(source)) digests.delete(source);
  }
  // The stores as they will be once this pass's deferred writes are made: the entries
  // the pages read are the ones the loader stores (Astro keeps its own copy of each).
  const entries = (loaded: Loaded): StoredEntry[] => {
    const ctx = run.contexts.get(loaded);
    if (!ctx) return [];
    const writes = run.deferred?.get(loaded);
    if (!writes) return [...ctx.store.values()];
    const byId = new Map<string, StoredEntry>(ctx.store.entries());
    for (const id of writes.deleted) byId.delete(id);
    for (const [id, entry] of writes.set) byId.set(id, entry as StoredEntry);
    return [...byId.values()];
  };
  state.published = true;
  try {
    await publishPreviewContent({ people: entries('people'), articles: entries('articles'), quotes: entries('quotes'), tags: entries('tags') });
  } finally {
    for (const [loaded, writes] of run.deferred ?? []) {
      const ctx = run.contexts.get(loaded);
      if (!ctx) continue;
      for (const id of writes.deleted) ctx.store.delete(id);
      for (const entry of writes.set.values()) ctx.store.set(entry);
    }
    run.deferred?.clear();
  }
}

/**
 * In `astro dev`: the page to serve instead of `pathname` (with the base path) while its
 * content has problems, or undefined to serve the page itself. The preview never shows a
 * page built from content that failed its checks ("Source text not in the archive" for a
 * quote whose article has a problem), nor a bare 404 for an entry left out.
 */
export function previewProblemPage(pathname: string): string | undefined {
  const preview = shared().preview;
  if (!preview) return undefined;
  const found = preview.pages.get(pathname) ?? (isTagPage(pathname) && preview.tagPages.length > 0 ? preview.tagPages : undefined);
  return found ? problemPageHtml(pathname, found) : undefined;
}

/**
 * In `astro dev` (where Astro gives loaders a watcher): a change under the content folder
 * runs the pass again, one pass at a time; it reads and checks again only the files that
 * changed (pass-memo.ts). Changes that leave every file named with the text the last pass
 * read (a file saved unchanged, or reported twice for one write) run no pass. The folder
 * is watched by content-watcher.ts; Vite's watcher leaves the collections' folders alone
 * (integrations/content-check.ts).
 */
function watchInDev(settings: ContentSettings): void {
  const state = shared();
  const anyContext = state.contexts.values().next().value;
  if (!anyContext?.watcher || state.watching) return;
  state.watching = true;
  const folder = contentFolderPath(fileURLToPath(anyContext.config.root), settings.contentDir);
  let timer: NodeJS.Timeout | undefined;
  /** The paths named since the last pass began, each with whether it was only ever changed (not added or removed). */
  const named = new Map<string, boolean>();
  watchContentFolder(folder, (path, contentOnly) => {
    named.set(path, (named.get(path) ?? true) && contentOnly);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const previous = state.rerun ?? Promise.resolve();
      state.rerun = previous.then(async () => {
        const changes = [...named];
        named.clear();
        const paths = changes.map(([path]) => path);
        if (state.memo && changes.every(([, onlyChanged]) => onlyChanged) && (await sameTexts(state.memo, paths))) return;
        if (state.memo) forgetPaths(state.memo, paths);
        await Promise.all([...state.contexts].map(([loaded, ctx]) => (loaded === 'tags' ? loadTags(ctx, settings) : loadCollection(loaded, ctx, settings))));
      });
    }, 50);
  });
}

/** The loader of the `tags` collection (content/tags.yaml). */
export function tagsLoader(settings: ContentSettings): Loader {
  return { name: 'qtd-content', load: (ctx) => loadTags(ctx, settings) };
}

/** The loader of one collection: `people`, `articles` or `quotes`. */
export function contentLoader(collection: Collection, settings: ContentSettings): Loader {
  return {
    name: 'qtd-content',
    load: (ctx) => loadCollection(collection, ctx, settings),
  };
}
