/**
 * The article fields citations draw on (src/content/schema.ts): `archivedUrl`, an
 * archived copy of the original, only beside `sourceUrl`; `titleSentenceCase`, APA's
 * form of the title, which may change only the capitals. Checked as the build checks
 * content, with the file, the field and what to do.
 */
import { describe, it, expect } from 'vitest';
import { validateContent, type SourceFile, type ValidateOptions } from '../../src/content/validate.ts';

const ARTICLE = 'content/articles/the-afghan.md';
const OPTIONS: ValidateOptions = { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false };

function contentWith(fields: readonly string[]): SourceFile[] {
  const article = [
    '---',
    'title: The Afghan Who Won’t Surrender to the Taliban',
    'authors: [bernard-henri-levy]',
    'published: 2021-08-23T12:56:00-04:00',
    ...fields,
    '---',
    'What makes a people strong is the spirit of resistance.',
  ].join('\n');
  return [
    { path: 'content/people/bernard-henri-levy.md', collection: 'people', text: '---\nname: Bernard-Henri Lévy\n---\n' },
    { path: ARTICLE, collection: 'articles', text: article },
  ];
}

const check = (fields: readonly string[]) => validateContent(contentWith(fields), OPTIONS);

describe('archivedUrl and titleSentenceCase', () => {
  it('are kept as written when right', () => {
    const { issues, content } = check([
      'sourceUrl: https://www.wsj.com/articles/the-afghan-11629740519',
      'archivedUrl: https://web.archive.org/web/20210823170000/https://www.wsj.com/articles/the-afghan-11629740519',
      "titleSentenceCase: The Afghan who won't surrender to the Taliban",
    ]);
    expect(issues).toEqual([]);
    expect(content.articles[0]?.data).toMatchObject({
      archivedUrl: 'https://web.archive.org/web/20210823170000/https://www.wsj.com/articles/the-afghan-11629740519',
      titleSentenceCase: "The Afghan who won't surrender to the Taliban",
    });
  });

  it('refuses an archived copy without the original, saying what to add', () => {
    const { issues } = check(['archivedUrl: https://web.archive.org/web/2021/https://example.org/a']);
    expect(issues).toEqual([
      expect.objectContaining({
        file: ARTICLE,
        field: 'archivedUrl',
        line: 5,
        message: expect.stringMatching(
          /^is an archived copy of the original article, but the article has no `sourceUrl`: add `sourceUrl:` with the address of the original/,
        ),
      }),
    ]);
  });

  it('holds an archived copy to the same web-address rule as sourceUrl', () => {
    const { issues } = check(['sourceUrl: https://example.org/a', 'archivedUrl: https://web.archive.org/web/2021/https://example.org/a b']);
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'archivedUrl',
        message: expect.stringContaining(
          'must be written the way browsers write it: https://web.archive.org/web/2021/https://example.org/a%20b',
        ),
        fix: expect.stringContaining('archivedUrl: https://web.archive.org/web/'),
      }),
    ]);
  });

  it('refuses a sentence-case title with other words than the title’s', () => {
    const { issues } = check(['titleSentenceCase: The Afghan who will not surrender to the Taliban']);
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'titleSentenceCase',
        message:
          "reads “The Afghan who will not surrender to the Taliban” but the title reads “The Afghan Who Won’t Surrender to the Taliban”: write the title's words with only their capitals changed.",
      }),
    ]);
  });

  it('refuses an empty sentence-case title', () => {
    expect(check(['titleSentenceCase: ""']).issues).toEqual([
      expect.objectContaining({ field: 'titleSentenceCase', message: expect.stringContaining('must not be empty') }),
    ]);
  });
});
