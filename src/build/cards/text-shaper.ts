/**
 * Measuring and shaping card text with HarfBuzz, and turning shaped lines
 * into glyph outlines for the rasteriser.
 *
 * Every line is shaped here, in both directions: line breaking measures with
 * the same shaping that draws, and right-to-left lines are reordered with the
 * bidi algorithm one line at a time (so the first words of a quote stay on
 * its first line) with marks placed by the font's GPOS, dots of Noto Naskh
 * Arabic included.
 */
import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import type { EmbeddingLevels } from 'bidi-js';
import { sfntVerticalMetrics } from './fonts.ts';
import type { Outline } from './raster.ts';

export type Direction = 'ltr' | 'rtl';

export interface ShaperFontSource {
  key: string;
  /** Plain sfnt (TrueType/OpenType) bytes; see woffToSfnt. */
  sfnt: Uint8Array;
}

export interface TextStyle {
  /** Font keys in fallback order: each character takes the first that has it. */
  fonts: readonly string[];
  /** Font size in px. */
  size: number;
  /** Paragraph direction. */
  direction: Direction;
  /** BCP 47 tag, for language-specific glyph forms (e.g. Persian digits). */
  lang?: string | undefined;
}

/** A paragraph with its bidi embedding levels resolved once, before line breaking. */
export interface BidiParagraph {
  text: string;
  levels: EmbeddingLevels;
}

export interface PlacedGlyph {
  font: string;
  glyph: number;
  /** UTF-16 index in the paragraph of the character this glyph comes from (HarfBuzz cluster). */
  cluster: number;
  /** px from the line's left edge */
  x: number;
  /** px below the baseline (negative: above) */
  y: number;
}

export interface ShapedLine {
  width: number;
  glyphs: PlacedGlyph[];
}

export interface TextShaper {
  /** Advance width in px of `text` laid out as one line. */
  measure(text: string, style: TextStyle): number;
  /** Shapes `paragraph.text.slice(start, end)` as one line, in visual order. */
  shapeLine(paragraph: BidiParagraph, start: number, end: number, style: TextStyle): ShapedLine;
  /**
   * The glyph outlines of a line set at `size` px, with the line's left end at
   * `x` and its baseline at `y`; `mirrored` flips it left to right within its
   * advance (a quotation mark turned to open towards right-to-left text).
   */
  lineOutlines(line: ShapedLine, size: number, x: number, y: number, mirrored?: boolean): Outline[];
  /** Ascender and descender (positive, below the baseline) of a font, per em. */
  verticalMetrics(fontKey: string): { ascender: number; descender: number };
  /** Characters of `text` that none of `fonts` has (they would be drawn as boxes). */
  missingCharacters(text: string, fonts: readonly string[]): string[];
}

// Only the corner of harfbuzzjs (untyped) that we use.
interface HbBuffer {
  addText(text: string, itemOffset?: number, itemLength?: number | null): void;
  guessSegmentProperties(): void;
  setDirection(direction: Direction): void;
  setLanguage(language: string): void;
  // Read straight from HarfBuzz's arrays: json() round-trips through a JSON string.
  getGlyphInfos(): { codepoint: number; cluster: number }[];
  getGlyphPositions(): { x_advance: number; x_offset: number; y_offset: number }[];
  destroy(): void;
}
interface HbFont {
  setScale(x: number, y: number): void;
  glyphToJson(glyph: number): { type: string; values: number[] }[];
}
interface HbFace {
  upem: number;
  collectUnicodes(): Uint32Array;
}
interface HarfBuzz {
  createBlob(data: Uint8Array): unknown;
  createFace(blob: unknown, index: number): HbFace;
  createFont(face: HbFace): HbFont;
  createBuffer(): HbBuffer;
  shape(font: HbFont, buffer: HbBuffer, features?: string): void;
}

let harfBuzz: Promise<HarfBuzz> | undefined;

function loadHarfBuzz(): Promise<HarfBuzz> {
  if (!harfBuzz) {
    harfBuzz = createRequire(import.meta.url)('harfbuzzjs') as Promise<HarfBuzz>;
  }
  return harfBuzz;
}

const bidi = bidiFactory();

/** Characters that can make any part of a left-to-right paragraph run right to left. */
const RIGHT_TO_LEFT_OR_CONTROL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u061c\u200f\u202a-\u202e\u2066-\u2069\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function analyseParagraph(text: string, direction: Direction): BidiParagraph {
  // Most card text is plain left-to-right: every level 0, without running the algorithm (measuring calls this per candidate line).
  if (direction === 'ltr' && !RIGHT_TO_LEFT_OR_CONTROL.test(text)) {
    return { text, levels: { levels: new Uint8Array(text.length), paragraphs: [{ start: 0, end: text.length - 1, level: 0 }] } };
  }
  return { text, levels: bidi.getEmbeddingLevels(text, direction) };
}

/** Direction of the first strong character, for text that comes without a language tag. */
export function detectDirection(text: string): Direction | undefined {
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return undefined;
}

interface LoadedFace {
  font: HbFont;
  upem: number;
  covers: Set<number>;
  ascender: number;
  descender: number;
  paths: Map<number, { type: string; values: number[] }[]>;
}

// Characters that must stay in the font of the character before them.
const CLINGING = /^(?:\p{M}|\u200c|\u200d|[\ufe00-\ufe0f])$/u;

export async function createTextShaper(sources: readonly ShaperFontSource[]): Promise<TextShaper> {
  const hb = await loadHarfBuzz();
  const faces = new Map<string, LoadedFace>();
  for (const source of sources) {
    const { sfnt } = source;
    const face = hb.createFace(hb.createBlob(sfnt), 0);
    const font = hb.createFont(face);
    font.setScale(face.upem, face.upem);
    // Read from the file, not hb_font_get_h_extents, which answers 0 for a font not yet shaped with.
    const { ascender, descender } = sfntVerticalMetrics(sfnt);
    faces.set(source.key, { font, upem: face.upem, covers: new Set(face.collectUnicodes()), ascender, descender, paths: new Map() });
  }

  function face(key: string): LoadedFace {
    const found = faces.get(key);
    if (!found) throw new Error(`unknown card font ${key}`);
    return found;
  }

  function fontFor(codePoint: number, fonts: readonly string[]): string | undefined {
    return fonts.find((key) => face(key).covers.has(codePoint));
  }

  /** Font key of each UTF-16 unit of text[start, end). */
  function assignFonts(text: string, start: number, end: number, fonts: readonly string[]): string[] {
    const assigned: string[] = [];
    const fallback = fonts[0];
    if (fallback === undefined) throw new Error('a text style needs at least one font');
    let previous: string | undefined;
    for (let i = start; i < end;) {
      const codePoint = text.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(codePoint);
      let key: string;
      if (previous !== undefined && (CLINGING.test(char) || (/\s/u.test(char) && face(previous).covers.has(codePoint)))) {
        key = previous;
      } else {
        key = fontFor(codePoint, fonts) ?? previous ?? fallback;
      }
      for (let unit = 0; unit < char.length; unit++) assigned.push(key);
      previous = key;
      i += char.length;
    }
    return assigned;
  }

  function shapeLine(paragraph: BidiParagraph, start: number, end: number, style: TextStyle): ShapedLine {
    if (end <= start) return { width: 0, glyphs: [] };
    const { text, levels } = paragraph;
    const fonts = assignFonts(text, start, end, style.fonts);

    // Logical runs: maximal stretches with one embedding level and one font.
    const runOf = new Int32Array(end - start);
    const runs: { start: number; end: number; font: string; rtl: boolean }[] = [];
    for (let i = start; i < end; i++) {
      const font = fonts[i - start] ?? '';
      const level = levels.levels[i] ?? 0;
      const last = runs[runs.length - 1];
      if (last && last.end === i && last.font === font && last.rtl === (level % 2 === 1)) {
        last.end = i + 1;
      } else {
        runs.push({ start: i, end: i + 1, font, rtl: level % 2 === 1 });
      }
      runOf[i - start] = runs.length - 1;
    }

    // The bidi algorithm's reordering (rule L2, applied to this line only)
    // gives the visual order of the characters; each run comes out whole, so
    // the order of runs is read off it and each run is shaped in its own
    // direction.
    const visualRuns: number[] = [];
    for (const index of bidi.getReorderedIndices(text, levels, start, end - 1).slice(start, end)) {
      const run = runOf[index - start] ?? 0;
      if (visualRuns[visualRuns.length - 1] !== run) visualRuns.push(run);
    }

    const glyphs: PlacedGlyph[] = [];
    let x = 0;
    for (const runIndex of visualRuns) {
      const run = runs[runIndex];
      if (!run) continue;
      const runFace = face(run.font);
      const scale = style.size / runFace.upem;
      const buffer = hb.createBuffer();
      try {
        // The whole paragraph goes in as context so letters join across run edges.
        buffer.addText(text, run.start, run.end - run.start);
        buffer.guessSegmentProperties();
        // Mirrored brackets in right-to-left runs are HarfBuzz's job once the direction is set.
        buffer.setDirection(run.rtl ? 'rtl' : 'ltr');
        if (style.lang) buffer.setLanguage(style.lang);
        hb.shape(runFace.font, buffer);
        const infos = buffer.getGlyphInfos();
        const positions = buffer.getGlyphPositions();
        infos.forEach((info, i) => {
          const position = positions[i];
          if (!position) return;
          glyphs.push({
            font: run.font,
            glyph: info.codepoint,
            cluster: info.cluster,
            x: x + position.x_offset * scale,
            y: -position.y_offset * scale,
          });
          x += position.x_advance * scale;
        });
      } finally {
        buffer.destroy();
      }
    }
    return { width: x, glyphs };
  }

  function glyphCommands(fontKey: string, glyph: number): { type: string; values: number[] }[] {
    const loaded = face(fontKey);
    let commands = loaded.paths.get(glyph);
    if (!commands) {
      commands = loaded.font.glyphToJson(glyph);
      loaded.paths.set(glyph, commands);
    }
    return commands;
  }

  return {
    measure(text, style) {
      return shapeLine(analyseParagraph(text, style.direction), 0, text.length, style).width;
    },
    shapeLine,
    lineOutlines(line, size, originX, baselineY, mirrored = false) {
      return line.glyphs.map((placed) => {
        const scale = size / face(placed.font).upem;
        const left = originX + placed.x;
        return {
          commands: glyphCommands(placed.font, placed.glyph),
          // Font units grow upwards, pixels downwards.
          scaleX: mirrored ? -scale : scale,
          scaleY: -scale,
          translateX: mirrored ? 2 * originX + line.width - left : left,
          translateY: baselineY + placed.y,
          // One commands object per glyph of a font (glyphCommands): the rasteriser keeps its tiles.
          reusable: true,
        };
      });
    },
    verticalMetrics(fontKey) {
      const { ascender, descender } = face(fontKey);
      return { ascender, descender };
    },
    missingCharacters(text, fonts) {
      const missing = new Set<string>();
      for (const char of text) {
        const codePoint = char.codePointAt(0) ?? 0;
        if (/[\s\p{Cf}]/u.test(char)) continue;
        if (fontFor(codePoint, fonts) === undefined) missing.add(char);
      }
      return [...missing];
    },
  };
}
