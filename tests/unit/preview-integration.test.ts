/**
 * The preview's integration (src/build/integrations/preview.ts): which modules it compiles
 * and loads ahead, what it tells Astro and the browser after a pass, and the private
 * behaviour of the installed Astro it relies on (docs/internals.md, “The preview told of a
 * content change”).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DevEnvironment, ViteDevServer } from 'vite';
import {
  announceContentChange,
  CONTENT_CHANGED_EVENT,
  homeFirst,
  isPageTemplate,
  missWarning,
  PAGE_ENVIRONMENTS,
  pageModules,
  transformAhead,
} from '../../src/build/integrations/preview.ts';
import { createPacer } from '../../src/content/preview-content.ts';
import { installedFolder, installedVersion } from '../../src/build/internals.ts';

describe('the modules compiled and loaded ahead', () => {
  it('lists every page and endpoint under src/pages/, but not the files Astro leaves out (a leading _)', () => {
    const pages = mkdtempSync(join(tmpdir(), 'qtd-pages-'));
    for (const file of ['index.astro', 'rss.xml.ts', 'quotes/[key]/index.astro', 'quotes/_helpers.ts', '_drafts/x.astro', 'notes.txt']) {
      mkdirSync(join(pages, file, '..'), { recursive: true });
      writeFileSync(join(pages, file), '');
    }
    const listed = pageModules(pages).map((file) => file.slice(pages.length + 1));
    expect(listed).toEqual(['index.astro', 'quotes/[key]/index.astro', 'rss.xml.ts']);
    expect(listed.filter(isPageTemplate)).toEqual(['index.astro', 'quotes/[key]/index.astro']);
    expect(pageModules(join(pages, 'missing'))).toEqual([]);
    // The home page is loaded first, whatever its place in the listing.
    expect(homeFirst(['/s/pages/about.astro', '/s/pages/quotes/index.astro', '/s/pages/index.astro'])).toEqual([
      '/s/pages/index.astro',
      '/s/pages/about.astro',
      '/s/pages/quotes/index.astro',
    ]);
  });

  it('compiles each module the pages import once, follows static and dynamic imports, and leaves stylesheets and failures', async () => {
    const graph: Record<string, { deps: string[]; dynamicDeps?: string[] } | 'fails'> = {
      '/src/pages/index.astro': { deps: ['/src/layouts/Base.astro', '/src/views/archive.ts'] },
      '/src/layouts/Base.astro': { deps: ['/src/styles/global.css', '/src/layouts/Base.astro?astro&type=style&index=0&lang.css'] },
      '/src/views/archive.ts': { deps: ['/src/domain/dates.ts', 'virtual:broken'], dynamicDeps: ['/src/views/feeds.ts'] },
      '/src/domain/dates.ts': { deps: [] },
      '/src/views/feeds.ts': { deps: ['/src/domain/dates.ts'] },
      'virtual:broken': 'fails',
    };
    const asked: string[] = [];
    const environment = {
      transformRequest: (url: string) => {
        asked.push(url);
        const node = graph[url];
        if (node === undefined || node === 'fails') return Promise.reject(new Error(`cannot transform ${url}`));
        return Promise.resolve({ code: '', map: null, deps: node.deps, dynamicDeps: node.dynamicDeps ?? [] });
      },
    } as unknown as DevEnvironment;
    expect(
      await transformAhead(
        environment,
        ['/src/pages/index.astro'],
        createPacer({ sliceMs: 0, probe: { idleMs: () => performance.now() * 2, threadMs: () => 0 } }),
      ),
    ).toBe(5);
    expect(asked.sort()).toEqual([
      '/src/domain/dates.ts',
      '/src/layouts/Base.astro',
      '/src/pages/index.astro',
      '/src/views/archive.ts',
      '/src/views/feeds.ts',
      'virtual:broken',
    ]);
  });
});

describe('after a pass', () => {
  it('tells Astro’s dev app in each page environment that content changed, and the browser to reload', () => {
    const sent: string[] = [];
    const channel = (name: string) => ({
      send: (event: string | { type: string; path?: string }, payload?: unknown) =>
        sent.push(typeof event === 'string' ? `${name} ${event} ${JSON.stringify(payload)}` : `${name} ${event.type} ${event.path}`),
    });
    const server = {
      environments: { ssr: { hot: channel('ssr') }, prerender: { hot: channel('prerender') }, client: { hot: channel('client') } },
    } as unknown as ViteDevServer;
    expect(announceContentChange(server)).toBe(2);
    expect(sent).toEqual(['ssr astro:content-changed {}', 'prerender astro:content-changed {}', 'client full-reload *']);
  });

  it('warns, naming the packages, their versions and the section to read, when a page was served from paths listed before a pass', () => {
    const warning = missWarning({ kind: 'route refresh', why: 'a page was served from stale paths' });
    expect(warning).toContain(
      `did not engage with astro ${installedVersion('astro')}, vite ${installedVersion('vite')}: a page was served from stale paths`,
    );
    expect(warning).toContain('See docs/internals.md, “The preview told of a content change”.');
    expect(readFileSync(new URL('../../docs/internals.md', import.meta.url), 'utf8')).toContain('## The preview told of a content change');
  });
});

describe('the installed Astro, as the preview relies on it', () => {
  const astro = installedFolder('astro');
  const source = (path: string) => readFileSync(join(astro ?? '', path), 'utf8');

  it('renders the pages of `astro dev` in Vite’s "ssr" environment, and names the prerender one "prerender"', () => {
    const constants = source('dist/core/constants.js');
    expect(constants).toMatch(/ssr: "ssr"/);
    expect(constants).toMatch(/prerender: "prerender"/);
    expect(PAGE_ENVIRONMENTS).toEqual(['ssr', 'prerender']);
    expect(source('dist/vite-plugin-astro-server/plugin.js')).toContain(
      'const ssrEnvironment = viteServer.environments[ASTRO_VITE_ENVIRONMENT_NAMES.ssr];',
    );
    // A route's module is loaded by its file URL through that environment's runner.
    expect(source('dist/core/module-loader/vite.js')).toContain('return ssrEnvironment.runner.import(src);');
  });

  it('keeps a route’s listed paths until its dev app hears the event, which it sends itself once its store is written', () => {
    expect(source('dist/core/render/route-cache.js')).toContain('if (cached?.staticPaths && cached.mod === mod) {');
    const app = source('dist/vite-plugin-app/createAstroServerApp.js');
    const handler = app.indexOf(`import.meta.hot.on("${CONTENT_CHANGED_EVENT}"`);
    expect(handler, `Astro's dev app no longer listens to "${CONTENT_CHANGED_EVENT}"`).toBeGreaterThan(-1);
    expect(app.slice(handler, handler + 200)).toContain('getRouteCache(manifest).clearAll();');
    expect(source('dist/content/vite-plugin-content-virtual-mod.js')).toContain(`environment.hot.send("${CONTENT_CHANGED_EVENT}", {});`);
  });
});
