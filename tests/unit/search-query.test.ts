import { describe, expect, it } from 'vitest';
import { searchTerms, stopWordsFor } from '../../src/browser/search-query.ts';

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
