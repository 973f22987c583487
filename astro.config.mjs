// @ts-check
// Astro configuration: https://docs.astro.build/en/reference/configuration-reference/
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { siteMarkdownProcessor } from './src/markdown/parallel-renderer.ts';
import { siteConfig } from './src/site.config.ts';
import contentCheck, { checkedContent } from './src/build/integrations/content-check.ts';
import { unpublishedQuoteUrls } from './src/views/sitemap-filter.ts';
import { todayIn } from './src/domain/dates.ts';
import permalinks from './src/build/integrations/permalinks.ts';
import securityHeaders from './src/build/integrations/headers.ts';
import searchIndex from './src/build/integrations/search-index.ts';
import shareCards from './src/build/integrations/share-cards.ts';
import previousOutput from './src/build/integrations/previous-output.ts';
import citationFiles from './src/build/integrations/citation-files.ts';
import buildTimings from './src/build/integrations/build-timings.ts';
import contentStore from './src/build/integrations/content-store.ts';
import preview from './src/build/integrations/preview.ts';

/** Withdrawn and scheduled quotes keep a page (a notice, a draft) but are not listed in the sitemap. */
/** @type {Set<string> | undefined} */
let unpublished;
/** @param {string} page */
function isPublishedPage(page) {
  const content = checkedContent();
  if (!content) return true;
  unpublished ??= unpublishedQuoteUrls(content, todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate));
  return !unpublished.has(page);
}

export default defineConfig({
  site: siteConfig.siteUrl,
  base: siteConfig.basePath,
  // Every public URL ends with a slash (docs/content.md, "What each entry publishes").
  trailingSlash: 'always',
  // Astro's cache (rendered Markdown, share cards) outside node_modules, so that `npm ci` keeps it;
  // tests and benchmarks build several content folders side by side, each with its own.
  cacheDir: process.env.QTD_CACHE_DIR || './.cache/astro',
  // Stylesheets as files: cached across pages, and no inline style, which the CSP forbids.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: siteConfig.buildConcurrency },
  vite: {
    // Scripts always as files, never inlined into the page: the CSP allows no inline script.
    build: { assetsInlineLimit: 0 },
    // `astro dev` watches the project: not the build output, caches and benchmark trees
    // (tens of thousands of folders after `npm run bench`, past the system's watcher limit).
    server: { watch: { ignored: ['**/.tmp/**', '**/.cache/**', '**/dist/**'] } },
  },
  markdown: {
    // No code blocks in this archive; Shiki's inline styles would break the CSP.
    syntaxHighlight: false,
    // Astro 7's default processor (Sätteri) runs no remark/rehype plugin; ours need unified():
    // this is unified() with our plugins (src/markdown/pipeline.ts), rendering the
    // content store's entries on worker threads.
    processor: siteMarkdownProcessor(),
  },
  // Pages whose data and code are unchanged since the last build are copied from the
  // cache instead of rendered (keys: src/views/page-keys.ts). `npm run build -- --force`
  // renders everything.
  experimental: { incrementalBuild: true },
  // previousOutput first: it moves the last build's dist/ aside before anything writes there.
  // citationFiles before the rest: it completes dist/ (a citation.json per quote).
  // permalinks last: it checks and measures the finished dist/.
  integrations: [
    previousOutput(),
    contentCheck(),
    citationFiles(),
    sitemap({ filter: isPublishedPage }),
    securityHeaders(),
    shareCards(),
    buildTimings(),
    contentStore(),
    // astro dev only: pages that answer at once, and show an edit once it is checked.
    preview(),
    searchIndex(),
    permalinks(),
  ],
});
