import { describe, it, expect } from 'vitest';
import { fieldAtLine, parseFrontmatter, type ParsedFile } from '../../src/lib/content/frontmatter.ts';

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

describe('fieldAtLine', () => {
  const file = parsed(QUOTE);
  const at = (line: number) => fieldAtLine(file.keyLines, line, file.bodyLine);

  it('names the field on that line', () => {
    expect(at(2)).toBe('text');
    expect(at(4)).toBe('date');
  });

  it('names the field whose block holds a continuation line', () => {
    expect(at(6)).toBe('tags');
    expect(at(7)).toBe('tags');
  });

  it('names the body from the body line on', () => {
    expect(at(9)).toBe('body');
    expect(at(40)).toBe('body');
  });

  it('names nothing before the first field', () => {
    expect(at(1)).toBeUndefined();
  });
});
