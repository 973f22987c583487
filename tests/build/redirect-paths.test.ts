/**
 * Redirects never write outside the output folder nor over what the build writes, in
 * a real `npm run build`: a `from` a web server would resolve differently (percent
 * escapes, `..`, backslashes, control characters) or one the build owns (the search
 * index, written after the pages) stops the build before anything is rendered; one
 * that would replace a page of this build stops it before any redirect is written.
 * Either way: a non-zero exit, the file, the field and the fix, no stack trace, and
 * no file anywhere but in the output folder.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { outRoot, projectRoot, runAstroBuild, type BuildResult } from '../support/sites.ts';

type Files = Record<string, string>;

const PERSON = `---\nname: Ada Writer\ndescription: Fixture person\n---\n`;
const ARTICLE = `---
title: Fixture Article
authors: [ada-writer]
published: 2024-05-06T10:00:00+02:00
timeZone: Europe/Paris
---

The river rose in the night and the town woke to water in every street.

Nobody had warned them, the mayor said, and nobody would forget it.
`;
const QUOTE = '---\ntext: "Nobody had warned them"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-07\n---\n';

/** A good archive (content-rules.test.ts builds the same one) with the given redirects. */
function archive(redirects: readonly { from: string; to: string }[]): Files {
  return {
    'people/ada-writer.md': PERSON,
    'articles/fixture-article.md': ARTICLE,
    'quotes/good-quote.md': QUOTE,
    'tags.yaml': '- id: floods\n  name: Floods\n',
    // JSON strings are YAML double-quoted strings: `\u0000` and `\\` reach the parser as such.
    'redirects.yaml': redirects.map(({ from, to }) => `- from: ${JSON.stringify(from)}\n  to: ${JSON.stringify(to)}\n`).join(''),
  };
}

/** `from`s a web server resolves to another path, or that the build owns whatever the content says. */
const HOSTILE = [
  '/%2E%2E/%2E%2E/index.html',
  '/%2E%2E/%2E%2E/%2E%2E/escaped.html',
  '/quotes/%2E/x/',
  '/a%2F..%2F..%2Fb/',
  '/%252E%252E/',
  '/a\\..\\..\\b/',
  '/a\u0000b/',
  `/${'a'.repeat(300)}/`,
  '/pagefind/pagefind.js',
  '/pagefind/',
  '/_astro/x.js',
  '/index.html',
  '/',
];

/** Paths that are fine on their own but are pages or files of this very build. */
const SHADOWING = ['/quotes/good-quote/', '/Quotes/Good-Quote/', '/favicon.svg/'];

const CASES = {
  hostile: archive([
    ...HOSTILE.map((from) => ({ from, to: 'https://evil.example/' })),
    { from: '/quotes/old-id/', to: '/quotes/good-quote/' },
  ]),
  shadowing: archive([
    ...SHADOWING.map((from) => ({ from, to: 'https://evil.example/' })),
    { from: '/quotes/old-id/', to: '/quotes/good-quote/' },
  ]),
} satisfies Record<string, Files>;

type CaseName = keyof typeof CASES;

interface CaseResult extends BuildResult {
  /** The content folder, relative to the project: how the report names its files. */
  dir: string;
  /** Everything under the case's folder, outside the output folder and the content. */
  outside: string[];
  distDir: string;
  contentFilesAfter: string[];
}

const results = new Map<CaseName, CaseResult>();

/** Every entry below `dir` that is not a folder (files, links), relative to it. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

async function runCase(name: CaseName): Promise<void> {
  const dir = `tests/.out/bad/redirect-paths-${name}`;
  const content = join(projectRoot, dir);
  rmSync(content, { recursive: true, force: true });
  for (const [file, text] of Object.entries(CASES[name])) {
    mkdirSync(dirname(join(content, file)), { recursive: true });
    writeFileSync(join(content, file), text);
  }
  // The output folder sits three empty folders deep, so that a path climbing out of it
  // by one, two or three `..` lands in a folder this test watches.
  const caseDir = join(outRoot, 'redirect-paths', name);
  rmSync(caseDir, { recursive: true, force: true });
  const distDir = join(caseDir, 'a/b/c/dist');
  mkdirSync(distDir, { recursive: true });
  const result = await runAstroBuild({ CONTENT_DIR: dir }, distDir, join(outRoot, 'redirect-paths', `${name}-cache`));
  const outside = filesBelow(caseDir).filter((file) => !file.startsWith('a/b/c/dist/'));
  results.set(name, { ...result, dir, outside, distDir, contentFilesAfter: filesBelow(content) });
}

beforeAll(async () => {
  await Promise.all((Object.keys(CASES) as CaseName[]).map(runCase));
});

function failure(name: CaseName): CaseResult & { output: string } {
  const result = results.get(name);
  if (!result) throw new Error(`no result for ${name}`);
  const output = `${result.stdout}\n${result.stderr}`;
  expect(result.code, `${name} must fail the build:\n${output.slice(-3000)}`).not.toBe(0);
  expect(output, 'no stack trace').not.toMatch(/^\s{4}at /m);
  return { ...result, output };
}

/** The report's line for entry `entry` of the case's redirects.yaml, and the Fix line below it. */
function reported(output: string, dir: string, entry: number): { line: string; fix: string } {
  const lines = output.split('\n');
  const index = lines.findIndex((line) => line.includes(`${dir}/redirects.yaml, entry ${entry}: "from: `));
  expect(index, `entry ${entry} is reported`).toBeGreaterThanOrEqual(0);
  return { line: lines[index] ?? '', fix: lines[index + 1] ?? '' };
}

function expectNothingOutside(result: CaseResult, name: CaseName): void {
  expect(result.outside, 'no file outside the output folder').toEqual([]);
  expect(result.contentFilesAfter, 'nothing added to the content folder').toEqual(Object.keys(CASES[name]).sort());
}

describe('a from a web server would resolve elsewhere, or that the build owns', () => {
  it('stops the build before anything is rendered, naming each entry, its field and its fix', () => {
    const { output, dir } = failure('hostile');
    HOSTILE.forEach((from, index) => {
      const { line, fix } = reported(output, dir, index + 1);
      expect(line).toContain('"from: ');
      expect(fix, `${from}: ${line}`).toMatch(/^\s+Fix: \S/);
    });
    expect(reported(output, dir, 1).line).toContain('a web server reads it as "/../../index.html"');
    expect(reported(output, dir, 5).line).toContain('percent-encoded twice');
    expect(reported(output, dir, 6).line).toContain('contains "\\"');
    expect(reported(output, dir, 7).line).toContain('<U+0000>');
    expect(reported(output, dir, 9).line).toContain('the search index');
    expect(reported(output, dir, 13).line).toContain('the home page');
    // The good entry is not among them, and no raw control character reaches the terminal.
    expect(output).not.toContain(`entry ${HOSTILE.length + 1}:`);
    expect(output).not.toContain('\u0000');
  });

  it('writes nothing outside the output folder, and no redirect inside it', () => {
    const result = failure('hostile');
    expectNothingOutside(result, 'hostile');
    expect(filesBelow(result.distDir).filter((file) => file === '_redirects' || file.endsWith('index.html'))).toEqual([]);
  });
});

describe('a from that is a page or file of this build', () => {
  it('stops the build before any redirect is written, naming each entry, its field and its fix', () => {
    const { output, dir } = failure('shadowing');
    expect(reported(output, dir, 1).line).toContain(
      '"from: /quotes/good-quote/" is still a page or file of the site (quotes/good-quote/index.html)',
    );
    expect(reported(output, dir, 2).line).toContain(
      '"from: /Quotes/Good-Quote/" is still a page or file of the site (quotes/good-quote/index.html)',
    );
    expect(reported(output, dir, 3).line).toContain(
      '"from: /favicon.svg/" would need a folder where the build writes the file favicon.svg',
    );
    for (const entry of [1, 2, 3]) expect(reported(output, dir, entry).fix).toMatch(/^\s+Fix: remove the redirect/);
    expect(output).not.toContain('entry 4:');
    expect(output).not.toMatch(/redirects? written/);
  });

  it('leaves the page in place, writes no redirect and nothing outside the output folder', () => {
    const result = failure('shadowing');
    expectNothingOutside(result, 'shadowing');
    const page = readFileSync(join(result.distDir, 'quotes/good-quote/index.html'), 'utf8');
    expect(page).toContain('Nobody had warned them');
    expect(page).not.toContain('http-equiv="refresh"');
    expect(existsSync(join(result.distDir, 'quotes/old-id/index.html')), 'not even the good redirect').toBe(false);
    expect(existsSync(join(result.distDir, '_redirects'))).toBe(false);
  });
});
