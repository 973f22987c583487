/**
 * Gives each of the commonest words of a Pagefind index a chunk of its own.
 *
 * Pagefind sorts the index's words and cuts the list into chunks by a running count of
 * their positions; a chunk closes as soon as the count passes its budget. A word as
 * common as "of" passes it alone, so it closes the chunk that the rarer words before it
 * had begun ("now" … "ocean" … "of"). A search for one of those rarer words downloads
 * the common word's positions too: in Pagefind's own index of 10,000 quotes, "ocean"
 * downloads the 123 kB chunk of "of". Here such a word is moved into a chunk of its own (with the words
 * that a search for it, or for a shorter word it begins with, also finds: see `splitChunk`), and the words around it keep a chunk without it.
 * Nothing else changes: the words' bytes are copied as Pagefind wrote them; the ranges
 * are computed as Pagefind computes them, but that the parts of a split chunk meet with
 * no gap (`splitRanges`), so a word in no page is looked up in one part, as it was in
 * the whole chunk. A search for any word of the index finds the same
 * pages with the same scores; only a query that is the beginning of one of those common
 * words ("th" of "the") finds the words of the chunk before it instead, as a query does
 * at any boundary of Pagefind's chunks.
 *
 * The files are Pagefind's own format (version 1.6): gzip of the signature
 * `pagefind_dcd` followed by CBOR. Only the parts named below are read:
 * - an index chunk (`index/<hash>.pf_index`): `[[word entry, …]]`, a word entry being
 *   `[word, pages, …]`;
 * - the metadata (`pagefind.<hash>.pf_meta`): `[version, pages, chunks, …]`, a chunk
 *   being `[from, to, hash]`;
 * - `pagefind-entry.json`, which names each language's metadata file.
 * A bundle of any other shape is left as it is (`splitBundleChunks` says why).
 *
 * Plain Node (no Vite imports): usable from the integration, a script or a test.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';

// zlib's asynchronous calls run on libuv's thread pool: a bundle's chunks are (un)packed on every core.
const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

const SIGNATURE = new TextEncoder().encode('pagefind_dcd');

/** The Pagefind format this code reads; another version's bundle is left alone. */
export const SPLIT_FORMAT_VERSION = '1.6.0';

/** Why a bundle whose `pagefind-entry.json` names `version` cannot be read here; undefined when it can. */
export function unknownFormat(version: unknown): string | undefined {
  return version === SPLIT_FORMAT_VERSION
    ? undefined
    : `Pagefind ${String(version)} writes an index format this code does not know (it reads ${SPLIT_FORMAT_VERSION})`;
}

// ---------------------------------------------------------------- CBOR, as much as needed

interface Head {
  major: number;
  /** The argument: a length, a count or an integer; -1 for an indefinite length. */
  value: number;
  /** Offset just after the head. */
  next: number;
}

function readHead(bytes: Uint8Array, offset: number): Head {
  const initial = bytes[offset];
  if (initial === undefined) throw new Error(`CBOR ends early at byte ${offset}`);
  const major = initial >> 5;
  const info = initial & 31;
  if (info < 24) return { major, value: info, next: offset + 1 };
  const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  if (width > 0) {
    if (offset + 1 + width > bytes.length) throw new Error(`CBOR ends early at byte ${offset}`);
    let value = 0;
    for (let i = 1; i <= width; i++) value = value * 256 + (bytes[offset + i] ?? 0);
    return { major, value, next: offset + 1 + width };
  }
  // Indefinite length (strings, arrays, maps) or the break that ends one.
  if (info === 31 && ((major >= 2 && major <= 5) || major === 7)) return { major, value: -1, next: offset + 1 };
  throw new Error(`unsupported CBOR head 0x${initial.toString(16)} at byte ${offset}`);
}

const BREAK = 0xff;

/**
 * The offset just after the CBOR item that starts at `offset`. A chunk is millions of
 * small integers, so this counts the items still to skip instead of recursing, and
 * reads the heads of small integers inline.
 */
export function skipItem(bytes: Uint8Array, offset: number): number {
  let at = offset;
  let pending = 1;
  while (pending > 0) {
    const initial = bytes[at];
    if (initial === undefined) throw new Error(`CBOR ends early at byte ${at}`);
    pending--;
    // Integers (major types 0 and 1) with the value in the head, or in 1 or 2 more bytes.
    if (initial < 0x40 && (initial & 31) < 26) {
      const info = initial & 31;
      at += info < 24 ? 1 : info === 24 ? 2 : 3;
      continue;
    }
    const head = readHead(bytes, at);
    if (head.value === -1) {
      // Indefinite length: rare enough to walk its items one by one until the break.
      if (head.major === 7) throw new Error(`unexpected CBOR break at byte ${at}`);
      at = head.next;
      while (bytes[at] !== BREAK) {
        if (bytes[at] === undefined) throw new Error(`CBOR ends early at byte ${at}`);
        at = skipItem(bytes, at);
      }
      at++;
      continue;
    }
    at = head.next;
    if (head.major === 2 || head.major === 3) at += head.value;
    else if (head.major === 4) pending += head.value;
    else if (head.major === 5) pending += head.value * 2;
    else if (head.major === 6) pending += 1;
  }
  if (at > bytes.length) throw new Error(`CBOR ends early at byte ${bytes.length}`);
  return at;
}

/** The items of the definite-length array at `offset`, as [start, end) offsets, and the array's end. */
function arrayItems(bytes: Uint8Array, offset: number, what: string): { items: [number, number][]; end: number } {
  const head = readHead(bytes, offset);
  if (head.major !== 4 || head.value < 0) throw new Error(`${what} is not a CBOR array of known length`);
  const items: [number, number][] = [];
  let at = head.next;
  for (let i = 0; i < head.value; i++) {
    const end = skipItem(bytes, at);
    items.push([at, end]);
    at = end;
  }
  return { items, end: at };
}

function readText(bytes: Uint8Array, offset: number, what: string): string {
  const head = readHead(bytes, offset);
  if (head.major !== 3 || head.value < 0) throw new Error(`${what} is not a CBOR text string`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(head.next, head.next + head.value));
}

function encodeHead(major: number, value: number): Uint8Array {
  if (value < 24) return Uint8Array.of((major << 5) | value);
  if (value < 0x100) return Uint8Array.of((major << 5) | 24, value);
  if (value < 0x10000) return Uint8Array.of((major << 5) | 25, value >> 8, value & 0xff);
  if (value <= 0xffffffff) return Uint8Array.of((major << 5) | 26, value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  throw new Error(`CBOR length ${value} is too large`);
}

function encodeText(text: string): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  return Buffer.concat([encodeHead(3, utf8.length), utf8]);
}

// ---------------------------------------------------------------- Pagefind's files

/** The CBOR inside a Pagefind file (gzip, then the signature). */
export function unpackPagefindFile(file: Uint8Array, what: string): Uint8Array {
  return checkSignature(gunzipSync(file), what);
}

function checkSignature(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length < SIGNATURE.length || !SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw new Error(`${what} does not start with Pagefind's signature`);
  }
  return bytes.subarray(SIGNATURE.length);
}

async function unpackPagefindFileAsync(file: Uint8Array, what: string): Promise<Uint8Array> {
  return checkSignature(await gunzipAsync(file), what);
}

/** A Pagefind file holding `cbor`, compressed as Pagefind compresses its files (gzip, best). */
export function packPagefindFile(cbor: Uint8Array): Uint8Array {
  return gzipSync(Buffer.concat([SIGNATURE, cbor]), { level: 9 });
}

async function packPagefindFileAsync(cbor: Uint8Array): Promise<Uint8Array> {
  return gzipAsync(Buffer.concat([SIGNATURE, cbor]), { level: 9 });
}

/** One word of an index chunk: its text and its entry's bytes, copied as they are. */
export interface WordEntry {
  word: string;
  bytes: Uint8Array;
}

/** The words of an index chunk's CBOR (`[[word entry, …]]`), in their order; one pass over the bytes. */
export function readChunkWords(cbor: Uint8Array, what: string): WordEntry[] {
  const outer = readHead(cbor, 0);
  if (outer.major !== 4 || outer.value !== 1) throw new Error(`${what} is not an array of one word list`);
  const list = readHead(cbor, outer.next);
  if (list.major !== 4 || list.value < 0) throw new Error(`${what}'s word list is not a CBOR array of known length`);
  const words: WordEntry[] = [];
  let at = list.next;
  for (let i = 0; i < list.value; i++) {
    const entry = readHead(cbor, at);
    if (entry.major !== 4 || entry.value < 1) throw new Error(`a word entry of ${what} is not a CBOR array`);
    const end = skipItem(cbor, at);
    words.push({ word: readText(cbor, entry.next, `a word of ${what}`), bytes: cbor.subarray(at, end) });
    at = end;
  }
  if (at !== cbor.length) throw new Error(`${what} has bytes after its word list`);
  return words;
}

/** The place of a chunk's heaviest word entry (the first, if several weigh the same); -1 for no words. */
export function heaviestIndex(words: readonly WordEntry[]): number {
  let heaviest = -1;
  words.forEach((word, i) => {
    if (heaviest < 0 || word.bytes.length > (words[heaviest]?.bytes.length ?? 0)) heaviest = i;
  });
  return heaviest;
}

/** An index chunk's CBOR holding `words`. */
export function writeChunkWords(words: readonly WordEntry[]): Uint8Array {
  return Buffer.concat([encodeHead(4, 1), encodeHead(4, words.length), ...words.map((word) => word.bytes)]);
}

export interface ChunkRange {
  from: string;
  to: string;
  hash: string;
}

export interface MetaIndex {
  version: string;
  chunks: ChunkRange[];
  /** The CBOR of the metadata, to rewrite only its chunk list. */
  cbor: Uint8Array;
  /** Where the chunk list lies in `cbor`. */
  chunksAt: [number, number];
}

/** The metadata's CBOR (`[version, pages, chunks, …]`). */
export function readMeta(cbor: Uint8Array, what: string): MetaIndex {
  const top = arrayItems(cbor, 0, what);
  const [versionItem, , chunksItem] = top.items;
  if (versionItem === undefined || chunksItem === undefined) throw new Error(`${what} has fewer than three parts`);
  const version = readText(cbor, versionItem[0], `${what}'s version`);
  const chunks = arrayItems(cbor, chunksItem[0], `${what}'s chunk list`).items.map(([start]) => {
    const fields = arrayItems(cbor, start, `a chunk of ${what}`).items;
    const [from, to, hash] = fields.map(([at]) => readText(cbor, at, `a chunk of ${what}`));
    if (from === undefined || to === undefined || hash === undefined) throw new Error(`a chunk of ${what} has fewer than three fields`);
    return { from, to, hash };
  });
  return { version, chunks, cbor, chunksAt: chunksItem };
}

/** `meta`'s CBOR with its chunk list replaced by `chunks`. */
export function writeMeta(meta: MetaIndex, chunks: readonly ChunkRange[]): Uint8Array {
  const list = Buffer.concat([
    encodeHead(4, chunks.length),
    ...chunks.flatMap((chunk) => [encodeHead(4, 3), encodeText(chunk.from), encodeText(chunk.to), encodeText(chunk.hash)]),
  ]);
  return Buffer.concat([meta.cbor.subarray(0, meta.chunksAt[0]), list, meta.cbor.subarray(meta.chunksAt[1])]);
}

// ---------------------------------------------------------------- the split

/**
 * The chunks that `words` (one chunk of Pagefind's) become: a word whose entry is more
 * than half of the chunk's bytes, with at least `minRest` bytes of other words beside
 * it, gets a chunk of its own, between the words before it and the words after it.
 * Otherwise the chunk stays whole.
 *
 * Pagefind also finds a searched word's extensions among the words of the chunks it
 * loaded ("could" finds "couldn’t", "chose" finds "chosen"). So the common word's chunk
 * holds, with it, the words of the chunk that it extends ("an" of "and") and every word
 * beside it that begins as the shortest of those does: a search for any word of the
 * index loads the same words as before, and finds what it found.
 */
export function splitChunk(words: readonly WordEntry[], minRest: number): WordEntry[][] {
  if (words.length < 2) return [[...words]];
  const total = words.reduce((sum, word) => sum + word.bytes.length, 0);
  const heaviest = heaviestIndex(words);
  const heavy = words[heaviest];
  if (heavy === undefined || heavy.bytes.length * 2 <= total) return [[...words]];
  // Words sort as strings: those between a prefix of the common word and the word all begin with that prefix.
  let start = heaviest;
  for (let i = heaviest - 1; i >= 0; i--) if (heavy.word.startsWith(words[i]?.word ?? '\u0000')) start = i;
  const stem = words[start]?.word ?? heavy.word;
  let end = heaviest + 1;
  while (end < words.length && words[end]?.word.startsWith(stem)) end++;
  const own = words.slice(start, end);
  const ownBytes = own.reduce((sum, word) => sum + word.bytes.length, 0);
  if (total - ownBytes < minRest) return [[...words]];
  return [words.slice(0, start), own, words.slice(end)].filter((part) => part.length > 0);
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

/**
 * The shortest distinct prefixes of two neighbouring chunks' last and first words, as
 * Pagefind writes them into a chunk's range: one character past their common prefix.
 */
export function boundaryPrefixes(lastOfPrevious: string, firstOfNext: string): [string, string] {
  const a = codePoints(lastOfPrevious);
  const b = codePoints(firstOfNext);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [a.slice(0, common + 1).join(''), b.slice(0, common + 1).join('')];
}

/** The ranges of consecutive chunks, given each one's first and last word, as Pagefind computes them. */
export function chunkRanges(chunks: readonly { first: string; last: string }[]): { from: string; to: string }[] {
  const ranges = chunks.map((chunk) => ({ from: chunk.first, to: chunk.last }));
  for (let i = 0; i + 1 < ranges.length; i++) {
    const previous = ranges[i];
    const next = ranges[i + 1];
    if (previous === undefined || next === undefined) continue;
    [previous.to, next.from] = boundaryPrefixes(previous.to, next.from);
  }
  return ranges;
}

/** The greatest string below `word` that anyone would search for: its last character one lower, then the highest character. */
export function justBelow(word: string): string {
  const points = Array.from(word);
  const last = points.pop()?.codePointAt(0) ?? 0;
  if (last === 0) return points.join('');
  // Below the surrogates' block comes U+D7FF: a lone surrogate is not a character.
  const lower = last - 1 >= 0xd800 && last - 1 <= 0xdfff ? 0xd7ff : last - 1;
  return `${points.join('')}${String.fromCodePoint(lower)}\u{10FFFF}`;
}

/** One chunk of a split index: its first and last word, and whether the next was part of the same chunk of Pagefind's. */
export interface SplitPart {
  first: string;
  last: string;
  sameOriginAsNext: boolean;
}

/**
 * The ranges of a split index's chunks: Pagefind's (`chunkRanges`), but where two chunks
 * were one chunk of Pagefind's, the first one's range reaches up to just below the
 * second's, so that no word falls between them. Pagefind shortens the ends of its ranges
 * ("the" for a chunk that ends with "the" before "their"), and looks a word that falls
 * between two ranges up in every chunk whose ends could hold it; a gap inside what was
 * one chunk would let a word in no page ("there", between "theo" and "they") load the
 * 230 kB chunk of "the" and list its pages. Each part keeps Pagefind's start, so
 * a beginning of a part's first word ("nev" of "never") is still looked up there.
 */
export function splitRanges(parts: readonly SplitPart[]): { from: string; to: string }[] {
  const ranges = chunkRanges(parts);
  for (let i = 0; i + 1 < parts.length; i++) {
    const range = ranges[i];
    const next = ranges[i + 1];
    if (parts[i]?.sameOriginAsNext && range && next) range.to = justBelow(next.from);
  }
  return ranges;
}

/** A chunk's name: the language's prefix and the shortest run of its hash (from 7 digits) that no other chunk has. */
function chunkName(language: string, cbor: Uint8Array, taken: ReadonlySet<string>): string {
  const hash = createHash('sha256').update(cbor).digest('hex');
  for (let length = 7; length <= hash.length; length++) {
    const name = `${language}_${hash.slice(0, length)}`;
    if (!taken.has(name)) return name;
  }
  throw new Error(`two index chunks have the same content (${hash})`);
}

export interface SplitResult {
  /** Why the bundle was left as it is, when it was. */
  skipped?: string;
  /** Pagefind's chunks that were split. */
  chunksSplit: number;
  /** Chunks before and after. */
  chunksBefore: number;
  chunksAfter: number;
}

/**
 * Splits the chunks of every language of the bundle in `bundleDir` (see the top of
 * this file), rewriting the metadata and `pagefind-entry.json` when anything changed.
 * `minRest`: the fewest bytes of other words worth a chunk apart from a common word.
 */
export async function splitBundleChunks(bundleDir: string, minRest = 4096): Promise<SplitResult> {
  const entryPath = join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryPath, 'utf8')) as { version?: unknown; languages?: Record<string, { hash?: unknown }> };
  const untouched = (skipped: string): SplitResult => ({ skipped, chunksSplit: 0, chunksBefore: 0, chunksAfter: 0 });
  const unknown = unknownFormat(entry.version);
  if (unknown !== undefined) return untouched(unknown);
  const result: SplitResult = { chunksSplit: 0, chunksBefore: 0, chunksAfter: 0 };
  const indexDir = join(bundleDir, 'index');
  const writes: { path: string; bytes: Promise<Uint8Array> }[] = [];
  const removals: string[] = [];
  for (const [language, info] of Object.entries(entry.languages ?? {})) {
    const metaHash = info.hash;
    if (typeof metaHash !== 'string') throw new Error(`pagefind-entry.json: language ${language} has no metadata hash`);
    const metaPath = join(bundleDir, `pagefind.${metaHash}.pf_meta`);
    const meta = readMeta(await unpackPagefindFileAsync(await readFile(metaPath), metaPath), metaPath);
    if (meta.version !== SPLIT_FORMAT_VERSION) return untouched(`${metaPath} is of Pagefind ${meta.version}, not ${SPLIT_FORMAT_VERSION}`);
    const prefix = metaHash.slice(0, metaHash.lastIndexOf('_'));
    const taken = new Set(meta.chunks.map((chunk) => chunk.hash));
    const chunkWords = await Promise.all(
      meta.chunks.map(async (chunk) => {
        const path = join(indexDir, `${chunk.hash}.pf_index`);
        return { chunk, path, words: readChunkWords(await unpackPagefindFileAsync(await readFile(path), path), path) };
      }),
    );
    const next: (SplitPart & { hash: string })[] = [];
    let split = 0;
    for (const { chunk, path, words } of chunkWords) {
      const parts = splitChunk(words, minRest);
      if (parts.length === 1) {
        next.push({
          first: words[0]?.word ?? chunk.from,
          last: words[words.length - 1]?.word ?? chunk.to,
          hash: chunk.hash,
          sameOriginAsNext: false,
        });
        continue;
      }
      split++;
      // The old name stays taken: a new chunk of that name would be removed with the old one.
      removals.push(path);
      parts.forEach((part, index) => {
        const cbor = writeChunkWords(part);
        const hash = chunkName(prefix, cbor, taken);
        taken.add(hash);
        writes.push({ path: join(indexDir, `${hash}.pf_index`), bytes: packPagefindFileAsync(cbor) });
        next.push({
          first: part[0]?.word ?? '',
          last: part[part.length - 1]?.word ?? '',
          hash,
          sameOriginAsNext: index + 1 < parts.length,
        });
      });
    }
    result.chunksBefore += meta.chunks.length;
    result.chunksAfter += next.length;
    result.chunksSplit += split;
    if (split === 0) continue;
    const ranges = splitRanges(next);
    const metaCbor = writeMeta(
      meta,
      next.map((chunk, i) => ({ ...(ranges[i] ?? { from: chunk.first, to: chunk.last }), hash: chunk.hash })),
    );
    const newMetaHash = `${prefix}_${createHash('sha256').update(metaCbor).digest('hex').slice(0, 10)}`;
    writes.push({ path: join(bundleDir, `pagefind.${newMetaHash}.pf_meta`), bytes: packPagefindFileAsync(metaCbor) });
    removals.push(metaPath);
    info.hash = newMetaHash;
  }
  if (result.chunksSplit === 0) return result;
  // New files first, then the entry that names them, then the old files nobody names.
  await Promise.all(writes.map(async (write) => writeFile(write.path, await write.bytes)));
  await writeFile(entryPath, JSON.stringify(entry));
  await Promise.all(removals.map((path) => rm(path, { force: true })));
  return result;
}
