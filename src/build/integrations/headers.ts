/** Writes dist/_headers (Netlify, Cloudflare Pages): the CSP as a header, security headers, cache rules. */
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
      'astro:build:done': async ({ dir }) => {
        await writeFile(join(fileURLToPath(dir), '_headers'), headersFile(siteConfig.basePath));
      },
    },
  };
}
