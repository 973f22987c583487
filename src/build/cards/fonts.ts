/**
 * The font files the share cards are drawn with, found through Node's module
 * resolution (not Vite's), so this works from an Astro integration hook, a
 * worker thread and a plain script alike.
 *
 * Fontsource splits each family into unicode-range subsets; the order of the
 * lists below is the fallback order, so a character is drawn with the first
 * subset that has it.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export type FontFamilyName = 'Noto Serif' | 'Noto Naskh Arabic';
export type FontWeight = 400 | 600;
export type FontStyle = 'normal' | 'italic';

export interface FontFile {
  /** Unique within the card fonts, e.g. `serif-latin-400-normal`. */
  key: string;
  family: FontFamilyName;
  weight: FontWeight;
  style: FontStyle;
  /** Absolute path of the `.woff` file (unwrapped with zlib; woff2 would need a Brotli decoder). */
  path: string;
}

const require = createRequire(import.meta.url);

const SERIF_SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'] as const;
const NASKH_SUBSETS = ['arabic', 'latin', 'latin-ext'] as const;
const SERIF_FACES = [
  { weight: 400, style: 'normal' },
  { weight: 600, style: 'normal' },
  { weight: 400, style: 'italic' },
] as const;
const NASKH_FACES = [
  { weight: 400, style: 'normal' },
  { weight: 600, style: 'normal' },
] as const;

/** Every font file the cards use, in fallback order within each family and face. */
export function cardFontFiles(): FontFile[] {
  const files: FontFile[] = [];
  for (const { weight, style } of SERIF_FACES) {
    for (const subset of SERIF_SUBSETS) {
      files.push({
        key: `serif-${subset}-${weight}-${style}`,
        family: 'Noto Serif',
        weight,
        style,
        path: require.resolve(`@fontsource/noto-serif/files/noto-serif-${subset}-${weight}-${style}.woff`),
      });
    }
  }
  for (const { weight, style } of NASKH_FACES) {
    for (const subset of NASKH_SUBSETS) {
      files.push({
        key: `naskh-${subset}-${weight}-${style}`,
        family: 'Noto Naskh Arabic',
        weight,
        style,
        path: require.resolve(`@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-${subset}-${weight}-${style}.woff`),
      });
    }
  }
  return files;
}

/**
 * Identity of the font bytes: part of every card's cache key, so a font
 * update re-renders the cards instead of serving stale pixels.
 */
export function fontFilesIdentity(files: readonly FontFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.key);
    hash.update('\0');
    hash.update(readFileSync(file.path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Unwraps a WOFF 1.0 file into the plain sfnt (TrueType/OpenType) bytes that
 * HarfBuzz reads.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const totalSfntSize = view.getUint32(16);
  const out = new Uint8Array(totalSfntSize);
  const outView = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 16 * 2 ** entrySelector;
  outView.setUint32(0, flavor);
  outView.setUint16(4, numTables);
  outView.setUint16(6, searchRange);
  outView.setUint16(8, entrySelector);
  outView.setUint16(10, numTables * 16 - searchRange);
  let dataOffset = 12 + 16 * numTables;
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + 20 * i;
    const tag = view.getUint32(entry);
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const checksum = view.getUint32(entry + 16);
    const stored = woff.subarray(offset, offset + compLength);
    const table = compLength < origLength ? inflateSync(stored) : stored;
    if (table.byteLength !== origLength) throw new Error('corrupt WOFF table');
    const record = 12 + 16 * i;
    outView.setUint32(record, tag);
    outView.setUint32(record + 4, checksum);
    outView.setUint32(record + 8, dataOffset);
    outView.setUint32(record + 12, origLength);
    out.set(table, dataOffset);
    dataOffset += (origLength + 3) & ~3;
  }
  return out;
}

/** Ascender and descender (positive, below the baseline) per em, from the sfnt's `hhea` and `head` tables. */
export function sfntVerticalMetrics(sfnt: Uint8Array): { ascender: number; descender: number } {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(sfnt[record] ?? 0, sfnt[record + 1] ?? 0, sfnt[record + 2] ?? 0, sfnt[record + 3] ?? 0);
    tables.set(tag, view.getUint32(record + 8));
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  if (head === undefined || hhea === undefined) throw new Error('font without head or hhea table');
  const unitsPerEm = view.getUint16(head + 18);
  return { ascender: view.getInt16(hhea + 4) / unitsPerEm, descender: -view.getInt16(hhea + 6) / unitsPerEm };
}
