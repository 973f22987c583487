// @ts-check
// The benchmark's baseline: a plain Astro site with QTD's page set and none of its
// checks or plugins, to measure what those cost. Build it from the project root:
//   CONTENT_DIR=.tmp/bench/1000/content BUILD_DATE=2026-11-26 npx astro build --root bench/baseline
// BASELINE_MARKDOWN=unified swaps Astro's default Markdown processor (Sätteri) for
// unified(), with no plugin, to show what the processor costs alone.
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';

export default defineConfig({
  site: 'https://baseline.example',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // The benchmark gives each build its own cache (Astro's and Vite's), to measure cold and warm builds.
  ...(process.env.QTD_CACHE_DIR ? { cacheDir: process.env.QTD_CACHE_DIR, vite: { cacheDir: `${process.env.QTD_CACHE_DIR}/vite` } } : {}),
  markdown: process.env.BASELINE_MARKDOWN === 'unified' ? { processor: unified() } : {},
});
