import { describe, it, expect } from 'vitest';
import { MAX_YAML_ALIASES, parseFrontmatter, type FrontmatterResult, type ParsedFile } from '../../src/content/frontmatter.ts';

function parsed(source: string): ParsedFile {
  const result = parseFrontmatter(source);
  if (!result.ok) throw new Error(`expected front matter to parse: ${result.message}`);
  return result.file;
}

const QUOTE = [
  '---',
  'text: What makes a people strong',
  'speaker: ahmad-massoud',
  'date: 2021-08-23',
  'tags:',
  '  - resistance',
  '  - afghanistan',
  '---',
  'The commentary.',
  '',
].join('\n');

describe('parseFrontmatter', () => {
  it('reads the fields, the body and where each starts', () => {
    const file = parsed(QUOTE);
    expect(file.data).toEqual({
      text: 'What makes a people strong',
      speaker: 'ahmad-massoud',
      date: '2021-08-23',
      tags: ['resistance', 'afghanistan'],
    });
    expect(file.body).toBe('The commentary.\n');
    expect(file.bodyLine).toBe(9);
    expect([...file.keyLines]).toEqual([
      ['text', 2],
      ['speaker', 3],
      ['date', 4],
      ['tags', 5],
    ]);
  });

  it('keeps dates as the strings written, even impossible ones', () => {
    const file = parsed('---\ndate: 2021-02-30\nother: "2021-08-23"\npublished: 2021-08-23T12:56:00-04:00\n---\n');
    expect(file.data).toEqual({
      date: '2021-02-30',
      other: '2021-08-23',
      published: '2021-08-23T12:56:00-04:00',
    });
  });

  it('reads numbers and booleans of the YAML core schema', () => {
    expect(parsed('---\ncount: 3\nflag: true\nnothing: null\n---\n').data).toEqual({
      count: 3,
      flag: true,
      nothing: null,
    });
  });

  it('reads CRLF files like LF files', () => {
    const file = parsed(QUOTE.replace(/\n/g, '\r\n'));
    expect(file.data).toEqual(parsed(QUOTE).data);
    expect([...file.keyLines]).toEqual([...parsed(QUOTE).keyLines]);
    expect(file.bodyLine).toBe(9);
    expect(file.body).toBe('The commentary.\r\n');
  });

  it('reads a file that starts with a byte-order mark', () => {
    const file = parsed(`\uFEFF${QUOTE}`);
    expect(file.data).toEqual(parsed(QUOTE).data);
    expect(file.keyLines.get('text')).toBe(2);
    expect(file.bodyLine).toBe(9);
  });

  it('accepts spaces after the fences', () => {
    expect(parsed('---  \nname: A\n--- \nBody').data).toEqual({ name: 'A' });
  });

  it('reads an empty front matter and a file that ends at the closing fence', () => {
    expect(parsed('---\n---\nBody\n')).toEqual({ data: {}, body: 'Body\n', keyLines: new Map(), bodyLine: 3 });
    expect(parsed('---\nname: A\n---')).toMatchObject({ data: { name: 'A' }, body: '' });
  });

  it('ends the front matter at the first fence, not at a later rule in the body', () => {
    const file = parsed('---\nname: A\n---\nPart one.\n\n---\n\nPart two.\n');
    expect(file.data).toEqual({ name: 'A' });
    expect(file.body).toBe('Part one.\n\n---\n\nPart two.\n');
  });

  it('refuses a file without front matter', () => {
    expect(parseFrontmatter('Just a commentary.\n')).toEqual({
      ok: false,
      line: 1,
      message: 'the file does not start with a front-matter block (a line `---`, the fields, a line `---`)',
    });
    expect(parseFrontmatter('\n---\nname: A\n---\n').ok).toBe(false);
  });

  it('refuses front matter without its closing fence', () => {
    expect(parseFrontmatter('---\nname: A\nBody\n')).toEqual({
      ok: false,
      line: 1,
      message: 'the front matter has no closing `---` line',
    });
  });

  it('reports invalid YAML with its line in the file', () => {
    expect(parseFrontmatter('---\ntext: a\nspeaker: b\ntext: c\n---\n')).toEqual({
      ok: false,
      line: 4,
      message: 'the front matter is not valid YAML: Map keys must be unique',
    });
  });

  it('refuses front matter that is not a map of fields', () => {
    expect(parseFrontmatter('---\n- a\n- b\n---\n')).toEqual({
      ok: false,
      line: 2,
      message: 'the front matter must be a list of `field: value` lines',
    });
    expect(parseFrontmatter('---\njust text\n---\n').ok).toBe(false);
  });
});

describe('where the front matter ends', () => {
  // JavaScript's `^` and `$` (with the m flag) take U+2028 and U+2029 for line ends; YAML and this reader do not.
  it('is not ended by U+2028 inside a comment: the rest of that line stays in the comment', () => {
    const file = parsed('---\nname: A # a note\u2028---\u2028title: hidden\ntext: B\n---\nBody');
    expect(file.data).toEqual({ name: 'A', text: 'B' });
    expect(file.body).toBe('Body');
    expect(file.bodyLine).toBe(5);
  });

  it('is not ended by U+2029 or U+2028 inside a value, quoted or plain', () => {
    const quoted = parsed('---\nname: "A\u2029---\u2029B"\n---\nBody');
    expect(quoted.data).toEqual({ name: 'A\u2029---\u2029B' });
    expect(quoted.body).toBe('Body');
    const plain = parsed('---\nname: A\u2028---\u2028B\ntext: C\n---\nBody');
    expect(plain.data).toEqual({ name: 'A\u2028---\u2028B', text: 'C' });
    expect(plain.bodyLine).toBe(5);
  });

  it('is not ended by a fence followed by U+2028 on its line', () => {
    const result = parseFrontmatter('---\nname: A\n---\u2028\n---\nBody');
    expect(result.ok).toBe(false);
  });

  it('is ended by the first `---` line after a U+2028 line in a CRLF file', () => {
    const file = parsed('---\r\nname: A # c\u2028---\r\n---\r\nBody');
    expect(file.data).toEqual({ name: 'A' });
    expect(file.body).toBe('Body');
  });
});

describe('YAML that would exhaust the reader', () => {
  /** Parses without letting an exception escape the test's own assertion. */
  function attempt(source: string): FrontmatterResult | Error {
    try {
      return parseFrontmatter(source);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  it('refuses an alias bomb with a message and a fix, without expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    }
    const started = performance.now();
    const result = attempt(`---\n${levels.join('\n')}\n---\nBody`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({
      ok: false,
      line: 2,
      message: `the YAML repeats its aliases (\`*name\`) so often that it would expand past any real entry (at most ${MAX_YAML_ALIASES} expansions)`,
    });
    expect(result).toHaveProperty('fix', expect.stringContaining('write each value out instead of repeating it'));
  });

  it('reads a few aliases', () => {
    expect(parsed('---\nbase: &a word\nfirst: *a\nsecond: *a\n---\n').data).toEqual({ base: 'word', first: 'word', second: 'word' });
  });

  it('refuses 10,000 nested `[` (and `{`) as a failed parse, never a thrown error', () => {
    for (const source of [
      `---\nname: ${'['.repeat(10_000)}\n---\nBody`,
      `---\nname: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\nBody`,
      `---\nname: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n---\n`,
    ]) {
      const result = attempt(source);
      expect(result).not.toBeInstanceOf(Error);
      expect(result).toMatchObject({ ok: false, line: 2 });
      expect((result as { message: string }).message).toMatch(/^the (front matter is not valid YAML|YAML is nested too deeply)/);
    }
  });

  it('reads a few levels of nesting', () => {
    expect(parsed('---\nname: [[[a]]]\n---\n').data).toEqual({ name: [[['a']]] });
  });
});
