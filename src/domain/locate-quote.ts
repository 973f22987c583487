/**
 * Where a quote stands in its article, for its page (the passage in context) and for the
 * article's marks: the build does this once per quote when it loads the archive
 * (src/views/archive.ts), and the benchmark times the same call (bench/verify-mark.ts).
 */
import { matchQuote, paragraphSpans, type PreparedArticle, type TextSpan } from './quote-match.ts';
import { quoteInContext, type ContextPiece } from './sentences.ts';

export interface QuoteLocation {
  /** The paragraph the quote begins in. */
  paragraphIndex: number;
  /** Spans within that paragraph. */
  spans: TextSpan[];
  /** The next paragraphs a quote that runs over a paragraph break goes on in, with its spans in each; absent for other quotes. */
  runsOn?: { paragraphIndex: number; spans: TextSpan[] }[] | undefined;
  /** The passage around the quote; a piece that begins another paragraph says so (`newParagraph`). */
  context: ContextPiece[];
}

/** The quote's paragraphs, its spans there and the passage around them; undefined when not found. */
export function locateQuote(text: string, article: PreparedArticle): QuoteLocation | undefined {
  const result = matchQuote(text, article);
  if (!result.found) return undefined;
  const [first, ...runsOn] = paragraphSpans(article, result.spans);
  if (!first) return undefined;
  const last = runsOn.length;
  const context = [first, ...runsOn].flatMap((group, k): ContextPiece[] => {
    const pieces = quoteInContext(article.paragraphs[group.paragraphIndex] ?? '', group.spans, { fromStart: k > 0, toEnd: k < last });
    return k > 0 ? pieces.map((piece, i) => (i === 0 ? { ...piece, newParagraph: true } : piece)) : pieces;
  });
  return { paragraphIndex: first.paragraphIndex, spans: first.spans, ...(runsOn.length > 0 ? { runsOn } : {}), context };
}
