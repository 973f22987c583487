import { describe, it, expect } from 'vitest';
import { textDirection } from '../../src/domain/lang.ts';

describe('textDirection', () => {
  it('is left-to-right without a language', () => {
    expect(textDirection(undefined)).toBe('ltr');
    expect(textDirection('')).toBe('ltr');
  });

  it('is right-to-left for languages written right to left', () => {
    for (const lang of ['ar', 'fa', 'fa-IR', 'fa-AF', 'he', 'iw', 'ur', 'ps', 'yi', 'ckb', 'sd', 'ug', 'dv', 'syr']) {
      expect(textDirection(lang), lang).toBe('rtl');
    }
  });

  it('is left-to-right for other languages', () => {
    for (const lang of ['en', 'en-US', 'fr', 'de-CH', 'zh-Hant-TW', 'hi', 'ru', 'tr']) {
      expect(textDirection(lang), lang).toBe('ltr');
    }
  });

  it('ignores the case and accepts underscores', () => {
    expect(textDirection('AR')).toBe('rtl');
    expect(textDirection('fa_IR')).toBe('rtl');
    expect(textDirection('EN-gb')).toBe('ltr');
  });

  it('follows an explicit script over the language', () => {
    expect(textDirection('az-Arab')).toBe('rtl');
    expect(textDirection('ku-Arab')).toBe('rtl');
    expect(textDirection('pa-Arab')).toBe('rtl');
    expect(textDirection('yi-Hebr')).toBe('rtl');
    expect(textDirection('uz-Arab-AF')).toBe('rtl');
    expect(textDirection('ur-Latn')).toBe('ltr');
    expect(textDirection('sd-Deva')).toBe('ltr');
    expect(textDirection('az-Latn')).toBe('ltr');
  });

  it('reads the script from the script subtag only, not from extensions', () => {
    // Arabic with Latin digits: -u-nu-latn chooses the digits, the text stays right to left.
    expect(textDirection('ar-u-nu-latn')).toBe('rtl');
    expect(textDirection('ar-x-test')).toBe('rtl');
  });

  it('knows Dari by its own code', () => {
    // `prs` (Dari, canonically fa-AF) is how Afghan sources often tag it.
    expect(textDirection('prs')).toBe('rtl');
  });
});
