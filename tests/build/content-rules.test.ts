/**
 * Every content rule of docs/content.md, each on a bad fixture with a real `astro build`:
 * the build must stop (non-zero exit) with the file, the field and the fix, and no
 * stack trace. The fixtures are a small good archive with one thing broken.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outRoot, projectRoot, runAstroBuild, type BuildResult } from '../support/sites.ts';

type Files = Record<string, string>;

const PERSON = (name: string, extra = '') => `---\nname: ${name}\ndescription: Fixture person\n${extra}---\n`;
const ARTICLE = `---
title: Fixture Article
authors: [ada-writer]
published: 2024-05-06T10:00:00+02:00
timeZone: Europe/Paris
---

The river rose in the night and the town woke to water in every street.

Nobody had warned them, the mayor said, and nobody would forget it.
`;
const QUOTE = (fields: string, body = '') => `---\n${fields}\n---\n${body}`;
const GOOD_QUOTE = 'text: "Nobody had warned them"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-07';

function archive(overrides: Files): Files {
  return {
    'people/ada-writer.md': PERSON('Ada Writer'),
    'articles/fixture-article.md': ARTICLE,
    'quotes/good-quote.md': QUOTE(GOOD_QUOTE),
    'tags.yaml': '- id: floods\n  name: Floods\n',
    ...overrides,
  };
}

const CASES = {
  missingField: archive({ 'quotes/no-speaker.md': QUOTE('text: "The river rose"\nsource: fixture-article\ndate: 2024-05-08') }),
  wrongReference: archive({
    'quotes/wrong-speaker.md': QUOTE('text: "The river rose"\nspeaker: ada-writter\nsource: fixture-article\ndate: 2024-05-08'),
  }),
  duplicateId: archive({
    'quotes/2024/good-quote.md': QUOTE('text: "The river rose"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-09'),
  }),
  impossibleDateUnquoted: archive({
    'quotes/feb-30.md': QUOTE('text: "The river rose"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2021-02-30'),
  }),
  impossibleDateQuoted: archive({
    'quotes/feb-30.md': QUOTE('text: "The river rose"\nspeaker: ada-writer\nsource: fixture-article\ndate: "2021-02-30"'),
  }),
  threeErrors: archive({
    'quotes/three.md': QUOTE('text: "The river rose"\nspeaker: nobody-known\nsource: fixture-article\ndate: 2021-02-30'),
    'people/broken.md': PERSON('Bro\uFFFDen Name'),
  }),
  brokenCharacters: archive({
    'articles/ligature.md': ARTICLE.replace('Fixture Article', 'Fixture \uFB01le').replace('every street', 'every stre\u0007et'),
  }),
  bidiOverride: archive({ 'people/spoofed.md': PERSON('Evil \u202Eeman\u202C Person'), 'people/zero-width.md': PERSON('Zero\u200BWidth') }),
  twoQuotesOneDay: archive({
    'quotes/same-day.md': QUOTE('text: "The river rose"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-07'),
  }),
  misquote: archive({
    'quotes/misquote.md': QUOTE(
      'text: "Nobody had warned us, the mayor said"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-08',
    ),
  }),
  unknownTag: archive({ 'quotes/tagged.md': QUOTE(`${GOOD_QUOTE.replace('2024-05-07', '2024-05-08')}\ntags: [flods]`) }),
  unsafePersonUrl: archive({ 'people/bad-url.md': PERSON('Bad Url', 'url: "javascript:alert(1)"\n') }),
  wrongOffset: archive({ 'articles/fixture-article.md': ARTICLE.replace('+02:00', '+01:00') }),
  tagWithOtherErrors: archive({
    'quotes/two-problems.md': QUOTE(
      'text: "Nobody had warned them"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2021-02-30\ntags: [flods]',
    ),
  }),
  yamlMistakes: archive({
    'quotes/colon.md': QUOTE(
      'text: The mayor said: nobody had warned them\nspeaker: ada-writer\ndate: 2024-05-08\ncontext: At the town hall',
    ),
    'quotes/hash.md': QUOTE('text: We are #1 in floods\nspeaker: ada-writer\ndate: 2024-05-09\ncontext: At the town hall'),
    'quotes/tabs.md': QUOTE(
      'text: "Nobody had warned them"\nspeaker: ada-writer\ndate: 2024-05-10\nwithdrawn:\n\tdate: 2024-05-11\n\treason: Retracted',
    ),
  }),
  renamedTag: archive({
    'tags.yaml': '- id: floods\n  name: Floods\n  renamedFrom: [flooding]\n',
    'quotes/old-tag.md': QUOTE(`${GOOD_QUOTE.replace('2024-05-07', '2024-05-08')}\ntags:\n  - flooding`),
  }),
  unknownField: archive({
    'quotes/typo.md': QUOTE('text: "The river rose"\nspeeker: ada-writer\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-08'),
  }),
} satisfies Record<string, Files>;

type CaseName = keyof typeof CASES;
const results = new Map<CaseName, BuildResult & { dir: string }>();

async function runCase(name: CaseName): Promise<void> {
  const dir = `tests/.out/bad/${name}`;
  const absolute = join(projectRoot, dir);
  rmSync(absolute, { recursive: true, force: true });
  for (const [file, text] of Object.entries(CASES[name])) {
    mkdirSync(dirname(join(absolute, file)), { recursive: true });
    writeFileSync(join(absolute, file), text);
  }
  const build = join(outRoot, 'bad-builds', name);
  const result = await runAstroBuild({ CONTENT_DIR: dir }, join(build, 'dist'), join(build, 'cache'));
  results.set(name, { ...result, dir });
}

beforeAll(async () => {
  const names = Object.keys(CASES) as CaseName[];
  // Three builds at a time: each stops at the content check, before Astro renders anything.
  for (let i = 0; i < names.length; i += 3) await Promise.all(names.slice(i, i + 3).map(runCase));
});

function failure(name: CaseName): { output: string; dir: string } {
  const result = results.get(name);
  if (!result) throw new Error(`no result for ${name}`);
  expect(result.code, `${name} must fail the build`).not.toBe(0);
  const output = `${result.stdout}\n${result.stderr}`;
  expect(output, 'no stack trace').not.toMatch(/^\s{4}at /m);
  expect(output).toContain('Fix: ');
  return { output, dir: result.dir };
}

describe('content rules stop the build with file, field and fix', () => {
  it('a missing required field', () => {
    const { output, dir } = failure('missingField');
    expect(output).toContain(`${dir}/quotes/no-speaker.md`);
    expect(output).toContain('speaker: is required but missing.');
    expect(output).toContain('speaker: ahmad-massoud');
  });

  it('a reference to a person that does not exist, with the nearest id', () => {
    const { output, dir } = failure('wrongReference');
    expect(output).toContain(`${dir}/quotes/wrong-speaker.md:3`);
    expect(output).toContain('speaker: no person "ada-writter" in content/people/. Did you mean "ada-writer"?');
  });

  it('two files with one id, naming both', () => {
    const { output, dir } = failure('duplicateId');
    expect(output).toContain(`${dir}/quotes/good-quote.md`);
    expect(output).toContain(`${dir}/quotes/2024/good-quote.md`);
    expect(output).toContain('has the same id "good-quote"');
  });

  it('an impossible date written unquoted (js-yaml would make it March 2)', () => {
    const { output, dir } = failure('impossibleDateUnquoted');
    expect(output).toContain(`${dir}/quotes/feb-30.md:5`);
    expect(output).toContain('date: 2021-02-30 is not a day of the calendar.');
  });

  it('an impossible date written quoted', () => {
    const { output } = failure('impossibleDateQuoted');
    expect(output).toContain('date: 2021-02-30 is not a day of the calendar.');
  });

  it('three errors in one fixture, all reported in one run', () => {
    const { output, dir } = failure('threeErrors');
    expect(output).toContain('QTD found 3 problems in the content');
    expect(output).toContain(`${dir}/quotes/three.md`);
    expect(output).toContain('date: 2021-02-30 is not a day of the calendar.');
    expect(output).toContain('speaker: no person "nobody-known"');
    expect(output).toContain(`${dir}/people/broken.md:2`);
    expect(output).toContain('name: a broken character (U+FFFD');
  });

  it('ligature code points and control characters', () => {
    const { output, dir } = failure('brokenCharacters');
    expect(output).toContain(`${dir}/articles/ligature.md:2`);
    expect(output).toContain('title: a ligature code point U+FB01');
    expect(output).toContain('body: an invisible control character U+0007');
  });

  it('bidi overrides and zero-width spaces, with their position', () => {
    const { output, dir } = failure('bidiOverride');
    expect(output).toContain(`${dir}/people/spoofed.md:2`);
    // The column within the value as parsed (escapes resolved), not within the raw line.
    expect(output).toContain('name: a bidirectional override/isolate U+202E at column 6');
    expect(output).toContain(`${dir}/people/zero-width.md:2`);
    expect(output).toContain('name: a zero-width space U+200B');
  });

  it('two quotes on one day', () => {
    const { output, dir } = failure('twoQuotesOneDay');
    expect(output).toContain(`${dir}/quotes/same-day.md:5`);
    expect(output).toContain(`date: 2024-05-07 is already the day of ${dir}/quotes/good-quote.md`);
  });

  it('a quote that is not in its source article, showing where they part ways', () => {
    const { output, dir } = failure('misquote');
    expect(output).toContain(`${dir}/quotes/misquote.md:2`);
    expect(output).toContain('text: is not found in the article');
    expect(output).toContain('“Nobody had warned”');
    expect(output).toContain('the quote says “us, the mayor said”');
    expect(output).toContain('the article says “them, the mayor said');
  });

  it('a tag not in the registry, with the nearest known tag', () => {
    const { output } = failure('unknownTag');
    expect(output).toContain('tags[0]: the tag "flods" is not in content/tags.yaml. Did you mean "floods"?');
  });

  it('a person URL that is not a web address', () => {
    const { output, dir } = failure('unsafePersonUrl');
    expect(output).toContain(`${dir}/people/bad-url.md:4`);
    expect(output).toContain('url: must be a full web address starting with https://');
  });

  it('a datetime whose offset is not its zone’s', () => {
    const { output } = failure('wrongOffset');
    expect(output).toContain('published: is written with offset +01:00, but Europe/Paris is at +02:00');
  });

  it('an unknown tag in the same run as another error of the same file', () => {
    const { output, dir } = failure('tagWithOtherErrors');
    expect(output).toContain('QTD found 2 problems in the content');
    expect(output).toContain(`${dir}/quotes/two-problems.md:5\n  date: 2021-02-30 is not a day of the calendar.`);
    expect(output).toContain(
      `${dir}/quotes/two-problems.md:6\n  tags[0]: the tag "flods" is not in content/tags.yaml. Did you mean "floods"?`,
    );
  });

  it('YAML mistakes, told in plain words with the line to write', () => {
    const { output, dir } = failure('yamlMistakes');
    expect(output).toContain('QTD found 3 problems in the content');
    expect(output).toContain(
      `${dir}/quotes/colon.md:2\n  text: YAML cannot read this line: the value holds ": ", which YAML takes for the start of another field.\n  Fix: put this value in quotes, because it contains ": ": \`text: "The mayor said: nobody had warned them"\`.`,
    );
    expect(output).toContain(`${dir}/quotes/hash.md:2\n  text: the value is cut short at " #"`);
    expect(output).toContain(`${dir}/quotes/tabs.md:6\n  the line is indented with a tab; YAML indents with spaces only.`);
  });

  it('a renamed tag, at its line, with the command that rewrites the files', () => {
    const { output, dir } = failure('renamedTag');
    expect(output).toContain(
      `${dir}/quotes/old-tag.md:7\n  tags[0]: the tag "flooding" was renamed to "floods".\n  Fix: write "floods", or run \`npm run rename-tag -- flooding floods\` to rewrite every file that still uses "flooding".`,
    );
  });

  it('an unknown field, with the field it probably meant', () => {
    const { output } = failure('unknownField');
    expect(output).toContain('speeker: is not a field of a quote. Did you mean "speaker"?');
  });

  it('a content folder that does not exist (a mistyped CONTENT_DIR), instead of an empty site', async () => {
    const dir = 'tests/.out/bad/no-such-folder';
    rmSync(join(projectRoot, dir), { recursive: true, force: true });
    const build = join(outRoot, 'bad-builds', 'no-such-folder');
    const result = await runAstroBuild({ CONTENT_DIR: dir }, join(build, 'dist'), join(build, 'cache'));
    expect(result.code).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toContain(`✖ ${dir}\n  the content folder does not exist`);
    expect(output).toContain('Fix: set CONTENT_DIR');
    expect(output).not.toMatch(/^\s{4}at /m);
  });

  it('accepts two quotes on one day when the second says `sharesDay: true`, and shows both as the quotes of the day', async () => {
    const dir = 'tests/.out/bad/shared-day';
    const absolute = join(projectRoot, dir);
    rmSync(absolute, { recursive: true, force: true });
    const shared = archive({
      'quotes/same-day.md': QUOTE(
        'text: "The river rose"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-07\nsharesDay: true',
      ),
    });
    for (const [file, text] of Object.entries(shared)) {
      mkdirSync(dirname(join(absolute, file)), { recursive: true });
      writeFileSync(join(absolute, file), text);
    }
    const build = join(outRoot, 'bad-builds', 'shared-day');
    const result = await runAstroBuild({ CONTENT_DIR: dir }, join(build, 'dist'), join(build, 'cache'));
    expect(result.code, result.stderr).toBe(0);
    const home = readFileSync(join(build, 'dist/index.html'), 'utf8');
    const today = home.slice(home.indexOf('<section class="today"'), home.indexOf('</section>', home.indexOf('<section class="today"')));
    expect(today).toContain('The latest quotes of the day');
    expect(today).toContain('href="/quotes/good-quote/"');
    expect(today).toContain('href="/quotes/same-day/"');
    const feed = readFileSync(join(build, 'dist/rss.xml'), 'utf8');
    expect(feed).toContain('/quotes/good-quote/</link>');
    expect(feed).toContain('/quotes/same-day/</link>');
  });

  it('accepts the good archive the fixtures start from, named by an absolute CONTENT_DIR', async () => {
    const dir = 'tests/.out/bad/good';
    const absolute = join(projectRoot, dir);
    rmSync(absolute, { recursive: true, force: true });
    for (const [file, text] of Object.entries(archive({}))) {
      mkdirSync(dirname(join(absolute, file)), { recursive: true });
      writeFileSync(join(absolute, file), text);
    }
    const build = join(outRoot, 'bad-builds', 'good');
    const result = await runAstroBuild({ CONTENT_DIR: absolute }, join(build, 'dist'), join(build, 'cache'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/content checked: [1-9]\d* quotes/);
  });
});
