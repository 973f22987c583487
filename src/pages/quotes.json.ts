/** /quotes.json: every published quote with its full attribution, as open data. */
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { openDataView } from '../data/view-models.ts';
import { wellFormedJson } from '../lib/well-formed.ts';

export const GET: APIRoute = async () =>
  new Response(`${wellFormedJson(openDataView(await getArchive()), 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
