import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boundaryPrefixes,
  chunkRanges,
  justBelow,
  packPagefindFile,
  readChunkWords,
  skipItem,
  splitBundleChunks,
  splitChunk,
  splitRanges,
  unpackPagefindFile,
  writeChunkWords,
  writeMeta,
  type WordEntry,
} from '../../src/build/search/split-chunks.ts';
import { RARE_WORDS, writeCommonWordsBundle, bundleCopies, readBundleMeta } from '../support/pagefind-fixture.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('skipItem', () => {
  it('steps over integers of every width, strings, arrays, maps, tags and simple values', () => {
    expect(skipItem(bytes(0x17), 0)).toBe(1); // 23
    expect(skipItem(bytes(0x18, 0xff), 0)).toBe(2); // 255
    expect(skipItem(bytes(0x39, 0x01, 0x00), 0)).toBe(3); // -257
    expect(skipItem(bytes(0x1a, 0, 1, 0, 0), 0)).toBe(5); // 65,536
    expect(skipItem(bytes(0x1b, 0, 0, 0, 1, 0, 0, 0, 0), 0)).toBe(9); // 2^32
    expect(skipItem(bytes(0x63, 0x61, 0x62, 0x63), 0)).toBe(4); // "abc"
    expect(skipItem(bytes(0x82, 0x01, 0x82, 0x02, 0x03), 0)).toBe(5); // [1, [2, 3]]
    expect(skipItem(bytes(0xa1, 0x61, 0x6b, 0x01), 0)).toBe(4); // {"k": 1}
    expect(skipItem(bytes(0xc1, 0x1a, 0, 0, 0, 0), 0)).toBe(6); // a tagged integer
    expect(skipItem(bytes(0xf5, 0xf4), 0)).toBe(1); // true
    expect(skipItem(bytes(0xfb, 0, 0, 0, 0, 0, 0, 0, 0), 0)).toBe(9); // a double
  });

  it('steps over indefinite-length arrays and strings up to their break', () => {
    expect(skipItem(bytes(0x9f, 0x01, 0x82, 0x02, 0x03, 0xff, 0x07), 0)).toBe(6);
    expect(skipItem(bytes(0x7f, 0x61, 0x61, 0x61, 0x62, 0xff), 0)).toBe(6);
  });

  it('starts at the offset it is given', () => {
    expect(skipItem(bytes(0x01, 0x82, 0x02, 0x03, 0x04), 1)).toBe(4);
  });

  it('fails on bytes that end inside an item', () => {
    expect(() => skipItem(bytes(0x82, 0x01), 0)).toThrow(/ends early/);
    expect(() => skipItem(bytes(0x19, 0x01), 0)).toThrow(/ends early/);
    expect(() => skipItem(bytes(0x65, 0x61), 0)).toThrow(/ends early/);
  });
});

function entry(word: string, size: number): WordEntry {
  return { word, bytes: new Uint8Array(size) };
}

describe('splitChunk', () => {
  const words = (...list: [string, number][]) => list.map(([word, size]) => entry(word, size));
  const names = (parts: WordEntry[][]) => parts.map((part) => part.map((word) => word.word));

  it('gives a word of more than half the chunk a chunk of its own, between the words before and after it', () => {
    expect(names(splitChunk(words(['now', 300], ['ocean', 200], ['of', 9000], ['ohm', 100]), 500))).toEqual([
      ['now', 'ocean'],
      ['of'],
      ['ohm'],
    ]);
    expect(names(splitChunk(words(['now', 3000], ['ocean', 2000], ['of', 9000]), 500))).toEqual([['now', 'ocean'], ['of']]);
  });

  it('keeps with the common word the words after it that extend it, which a search for it also finds', () => {
    expect(names(splitChunk(words(['cost', 900], ['could', 9000], ['couldn’t', 900], ['couldnt', 300], ['council', 200]), 500))).toEqual([
      ['cost'],
      ['could', 'couldn’t', 'couldnt'],
      ['council'],
    ]);
    // And the words it extends, with everything between: a search for "an" found "and" and "ancient".
    expect(
      names(
        splitChunk(
          words(['ambition', 900], ['an', 600], ['ancient', 300], ['and', 9000], ['andrea', 100], ['anger', 100], ['apple', 700]),
          500,
        ),
      ),
    ).toEqual([['ambition'], ['an', 'ancient', 'and', 'andrea', 'anger'], ['apple']]);
    // The rest must still be worth a request once the extensions are counted out.
    expect(names(splitChunk(words(['cost', 400], ['could', 9000], ['couldnt', 300]), 500))).toEqual([['cost', 'could', 'couldnt']]);
  });

  it('keeps the chunk whole when no word outweighs the others together', () => {
    expect(names(splitChunk(words(['now', 3000], ['ocean', 2000], ['of', 5000]), 500))).toEqual([['now', 'ocean', 'of']]);
  });

  it('keeps the chunk whole when the other words weigh less than the least worth a request', () => {
    expect(names(splitChunk(words(['ocean', 200], ['of', 9000]), 500))).toEqual([['ocean', 'of']]);
    expect(names(splitChunk(words(['of', 9000]), 0))).toEqual([['of']]);
    expect(names(splitChunk([], 0))).toEqual([[]]);
  });
});

describe('boundaryPrefixes', () => {
  it('cuts both words one character past what they share', () => {
    expect(boundaryPrefixes('orchard', 'other')).toEqual(['or', 'ot']);
    expect(boundaryPrefixes('thaw', 'the')).toEqual(['tha', 'the']);
    expect(boundaryPrefixes('lantern', 'willow')).toEqual(['l', 'w']);
    expect(boundaryPrefixes('the', 'their')).toEqual(['the', 'thei']);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(boundaryPrefixes('naïve', 'naïvety')).toEqual(['naïve', 'naïvet']);
    expect(boundaryPrefixes('𝒜lpha', '𝒜mber')).toEqual(['𝒜l', '𝒜m']);
  });
});

describe('splitRanges', () => {
  it("keeps Pagefind's ranges, but that the parts of one chunk of Pagefind's meet with no gap", () => {
    const ranges = splitRanges([
      { first: 'abbey', last: 'anchor', sameOriginAsNext: false },
      { first: 'apple', last: 'neutral', sameOriginAsNext: true },
      { first: 'never', last: 'never', sameOriginAsNext: true },
      { first: 'nevertheless', last: 'orchard', sameOriginAsNext: false },
      { first: 'pepper', last: 'zephyr', sameOriginAsNext: false },
    ]);
    expect(ranges).toEqual([
      { from: 'abbey', to: 'an' },
      // Up to just below the next part's start: "neutrals" stays here, "neve" goes to "never".
      { from: 'ap', to: 'neu\u{10FFFF}' },
      { from: 'nev', to: 'nevers\u{10FFFF}' },
      { from: 'nevert', to: 'o' },
      { from: 'p', to: 'zephyr' },
    ]);
  });

  it('writes the string just below a word with its last character one lower, never a lone surrogate', () => {
    expect(justBelow('of')).toBe('oe\u{10FFFF}');
    expect(justBelow('a')).toBe('`\u{10FFFF}');
    expect(justBelow('x\uE000')).toBe('x\uD7FF\u{10FFFF}');
    expect(justBelow('of') < 'of' && 'oez' < justBelow('of')).toBe(true);
  });
});

describe('chunkRanges', () => {
  it('narrows only the ends where two chunks meet', () => {
    expect(
      chunkRanges([
        { first: 'abbey', last: 'anchor' },
        { first: 'apple', last: 'of' },
        { first: 'off', last: 'zephyr' },
      ]),
    ).toEqual([
      { from: 'abbey', to: 'an' },
      { from: 'ap', to: 'of' },
      { from: 'off', to: 'zephyr' },
    ]);
  });
});

describe('a bundle written by Pagefind', () => {
  let siteDir: string;
  let bundleDir: string;

  beforeAll(async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'qtd-split-chunks-'));
    bundleDir = await writeCommonWordsBundle(siteDir);
  });

  afterAll(async () => {
    await rm(siteDir, { recursive: true, force: true });
    await copies.removeAll();
  });

  const copies = bundleCopies(() => bundleDir);
  const copyOfBundle = () => copies.copy();

  const metaOf = readBundleMeta;

  function wordsOf(dir: string, hash: string): WordEntry[] {
    const path = join(dir, 'index', `${hash}.pf_index`);
    return readChunkWords(unpackPagefindFile(readFileSync(path), path), path);
  }

  it('is read and written back byte for byte: every chunk, and the metadata', () => {
    const { meta } = metaOf(bundleDir);
    expect(meta.version).toBe('1.6.0');
    expect(meta.chunks.length).toBeGreaterThan(2);
    expect(Buffer.compare(writeMeta(meta, meta.chunks), meta.cbor)).toBe(0);
    for (const chunk of meta.chunks) {
      const path = join(bundleDir, 'index', `${chunk.hash}.pf_index`);
      const cbor = unpackPagefindFile(readFileSync(path), path);
      expect(Buffer.compare(writeChunkWords(readChunkWords(cbor, path)), cbor)).toBe(0);
    }
  });

  it('has its chunk ranges computed from its words exactly as Pagefind wrote them', () => {
    const { meta } = metaOf(bundleDir);
    const words = meta.chunks.map((chunk) => wordsOf(bundleDir, chunk.hash));
    const ranges = chunkRanges(words.map((list) => ({ first: list[0]?.word ?? '', last: list[list.length - 1]?.word ?? '' })));
    expect(ranges).toEqual(meta.chunks.map(({ from, to }) => ({ from, to })));
  });

  it('puts rare words in the chunk of the common word after them, as Pagefind does', () => {
    const { meta } = metaOf(bundleDir);
    const chunkOf = (word: string) =>
      meta.chunks.find((chunk) => wordsOf(bundleDir, chunk.hash).some((entry) => entry.word === word))?.hash;
    expect(chunkOf('ocean')).toBe(chunkOf('of'));
    expect(chunkOf('thaw')).toBe(chunkOf('the'));
  });

  it('once split, gives each common word a chunk of its own and keeps every word, in order, once', async () => {
    const dir = await copyOfBundle();
    const before = metaOf(dir);
    const wordsBefore = before.meta.chunks.flatMap((chunk) => wordsOf(dir, chunk.hash));
    const result = await splitBundleChunks(dir, 1);
    expect(result.skipped).toBeUndefined();
    expect(result.chunksSplit).toBeGreaterThanOrEqual(2);
    expect(result.chunksAfter).toBeGreaterThan(result.chunksBefore);

    const after = metaOf(dir);
    expect(after.path).not.toBe(before.path);
    expect(existsSync(before.path)).toBe(false);
    expect(after.meta.chunks).toHaveLength(result.chunksAfter);
    const chunkWords = after.meta.chunks.map((chunk) => wordsOf(dir, chunk.hash));
    // The same words with the same bytes, in the same order.
    expect(chunkWords.flat().map((word) => [word.word, [...word.bytes]])).toEqual(wordsBefore.map((word) => [word.word, [...word.bytes]]));
    for (const common of ['the', 'of'])
      expect(chunkWords.find((list) => list.some((word) => word.word === common))?.map((word) => word.word)).toEqual([common]);
    for (const [rare] of RARE_WORDS) {
      const chunk = chunkWords.find((list) => list.some((word) => word.word === rare))?.map((word) => word.word);
      expect(chunk).toContain(rare);
      expect(chunk).not.toContain('the');
      expect(chunk).not.toContain('of');
    }
    // Between Pagefind's chunks, its ranges; between the parts of one, no gap: every word of the
    // fixture's alphabet falls in the range of one chunk only. And no file the metadata does not name.
    const ranges = after.meta.chunks.map(({ from, to }) => ({ from, to }));
    const pagefindRanges = chunkRanges(chunkWords.map((list) => ({ first: list[0]?.word ?? '', last: list[list.length - 1]?.word ?? '' })));
    expect(ranges[0]?.from).toBe(pagefindRanges[0]?.from);
    expect(ranges.at(-1)?.to).toBe(pagefindRanges.at(-1)?.to);
    const holding = (word: string) => ranges.filter((range) => range.from <= word && word <= range.to).length;
    for (const word of ['ob', 'oc', 'ocean', 'ocelots', 'oe', 'of', 'ofa', 'tha', 'thaw', 'thb', 'the', 'thea', 'there', 'these']) {
      expect(holding(word), word).toBeLessThanOrEqual(1);
    }
    // Words in no page, between a common word and the words before it, fall in the lighter range.
    const ofChunk = chunkWords.findIndex((list) => list[0]?.word === 'of');
    for (const word of ['ocelots', 'oe', 'oez']) {
      expect(holding(word), word).toBe(1);
      expect((ranges[ofChunk]?.from ?? '') <= word && word <= (ranges[ofChunk]?.to ?? ''), word).toBe(false);
    }
    expect(readdirSync(join(dir, 'index')).sort()).toEqual(after.meta.chunks.map((chunk) => `${chunk.hash}.pf_index`).sort());
    expect(readdirSync(join(dir, 'index')).sort()).toEqual(after.meta.chunks.map((chunk) => `${chunk.hash}.pf_index`).sort());
    // The other parts of the metadata (version, pages, filters …) are untouched.
    expect(Buffer.compare(after.meta.cbor.subarray(0, after.meta.chunksAt[0]), before.meta.cbor.subarray(0, before.meta.chunksAt[0]))).toBe(
      0,
    );
    expect(Buffer.compare(after.meta.cbor.subarray(after.meta.chunksAt[1]), before.meta.cbor.subarray(before.meta.chunksAt[1]))).toBe(0);
  });

  it('leaves a bundle alone when the rest of each chunk is too light to be worth a request', async () => {
    const dir = await copyOfBundle();
    const files = readdirSync(join(dir, 'index')).sort();
    expect(await splitBundleChunks(dir, 10_000_000)).toEqual({ chunksSplit: 0, chunksBefore: files.length, chunksAfter: files.length });
    expect(readdirSync(join(dir, 'index')).sort()).toEqual(files);
  });

  it('leaves a bundle of another Pagefind version alone, and says why', async () => {
    const dir = await copyOfBundle();
    const entryPath = join(dir, 'pagefind-entry.json');
    const entryJson = readFileSync(entryPath, 'utf8');
    await writeFile(entryPath, entryJson.replace('"1.6.0"', '"2.0.0"'));
    const result = await splitBundleChunks(dir, 1);
    expect(result.chunksSplit).toBe(0);
    expect(result.skipped).toMatch(/Pagefind 2\.0\.0/);
  });

  it("refuses a file that is not Pagefind's", () => {
    expect(() => unpackPagefindFile(packPagefindFile(bytes(0x80)).subarray(0), 'x')).not.toThrow();
    const notPagefind = new Uint8Array(readFileSync(join(bundleDir, 'pagefind-entry.json')));
    expect(() => unpackPagefindFile(notPagefind, 'pagefind-entry.json')).toThrow();
  });
});
