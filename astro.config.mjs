// @ts-check
// Astro configuration: https://docs.astro.build/en/reference/configuration-reference/
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import { siteConfig } from './src/site.config.ts';
import contentCheck from './src/integrations/content-check.ts';
import { contentSanitizeSchema } from './src/plugins/sanitize-schema.ts';

export default defineConfig({
  site: siteConfig.siteUrl,
  base: siteConfig.basePath,
  // Every public URL ends with a slash (DESIGN.md, "Pages and URLs").
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // Astro 7's default processor (Sätteri) runs no remark/rehype plugin; ours need unified.
    processor: unified({
      // Raw HTML in Markdown is parsed, then sanitised: content comes from many hands.
      remarkRehype: { allowDangerousHtml: true },
      rehypePlugins: [rehypeRaw, [rehypeSanitize, contentSanitizeSchema]],
      smartypants: true,
    }),
  },
  integrations: [contentCheck(), sitemap()],
});
