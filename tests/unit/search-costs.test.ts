// What one search costs: the build lists the index chunks that alone would take a
// search past the budget (src/build/search/download-costs.ts), and the search page finds
// a query's words among them before it downloads anything (src/domain/costly-terms.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOWNLOAD_COSTS_FILE,
  chunksForTerm,
  chunksForWord,
  compareCodePoints,
  costlySearchMessage,
  costlyTerms,
  costsForLanguage,
  formatKilobytes,
  pagefindWords,
  type CostlyChunk,
  type DownloadCosts,
} from '../../src/domain/costly-terms.ts';
import { writeDownloadCosts } from '../../src/build/search/download-costs.ts';
import { readChunkWords, splitBundleChunks, unpackPagefindFile, wordPageCount } from '../../src/build/search/split-chunks.ts';
import { FIXTURE_PAGES, writeCommonWordsBundle, bundleCopies, readBundleMeta } from '../support/pagefind-fixture.ts';

// Ranges as Pagefind writes them: a chunk's ends are shortened to one character past what
// they share with the neighbouring chunk's ("oc" for "ocelot" before "of").
const ranges: [string, string][] = [
  ['0', 'ambit'],
  ['ambiti', 'and'],
  ['ane', 'oc'],
  ['of', 'tha'],
  ['the', 'the'],
  ['thei', 'zephyr'],
];
const and: CostlyChunk = { at: 1, bytes: 75_700, word: 'and', pages: 10_990 };
const the: CostlyChunk = { at: 4, bytes: 235_110, word: 'the', pages: 11_495 };
const costs: DownloadCosts = { budget: 307_200, fixed: 185_000, fragments: 41_000, pages: 11_523, ranges, costly: [and, the] };

describe('pagefindWords', () => {
  it("lower-cases, drops punctuation and splits on spaces, as Pagefind's client does before it picks chunks", () => {
    expect(pagefindWords('The “River”!')).toEqual(['the', 'river']);
    expect(pagefindWords('  "of   the"  ')).toEqual(['of', 'the']);
    expect(pagefindWords('tea-time (again)')).toEqual(['teatime', 'again']);
    expect(pagefindWords('snake_case')).toEqual(['snake_case']);
    expect(pagefindWords('?!')).toEqual([]);
  });

  it('strips accents as Pagefind does, but keeps the Japanese voicing marks', () => {
    expect(pagefindWords('Naïve Ñandú')).toEqual(['naive', 'nandu']);
    expect(pagefindWords('ガ')).toEqual(['ガ']);
    // Decomposed, and left so: Pagefind composes again only around a voicing mark.
    expect(pagefindWords('한국')).toEqual(['한국'.normalize('NFD')]);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point as Rust orders UTF-8, where UTF-16 units would not', () => {
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect(compareCodePoints('the', 'the')).toBe(0);
    expect(compareCodePoints('the', 'them')).toBeLessThan(0);
    expect(compareCodePoints('thaw', 'the')).toBeLessThan(0);
  });
});

describe('chunksForWord', () => {
  it('takes the chunk whose range holds the word, ends included', () => {
    expect(chunksForWord('the', ranges)).toEqual([4]);
    expect(chunksForWord('ambiti', ranges)).toEqual([1]);
    expect(chunksForWord('and', ranges)).toEqual([1]);
    expect(chunksForWord('ancient', ranges)).toEqual([1]);
    expect(chunksForWord('their', ranges)).toEqual([5]);
    expect(chunksForWord('0', ranges)).toEqual([0]);
  });

  it('for a word past a shortened end, takes every chunk that could hold it, compared up to the shorter length', () => {
    // "ocean" > "oc": no range holds it, and the chunk that ends in "oc" could.
    expect(chunksForWord('ocean', ranges)).toEqual([2]);
    // Past "the" and before "thei": only the chunk of "the" could hold its extensions.
    expect(chunksForWord('theater', ranges)).toEqual([4]);
    // As at 10,000 quotes: "heart" is past both "he" and "hea", and both chunks load.
    expect(
      chunksForWord('heart', [
        ['has', 'has'],
        ['hav', 'he'],
        ['hea', 'hea'],
        ['hel', 'hesit'],
      ]),
    ).toEqual([1, 2]);
    expect(chunksForWord('zzz', ranges)).toEqual([]);
    expect(chunksForWord('the', [])).toEqual([]);
  });

  it("compares in characters, where a range ends inside a character's bytes", () => {
    expect(
      chunksForWord('قلمx', [
        ['رود،»', 'سفر'],
        ['سفر»', 'قلم'],
        ['قلم»', 'می'],
      ]),
    ).toEqual([1]);
  });
});

describe('chunksForTerm', () => {
  // As at 10,000 quotes: "july" is past the shortened end "jul", and its stem "juli" ends the chunk before.
  const julyRanges: [string, string][] = [
    ['journeys', 'juli'],
    ['july', 'jul'],
    ['jun', 'kestrel'],
  ];

  it('looks up the word and its English stem, as the index holds stems', () => {
    expect(chunksForTerm('july', julyRanges)).toEqual([1, 0]);
    expect(chunksForTerm('juli', julyRanges)).toEqual([0]);
    expect(costlyTerms('July', { ...costs, ranges: julyRanges, costly: [{ at: 0, bytes: 90_000, word: 'juli', pages: 900 }] })).toEqual([
      { term: 'july', chunk: { at: 0, bytes: 90_000, word: 'juli', pages: 900 } },
    ]);
  });

  it('looks up the word alone in a language without a stemmer here', () => {
    expect(chunksForTerm('july', julyRanges, 'fa')).toEqual([1]);
  });
});

describe('costlyTerms', () => {
  it('finds the words that Pagefind would look up in a costly chunk, one word per chunk', () => {
    expect(costlyTerms('the', costs)).toEqual([{ term: 'the', chunk: the }]);
    expect(costlyTerms('The THE the', costs)).toEqual([{ term: 'the', chunk: the }]);
    expect(costlyTerms('ambition and the', costs)).toEqual([
      { term: 'ambition', chunk: and },
      { term: 'the', chunk: the },
    ]);
    expect(costlyTerms('ancient', costs)).toEqual([{ term: 'ancient', chunk: and }]);
    expect(costlyTerms('theater', costs)).toEqual([{ term: 'theater', chunk: the }]);
  });

  it('finds nothing for words in other chunks, or without costs', () => {
    expect(costlyTerms('their them thaw ambit ocean', costs)).toEqual([]);
    expect(costlyTerms('the', undefined)).toEqual([]);
    expect(costlyTerms('the', { ...costs, costly: [] })).toEqual([]);
  });
});

describe('costsForLanguage', () => {
  const file = { languages: { en: costs } };

  it('takes the page language, its primary subtag, or the one language there is', () => {
    expect(costsForLanguage(file, 'en')).toEqual({ ...costs, language: 'en' });
    expect(costsForLanguage(file, 'en-GB')).toEqual({ ...costs, language: 'en' });
    expect(costsForLanguage(file, 'fa')).toEqual({ ...costs, language: 'en' });
    expect(costsForLanguage({ languages: { en: costs, fa: costs } }, 'de')).toBeUndefined();
  });

  it('ignores a file of any other shape, so the page searches without asking', () => {
    expect(costsForLanguage(undefined, 'en')).toBeUndefined();
    expect(costsForLanguage('<html>', 'en')).toBeUndefined();
    expect(costsForLanguage({ languages: { en: { ...costs, costly: [{ at: 1 }] } } }, 'en')).toBeUndefined();
    expect(costsForLanguage({ languages: { en: { ...costs, costly: [{ ...the, at: 6 }] } } }, 'en')).toBeUndefined();
    expect(costsForLanguage({ languages: { en: { ...costs, ranges: [['a']] } } }, 'en')).toBeUndefined();
    expect(costsForLanguage({ languages: { en: { ...costs, pages: '11' } } }, 'en')).toBeUndefined();
  });
});

describe('costlySearchMessage', () => {
  it('says what the search downloads, why, and what the reader can do', () => {
    expect(costlySearchMessage(costlyTerms('the', costs), costs.pages)).toBe(
      'Searching for “the” downloads 230 kB more: “the” is on 11,495 of 11,523 pages. Add a word to narrow the search, or search anyway.',
    );
    expect(costlySearchMessage(costlyTerms('ancient the', costs), costs.pages)).toBe(
      'Searching for “ancient” and “the” downloads 304 kB more: “ancient” shares its part of the index with “and”, which is on 10,990 of 11,523 pages; “the” is on 11,495 of 11,523 pages. Add a word to narrow the search, or search anyway.',
    );
  });

  it('states bytes in whole kilobytes of 1,024 bytes, never zero', () => {
    expect(formatKilobytes(235_110)).toBe('230 kB');
    expect(formatKilobytes(1_500_000)).toBe('1,465 kB');
    expect(formatKilobytes(10)).toBe('1 kB');
  });
});

describe('writeDownloadCosts on a bundle written by Pagefind', () => {
  let siteDir: string;
  let bundleDir: string;

  beforeAll(async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'qtd-download-costs-'));
    bundleDir = await writeCommonWordsBundle(siteDir);
    await splitBundleChunks(bundleDir, 1);
  });

  afterAll(async () => {
    await rm(siteDir, { recursive: true, force: true });
    await copies.removeAll();
  });

  const copies = bundleCopies(() => bundleDir);
  const copyOfBundle = () => copies.copy();

  const size = (dir: string, ...path: string[]) => statSync(join(dir, ...path)).size;

  function chunksOf(dir: string) {
    const { file: metaFile, meta } = readBundleMeta(dir);
    return { metaFile, chunks: meta.chunks.map((chunk) => ({ ...chunk, bytes: size(dir, 'index', `${chunk.hash}.pf_index`) })) };
  }

  it('counts as fixed every file a search downloads first, its own file included, and the largest fragments', async () => {
    const dir = await copyOfBundle();
    const written = await writeDownloadCosts(dir, { budget: 10_000_000, resultsShown: 3 });
    const en = written.file?.languages['en'];
    const { metaFile, chunks } = chunksOf(dir);
    const fragments = readdirSync(join(dir, 'fragment'))
      .map((name) => size(dir, 'fragment', name))
      .sort((a, b) => b - a);
    expect(en).toEqual({
      budget: 10_000_000,
      fixed:
        size(dir, 'pagefind.js') +
        size(dir, 'pagefind-entry.json') +
        size(dir, 'wasm.en.pagefind') +
        size(dir, metaFile) +
        size(dir, DOWNLOAD_COSTS_FILE),
      fragments: (fragments[0] ?? 0) + (fragments[1] ?? 0) + (fragments[2] ?? 0),
      pages: FIXTURE_PAGES,
      ranges: chunks.map((chunk) => [chunk.from, chunk.to]),
      costly: [],
    });
    expect(JSON.parse(readFileSync(join(dir, DOWNLOAD_COSTS_FILE), 'utf8'))).toEqual(written.file);
  });

  it('lists exactly the chunks that would take a one-word search past the budget, with their range, heaviest word and its pages', async () => {
    const dir = await copyOfBundle();
    const first = (await writeDownloadCosts(dir, { budget: 10_000_000, resultsShown: 10 })).file?.languages['en'];
    if (!first) throw new Error('no costs for en');
    const { chunks } = chunksOf(dir);
    const [heaviest = 0, second = 0] = chunks.map((chunk) => chunk.bytes).sort((a, b) => b - a);
    // Room for every chunk but the heaviest (halfway to the next, as the file's own size varies a little): only it is costly.
    const budget = first.fixed + first.fragments + Math.round((heaviest + second) / 2);
    const en = (await writeDownloadCosts(dir, { budget, resultsShown: 10, leastCostlyShare: 0 })).file?.languages['en'];
    if (!en) throw new Error('no costs for en');
    expect(en.costly.map((chunk) => chunk.bytes)).toEqual(
      chunks.map((chunk) => chunk.bytes).filter((bytes) => bytes > en.budget - en.fixed - en.fragments),
    );
    const costly = chunks.filter((chunk) => chunk.bytes === heaviest);
    expect(costly).toHaveLength(1);
    const [chunk] = costly;
    if (!chunk) throw new Error('no heaviest chunk');
    const words = readChunkWords(unpackPagefindFile(readFileSync(join(dir, 'index', `${chunk.hash}.pf_index`)), chunk.hash), chunk.hash);
    expect(words.map((word) => word.word)).toEqual(['the']);
    expect(en.costly).toEqual([{ at: chunks.indexOf(chunk), bytes: heaviest, word: 'the', pages: FIXTURE_PAGES }]);
    expect(words[0] && wordPageCount(words[0])).toBe(FIXTURE_PAGES);
    // A rare word once in that chunk, and the word's extensions, are not asked about.
    expect(costlyTerms('The', en).map(({ chunk: found }) => found.word)).toEqual(['the']);
    expect(costlyTerms('thaw tea their', en)).toEqual([]);
  });

  it('never calls a chunk lighter than a quarter of the budget costly, however heavy the fixed files', async () => {
    const dir = await copyOfBundle();
    const { chunks } = chunksOf(dir);
    const [heaviest = 0] = chunks.map((chunk) => chunk.bytes).sort((a, b) => b - a);
    // A budget the fixed files alone exceed; a quarter of it lies below the heaviest chunk only.
    const budget = heaviest * 4 - 4;
    const en = (await writeDownloadCosts(dir, { budget, resultsShown: 10 })).file?.languages['en'];
    expect(en?.fixed).toBeGreaterThan(budget);
    expect(en?.costly.map((chunk) => chunk.bytes)).toEqual([heaviest]);
  });

  it('writes nothing for a bundle of another Pagefind version, and says why', async () => {
    const dir = await copyOfBundle();
    const entryPath = join(dir, 'pagefind-entry.json');
    const entry = JSON.parse(readFileSync(entryPath, 'utf8')) as Record<string, unknown>;
    await writeFile(entryPath, JSON.stringify({ ...entry, version: '2.0.0' }));
    const result = await writeDownloadCosts(dir, { budget: 307_200, resultsShown: 10 });
    expect(result.skipped).toMatch(/Pagefind 2\.0\.0 writes an index format this code does not know/);
    expect(readdirSync(dir)).not.toContain(DOWNLOAD_COSTS_FILE);
  });
});
