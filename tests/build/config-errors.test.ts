/**
 * The environment variables of src/site.config.ts, with real builds: a bad value stops
 * `npm run build` and `astro build` before anything is built, with one message naming
 * the variable, its value and the fix, exit status 1 and no stack trace; a SITE_URL
 * with a path builds the site under that path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outRoot, projectRoot, runAstroBuild, type BuildCommand, type BuildResult } from '../support/sites.ts';

const CONTENT_DIR = 'tests/.out/config-errors/content';
const CONTENT: Record<string, string> = {
  'people/ada-writer.md': '---\nname: Ada Writer\ndescription: Fixture person\n---\n',
  'articles/fixture-article.md': [
    '---',
    'title: Fixture Article',
    'authors: [ada-writer]',
    'published: 2024-05-06T10:00:00+02:00',
    'timeZone: Europe/Paris',
    '---',
    '',
    'The river rose in the night and the town woke to water in every street.',
    '',
  ].join('\n'),
  'quotes/good-quote.md': '---\ntext: "The river rose in the night"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-07\n---\n',
  'tags.yaml': '- id: floods\n  name: Floods\n',
};

const BUILDS = {
  badUrlAndDateByNpm: { command: 'npm run build', env: { SITE_URL: 'not a url', BUILD_DATE: '2021-02-30' } },
  badUrlByAstro: { command: 'astro build', env: { SITE_URL: 'https://example.org/qtd?preview=1' } },
  earlyBuildDateByAstro: { command: 'astro build', env: { BUILD_DATE: '0050-06-15' } },
  twoPathsByNpm: { command: 'npm run build', env: { SITE_URL: 'https://example.org/qtd', BASE_PATH: '/elsewhere/' } },
  pathInSiteUrl: { command: 'npm run build', env: { SITE_URL: 'https://example.org/qtd' } },
} satisfies Record<string, { command: BuildCommand; env: Record<string, string> }>;

type BuildName = keyof typeof BUILDS;
const results = new Map<BuildName, BuildResult & { outDir: string }>();

beforeAll(async () => {
  const content = join(projectRoot, CONTENT_DIR);
  rmSync(content, { recursive: true, force: true });
  for (const [file, text] of Object.entries(CONTENT)) {
    mkdirSync(dirname(join(content, file)), { recursive: true });
    writeFileSync(join(content, file), text);
  }
  const names = Object.keys(BUILDS) as BuildName[];
  // The refused builds stop while loading the configuration: all at once, then the one real build.
  await Promise.all(
    names.map(async (name) => {
      const { command, env } = BUILDS[name];
      const dir = join(outRoot, 'config-errors', name);
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      const result = await runAstroBuild({ CONTENT_DIR, ...env }, join(dir, 'dist'), join(dir, 'cache'), command);
      results.set(name, { ...result, outDir: join(dir, 'dist') });
    }),
  );
});

function refused(name: BuildName): string {
  const result = results.get(name);
  if (!result) throw new Error(`no result for ${name}`);
  const output = `${result.stdout}\n${result.stderr}`;
  expect(result.code, `${name} must fail the build:\n${output}`).toBe(1);
  expect(output, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/TypeError|Unable to load your Astro config|Stack trace/);
  expect(output).toContain('QTD cannot build with th');
  expect(existsSync(join(result.outDir, 'index.html')), 'nothing built').toBe(false);
  return output;
}

describe('a bad environment variable stops the build with its name, value and fix', () => {
  it('SITE_URL and BUILD_DATE, both reported by one `npm run build`', () => {
    const output = refused('badUrlAndDateByNpm');
    expect(output).toContain('QTD cannot build with these environment variables:');
    expect(output).toContain(
      `  - SITE_URL="not a url" is not a web address; set it to the site's public address, e.g. SITE_URL=https://quotes.example.org`,
    );
    expect(output).toContain(
      '  - BUILD_DATE="2021-02-30": 2021-02-30 is not a day of the calendar; set it to a day written as YYYY-MM-DD, e.g. BUILD_DATE=2021-08-23',
    );
  });

  it('a SITE_URL with a query, by a plain `astro build`', () => {
    const output = refused('badUrlByAstro');
    expect(output).toContain('SITE_URL="https://example.org/qtd?preview=1" has a query (?…), which no page address can carry;');
  });

  it('a BUILD_DATE outside the years QTD accepts, by a plain `astro build`', () => {
    const output = refused('earlyBuildDateByAstro');
    expect(output).toContain('BUILD_DATE="0050-06-15": year 0050 is outside the years QTD accepts (1000–9998)');
    expect(output).not.toContain('not a day of the calendar');
  });

  it('a path in SITE_URL that BASE_PATH contradicts', () => {
    const output = refused('twoPathsByNpm');
    expect(output).toContain(
      'SITE_URL="https://example.org/qtd" has the path /qtd/, but BASE_PATH="/elsewhere/" says /elsewhere/; give the path once',
    );
  });
});

describe('a SITE_URL with a path', () => {
  it('builds the site under that path, as BASE_PATH would', () => {
    const result = results.get('pathInSiteUrl');
    if (!result) throw new Error('no result for pathInSiteUrl');
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const page = readFileSync(join(result.outDir, 'quotes/good-quote/index.html'), 'utf8');
    expect(page).toContain('<link rel="canonical" href="https://example.org/qtd/quotes/good-quote/"');
    expect(page).toMatch(/href="\/qtd\/articles\/fixture-article\/(#[^"]*)?"/);
    expect(page).not.toMatch(/href="\/articles\//);
    const feed = readFileSync(join(result.outDir, 'rss.xml'), 'utf8');
    expect(feed).toContain('<link>https://example.org/qtd/quotes/good-quote/</link>');
    expect(readFileSync(join(result.outDir, 'sitemap-index.xml'), 'utf8')).toContain('https://example.org/qtd/sitemap-0.xml');
  });
});
