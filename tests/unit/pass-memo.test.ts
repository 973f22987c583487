import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readAndValidate, type ReadResult } from '../../src/content/content-pass.ts';
import { createPassMemo, forgetPaths, sameTexts, type PassMemo } from '../../src/content/pass-memo.ts';

const OPTIONS = { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false };

const FILES: Record<string, string> = {
  'tags.yaml': '- id: courage\n  name: Courage\n- id: freedom\n  name: Freedom\n',
  'quote-texts.yaml': 'first-words:\n  text: "The spirit of resistance is strong."\n',
  'people/ahmad-massoud.md': '---\nname: Ahmad Massoud\n---\n\nA resistance leader.\n',
  'people/jane-writer.md': '---\nname: Jane Writer\n---\n',
  'articles/the-valley.md': [
    '---',
    'title: The Valley',
    'authors: [jane-writer]',
    'published: 2021-08-23T12:56:00-04:00',
    'tags: [freedom]',
    '---',
    '',
    'The spirit of resistance is strong. You must believe in it.',
    '',
  ].join('\n'),
  'quotes/first-words.md':
    '---\ntext: "The spirit of resistance is strong."\nspeaker: ahmad-massoud\nsource: the-valley\ndate: 2021-08-23\ntags: [courage]\n---\n\nCommentary.\n',
  'quotes/second-words.md': '---\ntext: "You must believe in it."\nspeaker: ahmad-massoud\nsource: the-valley\ndate: 2021-08-24\n---\n',
  'quotes/nested/third-words.md': '---\ntext: "Believe."\nspeaker: jane-writer\ncontext: Said at a meeting.\ndate: 2021-08-25\n---\n',
};

let root: string;
let folder: string;

function write(relative: string, text: string | Uint8Array): string {
  const file = join(folder, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** The pass as the build runs it: no memo, every file read. */
function fullPass(): Promise<ReadResult> {
  return readAndValidate(root, 'content', OPTIONS);
}

function memoPass(memo: PassMemo): Promise<ReadResult> {
  return readAndValidate(root, 'content', OPTIONS, memo);
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'qtd-pass-memo-')));
  folder = join(root, 'content');
  for (const [relative, text] of Object.entries(FILES)) write(relative, text);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('a pass with the memo of the last one', () => {
  it('equals a full pass after a quote is edited, reusing every entry that did not change', async () => {
    const memo = createPassMemo();
    const before = await memoPass(memo);
    expect(before.issues).toEqual([]);
    const edited = write('quotes/second-words.md', FILES['quotes/second-words.md']!.replace('\n---\n', '\n---\n\nA new note.\n'));
    forgetPaths(memo, [edited]);
    const after = await memoPass(memo);
    expect(after).toEqual(await fullPass());
    expect(after.content.quotes.find((quote) => quote.id === 'second-words')?.body).toContain('A new note.');
    // Unchanged files were neither read nor checked again: their entries are the same objects.
    expect(after.content.quotes.find((quote) => quote.id === 'first-words')).toBe(
      before.content.quotes.find((quote) => quote.id === 'first-words'),
    );
    expect(after.content.articles[0]).toBe(before.content.articles[0]);
  });

  it('finds an edit the watcher did not name, by the file’s stamp', async () => {
    const memo = createPassMemo();
    await memoPass(memo);
    write('quotes/first-words.md', FILES['quotes/first-words.md']!.replace('date: 2021-08-23', 'date: 2021-08-24'));
    const after = await memoPass(memo);
    expect(after).toEqual(await fullPass());
    // The rule between files runs over every entry: the day is now taken twice.
    expect(after.issues.map((item) => [item.file, item.field])).toContainEqual(['content/quotes/second-words.md', 'date']);
  });

  it('equals a full pass after a file is added', async () => {
    const memo = createPassMemo();
    await memoPass(memo);
    const added = write(
      'quotes/fourth-words.md',
      '---\ntext: "It is strong."\nspeaker: nobody-known\ncontext: A letter.\ndate: 2021-08-26\n---\n',
    );
    forgetPaths(memo, [added]);
    const after = await memoPass(memo);
    expect(after).toEqual(await fullPass());
    expect(after.content.quotes.map((quote) => quote.id)).toContain('fourth-words');
    expect(after.issues.map((item) => [item.file, item.field])).toEqual([['content/quotes/fourth-words.md', 'speaker']]);
  });

  it('equals a full pass after a file is deleted, and reports the references to it', async () => {
    const memo = createPassMemo();
    await memoPass(memo);
    const removed = join(folder, 'people/jane-writer.md');
    unlinkSync(removed);
    forgetPaths(memo, [removed]);
    const after = await memoPass(memo);
    expect(after).toEqual(await fullPass());
    expect(after.content.people.map((person) => person.id)).toEqual(['ahmad-massoud']);
    expect(after.issues.map((item) => [item.file, item.field])).toEqual([
      ['content/articles/the-valley.md', 'authors[0]'],
      ['content/quotes/nested/third-words.md', 'speaker'],
    ]);
    expect(memo.reads.has(removed)).toBe(false);
  });

  it('equals a full pass after a folder is deleted', async () => {
    const memo = createPassMemo();
    await memoPass(memo);
    rmSync(join(folder, 'quotes/nested'), { recursive: true });
    forgetPaths(memo, [join(folder, 'quotes/nested')]);
    const after = await memoPass(memo);
    expect(after).toEqual(await fullPass());
    expect(after.content.quotes.map((quote) => quote.id)).toEqual(['first-words', 'second-words']);
  });

  it('equals a full pass when a file breaks, and again once it is mended', async () => {
    const memo = createPassMemo();
    const before = await memoPass(memo);
    const broken = write('quotes/first-words.md', '---\ntext: "The spirit\nspeaker: [ahmad-massoud\n---\n');
    const notUtf8 = write('people/ahmad-massoud.md', Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
    forgetPaths(memo, [broken, notUtf8]);
    const after = await memoPass(memo);
    const fresh = await fullPass();
    expect(after).toEqual(fresh);
    expect(new Set(after.issues.map((item) => item.file))).toEqual(
      new Set(['content/quotes/first-words.md', 'content/people/ahmad-massoud.md', 'content/quotes/second-words.md']),
    );

    write('quotes/first-words.md', FILES['quotes/first-words.md']!);
    write('people/ahmad-massoud.md', FILES['people/ahmad-massoud.md']!);
    forgetPaths(memo, [broken, notUtf8]);
    const mended = await memoPass(memo);
    expect(mended).toEqual(await fullPass());
    expect(mended).toEqual(before);
  });

  it('equals a full pass after the tag registry and the ledger change', async () => {
    const memo = createPassMemo();
    await memoPass(memo);
    write('tags.yaml', '- id: freedom\n  name: Freedom\n');
    write('quote-texts.yaml', 'first-words:\n  text: "The spirit of resistance was strong."\n');
    const after = await memoPass(memo);
    expect(after).toEqual(await fullPass());
    expect(after.issues.map((item) => [item.file, item.field])).toEqual([
      ['content/quotes/first-words.md', 'tags[0]'],
      ['content/quotes/first-words.md', 'text'],
    ]);
  });
});

describe('sameTexts', () => {
  it('is true only while every file named still has the text the last pass read', async () => {
    const memo = createPassMemo();
    await memoPass(memo);
    const quote = join(folder, 'quotes/first-words.md');
    // Saved again unchanged: a pass would find what the last one found.
    write('quotes/first-words.md', FILES['quotes/first-words.md']!);
    expect(await sameTexts(memo, [quote])).toBe(true);
    write('quotes/first-words.md', `${FILES['quotes/first-words.md']!}More.\n`);
    expect(await sameTexts(memo, [quote])).toBe(false);
    // A file the memo does not hold (the registry, a new file) always needs a pass.
    expect(await sameTexts(memo, [join(folder, 'tags.yaml')])).toBe(false);
  });
});
