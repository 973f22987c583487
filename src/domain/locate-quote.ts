/**
 * Where a quote stands in its article, for its page (the passage in context) and for the
 * article's marks: the build does this once per quote when it loads the archive
 * (src/views/archive.ts), and the benchmark times the same call (bench/verify-mark.ts).
 */
import { matchQuote, toParagraphSpans, type PreparedArticle, type TextSpan } from './quote-match.ts';
import { quoteInContext, type ContextPiece } from './sentences.ts';

export interface QuoteLocation {
  paragraphIndex: number;
  /** Spans within the paragraph. */
  spans: TextSpan[];
  context: ContextPiece[];
}

/** The quote's paragraph, its spans there and the passage around them; undefined when not found. */
export function locateQuote(text: string, article: PreparedArticle): QuoteLocation | undefined {
  const result = matchQuote(text, article);
  if (!result.found) return undefined;
  const spans = toParagraphSpans(article, result.paragraphIndex, result.spans);
  const paragraph = article.paragraphs[result.paragraphIndex] ?? '';
  return { paragraphIndex: result.paragraphIndex, spans, context: quoteInContext(paragraph, spans) };
}
