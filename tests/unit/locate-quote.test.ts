import { describe, expect, it } from 'vitest';
import { locateQuote } from '../../src/domain/locate-quote.ts';
import { prepareArticle } from '../../src/domain/quote-match.ts';

const paragraphs = [
  'He answered at length. “We will not leave the valley. Our families are here,',
  '“and our dead are here. Whoever comes will find us waiting.” He left.',
  'The Taliban said nothing.',
];
const article = prepareArticle(paragraphs);

describe('locateQuote', () => {
  it('places a quote within one paragraph: its spans there, no following paragraphs', () => {
    const location = locateQuote('Whoever comes will find us waiting.', article);
    expect(location).toMatchObject({ paragraphIndex: 1, spans: [{ start: 24, end: 59 }] });
    expect(location).not.toHaveProperty('runsOn');
    expect(location?.context.some((piece) => piece.newParagraph)).toBe(false);
  });

  it('places a quote that runs over a paragraph break in each paragraph, and its passage in both', () => {
    const location = locateQuote('Our families are here,\n\nand our dead are here.', article);
    expect(location?.paragraphIndex).toBe(0);
    expect(location?.spans.map((span) => paragraphs[0]?.slice(span.start, span.end))).toEqual(['Our families are here,']);
    expect(location?.runsOn).toEqual([{ paragraphIndex: 1, spans: [{ start: 1, end: 23 }] }]);
    expect(location?.context).toEqual([
      { text: '“We will not leave the valley. ', quoted: false },
      { text: 'Our families are here,', quoted: true },
      { text: '“', quoted: false, newParagraph: true },
      { text: 'and our dead are here.', quoted: true },
      { text: ' Whoever comes will find us waiting.”', quoted: false },
    ]);
  });

  it('finds nothing where the article has no such break', () => {
    expect(locateQuote('Our families are here, and our dead are here.', article)).toBeUndefined();
  });
});
