/** /quotes/<id>/citation.json: the quote's citation as CSL-JSON, for Zotero, Pandoc and other reference managers. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive, type Quote } from '../../../data/archive.ts';
import { citationInput } from '../../../data/citations.ts';
import { cslJson } from '../../../lib/citation.ts';
import { citationKey } from '../../../data/page-keys.ts';

export const getStaticPaths = (async () => {
  const archive = await getArchive();
  return archive.quotesWithPages
    .filter((quote) => quote.status !== 'withdrawn')
    .map((quote) => ({ params: { key: quote.id }, props: { quote }, cacheKey: citationKey(quote, archive) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ quote: Quote }> = async ({ props }) => {
  const archive = await getArchive();
  return new Response(`${JSON.stringify(cslJson(citationInput(props.quote, archive)), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/vnd.citationstyles.csl+json; charset=utf-8' },
  });
};
