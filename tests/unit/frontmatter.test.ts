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
    expect(parsed('---\n---\nBody\n')).toEqual({ data: {}, body: 'Body\n', keyLines: new Map(), itemLines: new Map(), bodyLine: 3 });
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

  it('reports a repeated field with both its lines', () => {
    expect(parseFrontmatter('---\ntext: a\nspeaker: b\ntext: c\n---\n')).toEqual({
      ok: false,
      line: 4,
      field: 'text',
      message: 'the field is written twice (lines 2 and 4); a field may appear once',
      fix: 'keep one of the two lines (merge their values if both matter).',
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

describe('YAML mistakes a curator makes, told in plain words', () => {
  const failure = (yaml: string) => {
    const result = parseFrontmatter(`---\n${yaml}\n---\n`);
    if (result.ok) throw new Error(`expected a failure for ${yaml}`);
    return result;
  };

  it('an unquoted ": " inside a value: put the value in quotes, with the line to write', () => {
    expect(failure('text: He said: no surrender\nspeaker: ahmad-massoud')).toEqual({
      ok: false,
      line: 2,
      field: 'text',
      message: 'YAML cannot read this line: the value holds ": ", which YAML takes for the start of another field',
      fix: 'put this value in quotes, because it contains ": ": `text: "He said: no surrender"`.',
    });
  });

  it('a value that starts with a quotation mark and goes on after it', () => {
    expect(failure('text: "What makes" a people strong')).toMatchObject({
      line: 2,
      field: 'text',
      fix: 'put the whole value in quotes: `text: \'"What makes" a people strong\'`.',
    });
    expect(failure("text: 'Tis the season, I'd say")).toMatchObject({
      fix: 'put the whole value in quotes: `text: "\'Tis the season, I\'d say"`.',
    });
    // Both kinds of quotation mark inside: single quotes, the inner one doubled.
    expect(failure(`text: "No" isn't enough`).fix).toBe(`put the whole value in quotes: \`text: '"No" isn''t enough'\`.`);
  });

  it('a tab as indentation', () => {
    expect(failure('withdrawn:\n\tdate: 2021-09-01\n\treason: Retracted')).toMatchObject({
      line: 3,
      message: 'the line is indented with a tab; YAML indents with spaces only',
    });
  });

  it('list items without a space after the dash, which YAML reads as one text', () => {
    expect(failure('tags:\n  -resistance\n  -afghanistan')).toEqual({
      ok: false,
      line: 3,
      field: 'tags',
      message: 'the list items need a space after "-": as written, YAML reads one text, "-resistance -afghanistan"',
      fix: 'write each item as `- item`, with a space after the dash.',
    });
  });

  it('a field written twice, with both lines', () => {
    expect(failure('speaker: a\ndate: 2021-08-23\nspeaker: b')).toMatchObject({
      line: 4,
      field: 'speaker',
      message: 'the field is written twice (lines 2 and 4); a field may appear once',
    });
  });

  it('a value starting with a character YAML reserves', () => {
    expect(failure('text: @SecBlinken said so')).toMatchObject({
      field: 'text',
      message: 'YAML cannot read this value: YAML reserves @ at the start of a value',
      fix: 'put the value in quotes: `text: "@SecBlinken said so"`.',
    });
    expect(failure('text: `ls` is a command').fix).toBe('put the value in quotes: `text: "`ls` is a command"`.');
    expect(failure('text: *Never* surrender').message).toContain('reference to an anchor');
    expect(failure('text: [Sic] the words').message).toContain('start of a list');
    expect(failure('text: | pipes').message).toContain('block of lines');
  });

  it('an unclosed quotation mark or list', () => {
    expect(failure('speaker: a\ntext: "What makes a people\ndate: 2021-08-23')).toMatchObject({
      line: 3,
      field: 'text',
      message: 'the quoted value is not closed: it opens with " and no " ends it on this line',
    });
    expect(failure('tags: [resistance, afghanistan\nspeaker: a')).toMatchObject({
      line: 2,
      field: 'tags',
      message: 'the list opened with [ is not closed with ] on this line',
    });
  });

  it('a field without a space after its colon', () => {
    expect(failure('speaker:ahmad-massoud')).toMatchObject({
      line: 2,
      field: 'speaker',
      fix: 'put a space after the colon: `speaker: ahmad-massoud`.',
    });
    expect(failure('text: Words\nspeaker:ahmad-massoud')).toMatchObject({ line: 3, field: 'speaker' });
  });

  it('a value going on over a line that is not indented', () => {
    expect(failure('text: first line\nsecond line\nspeaker: a')).toMatchObject({
      line: 3,
      message: 'YAML cannot read this line: it is not a `field: value` line, nor indented under one',
    });
  });

  it('mistakes YAML reads in silence but that would change the value', () => {
    expect(failure('text: We are #1 in the world')).toMatchObject({
      line: 2,
      field: 'text',
      message: 'the value is cut short at " #": YAML reads "#1 in the world" as a comment, so the value would be "We are"',
      fix: 'put the value in quotes: `text: "We are #1 in the world"`.',
    });
    expect(failure('text: &co and others')).toMatchObject({ field: 'text', fix: 'put the value in quotes: `text: "&co and others"`.' });
    expect(failure('text: !important words').message).toContain('type tag');
  });

  it('leaves comments, anchors in use and plain values alone', () => {
    expect(parsed('---\ndate: 2021-08-23 #todo\n---\n').data).toEqual({ date: '2021-08-23' });
    expect(parsed('---\ndate: 2021-08-23   # its day\ntags: [a] # a comment\nurl: https://example.org/a#b\n---\n').data).toEqual({
      date: '2021-08-23',
      tags: ['a'],
      url: 'https://example.org/a#b',
    });
    expect(parsed('---\ntext: "He said: no"\nname: O\'Brien\n---\n').data).toEqual({ text: 'He said: no', name: "O'Brien" });
  });

  it('gives the line of each item of a top-level list', () => {
    const file = parsed('---\ntags:\n  - a\n  - b\nauthors: [x, y]\n---\n');
    expect(file.itemLines).toEqual(
      new Map([
        ['tags[0]', 3],
        ['tags[1]', 4],
        ['authors[0]', 5],
        ['authors[1]', 5],
      ]),
    );
  });
});
