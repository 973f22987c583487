import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { Resvg } from '@resvg/resvg-js';
import { blendPalette, createRasteriser, outlineToSvgPath, rectangleOutline } from '../../src/build/cards/raster.ts';
import type { Outline } from '../../src/build/cards/raster.ts';
import { encodePalettePng } from '../../src/build/cards/png.ts';
import { CARD_PALETTE_SIZE, createCardRenderer, sceneToSvg } from '../../src/build/cards/card-render.ts';
import type { CardRenderer } from '../../src/build/cards/card-render.ts';
import { cardFontFiles } from '../../src/build/cards/fonts.ts';
import { referenceCards } from '../fixtures/cards/fixture-cards.ts';

const WHITE = '#ffffff';
const BLACK = '#000000';

/** Coverage (0–1) of every pixel of a one-ink image, read back from the palette indexes. */
function coverage(width: number, height: number, outlines: Outline[]): number[][] {
  const rasteriser = createRasteriser(width, height, WHITE, [BLACK]);
  rasteriser.clear();
  rasteriser.fill(outlines, 0);
  const { scanlines } = rasteriser.image();
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row: number[] = [];
    for (let x = 0; x < width; x++) row.push((scanlines[y * (width + 1) + 1 + x] ?? 0) / 255);
    rows.push(row);
  }
  return rows;
}

const total = (rows: number[][]): number => rows.flat().reduce((sum, value) => sum + value, 0);

function polygon(points: [number, number][]): Outline {
  const [first, ...rest] = points;
  return {
    commands: [{ type: 'M', values: first ?? [0, 0] }, ...rest.map((point) => ({ type: 'L', values: point })), { type: 'Z', values: [] }],
    scaleX: 1,
    scaleY: 1,
    translateX: 0,
    translateY: 0,
  };
}

describe('the rasteriser', () => {
  it('fills a pixel-aligned rectangle exactly: full inside, nothing outside', () => {
    const rows = coverage(8, 6, [rectangleOutline(2, 1, 3, 4)]);
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 8; x++) expect(rows[y]![x], `pixel ${x},${y}`).toBe(x >= 2 && x < 5 && y >= 1 && y < 5 ? 1 : 0);
    }
  });

  it('gives edge pixels the share of their area that is inside', () => {
    const rows = coverage(6, 4, [rectangleOutline(1.5, 1, 2, 2.25)]);
    expect(rows[1]![1]).toBeCloseTo(0.5, 2);
    expect(rows[1]![2]).toBe(1);
    expect(rows[1]![3]).toBeCloseTo(0.5, 2);
    expect(rows[3]![2]).toBeCloseTo(0.25, 1);
    expect(rows[3]![1]).toBeCloseTo(0.125, 1);
  });

  it('conserves area: a circle drawn with curves covers πr² within half a percent', () => {
    // Four quadratic arcs are not a perfect circle; compare with the area of the same curves sampled finely.
    const r = 20;
    const k = r * Math.SQRT2;
    const circle: Outline = {
      commands: [
        { type: 'M', values: [50 + r, 30] },
        { type: 'C', values: [50 + r, 30 + r * 0.5523, 50 + r * 0.5523, 30 + r, 50, 30 + r] },
        { type: 'C', values: [50 - r * 0.5523, 30 + r, 50 - r, 30 + r * 0.5523, 50 - r, 30] },
        { type: 'C', values: [50 - r, 30 - r * 0.5523, 50 - r * 0.5523, 30 - r, 50, 30 - r] },
        { type: 'C', values: [50 + r * 0.5523, 30 - r, 50 + r, 30 - r * 0.5523, 50 + r, 30] },
        { type: 'Z', values: [] },
      ],
      scaleX: 1,
      scaleY: 1,
      translateX: 0,
      translateY: 0,
    };
    expect(k).toBeGreaterThan(0);
    const area = total(coverage(100, 60, [circle]));
    expect(Math.abs(area - Math.PI * r * r) / (Math.PI * r * r)).toBeLessThan(0.005);
  });

  describe('reusable outlines (glyphs), drawn from tiles', () => {
    // A glyph-like shape around its own origin: a ring of quadratic arcs.
    const r = 6;
    const ringCommands = [
      { type: 'M', values: [r, 0] },
      { type: 'Q', values: [r, r, 0, r] },
      { type: 'Q', values: [-r, r, -r, 0] },
      { type: 'Q', values: [-r, -r, 0, -r] },
      { type: 'Q', values: [r, -r, r, 0] },
      { type: 'Z', values: [] },
    ];
    const at = (x: number, y: number, reusable: boolean): Outline => ({
      commands: ringCommands,
      scaleX: 1.5,
      scaleY: -1.5,
      translateX: x,
      translateY: y,
      reusable,
    });

    it('gives the pixels of a direct fill at the nearest eighth of a pixel', () => {
      // 10.3 → 10.25 and 9.7 → 9.75, the nearest eighths.
      const fromTile = coverage(24, 20, [at(10.3, 9.7, true)]);
      const direct = coverage(24, 20, [at(10.25, 9.75, false)]);
      for (let y = 0; y < 20; y++) {
        for (let x = 0; x < 24; x++)
          expect(Math.abs((fromTile[y]![x] ?? 0) - (direct[y]![x] ?? 0)), `pixel ${x},${y}`).toBeLessThanOrEqual(1 / 255 + 1e-9);
      }
      expect(total(fromTile)).toBeGreaterThan(50);
    });

    it('draws the same glyph alike wherever it is placed at the same position within a pixel', () => {
      const rows = coverage(60, 20, [at(10.5, 9.5, true), at(40.5, 9.5, true)]);
      for (let y = 0; y < 20; y++) expect(rows[y]!.slice(30, 60), `row ${y}`).toEqual(rows[y]!.slice(0, 30));
    });

    it('clips a tile at every edge of the image as a direct fill is clipped', () => {
      for (const [x, y] of [
        [1.25, 9.5],
        [22.75, 9.5],
        [10.5, 0.5],
        [10.5, 19.25],
        [0.5, 0.5],
        [23.5, 19.5],
      ] as const) {
        const fromTile = coverage(24, 20, [at(x, y, true)]);
        const direct = coverage(24, 20, [at(x, y, false)]);
        for (let row = 0; row < 20; row++) {
          for (let col = 0; col < 24; col++) {
            expect(
              Math.abs((fromTile[row]![col] ?? 0) - (direct[row]![col] ?? 0)),
              `glyph at ${x},${y}, pixel ${col},${row}`,
            ).toBeLessThanOrEqual(1 / 255 + 1e-9);
          }
        }
        expect(total(fromTile), `glyph at ${x},${y}`).toBeGreaterThan(5);
      }
    });

    it('adds the coverage of two glyphs of one ink that share a pixel, leaving no seam', () => {
      const half = (x: number): Outline => ({
        ...polygon([
          [0, 0],
          [2.5, 0],
          [2.5, 4],
          [0, 4],
        ]),
        translateX: x,
        reusable: true,
      });
      const rows = coverage(8, 4, [half(0), half(2.5)]);
      expect(rows[1]!.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 0]);
    });
  });

  it('fills by the non-zero rule: overlaps once, reversed contours as holes', () => {
    const overlapping = coverage(10, 10, [rectangleOutline(1, 1, 5, 5), rectangleOutline(3, 3, 5, 5)]);
    expect(Math.max(...overlapping.flat())).toBe(1);
    expect(total(overlapping)).toBeCloseTo(25 + 25 - 9, 5);
    const ring = coverage(10, 10, [
      rectangleOutline(1, 1, 8, 8),
      polygon([
        [3, 3],
        [3, 7],
        [7, 7],
        [7, 3],
      ]),
    ]);
    expect(ring[5]![5]).toBe(0);
    expect(ring[2]![2]).toBe(1);
    expect(total(ring)).toBeCloseTo(64 - 16, 5);
  });

  it('clips what lies outside the image without distorting what lies inside', () => {
    const rows = coverage(6, 4, [
      rectangleOutline(-10, -3, 13.5, 5),
      polygon([
        [4, 3],
        [20, 3],
        [20, 9],
        [4, 9],
      ]),
    ]);
    expect(rows[0]!.slice(0, 4)).toEqual([1, 1, 1, 0.5019607843137255]);
    expect(rows[1]![0]).toBe(1);
    expect(rows[2]![0]).toBe(0);
    expect(rows[3]!.slice(3)).toEqual([0, 1, 1]);
  });

  it('keeps the stronger ink where two inks meet, and starts clean after clear()', () => {
    const rasteriser = createRasteriser(4, 1, WHITE, ['#ff0000', '#0000ff']);
    rasteriser.clear();
    rasteriser.fill([rectangleOutline(0, 0, 2.5, 1)], 0);
    rasteriser.fill([rectangleOutline(2, 0, 2, 1)], 1);
    const levels = Math.floor(255 / 2);
    expect([...rasteriser.image().scanlines]).toEqual([0, levels, levels, levels * 2, levels * 2]);
    rasteriser.clear();
    expect([...rasteriser.image().scanlines]).toEqual([0, 0, 0, 0, 0]);
  });

  it('blends the palette from the background to each ink', () => {
    const palette = blendPalette('#f8f4ec', ['#1f1b17'], 4);
    expect([...palette]).toEqual([248, 244, 236, 194, 190, 183, 140, 136, 130, 85, 81, 76, 31, 27, 23]);
    expect(() => blendPalette('red', [BLACK], 4)).toThrow(/#rrggbb/);
  });
});

describe('the PNG writer', () => {
  it('writes a palette PNG that a decoder reads back pixel for pixel', () => {
    const rasteriser = createRasteriser(7, 3, '#102030', ['#f0e0d0']);
    rasteriser.clear();
    rasteriser.fill([rectangleOutline(1, 1, 3, 1)], 0);
    const png = PNG.sync.read(Buffer.from(encodePalettePng(rasteriser.image())));
    expect([png.width, png.height]).toEqual([7, 3]);
    const pixel = (x: number, y: number): number[] => [...png.data.subarray((y * 7 + x) * 4, (y * 7 + x) * 4 + 4)];
    expect(pixel(0, 0)).toEqual([0x10, 0x20, 0x30, 255]);
    expect(pixel(2, 1)).toEqual([0xf0, 0xe0, 0xd0, 255]);
    expect(pixel(4, 1)).toEqual([0x10, 0x20, 0x30, 255]);
  });

  it('writes 4 bits a pixel for a palette of 16 colours, odd widths included, and reads back the same pixels', () => {
    const draw = (paletteSize: number) => {
      const rasteriser = createRasteriser(9, 4, '#f8f4ec', ['#1f1b17', '#6b6259', '#a8432a'], paletteSize);
      rasteriser.clear();
      rasteriser.fill([rectangleOutline(0.5, 0.25, 3.3, 2.6)], 0);
      rasteriser.fill([rectangleOutline(4, 1, 4.5, 3)], 2);
      return rasteriser.image();
    };
    const small = draw(16);
    expect(small.palette.length / 3).toBe(16);
    const bytes = encodePalettePng(small);
    expect(bytes[24]).toBe(4); // IHDR bit depth
    const png = PNG.sync.read(Buffer.from(bytes));
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 9; x++) {
        const index = small.scanlines[y * 10 + 1 + x] ?? 0;
        const expected = [...small.palette.subarray(index * 3, index * 3 + 3), 255];
        expect([...png.data.subarray((y * 9 + x) * 4, (y * 9 + x) * 4 + 4)], `pixel ${x},${y}`).toEqual(expected);
      }
    }
    // The full palette keeps 8 bits a pixel.
    expect(encodePalettePng(draw(256))[24]).toBe(8);
  });

  it('marks the rows that hold ink, passes over the others, and a new image starts all background', () => {
    const rasteriser = createRasteriser(9, 12, '#f8f4ec', ['#1f1b17', '#a8432a'], 16);
    const decoded = (image: ReturnType<typeof rasteriser.image>): Buffer => PNG.sync.read(Buffer.from(encodePalettePng(image))).data;
    // A small diamond, placed from a tile as a glyph is: its centre 4 px in and `top` px down.
    const diamond = (top: number): Outline => ({
      ...polygon([
        [0, -1.5],
        [1.5, 0],
        [0, 1.5],
        [-1.5, 0],
      ]),
      translateX: 4,
      translateY: top,
      reusable: true,
    });
    rasteriser.clear();
    rasteriser.fill([rectangleOutline(0.5, 1.25, 6, 2)], 0);
    rasteriser.fill([diamond(8)], 1);
    const first = rasteriser.image();
    for (let row = 0; row < 12; row++) {
      const pixels = first.scanlines.subarray(row * 10 + 1, row * 10 + 10);
      if (first.inkedRows?.[row] === 0) expect([...pixels], `row ${row}`).toEqual(new Array(9).fill(0));
    }
    expect([...(first.inkedRows ?? [])].filter(Boolean).length).toBeLessThan(12);
    // The marks change nothing a decoder sees.
    expect(decoded(first)).toEqual(decoded({ ...first, inkedRows: undefined }));
    // The next image, in the same buffers, has none of the first one's ink.
    rasteriser.clear();
    rasteriser.fill([rectangleOutline(3, 10, 2, 1)], 0);
    const second = rasteriser.image();
    const fresh = createRasteriser(9, 12, '#f8f4ec', ['#1f1b17', '#a8432a'], 16);
    fresh.clear();
    fresh.fill([rectangleOutline(3, 10, 2, 1)], 0);
    expect([...second.scanlines]).toEqual([...fresh.image().scanlines]);
    expect(decoded(second)).toEqual(decoded(fresh.image()));
  });

  it('gives each ink the coverage steps the palette leaves', () => {
    expect(() => createRasteriser(2, 2, WHITE, [BLACK], 1)).toThrow(/2 to 256 colours/);
    expect(() => createRasteriser(2, 2, WHITE, [BLACK, BLACK, BLACK], 3)).toThrow(/1 to 2 inks/);
    const rasteriser = createRasteriser(2, 1, WHITE, [BLACK, '#ff0000', '#00ff00'], 16);
    rasteriser.clear();
    rasteriser.fill([rectangleOutline(0, 0, 1.5, 1)], 1);
    // Ink 1's steps are indexes 6…10: full coverage is 10, half coverage its step 3 of 5 (rounded from 2.5).
    expect([...rasteriser.image().scanlines]).toEqual([0, 10, 8]);
  });
});

describe('cards drawn by the rasteriser and by resvg from the same outlines', () => {
  let renderer: CardRenderer;
  beforeAll(async () => {
    renderer = await createCardRenderer(cardFontFiles().map((font) => ({ ...font, data: readFileSync(font.path) })));
  });

  // Half a coverage step of the darkest ink over the background, in 8-bit sRGB values, plus
  // resvg's own rounding: a pixel further than this from resvg's is not anti-aliasing.
  const levels = Math.floor((CARD_PALETTE_SIZE - 1) / 3);
  const FAR = Math.ceil(248 / (2 * levels)) + 8;

  for (const { file, card } of referenceCards) {
    it(`agree on ${file}`, async () => {
      const { scene } = renderer.layout(card);
      const ours = PNG.sync.read(Buffer.from((await renderer.render(card)).png));
      const theirs = new Resvg(sceneToSvg(scene), { font: { loadSystemFonts: false } }).render();
      expect([theirs.width, theirs.height]).toEqual([ours.width, ours.height]);
      const reference = theirs.pixels;
      let sum = 0;
      let far = 0;
      let inked = 0;
      for (let i = 0; i < ours.data.length; i += 4) {
        const difference = Math.max(...[0, 1, 2].map((c) => Math.abs((ours.data[i + c] ?? 0) - (reference[i + c] ?? 0))));
        sum += difference;
        if (difference > FAR) far += 1;
        if (difference > 0 || (ours.data[i] ?? 0) < 200) inked += 1;
      }
      const pixels = ours.width * ours.height;
      expect(inked / pixels).toBeGreaterThan(0.02);
      // Anti-aliasing differs a little between two rasterisers, and a card keeps three coverage steps
      // per ink (CARD_PALETTE_SIZE), up to half a step from resvg's on an edge pixel; glyph shapes and
      // positions must not differ.
      expect(sum / pixels).toBeLessThan(1);
      // resvg samples coverage in quarter steps, so near-flat edges differ by up to a quarter of the
      // ink, beyond our half step: a few edge pixels in a thousand. A glyph out of
      // place would differ on whole strokes, a percent of the card and more.
      expect(far / pixels).toBeLessThan(0.005);
    });
  }

  it('describes every layer of the scene as SVG path data', () => {
    const { scene } = renderer.layout(referenceCards[0]!.card);
    const svg = sceneToSvg(scene);
    expect(svg.match(/<path /g)).toHaveLength(scene.layers.length);
    expect(outlineToSvgPath(rectangleOutline(1, 2, 3, 4))).toBe('M1 2L4 2L4 6L1 6Z');
  });
});
