import { describe, it, expect } from 'vitest';
import { describe as describeText, pageTitle } from '../../src/views/head.ts';

describe('pageTitle', () => {
  it('adds the site name after the page title', () => {
    expect(pageTitle('Spirit of resistance', 'QTD', false)).toBe('Spirit of resistance · QTD');
  });

  it('closes the quotation marks a shortened title opens, within the length search engines show', () => {
    const title = pageTitle(
      'Ahmad Massoud: “What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance”',
      'QTD',
      false,
    );
    expect(title).toBe('Ahmad Massoud: “What makes a people strong, above and beyond…” · QTD');
    expect(title.length).toBeLessThanOrEqual(70);
  });

  it('is the title alone on the home page or when it is the site name', () => {
    expect(pageTitle('QTD — the quote of the day', 'QTD', true)).toBe('QTD — the quote of the day');
    expect(pageTitle('QTD', 'QTD', false)).toBe('QTD');
  });
});

describe('describe (meta description)', () => {
  it('puts the text on one line', () => {
    expect(describeText('  What makes\n a people   strong  ')).toBe('What makes a people strong');
  });

  it('keeps a text of exactly the maximum length whole', () => {
    const text = 'a'.repeat(160);
    expect(describeText(text)).toBe(text);
  });

  it('cuts a long text at a word boundary, with an ellipsis, within the maximum', () => {
    const text = 'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance.';
    const short = describeText(text, 40);
    expect(short).toBe('What makes a people strong, above and…');
    expect(short.length).toBeLessThanOrEqual(40);
  });

  it('drops punctuation left before the ellipsis', () => {
    expect(describeText('What makes a people strong, above and beyond', 29)).toBe('What makes a people strong…');
  });

  it('closes the quotation marks the kept words open, after the ellipsis, within the maximum', () => {
    const text = '“What makes a people strong, above and beyond any imbalance of forces” — Ahmad Massoud';
    const short = describeText(text, 40);
    expect(short).toBe('“What makes a people strong, above and…”');
    expect(short.length).toBeLessThanOrEqual(40);
    expect(describeText('He said “we ‘never’ give up, whatever the price” and left', 30)).toBe('He said “we ‘never’ give up…”');
  });

  it('cuts inside a word when the first space is too early', () => {
    expect(describeText(`A ${'b'.repeat(40)}`, 20)).toBe(`A ${'b'.repeat(17)}…`);
  });
});
