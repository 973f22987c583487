/**
 * A quote's words through time: the words as first published, each correction's `from`
 * (the words before it), then the current text. The build checks that this chain starts
 * at the words the ledger recorded (src/content/quote-ledger.ts) and that each step
 * changes something (src/content/schema.ts).
 */
import { codePoints } from './quote-match.ts';

/** A correction (src/content/schema.ts): its day, its note, and `from` when it changed the words. */
export interface WordsCorrection {
  date?: string;
  note?: string;
  from?: string | undefined;
}

/** The quote's words through time, as its corrections tell: each `from`, in the list's order, then `text`. */
export function wordsHistory<C extends WordsCorrection>(text: string, corrections: readonly C[]): string[] {
  return [...corrections.flatMap((correction) => (correction.from === undefined ? [] : [correction.from])), text];
}

/** The words a quote was first published with, by its corrections: what the ledger records for it. */
export function firstPublishedWords<C extends WordsCorrection>(text: string, corrections: readonly C[]): string {
  return wordsHistory(text, corrections)[0] as string;
}

/**
 * The words as a reader gets them: canonically equivalent text (NFC) is the same, and any
 * run of white space (a no-break space, a line break in YAML) is one space. Verification
 * reads the same way, so that a retyped space is not a change of the published words;
 * every letter and mark of punctuation still counts.
 */
function readerWords(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Whether two versions of a quote are the same words for a reader (`readerWords`). */
export function sameWords(a: string, b: string): boolean {
  return a === b || readerWords(a) === readerWords(b);
}

/**
 * Where the published words and the current ones part, in whole words with up to four
 * words before: `after “is the spirit of” the published words say “resistance.” where
 * \`text\` now says “defiance.”`. When the characters that differ are not plain ASCII
 * (a Cyrillic “а” for a Latin “a”), their code points follow, since they may look alike.
 */
export function whereTextsDiffer(publishedText: string, currentText: string): string {
  const published = readerWords(publishedText);
  const current = readerWords(currentText);
  let start = 0;
  while (start < published.length && start < current.length && published[start] === current[start]) start++;
  let end = 0;
  while (
    end < published.length - start &&
    end < current.length - start &&
    published[published.length - 1 - end] === current[current.length - 1 - end]
  ) {
    end++;
  }
  const narrow = [published.slice(start, published.length - end), current.slice(start, current.length - end)];
  // Whole words: the shared start and the shared end stop at a word's edge in both texts.
  const edge = (text: string, at: number) => at === 0 || at === text.length || text[at - 1] === ' ' || text[at] === ' ';
  while (start > 0 && !(edge(published, start) && edge(current, start))) start--;
  while (end > 0 && !(edge(published, published.length - end) && edge(current, current.length - end))) end--;
  const before = published.slice(0, start).trim().split(' ').slice(-4).join(' ');
  const around = (text: string) => text.slice(start, text.length - end).trim() || '…';
  const lookalike = narrow.some((part) => /[^\x20-\x7E]/u.test(part ?? ''))
    ? ` (by code point: ${codePoints(narrow[0] ?? '')} where it now has ${codePoints(narrow[1] ?? '')})`
    : '';
  return `${before ? `after “${before}”` : 'at the start'} the published words say “${around(published)}” where \`text\` now says “${around(current)}”${lookalike}`;
}
