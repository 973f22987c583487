/**
 * A Pagefind bundle with the shape that matters to src/build/search/split-chunks.ts:
 * words so common that each closes an index chunk of its own ("the", "of"), and rare
 * words sorted just before them ("ocean", "oath", "tea", "thaw") that Pagefind puts in
 * the same chunk. Written by Pagefind itself, unsplit, from HTML pages on disk.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { readMeta, unpackPagefindFile, type MetaIndex } from '../../src/build/search/split-chunks.ts';

/** Words of the fixture's pages besides the common ones, spread over the alphabet. */
const VOCABULARY = [
  'abbey',
  'anchor',
  'bridge',
  'candle',
  'cedar',
  'delta',
  'ember',
  'falcon',
  'garnet',
  'harbor',
  'island',
  'juniper',
  'kettle',
  'lantern',
  'meadow',
  'nectar',
  'now',
  'number',
  'nurse',
  'oak',
  'oar',
  'obey',
  'object',
  'off',
  'often',
  'oil',
  'old',
  'orchard',
  'pepper',
  'quarry',
  'river',
  'saddle',
  'sparrow',
  'table',
  'talent',
  'tender',
  'than',
  'that',
  'their',
  'them',
  'then',
  'thick',
  'thin',
  'this',
  'umber',
  'valley',
  'willow',
  'yarrow',
  'zephyr',
  'naïve',
  'ñandu',
];

/** Rare words, each on a few pages only: [word, the pages that hold it]. */
export const RARE_WORDS: readonly (readonly [string, readonly number[]])[] = [
  ['ocean', [3]],
  ['oath', [5, 17]],
  ['tea', [8]],
  ['thaw', [11, 12, 13]],
  ['ocelot', [20]],
];

export const FIXTURE_PAGES = 48;

/**
 * The words of page `page`, drawn at random (seeded): "the" half of them, "of" five in
 * twelve, the vocabulary the rest. Drawn, not in a pattern, so that the positions of the common
 * words compress as a real page's do.
 */
function pageWords(page: number): string[] {
  const words: string[] = [];
  let seed = page * 7919 + 13;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < 900; i++) {
    const draw = next() % 12;
    if (draw < 6) words.push('the');
    else if (draw < 11) words.push('of');
    else words.push(VOCABULARY[next() % VOCABULARY.length] ?? 'river');
  }
  for (const [word, pages] of RARE_WORDS) if (pages.includes(page)) words.splice(100 + page, 0, word);
  return words;
}

/** Writes the fixture's pages into `siteDir` and Pagefind's bundle into `<siteDir>/pagefind/`; returns the bundle's folder. */
export async function writeCommonWordsBundle(siteDir: string): Promise<string> {
  for (let page = 0; page < FIXTURE_PAGES; page++) {
    const dir = join(siteDir, 'pages', String(page));
    await mkdir(dir, { recursive: true });
    const words = pageWords(page);
    const paragraphs = [];
    for (let at = 0; at < words.length; at += 60) paragraphs.push(`<p>${words.slice(at, at + 60).join(' ')}.</p>`);
    await writeFile(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page ${page}</title></head><body><main data-pagefind-body><h1>Page ${page}</h1>${paragraphs.join('')}</main></body></html>`,
    );
  }
  const bundleDir = join(siteDir, 'pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
  } finally {
    await pagefind.close();
  }
  return bundleDir;
}

/**
 * Copies of a bundle for tests that change one: `copy()` gives a fresh copy's
 * `pagefind/` folder, `removeAll()` deletes every copy made.
 */
export function bundleCopies(bundleDir: () => string): { copy(): Promise<string>; removeAll(): Promise<void> } {
  const made: string[] = [];
  return {
    async copy() {
      const dir = await mkdtemp(join(tmpdir(), 'qtd-bundle-copy-'));
      made.push(dir);
      await cp(bundleDir(), join(dir, 'pagefind'), { recursive: true });
      return join(dir, 'pagefind');
    },
    async removeAll() {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** A blank page at `<root>/index.html`: Pagefind's client is imported into a document. */
export async function writeBlankPage(root: string): Promise<void> {
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search test</title></head><body><main><h1>Search test</h1></main></body></html>',
  );
}

/** The English metadata of the bundle in `bundleDir`: its file's path and name, its page count, and the metadata read. */
export function readBundleMeta(bundleDir: string): { path: string; file: string; pages: number; meta: MetaIndex } {
  const entry = JSON.parse(readFileSync(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string; page_count: number }>;
  };
  const language = entry.languages['en'];
  if (!language) throw new Error(`${bundleDir} has no English index`);
  const file = `pagefind.${language.hash}.pf_meta`;
  const path = join(bundleDir, file);
  return { path, file, pages: language.page_count, meta: readMeta(unpackPagefindFile(readFileSync(path), path), path) };
}
