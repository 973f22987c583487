/**
 * The curator's preview (`astro dev`): pages that answer at once, and show an edit as soon
 * as the content pass has checked it.
 *
 * - While the first content pass renders (the main thread then mostly waits for the
 *   Markdown workers), the page modules are compiled in Vite's SSR environment, where
 *   Astro loads them for a request; once the server listens, before Astro prints "ready",
 *   the page templates are loaded in its module runner. The first request compiles nothing.
 * - At the end of each pass, the archive the pages read is built from what the pass stored
 *   (src/content/preview-content.ts, src/views/archive.ts): no request waits for it. The
 *   first pass's archive is ready before Astro prints "ready".
 * - After a pass that a change caused, Astro's router forgets the paths it listed (it keeps
 *   them until content changes) and the browser reloads: Astro does both itself only once
 *   it has written its whole store to disk, two to three seconds later at 10,000 quotes.
 *
 * Telling Astro's router relies on Astro's private event `astro:content-changed`
 * (docs/internals.md, “The preview told of a content change”): the pages check that the
 * paths they are asked for were listed after the last pass (src/views/static-page.ts),
 * and this integration warns when they were not.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DevEnvironment, RunnableDevEnvironment, ViteDevServer } from 'vite';
import {
  aheadPacer,
  holdAhead,
  noteCodeChange,
  onPreviewContent,
  onPreviewMiss,
  onPreviewRendering,
  type PreviewMiss,
} from '../../content/preview-content.ts';
import { notEngaged, RELIANCES, warnVersionDrift } from '../internals.ts';

/** Astro's environment of the pages in `astro dev`, and of the static pages when an adapter prerenders them there. */
export const PAGE_ENVIRONMENTS = ['ssr', 'prerender'] as const;

/** The event Astro sends its dev app when its store file was written: the app empties its cache of listed paths. */
export const CONTENT_CHANGED_EVENT = 'astro:content-changed';

/** What to warn of a miss the pages reported, once per kind. */
export function missWarning(miss: PreviewMiss): string {
  return notEngaged(RELIANCES.previewRouteRefresh, miss.why);
}

function isRunnable(environment: DevEnvironment | undefined): environment is RunnableDevEnvironment {
  return environment !== undefined && 'runner' in environment;
}

/** The site's page modules (src/pages/), as file paths. */
export function pageModules(pagesFolder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(pagesFolder, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((name) => /\.(astro|ts|js|mjs|md)$/.test(name) && !name.split(/[/\\]/).some((part) => part.startsWith('_')))
    .sort()
    .map((name) => join(pagesFolder, name));
}

/** A page's template (an `.astro` file), not an endpoint (a feed, a JSON file), which is left to its first request. */
export function isPageTemplate(file: string): boolean {
  return file.endsWith('.astro');
}

/** The page templates in the order to load them: the home page first, the one a curator opens first. */
export function homeFirst(files: readonly string[]): string[] {
  const isHome = (file: string) => /[/\\]pages[/\\]index\.astro$/.test(file);
  return [...files.filter(isHome), ...files.filter((file) => !isHome(file))];
}

/** Stylesheets, which Vite's CSS plugin cannot transform before the server listens. */
const STYLESHEET = /\.(css|scss|sass|less|styl)(?:$|\?)|[?&]type=style\b/;

/**
 * Transforms `entries` and every module they import, statically or not, as Vite's SSR
 * environment will when a page is asked for, without running any: what a page's first
 * request would compile, one module at a time, paced as the preview's work ahead is
 * (src/content/preview-content.ts, `aheadPacer`). Stylesheets are left to that request
 * (they cannot be transformed before the server listens). Resolves to how many modules
 * were transformed.
 */
export async function transformAhead(environment: DevEnvironment, entries: readonly string[], pacer = aheadPacer()): Promise<number> {
  const seen = new Set<string>();
  const queue = [...entries];
  let transformed = 0;
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (seen.has(url) || STYLESHEET.test(url)) continue;
    seen.add(url);
    const result = await environment.transformRequest(url).catch(() => null);
    if (!result) continue;
    transformed += 1;
    queue.push(...(result.deps ?? []), ...(result.dynamicDeps ?? []));
    const pause = pacer.step();
    if (pause) await pause;
  }
  return transformed;
}

/** Tells Astro's dev app in each page environment that content changed, and the browser to reload. */
export function announceContentChange(server: ViteDevServer): number {
  let told = 0;
  for (const name of PAGE_ENVIRONMENTS) {
    const environment = server.environments[name];
    if (!environment) continue;
    environment.hot.send(CONTENT_CHANGED_EVENT, {});
    told += 1;
  }
  server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
  return told;
}

/** Loads the archive module in the pages' runner and builds the archive of the last pass; why it could not, or undefined. */
export async function prepareArchive(runner: RunnableDevEnvironment['runner'], archiveModule: string): Promise<string | undefined> {
  try {
    const archive = (await runner.import(archiveModule)) as { preparePreviewArchive?: () => Promise<unknown> };
    if (typeof archive.preparePreviewArchive !== 'function') return `${archiveModule} exports no preparePreviewArchive`;
    await archive.preparePreviewArchive();
    return undefined;
  } catch (error) {
    return `loading ${archiveModule} in Vite's "ssr" module runner failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

export default function preview(): AstroIntegration {
  let srcDir = '';
  let root = '';
  let stop: (() => void)[] = [];
  let runner: RunnableDevEnvironment['runner'] | undefined;
  let releaseAhead = (): void => {};
  return {
    name: 'qtd:preview',
    hooks: {
      'astro:config:setup': ({ config }) => {
        srcDir = fileURLToPath(config.srcDir);
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server, logger }) => {
        for (const unsubscribe of stop) unsubscribe();
        stop = [];
        runner = undefined;
        warnVersionDrift(logger, RELIANCES.previewRouteRefresh.packages);
        const pages = server.environments.ssr;
        if (!isRunnable(pages)) {
          logger.warn(notEngaged(RELIANCES.previewPreparedPages, 'Vite\'s "ssr" environment has no module runner'));
          return;
        }
        runner = pages.runner;
        const archiveModule = pathToFileURL(join(srcDir, 'views/archive.ts')).href;
        // The page templates, the home page first; endpoints (feeds, JSON) compile when first asked for.
        const templates = homeFirst(pageModules(join(srcDir, 'pages')).filter(isPageTemplate));
        let compiling: Promise<number> | undefined;
        const warned = new Set<string>();
        const warnOnce = (key: string, message: string): void => {
          if (warned.has(key)) return;
          warned.add(key);
          logger.warn(message);
        };
        // What the pages keep across Vite's evaluations is kept for one version of the code.
        const onSourceChange = (_event: string, path: string): void => {
          if (path.startsWith(srcDir)) noteCodeChange();
        };
        server.watcher.on('all', onSourceChange);
        stop = [
          () => server.watcher.off('all', onSourceChange),
          // The first pass renders: the page modules are compiled meanwhile.
          onPreviewRendering(() => {
            if (compiling) return;
            const started = performance.now();
            compiling = transformAhead(
              pages,
              templates.map((file) => `/${relative(root, file).split(sep).join('/')}`),
            );
            void compiling.then((count) =>
              logger.debug(`${count} modules of the pages compiled ahead (${Math.round(performance.now() - started)} ms)`),
            );
          }),
          onPreviewContent(async (content) => {
            // The first pass: what was not done ahead waits until the server is ready.
            if (content.generation === 1) releaseAhead = holdAhead();
            const why = await prepareArchive(pages.runner, archiveModule);
            if (why) warnOnce('archive', notEngaged(RELIANCES.previewPreparedPages, why));
            if (content.generation > 1) announceContentChange(server);
          }),
          onPreviewMiss((miss) => warnOnce(miss.kind, missWarning(miss))),
        ];
      },
      'astro:server:start': async ({ logger }) => {
        // The server listens (Vite's CSS plugin is ready): the page templates are loaded in the
        // runner that serves them, from what was compiled ahead, before Astro prints "ready"
        // (~0.4 s at 10,000 quotes, which the first requests would spend otherwise). A page
        // that fails to load shows its error when it is asked for.
        if (!runner) return;
        const started = performance.now();
        let failed = 0;
        try {
          for (const page of homeFirst(pageModules(join(srcDir, 'pages')).filter(isPageTemplate)))
            await runner.import(pathToFileURL(page).href).catch(() => (failed += 1));
        } finally {
          releaseAhead();
        }
        logger.debug(`page templates loaded (${Math.round(performance.now() - started)} ms${failed > 0 ? `, ${failed} failed` : ''})`);
      },
      'astro:server:done': () => {
        releaseAhead();
        for (const unsubscribe of stop) unsubscribe();
        stop = [];
        runner = undefined;
      },
    },
  };
}
