import { describe, expect, it } from 'vitest';
import { smartPunctuation } from '../../src/lib/typography.ts';

describe('smart punctuation', () => {
  it('curls double and single quotes by context', () => {
    expect(smartPunctuation('"Don\'t," he said. "It\'s \'fine\'."')).toBe('“Don’t,” he said. “It’s ‘fine’.”');
    expect(smartPunctuation('(“x”) and ("y")')).toBe('(“x”) and (“y”)');
  });

  it('keeps apostrophes in years and possessives', () => {
    expect(smartPunctuation("the '90s and the Massouds' home")).toBe('the ’90s and the Massouds’ home');
  });

  it('turns -- and --- into dashes, and unspaced dots into an ellipsis', () => {
    expect(smartPunctuation('1990--2000 --- then... more')).toBe('1990–2000 — then… more');
  });

  it('keeps spaced ellipses and curly text as written', () => {
    expect(smartPunctuation('resistance. . . . You')).toBe('resistance. . . . You');
    expect(smartPunctuation('resistance.\u00a0.\u00a0. You')).toBe('resistance.\u00a0.\u00a0. You');
    expect(smartPunctuation('The Afghan Who Won’t Surrender')).toBe('The Afghan Who Won’t Surrender');
  });
});
