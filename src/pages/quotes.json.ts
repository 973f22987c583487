/** /quotes.json: every published quote with its full attribution, as open data. */
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { openDataDocument } from '../lib/open-data.ts';
import { siteConfig } from '../site.config.ts';
import { wellFormedJson } from '../lib/well-formed.ts';

export const GET: APIRoute = async () => {
  const document = openDataDocument(await getArchive(), { siteTitle: siteConfig.title, defaultLang: siteConfig.lang });
  return new Response(`${wellFormedJson(document, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
