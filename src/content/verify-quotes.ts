/**
 * Quote integrity: a quote with a `source` must be found in the visible text of that
 * article (src/content/article-text.ts), by the very search that places its
 * marks (`findQuote`), so that "verified" and "marked at the passage" cannot
 * disagree. The message on failure shows how far the quote matched and where quote
 * and article part ways, so the curator sees the misquote at a glance; where they
 * part at a paragraph break, it says whose paragraph ends there and how to write
 * the break (a blank line in `text`).
 */
import { PARAGRAPH_BREAK, describeLookalikeDifference, matchQuote, type PreparedArticle } from '../domain/quote-match.ts';
import { findQuote } from '../markdown/rehype-mark-quotes.ts';

export interface VerificationFailure {
  message: string;
  fix: string;
}

/** What a reader sees of a text: compatibility forms folded, accents, invisible format characters gone, case ignored. */
function skeleton(text: string): string {
  return text.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '').toLowerCase();
}

/**
 * Whether two texts would look the same on screen although their characters differ:
 * the same skeleton, or the same length differing only in non-ASCII characters (a
 * Cyrillic “а” for a Latin “a”).
 */
export function looksAlike(a: string, b: string): boolean {
  if (a === b || a === '' || b === '') return false;
  if (skeleton(a) === skeleton(b)) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && (a.charCodeAt(i) < 0x80 && b.charCodeAt(i) < 0x80)) return false;
  }
  return true;
}

/** A stretch of the quote in a one-line message: a paragraph break shown as ¶. */
function shown(text: string): string {
  return text.replace(PARAGRAPH_BREAK, ' ¶ ').replace(/\s+/g, ' ').trim();
}

const FIX = 'copy the words exactly from the article as it reads on its page (mark left-out words with . . .), or correct `source:`.';

export function verifyQuoteText(text: string, article: PreparedArticle, articlePath: string): VerificationFailure | undefined {
  if (findQuote(text, article)) return undefined;
  const result = matchQuote(text, article);
  if (result.found) return undefined;
  const matchedPart = shown(result.matchedPart);
  if (result.paragraphBreak === 'article') {
    return {
      message:
        `is not found in the article ${articlePath}. The first words match (“${matchedPart}”), then the article’s paragraph ends there, ` +
        `while the quote runs on with “${result.quoteContinues}”${result.articleContinues ? ` (the article’s next paragraph begins “${result.articleContinues}”)` : ''}.`,
      fix:
        'if the quote runs on into the next paragraph, mark the break in `text` with a blank line: write `text: |` and the words on the lines below it, ' +
        `with an empty line between the paragraphs (or leave out the rest of the article’s paragraph with . . . before the blank line); otherwise ${FIX}`,
    };
  }
  if (result.paragraphBreak === 'quote') {
    return {
      message:
        `is not found in the article ${articlePath}. The words match up to “${matchedPart}”, where the quote’s paragraph ends (a blank line in \`text\`), ` +
        `but the article’s paragraph goes on: “${result.articleContinues}”.`,
      fix: 'remove the blank line if the quote goes on in the same paragraph, or mark the rest of the article’s paragraph as left out with . . . before the blank line.',
    };
  }
  const articleSide = result.articleContinues.slice(0, result.quoteContinues.length);
  const alike = looksAlike(result.quoteContinues, articleSide) ? describeLookalikeDifference(result.quoteContinues, articleSide) : undefined;
  const matched = result.matchedPart
    ? `The first words match (“${matchedPart}”), then the quote says “${result.quoteContinues}”${result.articleContinues ? ` where the article says “${result.articleContinues}”` : ''}.`
    : `Not even its first words (“${result.quoteContinues}”) are in the article.`;
  const lookalike = alike ? ` They look alike but are different characters: ${alike}.` : '';
  return {
    message: `is not found in the article ${articlePath}. ${matched}${lookalike}`,
    fix: FIX,
  };
}
