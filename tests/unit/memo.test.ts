import { describe, it, expect } from 'vitest';
import { memoize2 } from '../../src/domain/memo.ts';

describe('memoize2', () => {
  it('computes each pair of arguments once and tells pairs apart', () => {
    const calls: string[] = [];
    const joined = memoize2((a: string, b: number) => {
      calls.push(`${a}/${b}`);
      return `${a}:${b}`;
    });
    expect([joined('x', 1), joined('x', 1), joined('x', 2), joined('y', 1)]).toEqual(['x:1', 'x:1', 'x:2', 'y:1']);
    expect(calls).toEqual(['x/1', 'x/2', 'y/1']);
  });

  it('remembers undefined results too', () => {
    let calls = 0;
    const nothing = memoize2((_a: number, _b: number) => {
      calls += 1;
      return undefined;
    });
    nothing(1, 1);
    nothing(1, 1);
    expect(calls).toBe(1);
  });
});
