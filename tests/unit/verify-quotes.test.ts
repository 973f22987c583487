import { describe, expect, it } from 'vitest';
import { looksAlike, verifyQuoteText } from '../../src/content/verify-quotes.ts';
import { prepareArticle } from '../../src/domain/quote-match.ts';

const ARTICLE = prepareArticle(['What makes a people strong is the spirit of resistance.', 'Caf\u00e9 talk went on.']);

describe('verifyQuoteText', () => {
  it('passes words that are in the article, NFD against NFC included', () => {
    expect(verifyQuoteText('What makes a people strong', ARTICLE, 'a.md')).toBeUndefined();
    expect(verifyQuoteText('Cafe\u0301 talk', ARTICLE, 'a.md')).toBeUndefined();
  });

  it('shows where a misquote parts from the article', () => {
    const failure = verifyQuoteText('What makes a nation strong', ARTICLE, 'content/articles/a.md');
    expect(failure?.message).toBe(
      'is not found in the article content/articles/a.md. The first words match (“What makes a”), then the quote says “nation strong” where the article says “people strong is the spirit of”.',
    );
  });

  it('passes a quote that runs over the article’s paragraph break, marked with a blank line', () => {
    expect(verifyQuoteText('the spirit of resistance.\n\nCafe\u0301 talk', ARTICLE, 'a.md')).toBeUndefined();
  });

  it('says that the article’s paragraph ends where a quote runs on without a blank line, and how to mark the break', () => {
    const failure = verifyQuoteText('the spirit of resistance. Café talk went on.', ARTICLE, 'content/articles/a.md');
    expect(failure?.message).toBe(
      'is not found in the article content/articles/a.md. The first words match (“the spirit of resistance.”), then the article’s paragraph ends there, while the quote runs on with “Café talk went on.” (the article’s next paragraph begins “Café talk went on.”).',
    );
    expect(failure?.fix).toMatch(
      /^if the quote runs on into the next paragraph, mark the break in `text` with a blank line: write `text: \|`/,
    );
  });

  it('says that the article’s paragraph goes on where the quote marks a paragraph break', () => {
    const failure = verifyQuoteText('What makes a people strong\n\nCafé talk', ARTICLE, 'content/articles/a.md');
    expect(failure?.message).toBe(
      'is not found in the article content/articles/a.md. The words match up to “What makes a people strong”, where the quote’s paragraph ends (a blank line in `text`), but the article’s paragraph goes on: “is the spirit of resistance.”.',
    );
    expect(failure?.fix).toBe(
      'remove the blank line if the quote goes on in the same paragraph, or mark the rest of the article’s paragraph as left out with . . . before the blank line.',
    );
  });

  it('shows a paragraph break of the quote as ¶ in a message, on one line', () => {
    const failure = verifyQuoteText('the spirit of resistance.\n\nCafé talk went off.', ARTICLE, 'a.md');
    expect(failure?.message).toBe(
      'is not found in the article a.md. The first words match (“the spirit of resistance. ¶ Café talk went”), then the quote says “off.” where the article says “on.”.',
    );
  });

  it('names the code points when quote and article look alike but differ', () => {
    // A Cyrillic “е” (U+0435) in place of the Latin “e”.
    const failure = verifyQuoteText('What makes a p\u0435ople strong', ARTICLE, 'a.md');
    expect(failure?.message).toContain(
      'They look alike but are different characters: “\u0435” (U+0435) where the article has “e” (U+0065).',
    );
  });
});

describe('looksAlike', () => {
  it('is true for confusable letters and compatibility forms, false for other words', () => {
    expect(looksAlike('p\u0435ople', 'people')).toBe(true);
    expect(looksAlike('\uFB01ne', 'fine')).toBe(true);
    expect(looksAlike('nation', 'people')).toBe(false);
    expect(looksAlike('abc', 'abd')).toBe(false);
    expect(looksAlike('same', 'same')).toBe(false);
  });
});
