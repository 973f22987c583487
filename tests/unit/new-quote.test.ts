import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  NEW_QUOTE_USAGE,
  dayTaken,
  heldDays,
  nextFreeDay,
  parseNewQuoteArgs,
  quoteFileText,
  quoteIdFromText,
  writtenReport,
} from '../../src/tools/quote-file.ts';
import { parseFrontmatter } from '../../src/content/frontmatter.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('new quote', () => {
  it('takes the first day without a quote, from today on', () => {
    expect(nextFreeDay(new Set(), '2026-11-26')).toBe('2026-11-26');
    expect(nextFreeDay(new Set(['2026-11-26', '2026-11-27']), '2026-11-26')).toBe('2026-11-28');
    expect(nextFreeDay(new Set(['2024-02-28', '2024-02-29']), '2024-02-28')).toBe('2024-03-01');
    expect(nextFreeDay(new Set(['2026-12-31']), '2026-12-31')).toBe('2027-01-01');
  });

  it('makes a kebab-case id from the first words, unique, never all digits', () => {
    expect(quoteIdFromText('What makes a people strong, above and beyond', new Set())).toBe('what-makes-a-people-strong');
    expect(quoteIdFromText('I’m Lévy’s friend', new Set())).toBe('im-levys-friend');
    expect(quoteIdFromText('What makes a people strong', new Set(['what-makes-a-people-strong']))).toBe('what-makes-a-people-strong-2');
    expect(quoteIdFromText('1940', new Set())).toBe('quote-1940');
    expect(quoteIdFromText('1940 1941', new Set())).toBe('1940-1941');
    expect(quoteIdFromText('…', new Set())).toBe('quote');
  });

  it('ends the id on a word that carries meaning, never on "the", "on" or "and"', () => {
    // Five words end on "the": the id goes on to the noun.
    expect(quoteIdFromText('We shall fight on the beaches, we shall fight on the landing grounds', new Set())).toBe(
      'we-shall-fight-on-the-beaches',
    );
    expect(quoteIdFromText('The only thing we have to fear is fear itself', new Set())).toBe('the-only-thing-we-have-to-fear');
    // When no such word comes soon, the hanging words are dropped.
    expect(quoteIdFromText('Ask not what your country can do for you', new Set())).toBe('ask-not-what-your-country');
    expect(quoteIdFromText('Freedom is not something that can be given or taken', new Set())).toBe('freedom-is-not-something');
    // A clause that ends a word or two later ends the id.
    expect(quoteIdFromText('We will never accept an imposed peace, and we will resist', new Set())).toBe(
      'we-will-never-accept-an-imposed-peace',
    );
    // A sentence that ends within the first words ends the id.
    expect(quoteIdFromText('Never give in. Never, never, never, never', new Set())).toBe('never-give-in');
    expect(quoteIdFromText('It is what it is', new Set())).toBe('it-is-what-it-is');
  });

  it('writes front matter that reads back to the same values, whatever the text holds', () => {
    const text = 'He said: "no" # not a comment . . . and \\ more';
    const file = quoteFileText({ text, speaker: 'ahmad-massoud', source: 'an-article', date: '2021-08-23', curator: 'jenna-lee' });
    const parsed = parseFrontmatter(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.data).toEqual({ text, speaker: 'ahmad-massoud', source: 'an-article', date: '2021-08-23', curator: 'jenna-lee' });
    expect(file).toContain('\ndate: 2021-08-23\n');
    expect(parse(file.split('---')[1] ?? '')).toMatchObject({ speaker: 'ahmad-massoud' });
  });

  it('writes tags and sharesDay when given', () => {
    const file = quoteFileText({ text: 'Words', speaker: 'ada', date: '2021-08-23', tags: ['floods', 'resistance'], sharesDay: true });
    const parsed = parseFrontmatter(file);
    expect(parsed.ok && parsed.file.data).toEqual({
      text: 'Words',
      speaker: 'ada',
      date: '2021-08-23',
      sharesDay: true,
      tags: ['floods', 'resistance'],
    });
  });
});

describe('the command line', () => {
  it('reads every option, in either form', () => {
    expect(
      parseNewQuoteArgs([
        '--speaker',
        'ada',
        '--source=an-article',
        '--tags',
        'floods, resistance',
        '--date',
        '2024-05-08',
        '--shares-day',
        'The',
        'words',
      ]),
    ).toEqual({
      help: false,
      options: {
        text: 'The words',
        speaker: 'ada',
        source: 'an-article',
        curator: undefined,
        date: '2024-05-08',
        id: undefined,
        tags: ['floods', 'resistance'],
        sharesDay: true,
      },
    });
  });

  it('answers --help and -h with the usage', () => {
    expect(parseNewQuoteArgs(['--help'])).toEqual({ help: true });
    expect(parseNewQuoteArgs(['-h', '--speaker'])).toEqual({ help: true });
    for (const option of ['--speaker', '--source', '--curator', '--date', '--shares-day', '--tags', '--id'])
      expect(NEW_QUOTE_USAGE).toContain(option);
  });

  it('names every problem at once', () => {
    const result = parseNewQuoteArgs(['--date', '2021-02-30', '--id', 'Bad_Id', '--colour', 'red']);
    expect(result).toEqual({
      help: false,
      error: [
        '--colour is not an option of new-quote (see --help)',
        '--speaker <person-id> is required',
        '--date 2021-02-30: 2021-02-30 is not a day of the calendar',
        '--id Bad_Id: an id is lower-case words joined by hyphens, not all digits and not "page" (it becomes /quotes/<id>/)',
      ].join('\n'),
    });
    expect(parseNewQuoteArgs(['--speaker', '--date', '2021-01-01', 'words'])).toMatchObject({
      error: '--speaker needs a value\n--speaker <person-id> is required',
    });
  });
});

describe('the days', () => {
  const quotes = [
    { path: 'content/quotes/b.md', date: '2024-05-07' },
    { path: 'content/quotes/a.md', date: '2024-05-07' },
    { path: 'content/quotes/gone.md', date: '2024-05-08', withdrawn: { date: '2024-05-09', reason: 'x' } },
    { path: 'content/quotes/shares.md', date: '2024-05-09', sharesDay: true },
    { path: 'content/quotes/broken.md' },
  ];

  it('are held by the file that is the quote of that day; withdrawn and sharing quotes hold none', () => {
    expect(heldDays(quotes)).toEqual(new Map([['2024-05-07', 'content/quotes/a.md']]));
  });

  it('name the file that holds a day, and what to do', () => {
    expect(dayTaken('2024-05-07', heldDays(quotes), false)).toBe(
      '2024-05-07 is already the day of content/quotes/a.md; there is one quote of the day per day.\n' +
        'Choose another --date, leave --date out for the next free day, or add --shares-day to make both quotes the quotes of that day.',
    );
    expect(dayTaken('2024-05-07', heldDays(quotes), true)).toBeUndefined();
    expect(dayTaken('2024-05-08', heldDays(quotes), false)).toBeUndefined();
  });

  it('tell the curator when the quote is scheduled, and that the id is permanent', () => {
    const written = {
      path: 'content/quotes/never-give-in.md',
      id: 'never-give-in',
      today: '2026-12-07',
      source: 'the-speech',
      madeId: true,
    };
    expect(writtenReport({ ...written, date: '2026-12-09' })).toBe(
      [
        'Wrote content/quotes/never-give-in.md, verified against the-speech.',
        'Its day is 2026-12-09, after today (2026-12-07): the quote is scheduled. The first build on or after that day publishes it; until then `npm run dev` shows it as a draft.',
        'Its id, "never-give-in", is part of its permanent URL /quotes/never-give-in/. To choose another, rename the file (or run again with --id) now: Never rename it once it is published.',
      ].join('\n'),
    );
    expect(writtenReport({ ...written, date: '2026-12-07' })).toContain(
      'It is the quote of the day today, 2026-12-07: the next build publishes it.',
    );
    expect(writtenReport({ ...written, date: '2026-12-01', madeId: false, sharesWith: 'content/quotes/a.md' })).toContain(
      'Its day is 2026-12-01, beside content/quotes/a.md (sharesDay: true), before today (2026-12-07)',
    );
  });
});

describe('npm run new-quote on a content folder', () => {
  let root: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(projectRoot, 'scripts/new-quote.ts'), ...args], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: join(root, 'content'), BUILD_DATE: '2024-05-06' },
    });
  const quoteFiles = () => readdirSync(join(root, 'content/quotes')).sort();

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'qtd-new-quote-'));
    const files: Record<string, string> = {
      'people/winston-churchill.md': '---\nname: Winston Churchill\n---\n',
      'articles/the-speech.md':
        '---\ntitle: The Speech\nauthors: [winston-churchill]\npublished: 1940-06-04T16:00:00+01:00\n---\n\nWe shall fight on the beaches, we shall fight on the landing grounds.\n',
      'quotes/held.md':
        '---\ntext: "We shall fight on the beaches"\nspeaker: winston-churchill\nsource: the-speech\ndate: 2024-05-06\n---\n',
      'tags.yaml': '- id: war\n  name: War\n  renamedFrom: [conflict]\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, 'content', path)), { recursive: true });
      writeFileSync(join(root, 'content', path), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints its usage for --help and writes nothing', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--shares-day');
    expect(quoteFiles()).toEqual(['held.md']);
  });

  it('refuses wrong ids all at once, with the ids meant', () => {
    const result = run('--speaker', 'churchill', '--source', 'speech', '--tags', 'conflict,wars', 'We shall fight');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      [
        'new-quote: --speaker: no person "churchill" in ' + join(root, 'content') + '/people/. Did you mean "winston-churchill"?',
        '  --source: no article "speech" in ' + join(root, 'content') + '/articles/. Did you mean "the-speech"?',
        '  --tags: the tag "conflict" was renamed to "war"; write that.',
        '  --tags: the tag "wars" is not in ' +
          join(root, 'content') +
          '/tags.yaml. Did you mean "war"? Add it there first (id, name, description).',
        '',
      ].join('\n'),
    );
    expect(quoteFiles()).toEqual(['held.md']);
  });

  it('names the file that holds the day asked for', () => {
    const result = run(
      '--speaker',
      'winston-churchill',
      '--source',
      'the-speech',
      '--date',
      '2024-05-06',
      'we shall fight on the landing grounds',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^new-quote: 2024-05-06 is already the day of \S+\/content\/quotes\/held\.md; there is one quote of the day per day\.\n {2}Choose another --date/,
    );
  });

  it('writes the next free day, says it is scheduled and that the id is permanent', () => {
    const result = run(
      '--speaker',
      'winston-churchill',
      '--source',
      'the-speech',
      '--tags',
      'war',
      'we shall fight on the landing grounds',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(quoteFiles()).toEqual(['held.md', 'we-shall-fight-on-the-landing.md']);
    expect(result.stdout).toContain('Its day is 2024-05-07, after today (2024-05-06): the quote is scheduled.');
    expect(result.stdout).toContain(
      'Its id, "we-shall-fight-on-the-landing", is part of its permanent URL /quotes/we-shall-fight-on-the-landing/.',
    );
    const written = parseFrontmatter(readFileSync(join(root, 'content/quotes/we-shall-fight-on-the-landing.md'), 'utf8'));
    expect(written.ok && written.file.data).toEqual({
      text: 'we shall fight on the landing grounds',
      speaker: 'winston-churchill',
      source: 'the-speech',
      date: '2024-05-07',
      tags: ['war'],
    });
  });

  it('refuses words that are not in the article, with where they part', () => {
    const result = run('--speaker', 'winston-churchill', '--source', 'the-speech', 'we shall fight in the hills');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^new-quote: the words are not/);
  });
});
