import { describe, it, expect } from 'vitest';
import { articleSchema, personSchema, plainRef, quoteSchema, webUrlProblem } from '../../src/content/schema.ts';
import { validateContent, type SourceFile } from '../../src/content/validate.ts';

const person = personSchema();
const article = articleSchema(plainRef);
const quote = quoteSchema(plainRef);

/** The issues of one parse as `path: message`, the way the content check reads them. */
function problems(
  schema: { safeParse(data: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  data: unknown,
): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : (result.error?.issues ?? []).map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
}

const ARTICLE = { title: 'The Afghan Who Won’t Surrender', authors: ['bernard-henri-levy'], published: '2021-08-23T12:56:00-04:00' };
const QUOTE = { text: 'What makes a people strong', speaker: 'ahmad-massoud', date: '2021-08-23' };

describe('web addresses (url, sourceUrl)', () => {
  it('accepts absolute http(s) addresses written as the URL standard writes them', () => {
    for (const url of [
      'https://en.wikipedia.org/wiki/Ahmad_Massoud',
      'http://example.org/a%20b?q=1&r=%22x%22#part',
      'https://example.org/',
      'https://example.org',
      'https://fr.wikipedia.org/wiki/Ahmad_Massoud_(n%C3%A9_en_1989)',
      'https://xn--bcher-kva.example/',
    ]) {
      expect(webUrlProblem(url), url).toBeUndefined();
      expect(problems(person, { name: 'Someone', url }), url).toEqual([]);
      expect(problems(article, { ...ARTICLE, sourceUrl: url }), url).toEqual([]);
    }
  });

  it('refuses spaces, newlines, quotation marks and <, saying what to write', () => {
    const cases: [string, string][] = [
      ['https://example.org/a b', 'https://example.org/a%20b'],
      ['https://example.org/a\nb', 'https://example.org/ab'],
      ['https://example.org/"><script>', 'https://example.org/%22%3E%3Cscript%3E'],
      ['https://example.org/?q="x"', 'https://example.org/?q=%22x%22'],
      ['https://example.org/a<b', 'https://example.org/a%3Cb'],
      [' https://example.org/x', 'https://example.org/x'],
      ['HTTPS://Example.ORG/x', 'https://example.org/x'],
      ['https://fr.wikipedia.org/wiki/né', 'https://fr.wikipedia.org/wiki/n%C3%A9'],
      ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
      ['https:example.org/x', 'https://example.org/x'],
      ['https://example.org?q=1', 'https://example.org/?q=1'],
    ];
    for (const [url, canonical] of cases) {
      const message =
        `must be written the way browsers write it: ${canonical} ` +
        '(spaces, quotation marks, <, > and letters outside ASCII percent-encoded, the scheme and host in lower case)';
      expect(problems(person, { name: 'Someone', url }), url).toEqual([`url: ${message}`]);
      expect(problems(article, { ...ARTICLE, sourceUrl: url }), url).toEqual([`sourceUrl: ${message}`]);
    }
  });

  it('refuses a user name or password, other schemes and what is not an address', () => {
    expect(webUrlProblem('https://user:pass@example.org/x')).toBe(
      'must not hold a user name or password (the "user:pass@" part): write https://example.org/x instead',
    );
    expect(webUrlProblem('https://user@example.org/')).toBe(
      'must not hold a user name or password (the "user:pass@" part): write https://example.org/ instead',
    );
    expect(webUrlProblem('javascript:alert(1)')).toBe(
      'must be a full web address starting with https:// (or http://), while this one starts with javascript:',
    );
    expect(webUrlProblem('ftp://example.org/file')).toBe(
      'must be a full web address starting with https:// (or http://), while this one starts with ftp:',
    );
    for (const url of ['not a web address', '/wiki/Ahmad_Massoud', 'https://', '']) {
      expect(webUrlProblem(url), url).toBe('must be a full web address starting with https:// (or http://)');
    }
    expect(problems(person, { name: 'Someone', url: 42 })).toEqual(['url: must be a full web address starting with https:// (or http://)']);
  });
});

describe('years of days and datetimes', () => {
  const YEAR_REASON = (year: string) =>
    `year ${year} is outside the years QTD accepts (1000–9998): only their dates keep a four-digit year in every format the site writes (RSS, ISO 8601, in any time zone)`;

  it('refuses a quote of the day outside 1000–9998 for its year, not as an impossible day', () => {
    expect(problems(quote, { ...QUOTE, date: '0050-06-15' })).toEqual([`date: ${YEAR_REASON('0050')}`]);
    expect(problems(quote, { ...QUOTE, date: '0999-12-31' })).toEqual([`date: ${YEAR_REASON('0999')}`]);
    expect(problems(quote, { ...QUOTE, date: '9999-01-01' })).toEqual([`date: ${YEAR_REASON('9999')}`]);
    expect(problems(quote, { ...QUOTE, date: '1000-01-01' })).toEqual([]);
    expect(problems(quote, { ...QUOTE, date: '9998-12-31' })).toEqual([]);
    // A day the calendar lacks is still called that.
    expect(problems(quote, { ...QUOTE, date: '2021-02-30' })).toEqual(['date: 2021-02-30 is not a day of the calendar']);
  });

  it('refuses the same years in published, updated, corrections and withdrawals', () => {
    expect(problems(article, { ...ARTICLE, published: '0050-06-15T12:00:00Z' })).toEqual([`published: ${YEAR_REASON('0050')}`]);
    expect(problems(article, { ...ARTICLE, published: '9999-12-31T23:00:00-05:00' })).toEqual([`published: ${YEAR_REASON('9999')}`]);
    expect(problems(article, { ...ARTICLE, updated: '9999-01-01T00:00:00Z' })).toEqual([`updated: ${YEAR_REASON('9999')}`]);
    expect(problems(article, { ...ARTICLE, corrections: [{ date: '9999-01-01', note: 'x' }] })).toEqual([
      `corrections.0.date: ${YEAR_REASON('9999')}`,
    ]);
    expect(problems(quote, { ...QUOTE, withdrawn: { date: '10000-01-01', reason: 'x' } })).toEqual([
      'withdrawn.date: "10000-01-01" is not a date written as YYYY-MM-DD',
    ]);
  });

  it('checks the year of the Date objects js-yaml makes of unquoted values (Astro’s reading)', () => {
    expect(problems(quote, { ...QUOTE, date: new Date(Date.UTC(9999, 0, 1)) })).toEqual([`date: ${YEAR_REASON('9999')}`]);
    const year999 = new Date(Date.UTC(2000, 0, 1));
    year999.setUTCFullYear(999);
    expect(problems(quote, { ...QUOTE, date: year999 })).toEqual([`date: ${YEAR_REASON('0999')}`]);
    expect(problems(article, { ...ARTICLE, published: new Date(Date.UTC(9999, 0, 1)) })).toEqual([`published: ${YEAR_REASON('9999')}`]);
    expect(quote.parse({ ...QUOTE, date: new Date(Date.UTC(1000, 0, 1)) }).date).toBe('1000-01-01');
  });
});

describe('dates in order', () => {
  it('refuses an update before the publication, naming both as written', () => {
    expect(problems(article, { ...ARTICLE, updated: '2021-08-23T12:55:00-04:00' })).toEqual([
      'updated: is 2021-08-23T12:55:00-04:00, before `published` (2021-08-23T12:56:00-04:00): an article is updated after it is published; correct whichever of the two is wrong',
    ]);
    // The instants are compared, whatever offsets they are written with.
    expect(problems(article, { ...ARTICLE, updated: '2021-08-23T16:56:00Z' })).toEqual([]);
    expect(problems(article, { ...ARTICLE, updated: '2021-08-23T18:55:00+02:00' })).toHaveLength(1);
  });

  it('refuses a correction dated before the day the article was published, as written', () => {
    expect(
      problems(article, {
        ...ARTICLE,
        corrections: [
          { date: '2021-08-23', note: 'same day' },
          { date: '2021-08-22', note: 'before' },
        ],
      }),
    ).toEqual([
      'corrections.1.date: is 2021-08-22, before the article was published (`published: 2021-08-23T12:56:00-04:00`): a correction is dated on or after the day of publication; correct the date',
    ]);
    // Late in the evening in New York is the next day in UTC: the day as written counts.
    const lateEvening = { ...ARTICLE, published: '2021-08-23T23:30:00-04:00' };
    expect(problems(article, { ...lateEvening, corrections: [{ date: '2021-08-23', note: 'same day' }] })).toEqual([]);
    const earlyMorning = { ...ARTICLE, published: '2021-08-24T00:30:00+02:00' };
    expect(problems(article, { ...earlyMorning, corrections: [{ date: '2021-08-23', note: 'x' }] })).toHaveLength(1);
  });

  it('refuses, for a publication js-yaml read without its offset, only a correction before its day in every zone', () => {
    // 03:00 UTC on the 23rd is still the 22nd west of UTC−03: a correction on the 22nd may be right.
    const published = new Date(Date.UTC(2021, 7, 23, 3));
    expect(problems(article, { ...ARTICLE, published, corrections: [{ date: '2021-08-22', note: 'x' }] })).toEqual([]);
    expect(problems(article, { ...ARTICLE, published, corrections: [{ date: '2021-08-21', note: 'x' }] })).toEqual([
      'corrections.0.date: is 2021-08-21, before the article was published (`published: 2021-08-23T03:00:00.000Z`): a correction is dated on or after the day of publication; correct the date',
    ]);
  });

  it('refuses a withdrawal or a correction of a quote before its day', () => {
    expect(problems(quote, { ...QUOTE, withdrawn: { date: '2021-08-22', reason: 'Retracted.' } })).toEqual([
      "withdrawn.date: is 2021-08-22, before the quote's day (`date: 2021-08-23`): a quote is withdrawn on or after its day; correct the date",
    ]);
    expect(problems(quote, { ...QUOTE, corrections: [{ date: '2021-08-01', note: 'x' }] })).toEqual([
      "corrections.0.date: is 2021-08-01, before the quote's day (`date: 2021-08-23`): a quote is corrected on or after its day; correct the date",
    ]);
    expect(
      problems(quote, {
        ...QUOTE,
        withdrawn: { date: '2021-08-23', reason: 'Same day.' },
        corrections: [{ date: '2021-08-23', note: 'x' }],
      }),
    ).toEqual([]);
  });

  it('keeps the unknown-field check and the field list (the schema is still an object)', () => {
    expect(Object.keys(quote.shape)).toContain('withdrawn');
    expect(problems(quote, { ...QUOTE, contxt: 'x' })).toEqual([': Unrecognized key: "contxt"']);
  });
});

describe('the content check reports these with file, field and fix', () => {
  const md = (collection: SourceFile['collection'], name: string, fields: readonly string[]): SourceFile => ({
    path: `content/${collection}/${name}`,
    collection,
    text: ['---', ...fields, '---', 'What makes a people strong is the spirit of resistance.'].join('\n'),
  });
  const FILES: SourceFile[] = [
    md('people', 'ahmad-massoud.md', ['name: Ahmad Massoud', 'url: "https://example.org/ahmad massoud"']),
    md('people', 'bernard-henri-levy.md', ['name: Bernard-Henri Lévy']),
    md('articles', 'the-article.md', [
      'title: The Afghan Who Won’t Surrender',
      'authors: [bernard-henri-levy]',
      'published: 2021-08-23T12:56:00-04:00',
      'updated: 2021-08-22T09:00:00-04:00',
    ]),
    md('quotes', 'spirit.md', ['text: What makes a people strong', 'speaker: ahmad-massoud', 'source: the-article', 'date: 0050-06-15']),
    md('quotes', 'withdrawn-early.md', [
      'text: What makes a people strong',
      'speaker: ahmad-massoud',
      'date: 2021-09-02',
      'withdrawn: { date: 2021-09-01, reason: Retracted. }',
    ]),
  ];

  it('names the file, the field, its line and what to write', () => {
    const { issues } = validateContent(FILES, { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false });
    const byFile = (path: string) => issues.filter((found) => found.file === path);
    expect(byFile('content/people/ahmad-massoud.md')).toEqual([
      expect.objectContaining({
        field: 'url',
        line: 3,
        message: expect.stringContaining('must be written the way browsers write it: https://example.org/ahmad%20massoud'),
      }),
    ]);
    expect(byFile('content/articles/the-article.md')).toEqual([
      expect.objectContaining({
        field: 'updated',
        line: 5,
        message:
          'is 2021-08-22T09:00:00-04:00, before `published` (2021-08-23T12:56:00-04:00): an article is updated after it is published; correct whichever of the two is wrong.',
        fix: 'write it like `updated: 2021-08-24T09:00:00-04:00`.',
      }),
    ]);
    expect(byFile('content/quotes/spirit.md')).toEqual([
      expect.objectContaining({
        field: 'date',
        line: 5,
        message: expect.stringMatching(/^year 0050 is outside the years QTD accepts \(1000–9998\)/),
      }),
    ]);
    expect(byFile('content/quotes/withdrawn-early.md')).toEqual([
      expect.objectContaining({
        field: 'withdrawn.date',
        line: 5,
        message: expect.stringContaining("before the quote's day (`date: 2021-09-02`)"),
      }),
    ]);
    expect(issues.map((found) => found.message).join('\n')).not.toContain('not a day of the calendar');
  });
});
