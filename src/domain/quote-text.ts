/**
 * A quote's words as a curator writes them in `text`, and as the site shows them.
 *
 * A quote may run across a paragraph break of its source. `text` marks the break
 * with a blank line (in YAML, a `|` block scalar with an empty line between the
 * parts): that is the one form that means "the source's paragraph ends here". Any
 * other white space, a single line break too, is a space between words, as in
 * Markdown. The break is defined once, beside the matcher that verifies it
 * (`PARAGRAPH_BREAK` in src/domain/quote-match.ts, whose code keys the verification
 * cache); the quote page and every one-line form of the quote read it through this
 * module, so that they agree with verification on where the breaks are.
 */

import { PARAGRAPH_BREAK } from './quote-match.ts';

const WHITE_SPACE_RUN = /\s+/g;

/**
 * The quote's paragraphs, in order: `text` split at its blank lines, each with its
 * runs of white space (single line breaks included) made one space and trimmed. A
 * quote without a break is one paragraph; none is empty.
 */
export function quoteParagraphs(text: string): string[] {
  return text
    .split(PARAGRAPH_BREAK)
    .map((part) => part.replace(WHITE_SPACE_RUN, ' ').trim())
    .filter((part) => part !== '');
}

/**
 * The quote on one line, for every place that shows it as a run of text (titles,
 * descriptions, lists, feeds, share cards): its paragraphs joined by a space. A
 * space rather than " … ", because an ellipsis in a quote says that words were left
 * out, and across a paragraph break none were; run-in quotations in the citation
 * manuals do not mark the break either.
 */
export function quoteOnOneLine(text: string): string {
  return quoteParagraphs(text).join(' ');
}
