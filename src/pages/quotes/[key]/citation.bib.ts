/**
 * /quotes/<id>/citation.bib: the quote's citation as a BibTeX entry, for LaTeX with
 * BibTeX or biblatex.
 *
 * Served by this route only under `astro dev`. A build writes these files from the one
 * bundle of citation files instead (src/pages/quotes/[bundle].json.ts,
 * src/build/integrations/citation-files.ts), as it does `citation.json`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../views/archive.ts';
import { bibtexFileText, CITATION_FILES, citationFilesView } from '../../../views/citations.ts';
import type { CitationInput } from '../../../domain/citation.ts';

export const getStaticPaths = (async () => {
  if (import.meta.env.QTD_CITATIONS_BUNDLED) return [];
  return citationFilesView(await getArchive()).files.map(({ id, citation }) => ({ params: { key: id }, props: { citation } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ citation: CitationInput }> = ({ props }) =>
  new Response(bibtexFileText(props.citation), { headers: { 'Content-Type': CITATION_FILES['citation.bib'] } });
