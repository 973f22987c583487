/**
 * Not a public file: the text of every quote's citation files (`citation.json`,
 * `citation.bib`) in one JSON object (quote id → file name → text). At the end of the
 * build src/build/integrations/citation-files.ts writes each file from it and deletes it.
 *
 * Why one bundle: Astro's cost per route (render, write, and the cache copy of an
 * incremental build) is ~1.5 ms, so 10,000 citation routes took 14–17 s of a cold
 * build at 10,000 quotes; one route and 10,000 direct writes take about a second.
 * A dynamic route only so that it can have a cache key: unchanged citations are not
 * rendered again.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../views/archive.ts';
import { citationFileTexts, citationFilesView, type CitationFilesView } from '../../views/citations.ts';
import { viewKey } from '../../views/page-keys.ts';
import { CITATION_BUNDLE_NAME } from '../../views/citation-bundle.ts';
import { wellFormedJson } from '../../domain/well-formed.ts';

export const getStaticPaths = (async () => {
  // `astro dev` serves each file from its own route (./[key]/citation.json.ts, ./[key]/citation.bib.ts).
  if (!import.meta.env.QTD_CITATIONS_BUNDLED) return [];
  const view = citationFilesView(await getArchive());
  return [{ params: { bundle: CITATION_BUNDLE_NAME }, props: { view }, cacheKey: viewKey(view) }];
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ view: CitationFilesView }> = ({ props: { view } }) => {
  const files = Object.fromEntries(view.files.map(({ id, citation }) => [id, citationFileTexts(citation)]));
  return new Response(wellFormedJson(files), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
