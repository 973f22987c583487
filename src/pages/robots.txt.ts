/** /robots.txt: everything may be crawled; the sitemap lists the published pages. */
import type { APIRoute } from 'astro';
import { absoluteUrl, sitePath } from '../domain/urls.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(sitePath(['sitemap-index.xml'], { file: true }))}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
