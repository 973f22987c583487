/**
 * One page of each kind the site publishes, for the browser tests that must hold
 * on every kind (accessibility, layout at 320 px, no console or CSP errors).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { distOf, type SiteName } from './sites.ts';
import { serveStatic } from './static-server.ts';

export interface PageType {
  /** What the page is, as test names show it. */
  name: string;
  site: Extract<SiteName, 'real' | 'fixture'>;
  /** Root-relative path, query included. */
  path: string;
  /** For pages that finish rendering after load: waits until they have. */
  ready?: (page: Page) => Promise<void>;
}

/** Pagefind answers after load; until then the page holds no results. */
async function searchResultsShown(page: Page): Promise<void> {
  await page.getByRole('list', { name: 'Search results' }).getByRole('link').first().waitFor({ timeout: 15_000 });
}

export const PAGE_TYPES: readonly PageType[] = [
  { name: 'home', site: 'real', path: '/' },
  { name: 'quote', site: 'real', path: '/quotes/spirit-of-resistance/' },
  { name: 'article', site: 'real', path: '/articles/the-afghan-who-wont-surrender-to-the-taliban/' },
  { name: 'person', site: 'real', path: '/people/ahmad-massoud/' },
  { name: 'quotes list', site: 'real', path: '/quotes/' },
  { name: 'articles list', site: 'real', path: '/articles/' },
  { name: 'people list', site: 'real', path: '/people/' },
  { name: 'tags list', site: 'real', path: '/tags/' },
  { name: 'year archive', site: 'real', path: '/quotes/2021/' },
  { name: 'search', site: 'real', path: '/search/' },
  { name: 'search results', site: 'real', path: '/search/?q=Panjshir', ready: searchResultsShown },
  { name: 'about', site: 'real', path: '/about/' },
  { name: 'not found', site: 'real', path: '/404.html' },
  { name: 'feeds', site: 'real', path: '/feeds/' },
  { name: 'Persian quote', site: 'fixture', path: '/quotes/quote-persian/' },
  { name: 'withdrawn quote', site: 'fixture', path: '/quotes/quote-withdrawn/' },
];

/**
 * Every HTML page of a built site a reader stays on, as root-relative URLs (`/a/b/`
 * for `a/b/index.html`): not the pages left at old addresses that only redirect.
 */
export function readablePagePaths(dist: string): string[] {
  const paths: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.html') && !isRedirect(readFileSync(path, 'utf8'))) {
        paths.push(`/${relative(dist, path).split(sep).join('/')}`);
      }
    }
  };
  visit(dist);
  return paths.map((path) => path.replace(/(^|\/)index\.html$/, '$1')).sort();
}

function isRedirect(html: string): boolean {
  return /<meta\s+http-equiv=["']?refresh/i.test(html);
}

export interface SiteServers {
  /** The address of a page type on its site's server. */
  urlOf(page: Pick<PageType, 'site' | 'path'>): string;
  close(): Promise<void>;
}

/** Serves the real and fixture test builds, each at the root of its own origin. */
export async function serveSites(): Promise<SiteServers> {
  const real = await serveStatic(distOf('real'));
  const fixture = await serveStatic(distOf('fixture')).catch(async (error: unknown) => {
    await real.close();
    throw error;
  });
  const servers = { real, fixture };
  return {
    urlOf: (page) => `${servers[page.site].url}${page.path.replace(/^\//, '')}`,
    close: async () => {
      await Promise.all([real.close(), fixture.close()]);
    },
  };
}
