/**
 * Sentences of a paragraph, and the passage around a quote that the quote page
 * shows "in context".
 *
 * A sentence ends at `.`, `!`, `?` or an ellipsis, plus any closing quote marks
 * or brackets, when white space and then a capital, a digit or an opening mark
 * follow. A period does not end a sentence after a known abbreviation
 * ("Mr.", "Aug."), an initial or initialism ("Ahmad S. Massoud", "U.S."), or
 * "No." before a number; an elision standing apart from the word before it
 * ("once again, . . . I will") does not either.
 */

import type { TextSpan } from './quote-match.ts';

export interface ContextPiece {
  text: string;
  quoted: boolean;
  /** The piece begins another paragraph of the article (a quote that runs over a paragraph break). */
  newParagraph?: true;
}

// Titles, ranks, months and Latin shorthands that a capitalised name or a number usually follows.
const ABBREVIATIONS = new Set(
  [
    'Mr Mrs Ms Messrs Mme Mlle Dr Prof Rev Hon St Mt Ft Jr Sr Gen Lt Col Capt Sgt Maj Adm Cpl Pvt Sen Rep Gov Pres',
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec',
    'vs cf',
  ]
    .join(' ')
    .split(' '),
);
const BEFORE_NUMBER_ABBREVIATIONS = new Set(['No', 'Nos', 'Vol', 'p', 'pp']);

const TERMINATORS = /[.!?…](?:\s*[.!?…])*/y;
const CLOSERS = /[”’"'»›)\]]*/y;
const CLOSER = /[”’"'»›)\]]/;
const ELLIPSIS = /…|\.[\s\S]*\./;
const WHITE_SPACE = /\s+/y;
const SENTENCE_OPENER = /[\p{Lu}\p{Lt}\p{N}“‘"'«‹([¿¡]/u;
// A lone capital is an initial ("Ahmad S. Massoud"), except the pronoun I.
const INITIALISM = /^(?:\p{L}\.)+\p{L}$|^(?!I$)\p{Lu}$/u;
const WORD_BEFORE = /[\p{L}.]*$/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const ONLY_PUNCTUATION = /^[\s\p{P}]*$/u;

function matchAt(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? '';
}

function periodEndsSentence(text: string, period: number, nextWordStart: number): boolean {
  const word = WORD_BEFORE.exec(text.slice(Math.max(0, period - 40), period))?.[0] ?? '';
  if (ABBREVIATIONS.has(word) || INITIALISM.test(word)) return false;
  if (BEFORE_NUMBER_ABBREVIATIONS.has(word) && /\p{N}/u.test(text.charAt(nextWordStart))) return false;
  return true;
}

/** Start offsets of the sentences of a paragraph; the first is where its text begins. */
export function sentenceBounds(text: string): number[] {
  const firstStart = matchAt(WHITE_SPACE, text, 0).length;
  const starts = [firstStart];
  for (let i = firstStart; i < text.length; i++) {
    const terminators = matchAt(TERMINATORS, text, i);
    if (terminators === '') continue;
    const closers = matchAt(CLOSERS, text, i + terminators.length);
    const space = matchAt(WHITE_SPACE, text, i + terminators.length + closers.length);
    const next = i + terminators.length + closers.length + space.length;
    const endsHere =
      space !== '' &&
      next < text.length &&
      SENTENCE_OPENER.test(text.charAt(next)) &&
      (terminators === '.' ? periodEndsSentence(text, i, next) : true) &&
      // An elision set apart from the word before it is a gap inside the sentence.
      (!ELLIPSIS.test(terminators) || WORD_CHARACTER.test(text.charAt(i - 1)) || CLOSER.test(text.charAt(i - 1)));
    if (endsHere) starts.push(next);
    i += terminators.length - 1;
  }
  return starts;
}

interface SentenceRange {
  start: number;
  end: number;
}

function sentenceRanges(text: string): SentenceRange[] {
  const starts = sentenceBounds(text);
  return starts.map((start, k) => {
    let end = starts[k + 1] ?? text.length;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    return { start, end };
  });
}

function sentenceHolding(ranges: readonly SentenceRange[], offset: number): number {
  let found = 0;
  ranges.forEach((range, k) => {
    if (range.start <= offset) found = k;
  });
  return found;
}

/**
 * The sentences around a quote, split into unquoted and quoted pieces (the
 * spans, relative to the paragraph). The passage runs from the sentence where
 * the quote starts to the one where it ends, widened by one sentence on a side
 * where the quote starts or ends exactly at a sentence boundary (only
 * punctuation, such as a quote mark, between the two), so that the quote is
 * never shown without any context on that side. For a quote that runs over a
 * paragraph break, `fromStart` and `toEnd` widen the passage to the start or the end
 * of the paragraph, so that it reads on from one paragraph to the next.
 */
export function quoteInContext(
  paragraph: string,
  spans: readonly TextSpan[],
  { fromStart = false, toEnd = false }: { fromStart?: boolean; toEnd?: boolean } = {},
): ContextPiece[] {
  const firstSpan = spans[0];
  const lastSpan = spans[spans.length - 1];
  if (!firstSpan || !lastSpan) return [];
  const ranges = sentenceRanges(paragraph);

  const startSentence = sentenceHolding(ranges, firstSpan.start);
  const startRange = ranges[startSentence];
  const startsAtBoundary = startRange !== undefined && ONLY_PUNCTUATION.test(paragraph.slice(startRange.start, firstSpan.start));
  const contextStart = Math.min(firstSpan.start, ranges[startsAtBoundary ? Math.max(0, startSentence - 1) : startSentence]?.start ?? 0);

  const endSentence = sentenceHolding(ranges, Math.max(lastSpan.start, lastSpan.end - 1));
  const endRange = ranges[endSentence];
  const endsAtBoundary =
    endRange !== undefined && ONLY_PUNCTUATION.test(paragraph.slice(lastSpan.end, Math.max(lastSpan.end, endRange.end)));
  const contextEnd = Math.max(
    lastSpan.end,
    ranges[endsAtBoundary ? Math.min(ranges.length - 1, endSentence + 1) : endSentence]?.end ?? paragraph.length,
  );

  const pieces: ContextPiece[] = [];
  const addPiece = (from: number, to: number, quoted: boolean): void => {
    if (to > from) pieces.push({ text: paragraph.slice(from, to), quoted });
  };
  let cursor = fromStart ? 0 : contextStart;
  for (const span of spans) {
    addPiece(cursor, span.start, false);
    addPiece(span.start, span.end, true);
    cursor = span.end;
  }
  addPiece(cursor, toEnd ? paragraph.length : contextEnd, false);
  return pieces;
}
