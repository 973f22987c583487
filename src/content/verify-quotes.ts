/**
 * Quote integrity: a quote with a `source` must be found in the visible text of that
 * article (src/content/article-text.ts), by the very search that places its
 * marks (`findQuote`), so that "verified" and "marked at the passage" cannot
 * disagree. The message on failure shows how far the quote matched and where quote
 * and article part ways, so the curator sees the misquote at a glance.
 */
import { describeLookalikeDifference, matchQuote, type PreparedArticle } from '../domain/quote-match.ts';
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

export function verifyQuoteText(text: string, article: PreparedArticle, articlePath: string): VerificationFailure | undefined {
  if (findQuote(text, article)) return undefined;
  const result = matchQuote(text, article);
  if (result.found) return undefined;
  const articleSide = result.articleContinues.slice(0, result.quoteContinues.length);
  const alike = looksAlike(result.quoteContinues, articleSide) ? describeLookalikeDifference(result.quoteContinues, articleSide) : undefined;
  const matched = result.matchedPart
    ? `The first words match (“${result.matchedPart}”), then the quote says “${result.quoteContinues}”${result.articleContinues ? ` where the article says “${result.articleContinues}”` : ''}.`
    : `Not even its first words (“${result.quoteContinues}”) are in the article.`;
  const lookalike = alike ? ` They look alike but are different characters: ${alike}.` : '';
  return {
    message: `is not found in the article ${articlePath}. ${matched}${lookalike}`,
    fix: 'copy the words exactly from the article as it reads on its page (mark left-out words with . . .), or correct `source:`.',
  };
}
