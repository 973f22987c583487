/**
 * The HTML a quote page offers to copy ("Embed this quote"), for a blog or an article
 * that quotes us. It must read well on any page, whatever its styles, and run nothing:
 * plain elements only (no class, no style, no script), the words in a `<blockquote cite>`,
 * and the attribution outside it, in the `<figcaption>` of a `<figure>`, as HTML wants
 * (a blockquote holds the quotation alone), with a link back to the quote's page. The
 * figure carries the site's language, so that an English caption on a French page is
 * read as English; the quote carries its own when it differs.
 */
import { formatDayLong } from './dates.ts';
import { textDirection } from './lang.ts';
import { nestQuotes } from './quotation-marks.ts';
import { replaceNonXmlChars } from './well-formed.ts';
import { quoteParagraphs } from './quote-text.ts';

export interface EmbedInput {
  /** The quote's words as shown; a blank line separates its paragraphs. */
  text: string;
  /** The quote's language, when it is not the site's. */
  lang?: string | undefined;
  /** Its day as quote of the day, `YYYY-MM-DD`. */
  date: string;
  speakerName: string;
  /** The article the words come from, when it is in the archive. */
  source?: { title: string; publication?: string | undefined } | undefined;
  /** Absolute URL of the quote's page: the link back. */
  pageUrl: string;
  /** Absolute URL of the passage the words were found in (the blockquote's `cite`); the page's otherwise. */
  citeUrl?: string | undefined;
  siteTitle: string;
  siteLang: string;
}

function escapeText(text: string): string {
  return replaceNonXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/**
 * ", in “Title,” <cite>Publication</cite>." or ", in “Title.”", the sentence closed:
 * American usage, a comma or period that follows a title goes inside its closing mark,
 * and none follows a title that ends in ? or !.
 */
function sourceText(source: NonNullable<EmbedInput['source']>): string {
  const title = escapeText(nestQuotes(source.title));
  const ownStop = /[?!]$/.test(source.title);
  if (!source.publication) return `, in “${title}${ownStop ? '' : '.'}”`;
  return `, in “${title}${ownStop ? '' : ','}” <cite>${escapeText(source.publication)}</cite>.`;
}

/** The snippet, indented for whoever pastes it; it ends with a line break. */
export function embedSnippet(input: EmbedInput): string {
  const ownLang = input.lang && input.lang !== input.siteLang ? input.lang : undefined;
  const langAttributes = ownLang ? ` lang="${escapeAttribute(ownLang)}"${textDirection(ownLang) === 'rtl' ? ' dir="rtl"' : ''}` : '';
  const paragraphs = quoteParagraphs(input.text).map((paragraph) => `    <p>${escapeText(paragraph)}</p>`);
  const link = `<a href="${escapeAttribute(input.pageUrl)}">${escapeText(input.siteTitle)}</a>`;
  return [
    `<figure lang="${escapeAttribute(input.siteLang)}">`,
    `  <blockquote cite="${escapeAttribute(input.citeUrl ?? input.pageUrl)}"${langAttributes}>`,
    ...paragraphs,
    '  </blockquote>',
    `  <figcaption>— ${escapeText(input.speakerName)}${input.source ? sourceText(input.source) : '.'} Quote of the day for ${formatDayLong(input.date)}, on ${link}.</figcaption>`,
    '</figure>',
    '',
  ].join('\n');
}
