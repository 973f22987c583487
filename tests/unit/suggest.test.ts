import { describe, it, expect } from 'vitest';
import { didYouMean, editDistance, nearest, suggestions } from '../../src/content/suggest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('speaker', 'speakr')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('is symmetric', () => {
    expect(editDistance('resistence', 'resistance')).toBe(editDistance('resistance', 'resistence'));
  });
});

describe('nearest', () => {
  const fields = ['text', 'speaker', 'source', 'date', 'curator', 'context', 'lang', 'tags'];

  it('finds the likely intended value', () => {
    expect(nearest('speakr', fields)).toBe('speaker');
    expect(nearest('contxt', fields)).toBe('context');
    expect(nearest('ahmad-masoud', ['ahmad-massoud', 'jenna-lee'])).toBe('ahmad-massoud');
  });

  it('ignores case when comparing, and returns the known spelling', () => {
    expect(nearest('Speaker', fields)).toBe('speaker');
    expect(nearest('RESISTANCE', ['resistance'])).toBe('resistance');
  });

  it('suggests nothing when no value is near enough', () => {
    expect(nearest('xyz', ['resistance', 'afghanistan'])).toBeUndefined();
    expect(nearest('publisher', fields)).toBeUndefined();
    expect(nearest('anything', [])).toBeUndefined();
  });

  it('tolerates more typos in longer values', () => {
    // Three edits in a 13-letter id are still a typo; in a 4-letter one they are another word.
    expect(nearest('ahmd-masod', ['ahmad-massoud'])).toBe('ahmad-massoud');
    expect(nearest('dxyz', ['date'])).toBeUndefined();
  });

  it('breaks ties alphabetically, whatever the order given', () => {
    expect(nearest('ab', ['ac', 'ab2'])).toBe('ab2');
    expect(nearest('ab', ['ab2', 'ac'])).toBe('ab2');
  });
});

describe('didYouMean', () => {
  it('writes the suggestion as a sentence, or nothing', () => {
    expect(didYouMean('resistence', ['resistance', 'afghanistan'])).toBe(' Did you mean "resistance"?');
    expect(didYouMean('xyz', ['resistance'])).toBe('');
  });

  it('takes any iterable', () => {
    expect(didYouMean('afganistan', new Set(['afghanistan']))).toBe(' Did you mean "afghanistan"?');
  });
});

describe('suggestions by whole words', () => {
  const people = ['winston-churchill', 'randolph-churchill', 'ahmad-massoud', 'jenna-lee', 'start-up'];

  it('offers the ids that hold the written words, shortest first', () => {
    expect(suggestions('churchill', people)).toEqual(['winston-churchill', 'randolph-churchill']);
    expect(suggestions('massoud', people)).toEqual(['ahmad-massoud']);
    expect(suggestions('Winston Churchill', people)).toEqual(['winston-churchill']);
  });

  it('offers an id that the written value holds', () => {
    expect(suggestions('sir-winston-churchill', people)).toEqual(['winston-churchill']);
  });

  it('puts a likely typo first and keeps to the limit', () => {
    expect(suggestions('ahmad-masoud', people)).toEqual(['ahmad-massoud']);
    expect(suggestions('churchil', people)).toEqual([]);
    expect(suggestions('ab', ['ab-long-name', 'ab-other-name'])).toEqual([]);
    expect(suggestions('lee', ['lee-a', 'lee-b', 'lee-c', 'lee-d'], 2)).toEqual(['lee-a', 'lee-b']);
  });

  it('matches whole words only', () => {
    expect(suggestions('art', ['start-up', 'artistic'])).toEqual([]);
    expect(suggestions('start', ['start-up'])).toEqual(['start-up']);
  });

  it('is written as one sentence', () => {
    expect(didYouMean('churchill', people)).toBe(' Did you mean "winston-churchill" or "randolph-churchill"?');
    expect(didYouMean('lee', ['lee-a', 'lee-b', 'lee-c'])).toBe(' Did you mean "lee-a", "lee-b" or "lee-c"?');
  });
});
