import { describe, it, expect } from 'vitest';
import { codePointLabel, describeFinding, ligatureLetters, scanText } from '../../src/content/hygiene.ts';

const kinds = (text: string) => scanText(text).map((finding) => `${finding.kind} ${finding.codePoint}`);

describe('scanText: what it reports', () => {
  it('reports the replacement character a PDF copy leaves', () => {
    expect(kinds('the \uFFFDighters at 12\uFFFD56')).toEqual(['replacement U+FFFD', 'replacement U+FFFD']);
  });

  it('reports every ligature code point', () => {
    expect(kinds('\uFB00 \uFB01 \uFB02 \uFB03 \uFB04 \uFB05 \uFB06')).toEqual([
      'ligature U+FB00',
      'ligature U+FB01',
      'ligature U+FB02',
      'ligature U+FB03',
      'ligature U+FB04',
      'ligature U+FB05',
      'ligature U+FB06',
    ]);
  });

  it('reports C0 and C1 control characters', () => {
    expect(kinds('a\u0000b\u0007c\u000Bd\u001Be\u007Ff\u0085g\u009F')).toEqual([
      'control U+0000',
      'control U+0007',
      'control U+000B',
      'control U+001B',
      'control U+007F',
      'control U+0085',
      'control U+009F',
    ]);
  });

  it('reports bidi overrides, embeddings and isolates', () => {
    expect(kinds('\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069')).toEqual([
      'bidi U+202A',
      'bidi U+202B',
      'bidi U+202C',
      'bidi U+202D',
      'bidi U+202E',
      'bidi U+2066',
      'bidi U+2067',
      'bidi U+2068',
      'bidi U+2069',
    ]);
  });

  it('reports zero-width spaces', () => {
    expect(kinds('spi\u200Brit')).toEqual(['zero-width U+200B']);
  });
});

describe('scanText: what it allows', () => {
  it('allows tabs, line feeds and carriage returns', () => {
    expect(scanText('a\tb\r\nc\nd')).toEqual([]);
  });

  it('allows the blank line that marks a paragraph break in a quote’s text, and refuses the paragraph separator instead', () => {
    expect(scanText('Our families are here,\n\n“and our dead are here.”')).toEqual([]);
    expect(scanText('Our families are here,\u2029“and our dead are here.”').map((finding) => finding.kind)).toEqual(['invisible']);
  });

  it('allows ZWNJ and ZWJ, which Persian needs', () => {
    expect(scanText('می\u200Cخواهم \u200D')).toEqual([]);
  });

  it('allows no-break spaces', () => {
    expect(scanText('12\u00A0p.m. and\u202Fthin')).toEqual([]);
  });

  it('allows right-to-left text itself', () => {
    expect(scanText('روحیه مقاومت · רוח')).toEqual([]);
  });

  it('ignores a byte-order mark at the very start, but not in the text', () => {
    expect(scanText('\uFEFF---\ntext: hi\n')).toEqual([]);
    expect(kinds('\uFEFFab\uFEFFc')).toEqual(['zero-width U+FEFF']);
    expect(kinds('ab\uFEFF')).toEqual(['zero-width U+FEFF']);
  });
});

describe('scanText: positions', () => {
  it('gives the 1-based line and column', () => {
    const text = ['---', 'text: the \uFFFDighters', '---', '', 'Body with a\u200Bspace.'].join('\n');
    expect(scanText(text).map(({ kind, line, column }) => ({ kind, line, column }))).toEqual([
      { kind: 'replacement', line: 2, column: 11 },
      { kind: 'zero-width', line: 5, column: 12 },
    ]);
  });

  it('counts the first column of a line as 1', () => {
    expect(scanText('\u202Eabc\n\u202E').map(({ line, column }) => [line, column])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('counts lines the same in CRLF files', () => {
    expect(scanText('a\r\nb\r\n\uFFFD').map(({ line, column }) => [line, column])).toEqual([[3, 1]]);
  });

  it('counts columns after a byte-order mark from the mark', () => {
    expect(scanText('\uFEFFab\uFFFD').map(({ line, column }) => [line, column])).toEqual([[1, 4]]);
  });
});

describe('scanText: context', () => {
  it('shows the characters around it, with the character as its code point', () => {
    const [finding] = scanText('Afghan \uFFFDighters will fight on');
    expect(finding?.context).toBe('Afghan [U+FFFD]ighters will');
  });

  it('puts the context on one line', () => {
    const [finding] = scanText('line one\nthe \uFFFDighters\nline three');
    expect(finding?.context).toBe('ine one the [U+FFFD]ighters line');
  });

  it('puts the context on one line in CRLF files too', () => {
    // A raw carriage return in a terminal sends the cursor back over the message.
    const [finding] = scanText('one\r\nthe \uFFFDighters\r\nthree');
    expect(finding?.context).toBe('one the [U+FFFD]ighters thr');
  });

  it('never shows another invisible character raw in the context', () => {
    // A raw U+202E in a terminal would reverse the rest of the message line.
    const [first] = scanText('x\u200By\u202Ez');
    expect(first?.context).toBe('x[U+200B]y[U+202E]z');
  });
});

describe('describeFinding', () => {
  const messageOf = (text: string) => {
    const [finding] = scanText(text);
    if (!finding) throw new Error('no finding');
    return describeFinding(finding);
  };

  it('says what was found, where, and what to do', () => {
    expect(messageOf('the \uFFFDighters')).toEqual({
      message: 'a broken character (U+FFFD, the copy lost a character here) at column 5: "the [U+FFFD]ighters"',
      fix: 'replace it with the character(s) of the original, e.g. "fi" in "�ighters" or ":" in "12�56" (npm run import guesses them).',
    });
    expect(messageOf('\uFB01ghters').message).toBe('a ligature code point U+FB01 at column 1: "[U+FB01]ghters"');
    expect(messageOf('a\u0007').fix).toBe('delete it; it is not text.');
    expect(messageOf('a\u202Eb').message).toContain('bidirectional override/isolate U+202E at column 2');
    expect(messageOf('a\u200Bb').fix).toContain('ZWNJ U+200C and ZWJ U+200D');
  });

  it('says which line of a value written over several lines holds the character', () => {
    const [finding] = scanText('Our families are here,\n\nand our \uFFFDead');
    if (!finding) throw new Error('no finding');
    expect(describeFinding(finding, { inValue: true }).message).toBe(
      'a broken character (U+FFFD, the copy lost a character here) at column 9 of the value\'s line 3: "e,  and our [U+FFFD]ead"',
    );
    expect(describeFinding(finding).message).toContain('at column 9: ');
    const [onFirstLine] = scanText('the \uFFFDighters\n\nmore');
    if (!onFirstLine) throw new Error('no finding');
    expect(describeFinding(onFirstLine, { inValue: true }).message).toContain('at column 5: ');
  });
});

describe('helpers', () => {
  it('labels code points as U+XXXX', () => {
    expect(codePointLabel('\uFFFD')).toBe('U+FFFD');
    expect(codePointLabel('\u0007')).toBe('U+0007');
    expect(codePointLabel('😀')).toBe('U+1F600');
  });

  it('spells out ligatures', () => {
    expect(ligatureLetters('\uFB01')).toBe('fi');
    expect(ligatureLetters('\uFB03')).toBe('ffi');
    expect(ligatureLetters('f')).toBeUndefined();
  });
});
