import { describe, expect, it } from 'vitest';
import { spreadSample } from '../../bench/cards.ts';

describe('the card benchmark’s sample', () => {
  it('takes cards from the whole list, not only its start', () => {
    const cards = [...Array.from({ length: 100 }, (_, i) => `article-${i}`), ...Array.from({ length: 1000 }, (_, i) => `quote-${i}`)];
    const sample = spreadSample(cards, 110);
    expect(sample).toHaveLength(110);
    expect(sample.filter((card) => card.startsWith('article-'))).toHaveLength(10);
    expect(sample.at(-1)).toBe('quote-990');
  });

  it('takes the whole list when it is shorter than the sample, and nothing for an empty sample', () => {
    expect(spreadSample(['a', 'b', 'c'], 10)).toEqual(['a', 'b', 'c']);
    expect(spreadSample(['a', 'b', 'c'], 0)).toEqual([]);
  });
});
