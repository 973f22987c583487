import { describe, it, expect } from 'vitest';
import { MAX_ID_LENGTH, validateContent, type SourceFile, type ValidateOptions } from '../../src/content/validate.ts';
import { formatIssues, issue, type ContentIssue } from '../../src/content/issues.ts';
import type { Collection } from '../../src/content/schema.ts';

// In-memory content: a small, valid archive that each test breaks in one place.
const ARTICLE_ID = 'the-afghan-who-wont-surrender-to-the-taliban';

function md(fields: readonly string[], body = ''): string {
  return ['---', ...fields, '---', body].join('\n');
}

function file(collection: Collection, name: string, fields: readonly string[], body = ''): SourceFile {
  return { path: `content/${collection}/${name}`, collection, text: md(fields, body) };
}

const person = (id: string, name: string) => file('people', `${id}.md`, [`name: ${name}`]);

const ARTICLE_FIELDS = [
  'title: The Afghan Who Won’t Surrender to the Taliban',
  'authors: [bernard-henri-levy]',
  'published: 2021-08-23T12:56:00-04:00',
  'tags: [afghanistan]',
];

function quoteFields(date: string, extra: readonly string[] = []): string[] {
  return ['text: What makes a people strong', 'speaker: ahmad-massoud', `source: ${ARTICLE_ID}`, `date: ${date}`, ...extra];
}

const BASE: SourceFile[] = [
  person('ahmad-massoud', 'Ahmad Massoud'),
  person('bernard-henri-levy', 'Bernard-Henri Lévy'),
  person('jenna-lee', 'Jenna Lee'),
  file('articles', `${ARTICLE_ID}.md`, ARTICLE_FIELDS, 'What makes a people strong is the spirit of resistance.'),
  file('quotes', 'spirit-of-resistance.md', quoteFields('2021-08-23', ['curator: jenna-lee', 'tags: [resistance]'])),
];

const TAGS_PATH = 'content/tags.yaml';
const TAGS = ['- id: afghanistan', '  name: Afghanistan', '- id: resistance', '  name: Resistance', '  renamedFrom: [defiance]'].join('\n');

const OPTIONS: ValidateOptions = {
  siteTimeZone: 'America/New_York',
  allowSeveralQuotesPerDay: false,
  tagsFile: { path: TAGS_PATH, text: TAGS },
};

function check(extra: readonly SourceFile[], options: Partial<ValidateOptions> = {}): ContentIssue[] {
  return validateContent([...BASE, ...extra], { ...OPTIONS, ...options }).issues;
}

describe('valid content', () => {
  it('has no issues and comes back parsed', () => {
    const { issues, content } = validateContent(BASE, OPTIONS);
    expect(issues).toEqual([]);
    expect(content.people.map((entry) => entry.id)).toEqual(['ahmad-massoud', 'bernard-henri-levy', 'jenna-lee']);
    expect(content.tags.map((tag) => tag.id)).toEqual(['afghanistan', 'resistance']);

    const [article] = content.articles;
    expect(article?.id).toBe(ARTICLE_ID);
    expect(article?.data.published).toEqual(new Date('2021-08-23T16:56:00Z'));
    expect(article?.data.authors).toEqual([{ id: 'bernard-henri-levy', collection: 'people' }]);

    const [quote] = content.quotes;
    expect(quote?.data.date).toBe('2021-08-23');
    expect(quote?.data.speaker).toEqual({ id: 'ahmad-massoud', collection: 'people' });
    expect(quote?.keyLines.get('date')).toBe(5);
  });

  it('keeps, for each entry, the file as read, the front matter as parsed and where the body starts', () => {
    const { content } = validateContent(BASE, OPTIONS);
    const article = content.articles[0];
    const source = BASE.find((entry) => entry.path === article?.path);
    expect(article?.source).toBe(source?.text);
    expect(article?.rawData).toEqual({
      title: 'The Afghan Who Won’t Surrender to the Taliban',
      authors: ['bernard-henri-levy'],
      published: '2021-08-23T12:56:00-04:00',
      tags: ['afghanistan'],
    });
    expect(article?.bodyLine).toBe(7);
    expect(article?.body).toBe('What makes a people strong is the spirit of resistance.');
  });
});

describe('schema rules', () => {
  it('reports a missing field with an example', () => {
    const issues = check([file('quotes', 'no-speaker.md', ['text: Words', 'date: 2021-09-01'])]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/no-speaker.md',
        field: 'speaker',
        line: 1,
        message: 'is required but missing.',
        fix: 'add it to the front matter, e.g. `speaker: ahmad-massoud`.',
      },
    ]);
  });

  it('reports an unknown field with the nearest known one', () => {
    const issues = check([file('quotes', 'typo.md', quoteFields('2021-09-01', ['contxt: Interview by phone']))]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/typo.md',
        field: 'contxt',
        line: 6,
        message: 'is not a field of a quote. Did you mean "context"?',
        fix: 'rename or remove it; the fields are: text, speaker, source, date, curator, context, lang, tags, corrections, withdrawn, sharesDay.',
      },
    ]);
  });

  it('reports an unknown field inside a nested object', () => {
    const withdrawn = 'withdrawn: { date: 2021-09-02, reason: Retracted, by: me }';
    const issues = check([file('quotes', 'nested.md', quoteFields('2021-09-01', [withdrawn]))]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/nested.md',
        field: 'withdrawn.by',
        line: 6,
        message: 'is not a field of a quote.',
        fix: 'rename or remove it (see the field reference in docs/content.md).',
      },
    ]);
  });

  it('reports a value of the wrong kind with an example', () => {
    const issues = check([file('people', 'no-url.md', ['name: Someone', 'url: not a web address'])]);
    expect(issues).toEqual([
      {
        file: 'content/people/no-url.md',
        field: 'url',
        line: 3,
        message: 'must be a full web address starting with https:// (or http://).',
        fix: 'write it like `url: https://en.wikipedia.org/wiki/…`.',
      },
    ]);
  });
});

describe('impossible dates', () => {
  const dayIssue = (name: string): ContentIssue => ({
    file: `content/quotes/${name}`,
    field: 'date',
    line: 5,
    message: '2021-02-30 is not a day of the calendar.',
    fix: 'write it like `date: 2021-08-23`.',
  });

  it('reports an unquoted impossible day as written', () => {
    expect(check([file('quotes', 'unquoted.md', quoteFields('2021-02-30'))])).toEqual([dayIssue('unquoted.md')]);
  });

  it('reports a quoted impossible day as written', () => {
    expect(check([file('quotes', 'quoted.md', quoteFields('"2021-02-30"'))])).toEqual([dayIssue('quoted.md')]);
  });

  it('reports an impossible datetime of an article', () => {
    const fields = ARTICLE_FIELDS.map((line) => line.replace('2021-08-23T12:56', '2021-02-30T12:56'));
    expect(check([file('articles', 'bad-day.md', fields)])).toEqual([
      {
        file: 'content/articles/bad-day.md',
        field: 'published',
        line: 4,
        message: '2021-02-30 is not a day of the calendar.',
        fix: 'write it like `published: 2021-08-23T12:56:00-04:00`.',
      },
    ]);
  });
});

describe('references', () => {
  it('reports a person who does not exist, with the nearest id', () => {
    const fields = quoteFields('2021-09-01').map((line) => line.replace('ahmad-massoud', 'ahmad-masoud'));
    expect(check([file('quotes', 'typo.md', fields)])).toEqual([
      {
        file: 'content/quotes/typo.md',
        field: 'speaker',
        line: 3,
        message: 'no person "ahmad-masoud" in content/people/. Did you mean "ahmad-massoud"?',
        fix: 'use the file name (without .md) of a person in content/people/, or create content/people/ahmad-masoud.md.',
      },
    ]);
  });

  it('suggests the ids that hold the words written: "massoud" → "ahmad-massoud"', () => {
    const fields = quoteFields('2021-09-01').map((line) => line.replace('speaker: ahmad-massoud', 'speaker: massoud'));
    const [only] = check([file('quotes', 'surname.md', fields)]);
    expect(only?.message).toBe('no person "massoud" in content/people/. Did you mean "ahmad-massoud"?');
  });

  it('reports an article that does not exist, with the nearest id', () => {
    const fields = quoteFields('2021-09-01').map((line) => line.replace(ARTICLE_ID, 'the-afgan-who-wont-surrender-to-the-taliban'));
    const [only, ...rest] = check([file('quotes', 'typo.md', fields)]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ file: 'content/quotes/typo.md', field: 'source', line: 4 });
    expect(only?.message).toBe(
      `no article "the-afgan-who-wont-surrender-to-the-taliban" in content/articles/. Did you mean "${ARTICLE_ID}"?`,
    );
    expect(only?.fix).toContain('or remove `source:` and give a `context:` instead');
  });

  it('names the index of a wrong id in a list', () => {
    const fields = ARTICLE_FIELDS.map((line) => line.replace('[bernard-henri-levy]', '[jenna-lee, bhl]'));
    expect(check([file('articles', 'two-authors.md', fields)])).toEqual([
      {
        file: 'content/articles/two-authors.md',
        field: 'authors[1]',
        line: 3,
        message: 'no person "bhl" in content/people/.',
        fix: 'use the file name (without .md) of a person in content/people/, or create content/people/bhl.md.',
      },
    ]);
  });

  it('still checks the references of a file that has another error', () => {
    const issues = check([file('quotes', 'broken.md', ['speaker: nobody', 'date: 2021-09-01'])]);
    expect(issues.map(({ field, message }) => `${field}: ${message}`)).toEqual([
      'text: is required but missing.',
      'speaker: no person "nobody" in content/people/.',
    ]);
  });

  it('accepts a reference to a file that has errors of its own, and reports those once', () => {
    const issues = check([
      file('people', 'half-done.md', ['description: Someone']),
      file('quotes', 'by-half-done.md', ['text: Words', 'speaker: half-done', 'date: 2021-09-01']),
    ]);
    expect(issues).toEqual([
      {
        file: 'content/people/half-done.md',
        field: 'name',
        line: 1,
        message: 'is required but missing.',
        fix: 'add it to the front matter, e.g. `name: Ahmad Massoud`.',
      },
    ]);
  });
});

describe('ids', () => {
  it('reports two files with one id in different subfolders', () => {
    const issues = check([
      file('quotes', '2021/same.md', quoteFields('2021-09-01')),
      file('quotes', '2022/same.md', quoteFields('2022-09-01')),
    ]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/2022/same.md',
        message: 'has the same id "same" as content/quotes/2021/same.md; ids must be unique within content/quotes/.',
        fix: 'rename one of the two files (and never reuse an id that was published).',
      },
    ]);
  });

  it('allows one id in two collections', () => {
    expect(check([file('quotes', 'ahmad-massoud.md', quoteFields('2021-09-01'))])).toEqual([]);
  });

  it('reports a file name that is not kebab-case, with a name to use', () => {
    const issues = check([file('quotes', 'Spirit Of Resistance 2.md', quoteFields('2021-09-01'))]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/Spirit Of Resistance 2.md',
        message: 'the file name "Spirit Of Resistance 2" is not a valid id: ids are lower-case words joined by hyphens, and become URLs.',
        fix: 'rename the file, e.g. to spirit-of-resistance-2.md.',
      },
    ]);
  });

  it(`accepts an id of ${MAX_ID_LENGTH} characters and refuses a longer one, leaving no entry for it`, () => {
    const longest = `quote${'-word'.repeat(19)}`;
    const tooLong = `${longest}s`;
    expect(longest).toHaveLength(MAX_ID_LENGTH);
    const { issues, content } = validateContent(
      [...BASE, file('quotes', `${longest}.md`, quoteFields('2021-09-01')), file('quotes', `${tooLong}.md`, quoteFields('2021-09-02'))],
      OPTIONS,
    );
    expect(issues).toEqual([
      {
        file: `content/quotes/${tooLong}.md`,
        message: `the id is ${MAX_ID_LENGTH + 1} characters long; an id is at most ${MAX_ID_LENGTH} (it becomes a URL and file names).`,
        fix: `rename the file to a shorter id, e.g. quote${'-word'.repeat(10)}.md.`,
      },
    ]);
    expect(content.quotes.map((quote) => quote.id)).toContain(longest);
    expect(content.quotes.map((quote) => quote.id)).not.toContain(tooLong);
  });

  it('reports the reserved ids of the quote archive', () => {
    const issues = check([file('quotes', '2021.md', quoteFields('2021-09-01')), file('quotes', 'page.md', quoteFields('2021-09-02'))]);
    expect(issues.map(({ file: path, message, fix }) => ({ path, message, fix }))).toEqual([
      {
        path: 'content/quotes/2021.md',
        message: 'the id "2021" is reserved: /quotes/2021/ is the archive of a year.',
        fix: 'rename the file, e.g. to quote-2021.md.',
      },
      {
        path: 'content/quotes/page.md',
        message: 'the id "page" is reserved: /quotes/page/ is where the list pages live.',
        fix: 'rename the file, e.g. to quote-page.md.',
      },
    ]);
  });

  it('suggests a name without the accents of the file name', () => {
    const [only] = check([file('people', 'Bernard-Henri Lévy.md', ['name: Bernard-Henri Lévy'])]);
    expect(only?.fix).toBe('rename the file, e.g. to bernard-henri-levy.md.');
  });
});

describe('files that cannot be read', () => {
  it('reports a file without front matter', () => {
    expect(check([{ path: 'content/quotes/plain.md', collection: 'quotes', text: 'Just words.\n' }])).toEqual([
      {
        file: 'content/quotes/plain.md',
        line: 1,
        message: 'the file does not start with a front-matter block (a line `---`, the fields, a line `---`).',
        fix: 'start the file with `---`, one `field: value` per line, then `---` and the text.',
      },
    ]);
  });

  it('reports invalid YAML with its line', () => {
    const issues = check([file('quotes', 'twice.md', ['text: Words', 'speaker: ahmad-massoud', 'text: Again'])]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/twice.md',
        field: 'text',
        line: 4,
        message: 'the field is written twice (lines 2 and 4); a field may appear once.',
        fix: 'keep one of the two lines (merge their values if both matter).',
      },
    ]);
  });
});

describe('one quote of the day per day', () => {
  // Files are read in path order: the quote whose path sorts later is the one reported.
  const sameDay = file('quotes', 'two-on-one-day.md', quoteFields('2021-08-23'));

  it('reports the second quote of a day, at its date', () => {
    expect(check([sameDay])).toEqual([
      {
        file: 'content/quotes/two-on-one-day.md',
        field: 'date',
        line: 5,
        message: '2021-08-23 is already the day of content/quotes/spirit-of-resistance.md; there is one quote of the day per day.',
        fix: 'give this quote another date (the next free day), or add `sharesDay: true` to it to make both quotes the quotes of that day.',
      },
    ]);
  });

  it('allows a second quote on a day when it says `sharesDay: true`, and a third one that says so too', () => {
    const sharing = (name: string) => file('quotes', name, quoteFields('2021-08-23', ['sharesDay: true']));
    expect(check([sharing('second.md')])).toEqual([]);
    expect(check([sharing('second.md'), sharing('third.md')])).toEqual([]);
  });

  it('still reports two quotes of one day that do not share it, beside one that does', () => {
    const sharing = file('quotes', 'sharing.md', quoteFields('2021-08-23', ['sharesDay: true']));
    expect(check([sameDay, sharing]).map((found) => `${found.file} ${found.field}`)).toEqual([`${sameDay.path} date`]);
  });

  it('refuses a `sharesDay` that is not true or false', () => {
    const [only] = check([file('quotes', 'yes.md', quoteFields('2021-08-24', ['sharesDay: yes']))]);
    expect(only).toMatchObject({ field: 'sharesDay', message: 'must be `true` (or `false`).', fix: 'write it like `sharesDay: true`.' });
  });

  it('allows several quotes a day when the site allows it', () => {
    expect(check([sameDay], { allowSeveralQuotesPerDay: true })).toEqual([]);
  });

  it('does not count a withdrawn quote', () => {
    const withdrawn = file(
      'quotes',
      'withdrawn.md',
      quoteFields('2021-08-23', ['withdrawn: { date: 2021-08-24, reason: "The source retracted the interview." }']),
    );
    expect(check([withdrawn])).toEqual([]);
  });
});

describe('offsets of articles', () => {
  const article = (name: string, extra: readonly string[]) =>
    file('articles', name, [...ARTICLE_FIELDS.filter((line) => !line.startsWith('published:')), ...extra]);

  it('reports an offset the site zone did not have at that time', () => {
    // New York is at -04:00 in August: -05:00 would show the article an hour off.
    expect(check([article('winter-offset.md', ['published: 2021-08-23T12:56:00-05:00'])])).toEqual([
      {
        file: 'content/articles/winter-offset.md',
        field: 'published',
        line: 5,
        message:
          'is written with offset -05:00, but America/New_York (the site’s zone) is at -04:00 at that time, so the page would show another hour.',
        fix: 'write the offset -04:00, or set `timeZone:` to the zone the time was written in.',
      },
    ]);
  });

  it('checks `updated` too, and a Z offset', () => {
    const issues = check([article('utc.md', ['published: 2021-01-15T17:00:00-05:00', 'updated: 2021-01-16T17:00:00Z'])]);
    expect(issues.map(({ field, line, fix }) => ({ field, line, fix }))).toEqual([
      {
        field: 'updated',
        line: 6,
        fix: 'write the offset -05:00, or set `timeZone:` to the zone the time was written in.',
      },
    ]);
  });

  it('checks against the article’s own zone when it names one', () => {
    expect(check([article('kolkata.md', ['published: 2021-08-23T22:26:00+05:30', 'timeZone: Asia/Kolkata'])])).toEqual([]);
    const [only] = check([article('wrong.md', ['published: 2021-08-23T12:56:00-04:00', 'timeZone: Asia/Kolkata'])]);
    expect(only?.message).toBe(
      'is written with offset -04:00, but Asia/Kolkata is at +05:30 at that time, so the page would show another hour.',
    );
  });
});

describe('tags', () => {
  it('reports an unknown tag with the nearest known one', () => {
    const issues = check([file('quotes', 'typo.md', quoteFields('2021-09-01', ['tags: [afghanistan, resistence]']))]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/typo.md',
        field: 'tags[1]',
        line: 6,
        message: 'the tag "resistence" is not in content/tags.yaml. Did you mean "resistance"?',
        fix: 'use a tag listed in content/tags.yaml, or add it there (id, name, description).',
      },
    ]);
  });

  it('reports a renamed tag with its new id', () => {
    const issues = check([file('quotes', 'old-tag.md', quoteFields('2021-09-01', ['tags: [defiance]']))]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/old-tag.md',
        field: 'tags[0]',
        line: 6,
        message: 'the tag "defiance" was renamed to "resistance".',
        fix: 'write "resistance", or run `npm run rename-tag -- defiance resistance` to rewrite every file that still uses "defiance".',
      },
    ]);
  });

  it('checks the tags of articles too', () => {
    const fields = ARTICLE_FIELDS.map((line) => line.replace('[afghanistan]', '[afganistan]'));
    const [only] = check([file('articles', 'typo.md', fields)]);
    expect(only).toMatchObject({ field: 'tags[0]', line: 5 });
    expect(only?.message).toContain('Did you mean "afghanistan"?');
  });

  it('reports an unknown tag in the same run as another error of the same file', () => {
    const issues = check([
      file('quotes', 'two-errors.md', ['text: Words', 'speaker: ahmad-massoud', 'date: 2021-02-30', 'tags: [resistence]']),
    ]);
    expect(issues.map(({ field, line, message }) => `${line} ${field}: ${message}`)).toEqual([
      '4 date: 2021-02-30 is not a day of the calendar.',
      '5 tags[0]: the tag "resistence" is not in content/tags.yaml. Did you mean "resistance"?',
    ]);
  });

  it('tells a tag that is not kebab-case once, with the tag meant', () => {
    const issues = check([file('quotes', 'capital.md', quoteFields('2021-09-01', ['tags: [Resistance]']))]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/capital.md',
        field: 'tags[0]',
        line: 6,
        message: 'the tag "Resistance" is not in content/tags.yaml. Did you mean "resistance"?',
        fix: 'use a tag listed in content/tags.yaml, or add it there (id, name, description).',
      },
    ]);
  });

  it('gives the line of each tag of a block list', () => {
    const issues = check([file('quotes', 'block.md', quoteFields('2021-09-01', ['tags:', '  - resistance', '  - defiance']))]);
    expect(issues).toMatchObject([{ field: 'tags[1]', line: 8 }]);
  });

  it('does not report the tags as unknown when tags.yaml cannot be read, only tags.yaml', () => {
    const { issues } = validateContent(BASE, {
      ...OPTIONS,
      tagsFile: { path: TAGS_PATH, text: '- id: resistance\n  name: Resistance: the word\n' },
    });
    expect(issues).toEqual([
      {
        file: TAGS_PATH,
        field: 'name',
        line: 2,
        message: 'YAML cannot read this line: the value holds ": ", which YAML takes for the start of another field.',
        fix: 'put this value in quotes, because it contains ": ": `name: "Resistance: the word"`.',
      },
    ]);
  });

  it('reports every tag as unknown when there is no tags.yaml', () => {
    const { issues } = validateContent(BASE, { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false });
    expect(issues.map(({ file: path, field }) => `${path} ${field}`)).toEqual([
      `content/articles/${ARTICLE_ID}.md tags[0]`,
      'content/quotes/spirit-of-resistance.md tags[0]',
    ]);
  });
});

describe('tags.yaml', () => {
  const withTags = (text: string) => validateContent(BASE, { ...OPTIONS, tagsFile: { path: TAGS_PATH, text } }).issues;

  it('reports an id used twice, at the second entry', () => {
    const text = [TAGS, '- id: afghanistan', '  name: Afghanistan again'].join('\n');
    expect(withTags(text)).toEqual([
      {
        file: TAGS_PATH,
        field: '[2].id',
        line: 6,
        message: 'the tag id "afghanistan" is used twice (also entry 1).',
        fix: 'give each tag, and each former id, one entry only.',
      },
    ]);
  });

  it('reports a former id that is also a tag id', () => {
    const text = [TAGS, '- id: defiance', '  name: Defiance'].join('\n');
    expect(withTags(text).map(({ field, message }) => `${field}: ${message}`)).toEqual([
      '[2].id: the tag id "defiance" is used twice (also entry 2).',
    ]);
  });

  it('reports an entry that breaks the schema, at its line', () => {
    const text = ['- id: afghanistan', '  name: Afghanistan', '- id: Resistance', '  name: Resistance'].join('\n');
    const issues = withTags(text);
    expect(issues).toContainEqual({
      file: TAGS_PATH,
      field: '[1].id',
      line: 3,
      message: 'must be kebab-case (it is part of a URL).',
      fix: 'each tag needs `id` (kebab-case) and `name`, and may have `description` and `renamedFrom`.',
    });
  });

  it('reports invalid YAML with its line', () => {
    const text = ['- id: afghanistan', '  name: Afghanistan', '- id: resistance', '  name: [Resistance'].join('\n');
    const [first] = withTags(text);
    expect(first).toMatchObject({ file: TAGS_PATH, line: 4, field: 'name' });
    expect(first?.message).toBe('the list opened with [ is not closed with ] on this line.');
  });

  it('scans the values of tags.yaml for hidden characters, at the line of their entry', () => {
    const text = TAGS.replace('name: Resistance', 'name: Resis\u200Btance');
    expect(withTags(text)).toEqual([
      {
        file: TAGS_PATH,
        field: '[1].name',
        line: 3,
        message: 'a zero-width space U+200B at column 6, which hides inside words: "Resis[U+200B]tance"',
        fix: 'delete it (ZWNJ U+200C and ZWJ U+200D, which Persian and other scripts need, are allowed).',
      },
    ]);
  });
});

describe('text hygiene of the front-matter values', () => {
  it('names the field that holds a bad character, with its column in the value', () => {
    const fields = quoteFields('2021-09-01').map((line) => line.replace('strong', 'stron\uFFFD'));
    const issues = check([file('quotes', 'broken.md', fields)]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/broken.md',
        field: 'text',
        line: 2,
        message: 'a broken character (U+FFFD, the copy lost a character here) at column 26: "people stron[U+FFFD]"',
        fix: 'replace it with the character(s) of the original, e.g. "fi" in "�ighters" or ":" in "12�56" (npm run import guesses them).',
      },
    ]);
  });

  it('names a nested value by its path, at the line of its top-level field', () => {
    const corrections = ['corrections:', '  - date: 2021-09-02', '    note: Fixed a wo\u200Brd.'];
    const issues = check([file('quotes', 'nested.md', [...quoteFields('2021-09-01'), ...corrections])]);
    expect(issues).toEqual([
      {
        file: 'content/quotes/nested.md',
        field: 'corrections[0].note',
        line: 6,
        message: 'a zero-width space U+200B at column 11, which hides inside words: "Fixed a wo[U+200B]rd."',
        fix: 'delete it (ZWNJ U+200C and ZWJ U+200D, which Persian and other scripts need, are allowed).',
      },
    ]);
  });

  it('reads the value as parsed: a YAML escape is the character it names', () => {
    // The file holds the six characters `\u202E`; the page would show the override itself.
    const fields = [...quoteFields('2021-09-01'), 'context: "Interview\\u202E by phone"'];
    expect(fields.join('\n')).not.toContain('\u202E');
    const [only, ...rest] = check([file('quotes', 'escaped.md', fields)]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ file: 'content/quotes/escaped.md', field: 'context', line: 6 });
    expect(only?.message).toBe(
      'a bidirectional override/isolate U+202E at column 10, which can make text display differently from what it is: "Interview[U+202E] by phone"',
    );
  });

  it('names the field of a folded value at its key, with the column in the folded text', () => {
    const fields = [...quoteFields('2021-09-01'), 'context: >-', '  Interview by phone,', '  Aug. 21,\u202E 2021'];
    const [only, ...rest] = check([file('quotes', 'folded.md', fields)]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ field: 'context', line: 6 });
    expect(only?.message).toMatch(/^a bidirectional override\/isolate U\+202E at column 29, /);
  });

  it('checks the values of every collection: an article’s title', () => {
    const fields = ARTICLE_FIELDS.map((line) => line.replace('title: The Afghan', 'title: The \uFB01ghting Afghan'));
    const [only, ...rest] = check([file('articles', 'ligature.md', fields)]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ field: 'title', line: 2 });
    expect(only?.message).toMatch(/^a ligature code point U\+FB01 at column 5: /);
  });

  it('does not read comments, which are never published', () => {
    const fields = [...quoteFields('2021-09-01'), '# source checked \u202E by phone'];
    expect(check([file('quotes', 'comment.md', fields)])).toEqual([]);
  });

  it('leaves the body to the check of its rendered HTML (content-pass.ts)', () => {
    // The body is checked once, as the page shows it: see renderEntry in content-pass.test.ts.
    const { issues, content } = validateContent(
      [...BASE, file('quotes', 'body.md', quoteFields('2021-09-01'), 'First line.\nThe \uFB01ghters.')],
      OPTIONS,
    );
    expect(issues).toEqual([]);
    expect(content.quotes.find((quote) => quote.id === 'body')?.body).toBe('First line.\nThe \uFB01ghters.');
  });

  it('allows a byte-order mark at the start of a file', () => {
    const withBom = file('quotes', 'bom.md', quoteFields('2021-09-01'));
    expect(check([{ ...withBom, text: `\uFEFF${withBom.text}` }])).toEqual([]);
  });
});

describe('formatIssues', () => {
  it('prints every issue, sorted by file, line and message, each with its fix', () => {
    const report = formatIssues([
      issue('content/quotes/b.md', 'date', '2021-02-30 is not a day of the calendar.', 'write it like `date: 2021-08-23`.', 5),
      issue('content/quotes/a.md', 'speaker', 'no person "x" in content/people/.', 'use a person id.', 3),
      issue('content/quotes/b.md', undefined, 'has the same id "b" as content/quotes/2021/b.md.', 'rename one of the two files.'),
      issue('content/quotes/a.md', 'text', 'is required but missing.', 'add it.', 1),
    ]);
    expect(report.split('\n')).toEqual([
      'QTD found 4 problems in the content; the build stopped.',
      '',
      '✖ content/quotes/a.md:1',
      '  text: is required but missing.',
      '  Fix: add it.',
      '',
      '✖ content/quotes/a.md:3',
      '  speaker: no person "x" in content/people/.',
      '  Fix: use a person id.',
      '',
      '✖ content/quotes/b.md',
      '  has the same id "b" as content/quotes/2021/b.md.',
      '  Fix: rename one of the two files.',
      '',
      '✖ content/quotes/b.md:5',
      '  date: 2021-02-30 is not a day of the calendar.',
      '  Fix: write it like `date: 2021-08-23`.',
      '',
    ]);
  });

  it('tells the dev server’s preview that it keeps serving', () => {
    const report = formatIssues([issue('content/tags.yaml', undefined, 'is not valid YAML.', 'fix it.')], true);
    expect(report.split('\n')[0]).toBe(
      'QTD found 1 problem in the content; the preview shows this report on the pages of the entries that have them.',
    );
  });

  it('says "problem" for one', () => {
    const report = formatIssues([issue('content/tags.yaml', undefined, 'is not valid YAML.', 'fix it.')]);
    expect(report.split('\n')[0]).toBe('QTD found 1 problem in the content; the build stopped.');
  });

  it('formats what validateContent finds', () => {
    const issues = check([file('quotes', 'no-speaker.md', ['text: Words', 'date: 2021-09-01'])]);
    expect(formatIssues(issues)).toContain(
      [
        '✖ content/quotes/no-speaker.md:1',
        '  speaker: is required but missing.',
        '  Fix: add it to the front matter, e.g. `speaker: ahmad-massoud`.',
      ].join('\n'),
    );
  });
});
