import { describe, it, expect } from 'vitest';
import { environmentReport, readSiteEnvironment } from '../../src/site.config.ts';

const SITE_URL_FIX =
  "set it to the site's public address, e.g. SITE_URL=https://quotes.example.org (or https://example.org/qtd for a site under a path).";

describe('readSiteEnvironment', () => {
  it('gives the defaults for an empty environment', () => {
    expect(readSiteEnvironment({})).toEqual({
      siteUrl: 'https://qtd.example',
      basePath: '/',
      contentDir: 'content',
      buildDate: undefined,
      showScheduled: false,
      problems: [],
    });
    expect(readSiteEnvironment({ SITE_URL: ' ', BASE_PATH: '', BUILD_DATE: '  ', SHOW_SCHEDULED: '' }).problems).toEqual([]);
  });

  it('reads good values', () => {
    const environment = readSiteEnvironment({
      SITE_URL: 'https://Quotes.Example.org/',
      BASE_PATH: 'qtd',
      CONTENT_DIR: ' tests/fixtures ',
      BUILD_DATE: ' 2021-08-23 ',
      SHOW_SCHEDULED: 'true',
    });
    expect(environment).toEqual({
      siteUrl: 'https://quotes.example.org',
      basePath: '/qtd/',
      contentDir: 'tests/fixtures',
      buildDate: '2021-08-23',
      showScheduled: true,
      problems: [],
    });
    expect(readSiteEnvironment({ SHOW_SCHEDULED: '0' }).showScheduled).toBe(false);
    expect(readSiteEnvironment({ SHOW_SCHEDULED: '1' }).showScheduled).toBe(true);
  });

  it('takes the path of SITE_URL as the base path when BASE_PATH is unset', () => {
    for (const siteUrl of ['https://example.org/qtd', 'https://example.org/qtd/', 'https://example.org//qtd//']) {
      const environment = readSiteEnvironment({ SITE_URL: siteUrl });
      expect(environment, siteUrl).toMatchObject({ siteUrl: 'https://example.org', basePath: '/qtd/', problems: [] });
    }
    expect(readSiteEnvironment({ SITE_URL: 'https://example.org/a/b' }).basePath).toBe('/a/b/');
    // The path as the URL standard writes it.
    expect(readSiteEnvironment({ SITE_URL: 'https://example.org/my site' }).basePath).toBe('/my%20site/');
    // Both given: they must agree.
    expect(readSiteEnvironment({ SITE_URL: 'https://example.org/qtd', BASE_PATH: '/qtd/' })).toMatchObject({
      basePath: '/qtd/',
      problems: [],
    });
    expect(readSiteEnvironment({ SITE_URL: 'https://example.org/qtd', BASE_PATH: '/other' }).problems).toEqual([
      'SITE_URL="https://example.org/qtd" has the path /qtd/, but BASE_PATH="/other" says /other/; give the path once: ' +
        'SITE_URL=https://example.org with BASE_PATH=/other/, or SITE_URL=https://example.org/qtd/ without BASE_PATH.',
    ]);
  });

  it('names each bad SITE_URL with its value and what to write', () => {
    const problemOf = (value: string) => readSiteEnvironment({ SITE_URL: value }).problems;
    expect(problemOf('not a url')).toEqual([`SITE_URL="not a url" is not a web address; ${SITE_URL_FIX}`]);
    expect(problemOf('quotes.example.org')).toEqual([`SITE_URL="quotes.example.org" is not a web address; ${SITE_URL_FIX}`]);
    expect(problemOf('ftp://example.org')).toEqual([`SITE_URL="ftp://example.org" starts with ftp:, not https: or http:; ${SITE_URL_FIX}`]);
    expect(problemOf('https://user:secret@example.org')).toEqual([
      `SITE_URL="https://user:secret@example.org" holds a user name or password, which would be published in every page; ${SITE_URL_FIX}`,
    ]);
    expect(problemOf('https://example.org/?preview=1')).toEqual([
      `SITE_URL="https://example.org/?preview=1" has a query (?…), which no page address can carry; ${SITE_URL_FIX}`,
    ]);
    expect(problemOf('https://example.org/#top')).toEqual([
      `SITE_URL="https://example.org/#top" has a fragment (#…), which no page address can carry; ${SITE_URL_FIX}`,
    ]);
  });

  it('names a bad BASE_PATH, BUILD_DATE or SHOW_SCHEDULED with its value and what to write', () => {
    expect(readSiteEnvironment({ BASE_PATH: '/my site/' }).problems).toEqual([
      'BASE_PATH="/my site/" is not a URL path as browsers write it (they would read /my%20site/); set it to a path of plain words, e.g. BASE_PATH=/qtd/ (percent-encode anything else).',
    ]);
    for (const base of ['/a?b/', '/a#b/', '/../qtd/', '/a\\b/'])
      expect(readSiteEnvironment({ BASE_PATH: base }).problems, base).toHaveLength(1);
    expect(readSiteEnvironment({ BUILD_DATE: '2021-02-30' }).problems).toEqual([
      'BUILD_DATE="2021-02-30": 2021-02-30 is not a day of the calendar; set it to a day written as YYYY-MM-DD, e.g. BUILD_DATE=2021-08-23, or leave it unset for today.',
    ]);
    expect(readSiteEnvironment({ BUILD_DATE: '23/08/2021' }).problems[0]).toMatch(
      /^BUILD_DATE="23\/08\/2021": "23\/08\/2021" is not a date written as YYYY-MM-DD; /,
    );
    expect(readSiteEnvironment({ BUILD_DATE: '0050-06-15' }).problems[0]).toMatch(
      /^BUILD_DATE="0050-06-15": year 0050 is outside the years QTD accepts \(1000–9998\)/,
    );
    expect(readSiteEnvironment({ SHOW_SCHEDULED: 'yes' }).problems).toEqual([
      'SHOW_SCHEDULED="yes" is neither on nor off; write SHOW_SCHEDULED=1 to publish scheduled quotes as drafts, or leave it unset.',
    ]);
  });

  it('reports every bad variable at once, in one message', () => {
    const { problems } = readSiteEnvironment({ SITE_URL: 'nope', BUILD_DATE: '2021-13-01', BASE_PATH: '/a b/' });
    expect(problems).toHaveLength(3);
    const report = environmentReport(problems);
    expect(report.split('\n')).toEqual([
      'QTD cannot build with these environment variables:',
      ...problems.map((problem) => `  - ${problem}`),
      'The variables are described in README.md ("Environment variables the build reads") and src/site.config.ts.',
    ]);
    expect(environmentReport(problems.slice(0, 1))).toMatch(/^QTD cannot build with this environment variable:\n {2}- /);
  });
});
