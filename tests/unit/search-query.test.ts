import { describe, expect, it } from 'vitest';
import { commonWordsMessage, onlyCommonWords, searchTerms, stopWordsFor } from '../../src/browser/search-query.ts';

describe('searchTerms', () => {
  it('leaves the commonest words out of a query that has other words', () => {
    expect(searchTerms('the river', 'en')).toBe('river');
    expect(searchTerms('The Spirit of Resistance', 'en')).toBe('Spirit Resistance');
    expect(searchTerms('freedom, and the law', 'en')).toBe('freedom, law');
  });

  it('searches a query made mostly of common words as typed: it is likely the wording of a quote', () => {
    expect(searchTerms('to be or not to be', 'en')).toBe('to be or not to be');
    expect(searchTerms('the', 'en')).toBe('the');
    expect(searchTerms('to be or that is', 'en')).toBe('to be or that is');
    expect(searchTerms('the heart of the matter', 'en')).toBe('the heart of the matter');
  });

  it('never drops a word that can carry the meaning', () => {
    expect(searchTerms('not afraid', 'en')).toBe('not afraid');
    expect(searchTerms('never surrender', 'en')).toBe('never surrender');
  });

  it('keeps an exact phrase as typed, with curly quotes made straight for Pagefind', () => {
    expect(searchTerms('"the river"', 'en')).toBe('"the river"');
    expect(searchTerms('“of the people”', 'en')).toBe('"of the people"');
  });

  it('drops nothing in a language without a list', () => {
    expect(searchTerms('the river', 'fa')).toBe('the river');
    expect(stopWordsFor('fa').size).toBe(0);
    expect(stopWordsFor('en-GB').has('the')).toBe(true);
  });

  it('leaves an empty query empty', () => {
    expect(searchTerms('', 'en')).toBe('');
  });
});

describe('onlyCommonWords', () => {
  it('names the words of a query made only of the commonest words, lower-cased and once each', () => {
    expect(onlyCommonWords('the', 'en')).toEqual(['the']);
    expect(onlyCommonWords('The', 'en')).toEqual(['the']);
    expect(onlyCommonWords('of the', 'en')).toEqual(['of', 'the']);
    expect(onlyCommonWords('THE the, of.', 'en-GB')).toEqual(['the', 'of']);
  });

  it('counts a phrase of one word as that word, and never asks about a longer phrase', () => {
    expect(onlyCommonWords('“the”', 'en')).toEqual(['the']);
    expect(onlyCommonWords('"the"', 'en')).toEqual(['the']);
    expect(onlyCommonWords('"of the"', 'en')).toBeUndefined();
    expect(onlyCommonWords('“to be or”', 'en')).toBeUndefined();
  });

  it('does not ask about a query with any word that carries meaning', () => {
    // Searched as typed (searchTerms): "not" carries the meaning.
    expect(onlyCommonWords('to be or not to be', 'en')).toBeUndefined();
    expect(onlyCommonWords('the river', 'en')).toBeUndefined();
    expect(onlyCommonWords('not', 'en')).toBeUndefined();
    expect(onlyCommonWords('“the river”', 'en')).toBeUndefined();
  });

  it('asks about nothing in a language without a list, nor about an empty query', () => {
    expect(onlyCommonWords('the', 'fa')).toBeUndefined();
    expect(onlyCommonWords('', 'en')).toBeUndefined();
    expect(onlyCommonWords(' " ” - ', 'en')).toBeUndefined();
  });
});

describe('commonWordsMessage', () => {
  it('says why the page asks, and what the reader can do', () => {
    expect(commonWordsMessage(['the'])).toBe(
      '“the” is on nearly every page, so searching for it alone would download a large part of the index and match everything. Add a word to narrow the search, or search anyway.',
    );
    expect(commonWordsMessage(['of', 'the'])).toBe(
      '“of” and “the” are on nearly every page, so searching for them alone would download a large part of the index and match everything. Add a word to narrow the search, or search anyway.',
    );
    expect(commonWordsMessage(['a', 'of', 'the'])).toMatch(/^“a”, “of” and “the” are on nearly every page/);
  });
});
