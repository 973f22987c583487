import { describe, expect, it } from 'vitest';
import { validateContent, type SourceFile } from '../../src/content/validate.ts';

// An article printed before its zone kept standard time: New York kept local mean time, -04:56:02, until 1883.
const people: SourceFile[] = [
  { path: 'content/people/abraham-lincoln.md', collection: 'people', text: '---\nname: Abraham Lincoln\n---\n' },
  { path: 'content/people/a-reporter.md', collection: 'people', text: '---\nname: A Reporter\n---\n' },
];

function articleWith(published: string): SourceFile {
  return {
    path: 'content/articles/inaugural.md',
    collection: 'articles',
    text: [
      '---',
      'title: The Inauguration',
      'authors: [a-reporter]',
      `published: ${published}`,
      '---',
      'We are not enemies, but friends.',
    ].join('\n'),
  };
}

const check = (published: string) =>
  validateContent([...people, articleWith(published)], { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false }).issues;

describe('`published` before the zone kept standard time', () => {
  it('accepts the zone’s local mean time offset to the second', () => {
    expect(check('1861-03-04T12:00:00-04:56:02')).toEqual([]);
  });

  it('refuses the offset rounded to the minute, and suggests the one to write', () => {
    expect(check('1861-03-04T12:00:00-04:56')).toEqual([
      {
        file: 'content/articles/inaugural.md',
        field: 'published',
        line: 4,
        message:
          'is written with offset -04:56, but America/New_York (the site’s zone) is at -04:56:02 at that time, so the page would show another time.',
        fix: 'write the offset -04:56:02, or set `timeZone:` to the zone the time was written in.',
      },
    ]);
  });

  it('says "another time" for an offset minutes off, "another hour" for one hours off', () => {
    expect(check('1861-03-04T12:00:00-05:00')[0]?.message).toContain('is at -04:56:02 at that time, so the page would show another time.');
    expect(check('1861-03-04T12:00:00-06:00')[0]?.message).toContain('is at -04:56:02 at that time, so the page would show another hour.');
  });
});
