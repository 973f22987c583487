/**
 * Quote integrity: a quote with a `source` must be found in that article's text.
 * The message on failure shows how far the quote matched and where quote and
 * article part ways, so the curator sees the misquote at a glance.
 */
import { matchQuote } from '../quote-match.ts';
import { articleParagraphs } from './article-text.ts';
import type { ArticleData, QuoteData } from './schema.ts';
import type { ValidatedEntry } from './validate.ts';

export function verifyQuoteAgainstArticle(
  quote: ValidatedEntry<QuoteData>,
  article: ValidatedEntry<ArticleData>,
): { message: string; fix: string } | undefined {
  // articleParagraphs is memoised by body: the quotes of one article share one parse.
  const result = matchQuote(quote.data.text, articleParagraphs(article.body));
  if (result.found) return undefined;
  const matched = result.matchedPart
    ? `The first words match (“${result.matchedPart}”), then the quote says “${result.quoteContinues}”${result.articleContinues ? ` where the article says “${result.articleContinues}”` : ''}.`
    : `Not even its first words (“${result.quoteContinues}”) are in the article.`;
  return {
    message: `is not found in the article ${article.path}. ${matched}`,
    fix: 'copy the words exactly from the article (mark left-out words with . . .), or correct `source:`.',
  };
}
