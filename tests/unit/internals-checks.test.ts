/**
 * The build-time checks that each trick resting on Astro's or Pagefind's private
 * behaviour engaged (docs/internals.md): what each one counts, and the warning it gives
 * when the trick did not engage. The installed packages themselves are held to the
 * tricks in tests/unit/internals.test.ts and by the build logs (tests/build/internals.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AstroPrerenderer, PathWithRoute } from 'astro';
import {
  concurrencyNotEngaged,
  createPrerenderTally,
  linkedOutcome,
  linkedPagesCopied,
  observePrerenderer,
  prerenderSummary,
  recordNotReadable,
} from '../../src/build/reuse-pages.ts';
import viteContentStore, {
  CONTENT_STORE_MODULE_ID,
  createContentStoreReport,
  storeNotServed,
  storeNotSplit,
} from '../../src/build/vite-content-store.ts';
import { isFeedRoute, pagesOutsideProcess } from '../../src/build/integrations/previous-output.ts';
import { formatNotRead } from '../../src/build/integrations/search-index.ts';
import { astroCliPath, CHECKED_VERSIONS, warnVersionDrift } from '../../src/build/internals.ts';

const QUOTE_ROUTE = 'src/pages/quotes/[key]/index.astro';
const HOME_ROUTE = 'src/pages/index.astro';

function path(pathname: string, component: string, cacheKey?: string): PathWithRoute {
  return { pathname, route: { component } as PathWithRoute['route'], ...(cacheKey === undefined ? {} : { cacheKey }) };
}

/** A prerenderer like Astro's own: its methods use the object they were made on, and each page takes `ms` to render. */
function fakePrerenderer(paths: PathWithRoute[], ms = 5): AstroPrerenderer & { calls: string[] } {
  const calls: string[] = [];
  const base: AstroPrerenderer & { calls: string[]; app?: string } = {
    name: 'astro:default',
    calls,
    async setup() {
      base.app = 'ready';
      calls.push('setup');
    },
    async getStaticPaths() {
      return paths;
    },
    async render(request) {
      if (base.app !== 'ready') throw new Error('rendered before setup');
      calls.push(new URL(request.url).pathname);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return new Response('<p>page</p>');
    },
    async teardown() {
      calls.push('teardown');
    },
  };
  return base;
}

/** Renders the given paths `concurrency` at a time, as Astro's generate loop does. */
async function renderAll(
  prerenderer: AstroPrerenderer,
  pathnames: readonly string[],
  component: (pathname: string) => string,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let at = next++; at < pathnames.length; at = next++) {
      const pathname = pathnames[at]!;
      await prerenderer.render(new Request(`https://qtd.example${pathname}`), { routeData: { component: component(pathname) } as never });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

describe('observing Astro’s prerendering', () => {
  const paths = [
    path('/', HOME_ROUTE),
    path('/quotes/a/', QUOTE_ROUTE, 'ka'),
    path('/quotes/b/', QUOTE_ROUTE, 'kb'),
    path('/quotes/c/', QUOTE_ROUTE, 'kc'),
    path('/rss.xml', 'src/pages/rss.xml.ts'),
  ];

  it('counts the paths, the keyed ones, the pages rendered and how many at once, rendering through Astro’s own prerenderer', async () => {
    const base = fakePrerenderer(paths);
    const tally = createPrerenderTally();
    const observed = observePrerenderer(base, tally);
    expect(observed.name).toBe('astro:default');
    await observed.setup?.();
    expect(await observed.getStaticPaths()).toBe(paths);
    // Astro skipped /quotes/b/ and /quotes/c/: unchanged keyed pages are never rendered.
    await renderAll(
      observed,
      ['/', '/quotes/a/', '/rss.xml'],
      (pathname) => paths.find((p) => p.pathname === pathname)!.route.component,
      8,
    );
    await observed.teardown?.();
    expect(base.calls).toEqual(['setup', '/', '/quotes/a/', '/rss.xml', 'teardown']);
    expect(tally).toMatchObject({ observed: true, paths: 5, keyedPaths: 3, renders: 3, keyedRenders: 1, inFlight: 0, maxInFlight: 3 });
    expect([...tally.renderedComponents].sort()).toEqual([HOME_ROUTE, QUOTE_ROUTE, 'src/pages/rss.xml.ts'].sort());
    expect(concurrencyNotEngaged(tally, 8)).toBeUndefined();
    expect(prerenderSummary(tally, 8)).toBe(
      'pages: 3 rendered, up to 3 at once (build.concurrency 8); 2 of 3 keyed pages skipped as unchanged',
    );
  });

  it('warns when pages render one at a time although build.concurrency allows more', async () => {
    const tally = createPrerenderTally();
    const observed = observePrerenderer(fakePrerenderer(paths, 1), tally);
    await observed.setup?.();
    await observed.getStaticPaths();
    await renderAll(observed, ['/', '/quotes/a/', '/quotes/b/'], () => QUOTE_ROUTE, 1);
    expect(tally.maxInFlight).toBe(1);
    expect(concurrencyNotEngaged(tally, 8)).toBe('build.concurrency is 8, but Astro rendered its 3 pages one at a time');
    expect(concurrencyNotEngaged(tally, 1)).toBeUndefined();
    expect(concurrencyNotEngaged({ ...tally, renders: 1 }, 8)).toBeUndefined();
  });

  it('says when a feed was rendered but its tally did not reach the integrations', () => {
    expect(isFeedRoute('src/pages/rss.xml.ts')).toBe(true);
    expect(isFeedRoute('src/pages/tags/[id]/rss.xml.ts')).toBe(true);
    expect(isFeedRoute('src/pages/feed.json.ts')).toBe(true);
    expect(isFeedRoute('src/pages/quotes.json.ts')).toBe(false);
    expect(pagesOutsideProcess(new Set([HOME_ROUTE, 'src/pages/rss.xml.ts']), 0)).toMatch(/rendered outside this process/);
    expect(pagesOutsideProcess(new Set([HOME_ROUTE, 'src/pages/rss.xml.ts']), 1)).toBeUndefined();
    expect(pagesOutsideProcess(new Set([HOME_ROUTE]), 0)).toBeUndefined();
  });
});

describe('the pages linked back', () => {
  let dir: string;
  const linkedAt = Date.now() - 1000;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qtd-linked-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function page(file: string, writtenAt: number): void {
    const full = join(dir, file);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, '<p>page</p>');
    utimesSync(full, writtenAt / 1000, writtenAt / 1000);
  }

  it('are left in place when Astro skips them, and a page it renders again is written', () => {
    page('quotes/a/index.html', linkedAt - 60_000);
    page('quotes/b/index.html', linkedAt - 60_000);
    page('quotes/c/index.html', linkedAt + 500);
    const outcome = linkedOutcome(
      dir,
      ['quotes/a/index.html', 'quotes/b/index.html', 'quotes/c/index.html', 'quotes/gone/index.html'],
      linkedAt,
    );
    expect(outcome).toEqual({ untouched: 2, written: 1 });
    const tally = { ...createPrerenderTally(), observed: true, keyedPaths: 3, renders: 2, keyedRenders: 1 };
    expect(linkedPagesCopied(outcome, tally)).toBeUndefined();
    expect(prerenderSummary(tally, 8, outcome)).toMatch(/; of the 3 pages linked back, 2 left in place$/);
  });

  it('warn when more were written than Astro rendered: copied from its cache, or emptied and restored', () => {
    for (const file of ['a', 'b', 'c']) page(`quotes/${file}/index.html`, linkedAt + 500);
    const outcome = linkedOutcome(dir, ['quotes/a/index.html', 'quotes/b/index.html', 'quotes/c/index.html'], linkedAt);
    expect(linkedPagesCopied(outcome, { ...createPrerenderTally(), keyedRenders: 1 })).toBe(
      '2 of the 3 pages linked back were written over although Astro rendered only 1 keyed pages: Astro copied them from its cache instead of leaving them in place (or emptied the output folder after they were linked)',
    );
  });
});

describe('Astro’s record of an incremental build', () => {
  const record = (paths: Record<string, string>) =>
    JSON.stringify({
      version: 1,
      routes: {
        [QUOTE_ROUTE]: {
          dependencyHash: 'd',
          paths: Object.fromEntries(Object.entries(paths).map(([p, outputFile]) => [p, { cacheKey: 'k', outputFile }])),
        },
      },
    });

  it('is readable when it lists every keyed page', () => {
    expect(recordNotReadable(record({ '/quotes/a/': 'quotes/a/index.html' }), 1)).toBeUndefined();
    expect(recordNotReadable(undefined, 0)).toBeUndefined();
  });

  it('is not, when missing, of another shape, or listing fewer pages than Astro keyed', () => {
    expect(recordNotReadable(undefined, 3)).toBe('Astro keyed 3 pages but wrote no incremental-build.json into its cache folder');
    expect(recordNotReadable(JSON.stringify({ version: 2, routes: {} }), 3)).toMatch(/is not \{ version: 1, routes/);
    expect(recordNotReadable('not json', 3)).toMatch(/is not \{ version: 1, routes/);
    expect(recordNotReadable(record({ '/quotes/a/': 'quotes/a/index.html' }), 3)).toBe(
      'its incremental-build.json lists 1 pages, but Astro keyed 3',
    );
  });
});

describe('the content store served from its file', () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'qtd-store-report-'));
    writeFileSync(join(cacheDir, 'data-store.json'), '[["Map"]]');
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  type Load = { handler(this: { environment: { name: string } }, id: string): unknown };
  type Transform = { handler(this: { environment: { name: string } }, code: string, id: string): unknown };

  function plugin(report = createContentStoreReport(), command = 'build') {
    const made = viteContentStore({ cacheDir, report });
    (made.configResolved as (config: { command: string }) => void)({ command });
    return { report, load: made.load as Load, transform: made.transform as Transform };
  }

  it('is noted when the plugin served the store in the prerender environment', () => {
    const { report, load } = plugin();
    load.handler.call({ environment: { name: 'prerender' } }, CONTENT_STORE_MODULE_ID);
    expect(report.servedFrom).toBe(join(cacheDir, 'data-store.json'));
    expect(storeNotServed(report, { chunked: false, storeFileWritten: true })).toBeUndefined();
  });

  it('is missed when the store module never came, came elsewhere, or Astro wrote no file', () => {
    const { report, load } = plugin();
    expect(storeNotServed(report, { chunked: false, storeFileWritten: true })).toMatch(
      /no module with the id "\\u0000astro:data-layer-content" was loaded/,
    );
    load.handler.call({ environment: { name: 'static' } }, CONTENT_STORE_MODULE_ID);
    expect(storeNotServed(report, { chunked: false, storeFileWritten: true })).toBe(
      'the store module was loaded in "static", never in Astro\'s "prerender" environment',
    );
    expect(storeNotServed(report, { chunked: false, storeFileWritten: false })).toBe(
      'Astro wrote no data-store.json into its cache folder after syncing the content',
    );
    // A chunked store is left to Astro on purpose.
    expect(storeNotServed(report, { chunked: true, storeFileWritten: false })).toBeUndefined();
  });

  it('notes a store module of a shape the plugin cannot cut, and only that', () => {
    const { report, transform } = plugin(createContentStoreReport(), 'serve');
    const ssr = { environment: { name: 'ssr' } };
    transform.handler.call(
      ssr,
      `export default JSON.parse(${JSON.stringify(JSON.stringify('x'.repeat(70_000)))})`,
      CONTENT_STORE_MODULE_ID,
    );
    transform.handler.call(ssr, 'export default JSON.parse("[]")', CONTENT_STORE_MODULE_ID);
    transform.handler.call(ssr, 'export default new Map()', CONTENT_STORE_MODULE_ID);
    expect([...report.splitIn]).toEqual(['ssr']);
    expect(storeNotSplit(report)).toBeUndefined();
    transform.handler.call(ssr, 'export default devalue.parse("[]")', CONTENT_STORE_MODULE_ID);
    expect(storeNotSplit(report)).toBe(
      'Astro\'s store module in "ssr" is not `export default JSON.parse("…")`, so it was left as one literal',
    );
  });
});

describe('Pagefind’s index, not read', () => {
  it('is named in the warning with the reason the split gives, and a cached bundle is not', () => {
    expect(
      formatNotRead({
        pagesRead: 48,
        pagesIndexed: 48,
        cached: false,
        split: {
          skipped: 'Pagefind 2.0.0 writes an index format this code does not know',
          chunksSplit: 0,
          chunksBefore: 0,
          chunksAfter: 0,
        },
      }),
    ).toBe('chunks not split: Pagefind 2.0.0 writes an index format this code does not know');
    expect(formatNotRead({ pagesRead: 48, pagesIndexed: 48, cached: true })).toBeUndefined();
  });
});

describe('Astro’s command', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'qtd-astro-bin-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function astroPackage(manifest: object): string {
    mkdirSync(join(root, 'node_modules/astro'), { recursive: true });
    writeFileSync(
      join(root, 'node_modules/astro/package.json'),
      JSON.stringify({ name: 'astro', exports: { './package.json': './package.json' }, ...manifest }),
    );
    return pathToFileURL(join(root, 'build.ts')).href;
  }

  it('fails, naming the package and its version, when astro declares no command or its file is missing', () => {
    expect(() => astroCliPath(astroPackage({ version: '99.0.0' }))).toThrow(
      `did not engage with astro 99.0.0 (checked with ${CHECKED_VERSIONS.astro}): its package.json (`,
    );
    expect(() => astroCliPath(astroPackage({ version: '99.0.0' }))).toThrow(/declares no "astro" command in "bin"/);
    expect(() => astroCliPath(astroPackage({ version: '99.0.0', bin: { astro: './cli.mjs' } }))).toThrow(
      /the command its package\.json declares, .*cli\.mjs, does not exist/,
    );
    writeFileSync(join(root, 'node_modules/astro/cli.mjs'), '');
    expect(astroCliPath(astroPackage({ version: '99.0.0', bin: { astro: './cli.mjs' } }))).toBe(join(root, 'node_modules/astro/cli.mjs'));
  });
});

describe('warnings of a version that was not checked', () => {
  it('are none for the installed packages, which are the checked ones', () => {
    const warnings: string[] = [];
    warnVersionDrift({ warn: (message) => warnings.push(message) }, ['astro', 'vite', 'pagefind', '@astrojs/markdown-remark']);
    expect(warnings).toEqual([]);
  });
});
