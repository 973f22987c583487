import { describe, expect, it } from 'vitest';
import { replaceNonXmlChars, wellFormedJson } from '../../src/domain/well-formed.ts';
import { xmlWellFormednessErrors } from '../support/xml.ts';

const FFFD = '\uFFFD';
const EMOJI = '😀 👩🏽‍🔬 𝒜';
/** What XML 1.0 forbids and content may still hold: NUL, another C0 control, the two BMP noncharacters, lone surrogates. */
const FORBIDDEN = ['\u0000', '\u0001', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF'];

const documentWith = (text: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><title a="${text}">${text}</title></rss>`;

describe('the strict XML check the tests use (saxes)', () => {
  it('rejects each character XML 1.0 forbids, in text and in attributes', () => {
    for (const char of FORBIDDEN) {
      expect(xmlWellFormednessErrors(documentWith(`a${char}b`)).length, JSON.stringify(char)).toBeGreaterThan(0);
      expect(xmlWellFormednessErrors(`<a>x${char}</a>`).length, JSON.stringify(char)).toBeGreaterThan(0);
      expect(xmlWellFormednessErrors(`<a b="${char}x"/>`).length, JSON.stringify(char)).toBeGreaterThan(0);
    }
  });

  it('reads a file as UTF-8 and rejects bytes that are not (an encoded lone surrogate)', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(xmlWellFormednessErrors(bytes(`<a>${EMOJI}</a>`))).toEqual([]);
    expect(xmlWellFormednessErrors(bytes('<a>\u0000</a>'))).not.toEqual([]);
    expect(xmlWellFormednessErrors(new Uint8Array([0x3c, 0x61, 0x3e, 0xed, 0xa0, 0x80, 0x3c, 0x2f, 0x61, 0x3e]))).toEqual([
      'the bytes are not UTF-8',
    ]);
  });

  it('rejects a character reference to one, and a document that is not well-formed', () => {
    expect(xmlWellFormednessErrors('<a>&#0;</a>')).not.toEqual([]);
    expect(xmlWellFormednessErrors('<a>&#xFFFF;</a>')).not.toEqual([]);
    expect(xmlWellFormednessErrors('<a><b></a>')).not.toEqual([]);
    expect(xmlWellFormednessErrors('<a:b/>')).not.toEqual([]);
  });

  it('accepts tab, line feed, carriage return and characters beyond the BMP', () => {
    expect(xmlWellFormednessErrors(documentWith(`a\t\n\r${EMOJI}b`))).toEqual([]);
  });
});

describe('replaceNonXmlChars', () => {
  it('replaces every character XML 1.0 forbids with U+FFFD, one for one', () => {
    for (const char of FORBIDDEN) expect(replaceNonXmlChars(`a${char}b`), JSON.stringify(char)).toBe(`a${FFFD}b`);
    // Apart, so that no two of them make a pair.
    expect(replaceNonXmlChars(FORBIDDEN.join(' '))).toBe(FORBIDDEN.map(() => FFFD).join(' '));
  });

  it('makes a document with them well-formed for a strict parser', () => {
    const text = `NUL\u0000 SOH\u0001 FFFE\uFFFE FFFF\uFFFF lone\uD83D surrogate\uDE00 ${EMOJI}`;
    expect(xmlWellFormednessErrors(documentWith(text))).not.toEqual([]);
    expect(xmlWellFormednessErrors(replaceNonXmlChars(documentWith(text)))).toEqual([]);
  });

  it('keeps characters beyond the BMP (surrogate pairs), tab, line feed, carriage return and other text', () => {
    const text = `${EMOJI}\t\n\r Lévy, پرنده‌ای, U+FFFD ${FFFD}, U+FFFD-adjacent \uFFFC\uFFFD`;
    expect(replaceNonXmlChars(text)).toBe(text);
  });

  it('replaces a lone half next to a pair, and only the half', () => {
    expect(replaceNonXmlChars('😀\uD83D')).toBe(`😀${FFFD}`);
    expect(replaceNonXmlChars('\uDE00😀')).toBe(`${FFFD}😀`);
  });
});

describe('wellFormedJson', () => {
  const hostile = { text: `NUL\u0000 SOH\u0001 FFFE\uFFFE FFFF\uFFFF lone\uD800 half\uDFFF ${EMOJI}`, list: ['\uDBFF', 'ok'] };

  it('writes what JSON.stringify writes when there is nothing to replace, indented or not', () => {
    const value = { a: 'Lévy “quoted” </script>', b: [1, null, true], c: { d: EMOJI, e: 'NUL\u0000' } };
    expect(wellFormedJson(value)).toBe(JSON.stringify(value));
    expect(wellFormedJson(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  it('replaces lone surrogates, in strings and in keys, with U+FFFD', () => {
    const json = wellFormedJson({ ...hostile, ['key\uD800']: 1 }, 2);
    expect(json).not.toMatch(/\\ud[89a-f]/i);
    expect(json.isWellFormed()).toBe(true);
    expect(JSON.parse(json)).toEqual({
      text: `NUL\u0000 SOH\u0001 FFFE\uFFFE FFFF\uFFFF lone${FFFD} half${FFFD} ${EMOJI}`,
      list: [FFFD, 'ok'],
      [`key${FFFD}`]: 1,
    });
  });

  it('keeps NUL, other controls, U+FFFE, U+FFFF and emoji, which JSON allows (controls escaped)', () => {
    const json = wellFormedJson(hostile);
    expect(json).toContain('NUL\\u0000 SOH\\u0001');
    expect(json).toContain('FFFE\uFFFE FFFF\uFFFF');
    expect(json).toContain(EMOJI);
  });

  it('leaves text that only looks like an escaped surrogate alone', () => {
    const value = { path: 'C:\\ud800\\file', text: 'a\uD800' };
    expect(JSON.parse(wellFormedJson(value))).toEqual({ path: 'C:\\ud800\\file', text: `a${FFFD}` });
  });

  it('refuses a value with no JSON form', () => {
    expect(() => wellFormedJson(undefined)).toThrow(TypeError);
  });
});
