/**
 * /quotes/<id>/citation.json: the quote's citation as CSL-JSON, for Zotero, Pandoc and
 * other reference managers.
 *
 * Served by this route only under `astro dev`. A build writes these files from one
 * bundle instead (src/pages/quotes/[bundle].json.ts, src/build/integrations/citation-files.ts):
 * as 10,000 routes they cost Astro ~1.5 ms each, 15 s of a cold build at 10,000 quotes.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../views/archive.ts';
import { CITATION_FILES, citationFileText, citationFilesView } from '../../../views/citations.ts';
import type { CitationInput } from '../../../domain/citation.ts';

export const getStaticPaths = (async () => {
  if (import.meta.env.QTD_CITATIONS_BUNDLED) return [];
  return citationFilesView(await getArchive()).files.map(({ id, citation }) => ({ params: { key: id }, props: { citation } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ citation: CitationInput }> = ({ props }) =>
  new Response(citationFileText(props.citation), { headers: { 'Content-Type': CITATION_FILES['citation.json'] } });
