/**
 * Random content trees, built for real: the entries the check accepts are exactly the
 * entries the site publishes. Each tree is a small archive whose quote files lie in
 * random subfolders, with, depending on the seed, hazards a contributor could create
 * (a link to a file outside, a linked folder, an upper-case extension, a `.markdown`
 * file, a draft in a hidden folder, a YAML escape of a bidi override, an OS leftover).
 * The expected outcome is worked out here, independently of the build: with any hazard
 * but a leftover the build must stop naming each one; without, every quote file must
 * have its page and no other quote page may exist.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outRoot, projectRoot, runAstroBuild, type BuildResult } from '../support/sites.ts';
import { seededRandom } from '../support/random.ts';

const SENTENCES = [
  'The river rose in the night',
  'the town woke to water in every street',
  'Nobody had warned them',
  'nobody would forget it',
  'the bridge held until morning',
  'the bells rang from the old tower',
];
const ARTICLE = `---\ntitle: Fixture Article\nauthors: [ada-writer]\npublished: 2024-05-06T10:00:00+02:00\ntimeZone: Europe/Paris\n---\n\n${SENTENCES.join(', and ')}.\n`;
const PERSON = '---\nname: Ada Writer\n---\n';

type Hazard = 'link-file' | 'link-folder' | 'upper-case' | 'markdown-ext' | 'hidden-folder' | 'escape' | 'leftover';
const HAZARDS: Hazard[] = ['link-file', 'link-folder', 'upper-case', 'markdown-ext', 'hidden-folder', 'escape', 'leftover'];

interface Tree {
  files: Record<string, string>;
  outside: Record<string, string>;
  links: Record<string, string>;
  /** Quote ids that must have a page when the build succeeds. */
  published: string[];
  /** Paths (in the content folder) the report must name; empty when the build must succeed. */
  refused: string[];
}

function quoteFile(text: string, day: number): string {
  return `---\ntext: ${JSON.stringify(text)}\nspeaker: ada-writer\nsource: fixture-article\ndate: 2024-06-${String(day).padStart(2, '0')}\n---\n`;
}

function makeTree(seed: number, hazardChance: number): Tree {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const tree: Tree = {
    files: { 'people/ada-writer.md': PERSON, 'articles/fixture-article.md': ARTICLE },
    outside: {},
    links: {},
    published: [],
    refused: [],
  };
  // A tree where every quote has a hazard gets each kind at least once, in an order the seed decides.
  const everyKind = hazardChance >= 1;
  const offset = Math.floor(next() * HAZARDS.length);
  const count = everyKind ? HAZARDS.length + Math.floor(next() * 3) : 4 + Math.floor(next() * 5);
  for (let n = 0; n < count; n++) {
    const depth = Math.floor(next() * 4);
    const folders = Array.from({ length: depth }, () => pick(['2024', 'june', 'drafts-done', 'a', 'b-c']));
    const id = `quote-${seed}-${n}`;
    const text = pick(SENTENCES);
    const day = n + 1;
    const hazard = everyKind ? HAZARDS[(n + offset) % HAZARDS.length] : next() < hazardChance ? pick(HAZARDS) : undefined;
    const folder = ['quotes', ...folders].join('/');
    switch (hazard) {
      case 'link-file':
        tree.outside[`outside/${id}.md`] = quoteFile(text, day);
        tree.links[`${folder}/${id}.md`] = `outside/${id}.md`;
        tree.refused.push(`${folder}/${id}.md`);
        break;
      case 'link-folder':
        tree.outside[`outside-${id}/${id}.md`] = quoteFile(text, day);
        tree.links[`${folder}/linked-${n}`] = `outside-${id}`;
        tree.refused.push(`${folder}/linked-${n}`);
        break;
      case 'upper-case':
        tree.files[`${folder}/${id}.MD`] = quoteFile(text, day);
        tree.refused.push(`${folder}/${id}.MD`);
        break;
      case 'markdown-ext':
        tree.files[`${folder}/${id}.markdown`] = quoteFile(text, day);
        tree.refused.push(`${folder}/${id}.markdown`);
        break;
      case 'hidden-folder':
        tree.files[`${folder}/.hidden-${n}/${id}.md`] = quoteFile(text, day);
        tree.refused.push(`${folder}/.hidden-${n}`);
        break;
      case 'escape':
        tree.files[`${folder}/${id}.md`] = quoteFile(text, day).replace(/text: "(\w+)/, 'text: "$1\\u202E');
        tree.refused.push(`${folder}/${id}.md`);
        break;
      case 'leftover':
        tree.files[`${folder}/.DS_Store`] = 'Bud1';
        tree.files[`${folder}/${id}.md`] = quoteFile(text, day);
        tree.published.push(id);
        break;
      default:
        tree.files[`${folder}/${id}.md`] = quoteFile(text, day);
        tree.published.push(id);
    }
  }
  return tree;
}

const TREES: { seed: number; hazardChance: number }[] = [
  { seed: 1, hazardChance: 0 },
  { seed: 2, hazardChance: 1 },
  { seed: 3, hazardChance: 0.5 },
  { seed: 4, hazardChance: 0.25 },
];

const results = new Map<number, { tree: Tree; result: BuildResult; dir: string; outDir: string }>();

async function buildTree(seed: number, hazardChance: number): Promise<void> {
  const tree = makeTree(seed, hazardChance);
  const parent = join(projectRoot, 'tests/.out/content-trees', String(seed));
  const dir = `tests/.out/content-trees/${seed}/content`;
  rmSync(parent, { recursive: true, force: true });
  const write = (base: string, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(base, file)), { recursive: true });
      writeFileSync(join(base, file), text);
    }
  };
  write(join(projectRoot, dir), tree.files);
  write(parent, tree.outside);
  for (const [link, target] of Object.entries(tree.links)) {
    mkdirSync(dirname(join(projectRoot, dir, link)), { recursive: true });
    symlinkSync(join(parent, target), join(projectRoot, dir, link));
  }
  const build = join(outRoot, 'content-trees-builds', String(seed));
  const outDir = join(build, 'dist');
  const result = await runAstroBuild({ CONTENT_DIR: dir }, outDir, join(build, 'cache'));
  results.set(seed, { tree, result, dir, outDir });
}

beforeAll(async () => {
  for (let i = 0; i < TREES.length; i += 2)
    await Promise.all(TREES.slice(i, i + 2).map(({ seed, hazardChance }) => buildTree(seed, hazardChance)));
});

/** Quote pages in a built site: `quotes/<id>/index.html`, leaving out the list and archive pages. */
function quotePages(outDir: string): string[] {
  const quotes = join(outDir, 'quotes');
  return readdirSync(quotes, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && entry.name !== 'page' && !/^\d+$/.test(entry.name) && existsSync(join(quotes, entry.name, 'index.html')),
    )
    .map((entry) => entry.name)
    .sort();
}

describe('random content trees: the entries checked are the entries published', () => {
  it.each(TREES.map(({ seed }) => seed))('tree %i', (seed) => {
    const built = results.get(seed);
    if (!built) throw new Error(`tree ${seed} was not built`);
    const { tree, result, dir, outDir } = built;
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output, 'no stack trace').not.toMatch(/^\s{4}at /m);
    if (tree.refused.length > 0) {
      expect(result.code, output.slice(-2000)).not.toBe(0);
      for (const path of tree.refused) expect(output).toContain(`✖ ${dir}/${path}`);
      // Nothing else is reported: every report entry is one of the hazards.
      const named = [...output.matchAll(/^✖ (\S+?)(?::\d+)?$/gm)].map((match) => match[1]);
      expect(new Set(named)).toEqual(new Set(tree.refused.map((path) => `${dir}/${path}`)));
      expect(existsSync(join(outDir, 'index.html'))).toBe(false);
    } else {
      expect(result.code, output.slice(-2000)).toBe(0);
      expect(quotePages(outDir)).toEqual([...tree.published].sort());
    }
  });

  it('the seeds cover every hazard and a tree without any', () => {
    const hazards = new Set<string>();
    for (const { tree } of results.values()) {
      for (const path of tree.refused)
        hazards.add(
          /\.MD$/.test(path)
            ? 'upper-case'
            : /\.markdown$/.test(path)
              ? 'markdown-ext'
              : /\/\.hidden-/.test(path)
                ? 'hidden-folder'
                : /linked-/.test(path)
                  ? 'link-folder'
                  : 'link-or-escape',
        );
      if (Object.keys(tree.files).some((path) => path.endsWith('.DS_Store'))) hazards.add('leftover');
    }
    expect([...results.values()].some(({ tree }) => tree.refused.length === 0)).toBe(true);
    expect(hazards.size).toBe(6);
  });
});
