/** The citation data of a quote, from the archive (plain data for src/domain/citation.ts), and its downloadable files. */
import type { Archive, Person, Quote } from './archive.ts';
import type { CitationInput, CitedPerson } from '../domain/citation.ts';
import { absoluteUrl, quoteUrl, sitePath, type UrlSettings } from '../domain/urls.ts';
import { bibtex, cslJson } from '../domain/citation.ts';
import { isoInZone } from '../domain/dates.ts';
import { siteConfig } from '../site.config.ts';
import { wellFormedJson } from '../domain/well-formed.ts';
import { quoteParagraphs } from '../domain/quote-text.ts';

function cited(person: Person | undefined, fallback: string): CitedPerson {
  if (!person) return { name: fallback };
  return person.sortName ? { name: person.name, sortName: person.sortName } : { name: person.name };
}

// The quote's page cites it and its citation.json gives the same data: built once.
const inputs = new WeakMap<Quote, CitationInput>();

export function citationInput(quote: Quote, archive: Archive): CitationInput {
  let input = inputs.get(quote);
  if (!input) {
    input = buildCitationInput(quote, archive);
    inputs.set(quote, input);
  }
  return input;
}

function buildCitationInput(quote: Quote, archive: Archive): CitationInput {
  const article = quote.sourceId ? archive.articleById.get(quote.sourceId) : undefined;
  return {
    quoteText: quoteParagraphs(quote.text).join('\n\n'),
    quoteUrl: absoluteUrl(quoteUrl(quote.id)),
    quoteDate: quote.date,
    speaker: cited(archive.personById.get(quote.speakerId), quote.speakerId),
    siteName: siteConfig.title,
    language: siteConfig.lang,
    ...(article
      ? {
          source: {
            title: article.title,
            ...(article.titleSentenceCase ? { sentenceCaseTitle: article.titleSentenceCase } : {}),
            authors: article.authorIds.map((id) => cited(archive.personById.get(id), id)),
            ...(article.publication ? { publication: article.publication } : {}),
            ...(article.section ? { section: article.section } : {}),
            published: isoInZone(article.publishedMs, article.timeZone),
            ...(article.sourceUrl ? { url: article.sourceUrl } : {}),
            ...(article.sourceUrl && article.archivedUrl ? { archivedUrl: article.archivedUrl } : {}),
          },
        }
      : {}),
  };
}

/** The quotes that have citation files: every quote with a page, except withdrawn ones. */
export function citedQuotes(archive: Archive): Quote[] {
  return archive.quotesWithPages.filter((quote) => quote.status !== 'withdrawn');
}

/** The files each cited quote has beside its page, by name, with their media types. */
export const CITATION_FILES = {
  'citation.json': 'application/vnd.citationstyles.csl+json; charset=utf-8',
  'citation.bib': 'application/x-bibtex; charset=utf-8',
} as const;

export type CitationFileName = keyof typeof CITATION_FILES;

/** Where a quote's citation file is published: beside its page. */
export function citationFileUrl(quoteId: string, name: CitationFileName, settings?: UrlSettings): string {
  return sitePath(['quotes', quoteId, name], { file: true }, settings);
}

/** The text of a quote's `citation.json`: its citation as CSL-JSON. */
export function citationFileText(citation: CitationInput): string {
  return `${wellFormedJson(cslJson(citation), 2)}\n`;
}

/** The text of a quote's `citation.bib`: its citation as a BibTeX entry. */
export function bibtexFileText(citation: CitationInput): string {
  return bibtex(citation).toWellFormed();
}

/** The text of each citation file of a quote, by name. */
export function citationFileTexts(citation: CitationInput): Record<CitationFileName, string> {
  return { 'citation.json': citationFileText(citation), 'citation.bib': bibtexFileText(citation) };
}

/** What the bundle of every citation file holds (src/pages/quotes/[bundle].json.ts): each quote's citation, in order. */
export type CitationFilesView = { files: { id: string; citation: CitationInput }[] };

export function citationFilesView(archive: Archive): CitationFilesView {
  return { files: citedQuotes(archive).map((quote) => ({ id: quote.id, citation: citationInput(quote, archive) })) };
}
