/**
 * What is checked is what is published: content a hostile or careless contributor
 * could write, each case a real build of a small archive. Every case must stop the
 * build naming the file, the field and the fix, with no stack trace, and write no page:
 * the check reads the files the site is built from, parsed once, and verifies quotes
 * against the text the article page shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outRoot, projectRoot, runAstroBuild, type BuildResult } from '../support/sites.ts';

type Files = Record<string, string>;

const PERSON = (name: string) => `---\nname: ${name}\ndescription: Fixture person\n---\n`;
const ARTICLE = (
  frontMatterExtra = '',
  body = 'The river rose in the night and the town woke to water in every street.\n\nNobody had warned them, the mayor said, and nobody would forget it.\n',
) =>
  `---\ntitle: Fixture Article\nauthors: [ada-writer]\npublished: 2024-05-06T10:00:00+02:00\ntimeZone: Europe/Paris\n${frontMatterExtra}---\n\n${body}`;
const QUOTE = (text: string, date: string, extra = '') =>
  `---\ntext: ${JSON.stringify(text)}\nspeaker: ada-writer\nsource: fixture-article\ndate: ${date}\n${extra}---\n`;

function archive(overrides: Files): Files {
  return {
    'people/ada-writer.md': PERSON('Ada Writer'),
    'articles/fixture-article.md': ARTICLE(),
    'quotes/good-quote.md': QUOTE('Nobody had warned them', '2024-05-07'),
    'tags.yaml': '- id: floods\n  name: Floods\n',
    ...overrides,
  };
}

const MISQUOTE = QUOTE('Nobody had warned us', '2024-05-20');
/** Nine anchors, each a list of nine aliases of the one before: 9⁹ strings once expanded. */
const BOMB = [
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const previous = String.fromCharCode(97 + i);
    return `${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`;
  }),
].join('\n');

interface Case {
  files: Files;
  /** Symbolic links to make: link path (in the archive) → target (relative to the archive's parent folder). */
  links?: Record<string, string>;
  /** Files written beside the archive, outside the content folder. */
  outside?: Files;
}

const CASES = {
  /** Items 1 and 2: links, hidden files, other extensions and stray folders are refused, not skipped. */
  files: {
    files: archive({
      'quotes/Loud.MD': QUOTE('Nobody had warned them', '2024-05-08'),
      'quotes/.drafts/hidden-draft.md': MISQUOTE,
      'articles/other-article.markdown': ARTICLE(),
      'quote/misplaced.md': MISQUOTE,
      'quotes/notes.txt': 'a note',
      'quotes/.DS_Store': 'leftover',
    }),
    outside: { 'elsewhere/misquote.md': MISQUOTE, 'elsewhere-folder/another.md': QUOTE('Nobody had warned us again', '2024-05-21') },
    links: { 'quotes/linked.md': 'elsewhere/misquote.md', 'quotes/linked-folder': 'elsewhere-folder' },
  },
  /** Item 3: a U+2028 in a front-matter comment does not end the front matter. */
  lineSeparator: {
    files: archive({
      'articles/fixture-article.md': ARTICLE('# a note\u2028---\u2028The flood took the old bridge away\n'),
      'quotes/bridge.md': QUOTE('The flood took the old bridge away', '2024-05-08'),
    }),
  },
  /** Item 4: words the sanitiser removes, and alt text, are not article text. */
  invisibleWords: {
    files: archive({
      'articles/fixture-article.md': ARTICLE(
        '',
        'The river rose in the night. <template>Words kept in a template</template> <noscript>Words for no script</noscript>\n\n<style>Words of a stylesheet</style>\n\n![Words of the alt text](https://example.org/flood.jpg)\n\n<!-- Words of a comment -->\n\nNobody had warned them.\n',
      ),
      'quotes/template.md': QUOTE('Words kept in a template', '2024-05-08'),
      'quotes/noscript.md': QUOTE('Words for no script', '2024-05-09'),
      'quotes/style.md': QUOTE('Words of a stylesheet', '2024-05-10'),
      'quotes/alt.md': QUOTE('Words of the alt text', '2024-05-11'),
      'quotes/comment.md': QUOTE('Words of a comment', '2024-05-12'),
    }),
  },
  /** Item 5: escapes in YAML and character references in Markdown are read as the characters they name. */
  escapes: {
    files: archive({
      'people/escaped.md': '---\nname: "Evil \\u202E name"\ndescription: "nul \\0 and \\x01"\n---\n',
      'quotes/nul.md': QUOTE('Nobody had warned them', '2024-05-08').replace('"Nobody had warned them"', '"Nobody had\\0 warned them"'),
      'quotes/nonchar.md': QUOTE('Nobody had warned them', '2024-05-09').replace(
        '"Nobody had warned them"',
        '"Nobody had warned them\\uFFFE"',
      ),
      'people/referenced.md': `---\nname: Referenced Person\n---\n\nA bio with an override &#x202E; and a zero-width&#x200B;space.\n`,
    }),
  },
  /** Item 7: limits, reported as content problems instead of a crash. */
  limits: {
    files: archive({
      'quotes/alias-bomb.md': `---\n${BOMB}\ntext: "Nobody had warned them"\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-05-08\n---\n`,
      'tags.yaml': `- id: floods\n  name: Floods\n  bomb:\n${BOMB.replace(/^/gm, '    ')}\n`,
      'articles/deep.md': ARTICLE('', `${'>'.repeat(10_000)} too deep\n`),
      'articles/deeper.md': ARTICLE('', `${'> '.repeat(2_000)}deep\n`),
      [`quotes/${'a'.repeat(252)}.md`]: QUOTE('Nobody had warned them', '2024-05-09'),
    }),
  },
} satisfies Record<string, Case>;

type CaseName = keyof typeof CASES;
const results = new Map<CaseName, BuildResult & { dir: string; outDir: string }>();

async function runCase(name: CaseName): Promise<void> {
  const parent = join(projectRoot, 'tests/.out/one-reading', name);
  const dir = `tests/.out/one-reading/${name}/content`;
  const absolute = join(projectRoot, dir);
  rmSync(parent, { recursive: true, force: true });
  const definition: Case = CASES[name];
  for (const [file, text] of Object.entries({ ...definition.files })) {
    mkdirSync(dirname(join(absolute, file)), { recursive: true });
    writeFileSync(join(absolute, file), text);
  }
  for (const [file, text] of Object.entries(definition.outside ?? {})) {
    mkdirSync(dirname(join(parent, file)), { recursive: true });
    writeFileSync(join(parent, file), text);
  }
  for (const [link, target] of Object.entries(definition.links ?? {})) symlinkSync(join(parent, target), join(absolute, link));
  const build = join(outRoot, 'one-reading-builds', name);
  const outDir = join(build, 'dist');
  const result = await runAstroBuild({ CONTENT_DIR: dir }, outDir, join(build, 'cache'));
  results.set(name, { ...result, dir, outDir });
}

beforeAll(async () => {
  const names = Object.keys(CASES) as CaseName[];
  for (let i = 0; i < names.length; i += 3) await Promise.all(names.slice(i, i + 3).map(runCase));
});

/** The build failed with a report and no stack trace, and wrote no page. */
function failure(name: CaseName): { output: string; dir: string } {
  const result = results.get(name);
  if (!result) throw new Error(`no result for ${name}`);
  const output = `${result.stdout}\n${result.stderr}`;
  expect(result.code, `${name} must fail the build:\n${output.slice(-3000)}`).not.toBe(0);
  expect(output, 'no stack trace').not.toMatch(/^\s{4}at /m);
  expect(output).toContain('the build stopped.');
  expect(output).toContain('Fix: ');
  expect(existsSync(join(result.outDir, 'index.html')), 'no page written').toBe(false);
  return { output, dir: result.dir };
}

/** The report's entry for a file: its location line, and the message and fix below it. */
function entryFor(output: string, location: string): string {
  const at = output.indexOf(`✖ ${location}`);
  expect(at, `the report names ${location}`).toBeGreaterThanOrEqual(0);
  return output.slice(at, output.indexOf('\n\n', at));
}

describe('files the build would not publish are refused, not skipped', () => {
  it('a quote file that is a symbolic link, and a linked folder', () => {
    const { output, dir } = failure('files');
    expect(entryFor(output, `${dir}/quotes/linked.md`)).toContain('is a symbolic link');
    expect(entryFor(output, `${dir}/quotes/linked-folder`)).toContain('Fix: replace the link with a copy');
  });

  it('an upper-case extension, a .markdown file and a text file', () => {
    const { output, dir } = failure('files');
    expect(entryFor(output, `${dir}/quotes/Loud.MD`)).toContain('rename it to Loud.md');
    expect(entryFor(output, `${dir}/articles/other-article.markdown`)).toContain('rename it to other-article.md');
    expect(entryFor(output, `${dir}/quotes/notes.txt`)).toContain('only files ending in “.md”');
  });

  it('a draft in a hidden folder, and a folder that is not a collection', () => {
    const { output, dir } = failure('files');
    expect(entryFor(output, `${dir}/quotes/.drafts`)).toContain('is hidden');
    expect(output).not.toContain('hidden-draft.md');
    expect(entryFor(output, `${dir}/quote`)).toContain('move its files into content/quotes/');
  });

  it('passes over what operating systems leave behind', () => {
    const { output } = failure('files');
    expect(output).not.toContain('.DS_Store');
  });
});

describe('one parse of the front matter', () => {
  it('a U+2028 in a comment is part of the comment: the words after it are not article text', () => {
    const { output, dir } = failure('lineSeparator');
    const entry = entryFor(output, `${dir}/quotes/bridge.md:2`);
    expect(entry).toContain('text: is not found in the article');
    expect(output).toContain('QTD found 1 problem');
  });
});

describe('quotes are verified against the words a reader sees', () => {
  it.each([
    ['template', 'inside <template>'],
    ['noscript', 'inside <noscript>'],
    ['style', 'inside <style>'],
    ['alt', 'an image’s alt text'],
    ['comment', 'an HTML comment'],
  ])('words %s (%s) do not verify a quote', (file) => {
    const { output, dir } = failure('invisibleWords');
    expect(entryFor(output, `${dir}/quotes/${file}.md:2`)).toContain('text: is not found in the article');
  });

  it('and only those quotes fail', () => {
    const { output } = failure('invisibleWords');
    expect(output).toContain('QTD found 5 problems');
  });
});

describe('hygiene reads values and rendered text, not bytes', () => {
  it('YAML escapes in front matter', () => {
    const { output, dir } = failure('escapes');
    const person = entryFor(output, `${dir}/people/escaped.md:2`);
    expect(person).toContain('name: a bidirectional override/isolate U+202E');
    expect(output).toContain('description: an invisible control character U+0000');
    expect(output).toContain('description: an invisible control character U+0001');
    expect(entryFor(output, `${dir}/quotes/nul.md:2`)).toContain('text: an invisible control character U+0000');
    expect(entryFor(output, `${dir}/quotes/nonchar.md:2`)).toContain('text: a noncharacter U+FFFE');
  });

  it('character references in Markdown, located at their line', () => {
    const { output, dir } = failure('escapes');
    const bio = output.slice(output.indexOf(`✖ ${dir}/people/referenced.md:5`));
    expect(bio).toContain('body: a bidirectional override/isolate U+202E');
    expect(output).toContain('body: a zero-width space U+200B');
  });
});

describe('limits are content problems, not crashes', () => {
  it('a YAML alias bomb in a content file and in tags.yaml', () => {
    const { output, dir } = failure('limits');
    expect(entryFor(output, `${dir}/tags.yaml`)).toContain('repeats its aliases');
    expect(output).toContain(`✖ ${dir}/quotes/alias-bomb.md`);
  });

  it('10,000 and 2,000 nested block quotes', () => {
    const { output, dir } = failure('limits');
    expect(entryFor(output, `${dir}/articles/deep.md:8`)).toContain('body: opens 10000 block quotes or lists');
    expect(entryFor(output, `${dir}/articles/deeper.md:8`)).toContain('body: opens 2000 block quotes or lists');
  });

  it('an id of 252 characters', () => {
    const { output } = failure('limits');
    expect(output).toContain('the id is 252 characters long; an id is at most 100');
  });
});
