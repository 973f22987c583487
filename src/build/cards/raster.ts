/**
 * Fills outlines (glyphs and rectangles) into an 8-bit palette image, with
 * exact-area anti-aliasing: for every pixel the share of its area inside the
 * outline, under the non-zero rule.
 *
 * Why our own rasteriser instead of resvg: a share card is a flat background
 * with a few hundred glyphs in three ink colours. resvg-js allocates a fresh
 * 3 MB pixmap per image, and on the build machines first-touch page faults
 * make that alone cost ~17 ms before anything is drawn; its RGBA PNG then
 * costs another 7–9 ms and ~70 kB. Here the buffers are allocated once per
 * worker and reused, and each pixel is written straight as a palette index
 * (background, or ink k at one of `levels` coverage steps), so the PNG is a
 * palette image a third of the size or less (see `paletteSize`).
 *
 * The method: each edge adds, to the cells of every row it crosses, its signed
 * height in that row split by how much of the cell lies to its right; a
 * running sum along the row then gives each pixel's coverage (the signed-area
 * accumulation used by font rasterisers).
 *
 * Glyphs are drawn once per size and position within a pixel, and copied after:
 * a card has a few hundred glyphs from a few dozen letters at a handful of sizes,
 * and computing the coverage of each one again would be half of a card's time (a cold
 * build draws 11,000 cards). Where two glyphs of one ink share a pixel their
 * coverages add, as the area of two shapes that do not overlap does.
 */

/** An outline in its own units, placed by `x' = scaleX·x + translateX`, `y' = scaleY·y + translateY`. */
export interface Outline {
  commands: readonly OutlineCommand[];
  scaleX: number;
  scaleY: number;
  translateX: number;
  translateY: number;
  /**
   * The same `commands` object comes back again and again (a font's glyph): the
   * rasteriser may keep its coverage as a tile and place copies of it. The copy is
   * drawn at the nearest 1/8 pixel, which no eye tells from the exact place.
   */
  reusable?: boolean;
}

/** `M`, `L`: one point; `Q`: control, end; `C`: two controls, end; `Z`: none. Values are x, y pairs. */
export interface OutlineCommand {
  type: string;
  values: readonly number[];
}

export interface PaletteImage {
  width: number;
  height: number;
  /** One filter byte (0) then `width` palette indexes, per row: the PNG scanline layout. */
  scanlines: Uint8Array;
  /** RGB triples, index 0 first. */
  palette: Uint8Array;
  /**
   * Per row, 0 when the row is all background (index 0), so that an encoder can pass over
   * it: half of a card's rows hold no ink. Without it, any row may.
   */
  inkedRows?: Uint8Array;
}

/**
 * Largest distance, in pixels, between a curve and the straight edges it is
 * drawn with. Chords lie inside a convex curve, so this thins every glyph by
 * about two thirds of it: small enough not to show.
 */
const FLATNESS = 0.05;

/** Positions within a pixel at which a reusable outline's tile is drawn, per axis. */
const SUBPIXEL_STEPS = 8;

/** Tiles kept per rasteriser before the cache starts again: ~40 MB at most, far more than cards use. */
const MAX_TILES = 20_000;

type Rgb = readonly [number, number, number];

export function parseHexColor(color: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) throw new Error(`colour ${JSON.stringify(color)} is not #rrggbb`);
  return [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16), parseInt(match[3] ?? '0', 16)];
}

/**
 * The palette: index 0 the background, then for each ink its coverage steps
 * 1…levels blended over the background (in sRGB values, as browsers and resvg
 * blend).
 */
export function blendPalette(background: string, inks: readonly string[], levels: number): Uint8Array {
  const bg = parseHexColor(background);
  const palette = new Uint8Array(3 * (1 + inks.length * levels));
  palette.set(bg, 0);
  inks.forEach((ink, k) => {
    const color = parseHexColor(ink);
    for (let level = 1; level <= levels; level++) {
      const t = level / levels;
      const at = 3 * (1 + k * levels + level - 1);
      for (let channel = 0; channel < 3; channel++) {
        palette[at + channel] = Math.round((bg[channel] ?? 0) * (1 - t) + (color[channel] ?? 0) * t);
      }
    }
  });
  return palette;
}

export interface Rasteriser {
  /** Starts a new image: every pixel the background. */
  clear(): void;
  /** Fills the outlines together (overlaps count once) in ink `ink` (an index into the inks). */
  fill(outlines: readonly Outline[], ink: number): void;
  /** The image so far; its buffers are reused by the next `clear`. */
  image(): PaletteImage;
}

/**
 * The signed-area accumulation of outlines into cells, one per pixel plus a spare
 * per row (an edge in the last pixel also writes into the cell after it), and the
 * box of the cells written since the last `resetBounds`.
 */
interface Accumulator {
  readonly cells: Float32Array;
  readonly stride: number;
  /** Adds the outline, moved by (dx, dy) pixels besides its own translation. */
  add(outline: Outline, dx?: number, dy?: number): void;
  /** Rows [rowFrom, rowTo) and cells [cellFrom, cellTo] written to, or undefined if none. */
  bounds(): { rowFrom: number; rowTo: number; cellFrom: number; cellTo: number } | undefined;
  resetBounds(): void;
}

function createAccumulator(width: number, height: number): Accumulator {
  const stride = width + 2;
  const cells = new Float32Array(stride * height);
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;

  /** Adds a piece of edge within one row: from x `xa` to `xb`, signed height `d`. */
  function deposit(rowStart: number, xa: number, xb: number, d: number): void {
    const xl = xa < xb ? xa : xb;
    const xr = xa < xb ? xb : xa;
    if (xr <= 0) {
      // Wholly left of the image: it covers (or uncovers) the whole row.
      cells[rowStart] = (cells[rowStart] ?? 0) + d;
      return;
    }
    if (xl >= width) return;
    const first = Math.floor(xl);
    if (first >= 0 && xr <= first + 1) {
      const mid = (xl + xr) / 2 - first;
      cells[rowStart + first] = (cells[rowStart + first] ?? 0) + d * (1 - mid);
      cells[rowStart + first + 1] = (cells[rowStart + first + 1] ?? 0) + d * mid;
      return;
    }
    const span = xr - xl;
    let from = xl;
    if (from < 0) {
      cells[rowStart] = (cells[rowStart] ?? 0) + (d * -from) / span;
      from = 0;
    }
    const last = Math.min(Math.floor(xr), width - 1);
    for (let cell = Math.floor(from); cell <= last; cell++) {
      const a = from > cell ? from : cell;
      const b = xr < cell + 1 ? xr : cell + 1;
      if (b <= a) continue;
      const share = (d * (b - a)) / span;
      const mid = (a + b) / 2 - cell;
      cells[rowStart + cell] = (cells[rowStart + cell] ?? 0) + share * (1 - mid);
      cells[rowStart + cell + 1] = (cells[rowStart + cell + 1] ?? 0) + share * mid;
    }
  }

  function edge(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1) return;
    let direction = 1;
    if (y0 > y1) {
      direction = -1;
      [x0, x1] = [x1, x0];
      [y0, y1] = [y1, y0];
    }
    if (x0 < minX) minX = x0;
    if (x1 < minX) minX = x1;
    if (x0 > maxX) maxX = x0;
    if (x1 > maxX) maxX = x1;
    if (y0 < minY) minY = y0;
    if (y1 > maxY) maxY = y1;
    const slope = (x1 - x0) / (y1 - y0);
    const rowFrom = Math.max(0, Math.floor(y0));
    const rowTo = Math.min(height, Math.ceil(y1));
    for (let row = rowFrom; row < rowTo; row++) {
      const top = row > y0 ? row : y0;
      const bottom = row + 1 < y1 ? row + 1 : y1;
      deposit(row * stride, x0 + (top - y0) * slope, x0 + (bottom - y0) * slope, (bottom - top) * direction);
    }
  }

  function quadratic(x0: number, y0: number, cx: number, cy: number, x1: number, y1: number): void {
    const ddx = x0 - 2 * cx + x1;
    const ddy = y0 - 2 * cy + y1;
    // A quadratic strays at most |p0 − 2c + p1| / 4 from its chord; n pieces divide that by n².
    const pieces = Math.max(1, Math.ceil(Math.sqrt(Math.hypot(ddx, ddy) / (4 * FLATNESS))));
    let px = x0;
    let py = y0;
    for (let i = 1; i <= pieces; i++) {
      const t = i / pieces;
      const u = 1 - t;
      const x = u * u * x0 + 2 * u * t * cx + t * t * x1;
      const y = u * u * y0 + 2 * u * t * cy + t * t * y1;
      edge(px, py, x, y);
      px = x;
      py = y;
    }
  }

  function cubic(x0: number, y0: number, c1x: number, c1y: number, c2x: number, c2y: number, x1: number, y1: number): void {
    const dd = Math.max(Math.hypot(x0 - 2 * c1x + c2x, y0 - 2 * c1y + c2y), Math.hypot(c1x - 2 * c2x + x1, c1y - 2 * c2y + y1));
    const pieces = Math.max(1, Math.ceil(Math.sqrt((0.75 * dd) / FLATNESS)));
    let px = x0;
    let py = y0;
    for (let i = 1; i <= pieces; i++) {
      const t = i / pieces;
      const u = 1 - t;
      const x = u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x1;
      const y = u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y1;
      edge(px, py, x, y);
      px = x;
      py = y;
    }
  }

  function add(outline: Outline, dx = 0, dy = 0): void {
    const { commands, scaleX, scaleY } = outline;
    const translateX = outline.translateX + dx;
    const translateY = outline.translateY + dy;
    const X = (value: number): number => scaleX * value + translateX;
    const Y = (value: number): number => scaleY * value + translateY;
    let startX = 0;
    let startY = 0;
    let x = 0;
    let y = 0;
    for (const { type, values: v } of commands) {
      switch (type) {
        case 'M':
          // An open contour is closed, as fills are.
          if (x !== startX || y !== startY) edge(x, y, startX, startY);
          startX = x = X(v[0] ?? 0);
          startY = y = Y(v[1] ?? 0);
          break;
        case 'L': {
          const nx = X(v[0] ?? 0);
          const ny = Y(v[1] ?? 0);
          edge(x, y, nx, ny);
          x = nx;
          y = ny;
          break;
        }
        case 'Q': {
          const nx = X(v[2] ?? 0);
          const ny = Y(v[3] ?? 0);
          quadratic(x, y, X(v[0] ?? 0), Y(v[1] ?? 0), nx, ny);
          x = nx;
          y = ny;
          break;
        }
        case 'C': {
          const nx = X(v[4] ?? 0);
          const ny = Y(v[5] ?? 0);
          cubic(x, y, X(v[0] ?? 0), Y(v[1] ?? 0), X(v[2] ?? 0), Y(v[3] ?? 0), nx, ny);
          x = nx;
          y = ny;
          break;
        }
        case 'Z':
          edge(x, y, startX, startY);
          x = startX;
          y = startY;
          break;
        default:
          throw new Error(`unknown outline command ${JSON.stringify(type)}`);
      }
    }
    if (x !== startX || y !== startY) edge(x, y, startX, startY);
  }

  return {
    cells,
    stride,
    add,
    bounds() {
      if (minY > maxY) return undefined;
      return {
        rowFrom: Math.max(0, Math.floor(minY)),
        rowTo: Math.min(height, Math.ceil(maxY)),
        cellFrom: Math.max(0, Math.floor(minX)),
        cellTo: Math.min(width, Math.floor(maxX) + 1),
      };
    },
    resetBounds() {
      minX = minY = Number.POSITIVE_INFINITY;
      maxX = maxY = Number.NEGATIVE_INFINITY;
    },
  };
}

/** A reusable outline's coverage levels at one position within a pixel, and where they sit from that pixel. */
interface Tile {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Coverage step (0…levels) per pixel, row by row. */
  levels: Uint8Array;
  /** Per row, the first and one past the last column with coverage (equal when the row is empty). */
  spans: Int32Array;
}

/** The box of an outline's points (which holds its curves), placed with its own translation. */
function outlineBox(outline: Outline): { minX: number; minY: number; maxX: number; maxY: number } {
  const { commands, scaleX, scaleY, translateX, translateY } = outline;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { values } of commands) {
    for (let i = 0; i + 1 < values.length; i += 2) {
      const x = scaleX * (values[i] ?? 0) + translateX;
      const y = scaleY * (values[i + 1] ?? 0) + translateY;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return { minX, minY, maxX, maxY };
}

/** A coordinate at the nearest 1/SUBPIXEL_STEPS of a pixel: the whole pixel, and the step within it. */
function snapToStep(value: number): [pixel: number, step: number] {
  const steps = Math.round(value * SUBPIXEL_STEPS);
  const pixel = Math.floor(steps / SUBPIXEL_STEPS);
  return [pixel, steps - pixel * SUBPIXEL_STEPS];
}

/** Coverage of the accumulated cells as a palette step: 0 below half a step, else the nearest step. */
function stepOf(sum: number, levels: number): number {
  const coverage = sum < 0 ? -sum : sum;
  if (coverage <= 0.5 / levels) return 0;
  return coverage >= 1 ? levels : Math.round(coverage * levels);
}

/**
 * `paletteSize`: the colours the image may use, background included (at most 256). The
 * inks share what the background leaves, each in as many coverage steps as fit: 256
 * colours give one ink 255 steps; 16 give three inks 5 steps each, which anti-aliases
 * text at a card's size without a visible step, and lets the PNG hold 4 bits a pixel.
 */
export function createRasteriser(
  width: number,
  height: number,
  background: string,
  inks: readonly string[],
  paletteSize = 256,
): Rasteriser {
  if (!Number.isInteger(paletteSize) || paletteSize < 2 || paletteSize > 256) throw new Error('a palette holds 2 to 256 colours');
  if (inks.length === 0 || inks.length > paletteSize - 1)
    throw new Error(`a palette of ${paletteSize} colours holds 1 to ${paletteSize - 1} inks`);
  const levels = Math.floor((paletteSize - 1) / inks.length);
  const palette = blendPalette(background, inks, levels);
  const image = createAccumulator(width, height);
  const scanlines = new Uint8Array((width + 1) * height);
  const inkedRows = new Uint8Array(height);
  // Coverage step and ink of every palette index, to keep the stronger ink where two meet.
  const levelOfIndex = new Uint8Array(256);
  const inkOfIndex = new Int16Array(256).fill(-1);
  for (let index = 1; index < 1 + inks.length * levels; index++) {
    levelOfIndex[index] = ((index - 1) % levels) + 1;
    inkOfIndex[index] = Math.floor((index - 1) / levels);
  }

  /** Writes coverage step `level` of ink `ink` at scanline offset `at`: steps of one ink add up, another ink gives way to a stronger one. */
  function paint(at: number, ink: number, level: number): void {
    const existing = scanlines[at] ?? 0;
    if (existing === 0) {
      scanlines[at] = 1 + ink * levels + level - 1;
    } else if (inkOfIndex[existing] === ink) {
      const sum = (levelOfIndex[existing] ?? 0) + level;
      scanlines[at] = 1 + ink * levels + (sum < levels ? sum : levels) - 1;
    } else if ((levelOfIndex[existing] ?? 0) < level) {
      scanlines[at] = 1 + ink * levels + level - 1;
    }
  }

  /** Turns the cells accumulated in the image into palette indexes in ink `ink`, and empties them. */
  function resolve(ink: number): void {
    const box = image.bounds();
    if (!box) return;
    const { cells, stride } = image;
    const inkBase = ink * levels;
    inkedRows.fill(1, box.rowFrom, box.rowTo);
    for (let row = box.rowFrom; row < box.rowTo; row++) {
      const cellRow = row * stride;
      const pixelRow = row * (width + 1) + 1;
      let sum = 0;
      for (let cell = box.cellFrom; cell <= box.cellTo; cell++) {
        sum += cells[cellRow + cell] ?? 0;
        cells[cellRow + cell] = 0;
        if (cell >= width) continue;
        const level = stepOf(sum, levels);
        if (level === 0) continue;
        const at = pixelRow + cell;
        const existing = scanlines[at] ?? 0;
        if (existing === 0 || (levelOfIndex[existing] ?? 0) < level) scanlines[at] = 1 + inkBase + level - 1;
      }
    }
    image.resetBounds();
  }

  let tiles = new WeakMap<readonly OutlineCommand[], Map<string, Tile>>();
  let tileCount = 0;

  function drawTile(outline: Outline, subX: number, subY: number): Tile {
    const placed = { ...outline, translateX: subX / SUBPIXEL_STEPS, translateY: subY / SUBPIXEL_STEPS };
    const box = outlineBox(placed);
    if (!Number.isFinite(box.minX)) return { left: 0, top: 0, width: 0, height: 0, levels: new Uint8Array(0), spans: new Int32Array(0) };
    const left = Math.floor(box.minX);
    const top = Math.floor(box.minY);
    const tileWidth = Math.ceil(box.maxX) - left + 1;
    const tileHeight = Math.ceil(box.maxY) - top + 1;
    const scratch = createAccumulator(tileWidth, tileHeight);
    scratch.add(placed, -left, -top);
    const tileLevels = new Uint8Array(tileWidth * tileHeight);
    const spans = new Int32Array(2 * tileHeight);
    for (let row = 0; row < tileHeight; row++) {
      let sum = 0;
      let first = tileWidth;
      let end = 0;
      for (let cell = 0; cell < tileWidth; cell++) {
        sum += scratch.cells[row * scratch.stride + cell] ?? 0;
        const level = stepOf(sum, levels);
        tileLevels[row * tileWidth + cell] = level;
        if (level !== 0) {
          if (cell < first) first = cell;
          end = cell + 1;
        }
      }
      spans[2 * row] = first < end ? first : 0;
      spans[2 * row + 1] = end;
    }
    return { left, top, width: tileWidth, height: tileHeight, levels: tileLevels, spans };
  }

  /** Places a reusable outline from its tile at the nearest 1/8 pixel, drawing the tile first if it is new. */
  function placeTile(outline: Outline, ink: number): void {
    const [x, subX] = snapToStep(outline.translateX);
    const [y, subY] = snapToStep(outline.translateY);
    if (tileCount >= MAX_TILES) {
      // Simpler than tracking use: an archive's cards need far fewer tiles than this.
      tiles = new WeakMap();
      tileCount = 0;
    }
    let byPlace = tiles.get(outline.commands);
    if (!byPlace) {
      byPlace = new Map();
      tiles.set(outline.commands, byPlace);
    }
    const key = `${outline.scaleX} ${outline.scaleY} ${subX} ${subY}`;
    let tile = byPlace.get(key);
    if (!tile) {
      tile = drawTile(outline, subX, subY);
      byPlace.set(key, tile);
      tileCount += 1;
    }
    const originX = x + tile.left;
    const originY = y + tile.top;
    const rowFrom = Math.max(0, -originY);
    const rowTo = Math.min(tile.height, height - originY);
    const cellFrom = Math.max(0, -originX);
    const cellTo = Math.min(tile.width, width - originX);
    const { levels: tileLevels, spans } = tile;
    const inkBase = ink * levels;
    if (rowTo > rowFrom) inkedRows.fill(1, originY + rowFrom, originY + rowTo);
    for (let row = rowFrom; row < rowTo; row++) {
      const pixelRow = (originY + row) * (width + 1) + 1 + originX;
      const tileRow = row * tile.width;
      // Only the covered part of the row: a glyph's box is mostly empty.
      const spanFrom = spans[2 * row] ?? 0;
      const spanTo = spans[2 * row + 1] ?? 0;
      const from = spanFrom > cellFrom ? spanFrom : cellFrom;
      const to = spanTo < cellTo ? spanTo : cellTo;
      for (let cell = from; cell < to; cell++) {
        const level = tileLevels[tileRow + cell] ?? 0;
        if (level === 0) continue;
        const at = pixelRow + cell;
        // Most pixels are still the background: the common case needs no blending.
        if (scanlines[at] === 0) scanlines[at] = inkBase + level;
        else paint(at, ink, level);
      }
    }
  }

  return {
    clear() {
      for (let row = 0; row < height; row++) {
        if (inkedRows[row] === 0) continue;
        scanlines.fill(0, row * (width + 1), (row + 1) * (width + 1));
        inkedRows[row] = 0;
      }
    },
    fill(outlines, ink) {
      if (!Number.isInteger(ink) || ink < 0 || ink >= inks.length) throw new Error(`ink ${ink} is not one of the ${inks.length} inks`);
      for (const outline of outlines) {
        if (outline.reusable) placeTile(outline, ink);
        else image.add(outline);
      }
      resolve(ink);
    },
    image() {
      return { width, height, scanlines, palette, inkedRows };
    },
  };
}

/** A rectangle as an outline in pixels. */
export function rectangleOutline(x: number, y: number, width: number, height: number): Outline {
  return {
    commands: [
      { type: 'M', values: [x, y] },
      { type: 'L', values: [x + width, y] },
      { type: 'L', values: [x + width, y + height] },
      { type: 'L', values: [x, y + height] },
      { type: 'Z', values: [] },
    ],
    scaleX: 1,
    scaleY: 1,
    translateX: 0,
    translateY: 0,
  };
}

/** The outline as SVG path data in pixels (for tests and for looking at a card as vectors). */
export function outlineToSvgPath(outline: Outline): string {
  const { commands, scaleX, scaleY, translateX, translateY } = outline;
  const round = (value: number): string => String(Math.round(value * 1000) / 1000);
  let d = '';
  for (const { type, values } of commands) {
    d += type;
    for (let i = 0; i + 1 < values.length; i += 2) {
      d += `${i > 0 ? ' ' : ''}${round(scaleX * (values[i] ?? 0) + translateX)} ${round(scaleY * (values[i + 1] ?? 0) + translateY)}`;
    }
  }
  return d;
}
