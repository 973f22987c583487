import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { matchQuote, toParagraphSpans, type TextSpan } from '../../src/domain/quote-match.ts';
import { quoteInContext, sentenceBounds, type ContextPiece } from '../../src/domain/sentences.ts';

// The source documents of the first content, copied into the repository.
const SEEDS_DIR = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

function sentences(text: string): string[] {
  const starts = sentenceBounds(text);
  return starts.map((start, k) => text.slice(start, starts[k + 1] ?? text.length).trim());
}

/** Spans of the given pieces of a paragraph, each taken at its first occurrence. */
function spansOf(paragraph: string, ...pieces: string[]): TextSpan[] {
  return pieces.map((piece) => {
    const start = paragraph.indexOf(piece);
    if (start < 0) throw new Error(`"${piece}" is not in the paragraph`);
    return { start, end: start + piece.length };
  });
}

const contextText = (pieces: readonly ContextPiece[]): string => pieces.map((piece) => piece.text).join('');
const quotedTexts = (pieces: readonly ContextPiece[]): string[] => pieces.filter((piece) => piece.quoted).map((piece) => piece.text);

describe('sentenceBounds', () => {
  it('splits at full stops, question and exclamation marks', () => {
    expect(sentences('So why talk? Because I must! I will go. Then rest.')).toEqual([
      'So why talk?',
      'Because I must!',
      'I will go.',
      'Then rest.',
    ]);
  });

  it('starts the first sentence where the text begins', () => {
    expect(sentenceBounds('  Still, his message. Is clear.')).toEqual([2, 22]);
    expect(sentenceBounds('')).toEqual([0]);
  });

  it('does not split after titles and other abbreviations', () => {
    for (const text of [
      'I visited Mr. Massoud in Panjshir.',
      'Mrs. Dalloway and Ms. Smith met Dr. Watson.',
      'Gen. Gordon, Sen. Smith and Rep. Jones met Gov. Brown.',
      'Lt. Col. Capt. Sgt. Prof. Jr. Sr. Doe went to St. Louis.',
      'He admired Gen. de Gaulle.',
    ]) {
      expect(sentences(text), text).toEqual([text]);
    }
  });

  it('does not split after month abbreviations', () => {
    expect(sentences('He said on Aug. 16. Then he left.')).toEqual(['He said on Aug. 16.', 'Then he left.']);
    for (const text of ['It was Jan. 5 and Feb. 6.', 'From Sept. 9, 2001, to Oct. 7 and Nov. 3.', 'On Dec. 24 it snowed.']) {
      expect(sentences(text), text).toEqual([text]);
    }
  });

  it('does not split after initials, initialisms or "No." before a number', () => {
    expect(sentences('Rumors circulated in Europe and the U.S. that he gave up.')).toHaveLength(1);
    expect(sentences('The U.K. Parliament met.')).toHaveLength(1);
    expect(sentences('Ahmad S. Massoud spoke.')).toHaveLength(1);
    expect(sentences('He wore No. 5 all season.')).toHaveLength(1);
    expect(sentences('He said no. Nothing more.')).toHaveLength(2);
    expect(sentences('He was taller than I. Nobody minded.')).toHaveLength(2);
  });

  it('splits after closing quote marks and brackets that follow the stop', () => {
    expect(sentences('“Only we remain standing,” he said to him.” Next came war.')).toEqual([
      '“Only we remain standing,” he said to him.”',
      'Next came war.',
    ]);
    expect(sentences('Was he “withdrawing?” “I repeat that this is disinformation.')).toEqual([
      'Was he “withdrawing?”',
      '“I repeat that this is disinformation.',
    ]);
    expect(sentences('He left (for good.) Then silence.')).toEqual(['He left (for good.)', 'Then silence.']);
    expect(sentences('He said “yes.” and left.')).toHaveLength(1);
  });

  it('does not split inside numbers or at a stop without a capital after it', () => {
    expect(sentences('It cost 3.5 million. That was all.')).toEqual(['It cost 3.5 million.', 'That was all.']);
    expect(sentences('the latter assassinated him. and then')).toHaveLength(1);
  });

  it('splits after a sentence that ends in an elision, not at an elision inside one', () => {
    expect(sentences('the spirit of resistance. . . . You must believe.')).toEqual([
      'the spirit of resistance. . . .',
      'You must believe.',
    ]);
    expect(sentences('But, once again, . . . I will never accept it.')).toHaveLength(1);
    expect(sentences('the astronomy I learned . . . at King’s College.')).toHaveLength(1);
    expect(sentences('I prefer peace over war, … But I will fight.')).toHaveLength(1);
  });
});

function seedParagraph(firstWords: string): string {
  const text = readFileSync(join(SEEDS_DIR, '001_fd795551776f3598.txt'), 'utf8');
  const block = text.split(/\n\s*\n/).find((candidate) => candidate.startsWith(firstWords));
  if (!block) throw new Error(`no paragraph starting "${firstWords}"`);
  return block
    .split('\n')
    .map((line) => line.trimStart())
    .join(' ');
}

describe('quoteInContext', () => {
  const paragraph = seedParagraph('Mr. Massoud may seem an unlikely warrior.');

  it('shows the pulled quote of the seed from "But he is determined" to "inside him."', () => {
    const seedQuote = readFileSync(join(SEEDS_DIR, '000_70825e9b99ccf998.txt'), 'utf8').split('\n')[3] ?? '';
    const result = matchQuote(seedQuote.slice(1, -1), [paragraph]);
    if (!result.found) throw new Error('the seed quote should match its paragraph');
    const spans = toParagraphSpans([paragraph], result.paragraphIndex, result.spans);
    const pieces = quoteInContext(paragraph, spans);

    const text = contextText(pieces);
    expect(text.startsWith('But he is determined')).toBe(true);
    expect(text.endsWith('inside him.')).toBe(true);
    expect(paragraph).toContain(text);
    expect(quotedTexts(pieces)).toEqual(spans.map((span) => paragraph.slice(span.start, span.end)));
    expect(pieces.map((piece) => piece.quoted)).toEqual([false, true, false, true, false]);
    expect(pieces[2]?.text).toBe('. .\u00a0.\u00a0. ');
  });

  it('keeps to the sentence when the quote lies inside it', () => {
    const pieces = quoteInContext(paragraph, spansOf(paragraph, 'books, gardens and the astronomy'));
    expect(contextText(pieces)).toBe(
      '“I love three things in this world,” he said last year: “books, gardens and the astronomy I learned .\u00a0.\u00a0. ' +
        'at King’s College London, which instilled in me the habit of looking each night at the sky and its constellations.”',
    );
    expect(pieces.map((piece) => piece.quoted)).toEqual([false, true, false]);
  });

  it('adds the sentence before when the quote starts a sentence, even after an opening quote mark', () => {
    const pieces = quoteInContext(paragraph, spansOf(paragraph, 'I love three things in this world'));
    expect(contextText(pieces)).toBe(
      'Mr. Massoud may seem an unlikely warrior. “I love three things in this world,” he said last year: “books, ' +
        'gardens and the astronomy I learned .\u00a0.\u00a0. at King’s College London, which instilled in me the habit of ' +
        'looking each night at the sky and its constellations.”',
    );
  });

  it('adds the sentence after when the quote ends a sentence', () => {
    const pieces = quoteInContext(paragraph, spansOf(paragraph, 'He never had any doubt.'));
    expect(contextText(pieces)).toBe(
      'My father had that strength inside him. He never had any doubt. I will do my utmost to be worthy of his ' +
        'example, his resolve and his quiet courage.”',
    );
    expect(quotedTexts(pieces)).toEqual(['He never had any doubt.']);
  });

  it('stops at the edges of the paragraph', () => {
    const first = quoteInContext(paragraph, spansOf(paragraph, 'Mr. Massoud may seem'));
    expect(contextText(first)).toBe('Mr. Massoud may seem an unlikely warrior.');
    expect(first[0]).toEqual({ text: 'Mr. Massoud may seem', quoted: true });
    const last = quoteInContext(paragraph, spansOf(paragraph, 'his quiet courage'));
    expect(contextText(last)).toBe('I will do my utmost to be worthy of his example, his resolve and his quiet courage.”');
    const whole = quoteInContext('One sentence only.', [{ start: 0, end: 18 }]);
    expect(whole).toEqual([{ text: 'One sentence only.', quoted: true }]);
  });

  it('returns nothing for no spans', () => {
    expect(quoteInContext(paragraph, [])).toEqual([]);
  });
});

describe('quoteInContext for a quote that runs over a paragraph break', () => {
  const first = 'He answered at length. “We will not leave the valley. Our families are here,';
  const second = '“and our dead are here. Whoever comes will find us waiting.” He left. We stayed.';

  it('reads on to the end of the first paragraph and from the start of the next', () => {
    const tail = spansOf(first, 'Our families are here,');
    expect(contextText(quoteInContext(first, tail, { toEnd: true }))).toBe('“We will not leave the valley. Our families are here,');
    const head = spansOf(second, 'and our dead are here.');
    const pieces = quoteInContext(second, head, { fromStart: true });
    expect(contextText(pieces)).toBe('“and our dead are here. Whoever comes will find us waiting.”');
    expect(pieces.map((piece) => piece.quoted)).toEqual([false, true, false]);
  });

  it('leaves a paragraph the quote ends in as it was without the options', () => {
    const head = spansOf(second, 'Whoever comes');
    expect(quoteInContext(second, head, { fromStart: false, toEnd: false })).toEqual(quoteInContext(second, head));
  });
});
