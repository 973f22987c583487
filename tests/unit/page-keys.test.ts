import { describe, it, expect } from 'vitest';
import { digestOf, pageKey, viewKey } from '../../src/views/page-keys.ts';

describe('page cache keys', () => {
  it('are the same for the same data, whatever the objects', () => {
    const speaker = { id: 'ada', name: 'Ada' };
    expect(pageKey(['quote', { id: 'q1', text: 'Words' }, speaker])).toBe(
      pageKey(['quote', { id: 'q1', text: 'Words' }, { id: 'ada', name: 'Ada' }]),
    );
  });

  it('change when any piece changes, and with the order of the pieces', () => {
    const quote = { id: 'q1', text: 'Words' };
    const base = pageKey(['quote', quote, { name: 'Ada' }]);
    expect(pageKey(['quote', quote, { name: 'Ada L.' }])).not.toBe(base);
    expect(pageKey(['quote', { id: 'q1', text: 'Other words' }, { name: 'Ada' }])).not.toBe(base);
    expect(pageKey(['person', quote, { name: 'Ada' }])).not.toBe(base);
    expect(pageKey([{ name: 'Ada' }, quote, 'quote'])).not.toBe(base);
  });

  it('tell a missing piece from an empty one, and a list from its items in a row', () => {
    expect(pageKey(['quote', undefined])).not.toBe(pageKey(['quote', null]));
    expect(pageKey(['quote', undefined])).not.toBe(pageKey(['quote', '']));
    expect(pageKey(['quote', undefined])).not.toBe(pageKey(['quote']));
    expect(pageKey([['a', 'b'], 'c'])).not.toBe(pageKey(['a', ['b', 'c']]));
    expect(pageKey([[], 'a'])).not.toBe(pageKey(['a']));
  });

  it('digest an object once: the archive never changes its objects during a build', () => {
    const person = { name: 'Ada' };
    const first = digestOf(person);
    person.name = 'Changed';
    expect(digestOf(person)).toBe(first);
    expect(digestOf({ name: 'Changed' })).not.toBe(first);
  });

  it('are short, printable strings (Astro stores one per page)', () => {
    const key = pageKey(['quote', { text: 'x'.repeat(10_000) }]);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the key of a view model (viewKey)', () => {
  const item = { id: 'q1', displayText: 'Words', speakerName: 'Ada' };

  it('is the same for equal view models, and changes when one shows one more field or another value', () => {
    const key = viewKey({ items: [item] });
    expect(viewKey({ items: [{ ...item }] })).toBe(key);
    expect(viewKey({ items: [{ ...item, curatorName: 'Jenna' }] })).not.toBe(key);
    expect(viewKey({ items: [{ ...item, speakerName: 'Ada L.' }] })).not.toBe(key);
    expect(viewKey({ items: [item, item] })).not.toBe(key);
  });

  it('takes plain data only: what JSON does not keep would escape the key', () => {
    const one = { people: new Map([['ada', 'Ada']]) };
    const other = { people: new Map([['ada', 'Ada L.']]) };
    // @ts-expect-error a Map is not plain data
    const oneKey = viewKey(one);
    // @ts-expect-error a Map is not plain data
    const otherKey = viewKey(other);
    // A Map's entries are not in its JSON: two different view models would share a key.
    expect(oneKey).toBe(otherKey);
  });
});
