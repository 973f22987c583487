/**
 * Writes dist/_headers (Netlify, Cloudflare Pages): the CSP as a header, security headers,
 * cache rules; and tells the pages whether to carry the CSP in a <meta> tag: in a build,
 * not in the preview, whose own styles and scripts are inline.
 */
import type { AstroIntegration } from 'astro';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { headersFile } from '../security-headers.ts';
import { siteConfig } from '../../site.config.ts';

export default function securityHeaders(): AstroIntegration {
  return {
    name: 'qtd:headers',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.QTD_PAGE_CSP': JSON.stringify(command === 'build') } } });
      },
      'astro:build:done': async ({ dir }) => {
        await writeFile(join(fileURLToPath(dir), '_headers'), headersFile(siteConfig.basePath));
      },
    },
  };
}
