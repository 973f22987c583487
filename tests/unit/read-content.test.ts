import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { contentFolderPath, readContentFolder } from '../../src/content/read-content.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project with the given files (path relative to content/, bytes or UTF-8 text). */
function project(files: Record<string, string | Uint8Array>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'qtd-read-')));
  made.push(root);
  for (const [path, contents] of Object.entries(files)) {
    const absolute = join(root, 'content', path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, contents);
  }
  mkdirSync(join(root, 'content'), { recursive: true });
  return root;
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

const PERSON = '---\nname: Someone\n---\nA person.\n';

describe('readContentFolder', () => {
  it('reads every listed file as text, with its collection, and the tag registry', async () => {
    const root = project({ 'people/a.md': PERSON, 'quotes/2021/q.md': '---\ntext: Words\n---\n', 'tags.yaml': '- id: x\n  name: X\n' });
    const folder = await readContentFolder(root, 'content');
    expect(folder).toEqual({
      files: [
        { path: 'content/people/a.md', collection: 'people', text: PERSON },
        { path: 'content/quotes/2021/q.md', collection: 'quotes', text: '---\ntext: Words\n---\n' },
      ],
      tagsFile: { path: 'content/tags.yaml', text: '- id: x\n  name: X\n' },
      issues: [],
    });
  });

  it('passes on what the listing refused, and reads none of it', async () => {
    const root = project({ 'people/a.md': PERSON, 'people/b.MD': PERSON, 'people/.c.md': PERSON });
    const folder = await readContentFolder(root, 'content');
    expect(folder.files.map((file) => file.path)).toEqual(['content/people/a.md']);
    expect(folder.issues.map((found) => found.file)).toEqual(['content/people/.c.md', 'content/people/b.MD']);
    expect(folder.tagsFile).toBeUndefined();
  });

  it('takes the content folder relative to the project, or absolute', () => {
    expect(contentFolderPath('/project', 'content')).toBe('/project/content');
    expect(contentFolderPath('/project', '.tmp/bench/content')).toBe('/project/.tmp/bench/content');
    expect(contentFolderPath('/project', '/elsewhere/content')).toBe('/elsewhere/content');
  });
});

describe('strict UTF-8', () => {
  it('refuses Latin-1 bytes with the line they are on, instead of reading U+FFFD', async () => {
    // "André" in Latin-1: é is the single byte 0xE9.
    const root = project({
      'people/latin-front.md': bytes('---\nname: Andr', [0xe9], '\n---\n'),
      'people/latin-body.md': bytes('---\nname: Someone\n---\nFirst line.\n\nCaf', [0xe9], ' au lait.\n'),
      'people/fine.md': PERSON,
    });
    const folder = await readContentFolder(root, 'content');
    expect(folder.files.map((file) => file.path)).toEqual(['content/people/fine.md']);
    expect(folder.issues).toEqual([
      {
        file: 'content/people/latin-body.md',
        line: 6,
        message: 'is not UTF-8 text (the bytes at line 6 are in another encoding).',
        fix: 'save the file as UTF-8 in your editor.',
      },
      {
        file: 'content/people/latin-front.md',
        line: 2,
        message: 'is not UTF-8 text (the bytes at line 2 are in another encoding).',
        fix: 'save the file as UTF-8 in your editor.',
      },
    ]);
  });

  it('finds the line of every kind of broken sequence', async () => {
    const cases: Record<string, { contents: Uint8Array; line: number }> = {
      // A continuation byte with no lead byte.
      'lone-continuation': { contents: bytes('---\n', [0x80], '\n---\n'), line: 2 },
      // A lead byte cut short by the end of the line.
      'cut-short': { contents: bytes('---\nname: x\nmore: ', [0xe2, 0x80], '\n---\n'), line: 3 },
      // A lead byte cut short by the end of the file.
      'cut-at-end': { contents: bytes('---\nname: x\n---\nBody ', [0xf0, 0x9f]), line: 4 },
      // "/" written in two bytes (an overlong form).
      overlong: { contents: bytes('---\nname: x\n---\n\n\n', [0xc0, 0xaf]), line: 6 },
      // A surrogate (U+D800) encoded as UTF-8, which UTF-8 forbids.
      surrogate: { contents: bytes('---\n', [0xed, 0xa0, 0x80], '\n---\n'), line: 2 },
      // Windows-1252 curly quotes.
      cp1252: { contents: bytes('---\nname: x\n---\n', [0x93], 'quoted', [0x94], '\n'), line: 4 },
    };
    const root = project(Object.fromEntries(Object.entries(cases).map(([name, { contents }]) => [`people/${name}.md`, contents])));
    const folder = await readContentFolder(root, 'content');
    expect(folder.files).toEqual([]);
    expect(Object.fromEntries(folder.issues.map((found) => [found.file, found.line]))).toEqual(
      Object.fromEntries(Object.entries(cases).map(([name, { line }]) => [`content/people/${name}.md`, line])),
    );
  });

  it('reads every character of UTF-8 as written, four-byte ones and noncharacters included', async () => {
    const text = '---\nname: “Andre\u0301” 🙂 \uFFFE \u202E\n---\n';
    const root = project({ 'people/a.md': text });
    const folder = await readContentFolder(root, 'content');
    expect(folder.issues).toEqual([]);
    expect(folder.files[0]?.text).toBe(text);
  });

  it('drops a leading byte-order mark, and keeps one anywhere else', async () => {
    const root = project({
      'people/bom.md': bytes([0xef, 0xbb, 0xbf], PERSON),
      'people/inner.md': bytes(PERSON, [0xef, 0xbb, 0xbf], 'x\n'),
    });
    const folder = await readContentFolder(root, 'content');
    expect(folder.issues).toEqual([]);
    expect(folder.files.find((file) => file.path.endsWith('bom.md'))?.text).toBe(PERSON);
    expect(folder.files.find((file) => file.path.endsWith('inner.md'))?.text).toBe(`${PERSON}\uFEFFx\n`);
  });

  it('refuses a tag registry that is not UTF-8', async () => {
    const root = project({ 'tags.yaml': bytes('- id: cafe\n  name: Caf', [0xe9], '\n'), 'people/a.md': PERSON });
    const folder = await readContentFolder(root, 'content');
    expect(folder.tagsFile).toBeUndefined();
    expect(folder.issues).toEqual([
      {
        file: 'content/tags.yaml',
        line: 2,
        message: 'is not UTF-8 text (the bytes at line 2 are in another encoding).',
        fix: 'save the file as UTF-8 in your editor.',
      },
    ]);
  });

  it('reads a large folder completely, in the listing’s order', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 150 }, (_, index) => [`quotes/q-${String(index).padStart(3, '0')}.md`, `---\ntext: Quote ${index}\n---\n`]),
    );
    const folder = await readContentFolder(project(files), 'content');
    expect(folder.issues).toEqual([]);
    expect(folder.files.map((file) => file.text)).toEqual(Object.values(files));
  });
});
