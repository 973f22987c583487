/**
 * Quote integrity: a quote with a `source` must be found in the visible text of that
 * article (src/lib/content/article-text.ts), by the very search that places its
 * marks (`findQuote`), so that "verified" and "marked at the passage" cannot
 * disagree. The message on failure shows how far the quote matched and where quote
 * and article part ways, so the curator sees the misquote at a glance.
 */
import { matchQuote, type PreparedArticle } from '../quote-match.ts';
import { findQuote } from '../../plugins/rehype-mark-quotes.ts';

export interface VerificationFailure {
  message: string;
  fix: string;
}

export function verifyQuoteText(text: string, article: PreparedArticle, articlePath: string): VerificationFailure | undefined {
  if (findQuote(text, article)) return undefined;
  const result = matchQuote(text, article);
  if (result.found) return undefined;
  const matched = result.matchedPart
    ? `The first words match (“${result.matchedPart}”), then the quote says “${result.quoteContinues}”${result.articleContinues ? ` where the article says “${result.articleContinues}”` : ''}.`
    : `Not even its first words (“${result.quoteContinues}”) are in the article.`;
  return {
    message: `is not found in the article ${articlePath}. ${matched}`,
    fix: 'copy the words exactly from the article as it reads on its page (mark left-out words with . . .), or correct `source:`.',
  };
}
