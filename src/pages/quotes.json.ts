/** /quotes.json: every published quote with its full attribution, as open data. */
import type { APIRoute } from 'astro';
import { getArchive } from '../views/archive.ts';
import { openDataView } from '../views/view-models.ts';
import { wellFormedJson } from '../domain/well-formed.ts';

export const GET: APIRoute = async () =>
  new Response(`${wellFormedJson(openDataView(await getArchive()), 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
