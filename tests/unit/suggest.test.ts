import { describe, it, expect } from 'vitest';
import { didYouMean, editDistance, nearest } from '../../src/content/suggest.ts';

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
