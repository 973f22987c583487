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
