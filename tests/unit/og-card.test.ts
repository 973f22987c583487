import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  ELLIPSIS,
  QUOTE_SIZE_STEPS,
  breakIntoLines,
  cardHash,
  cardOutputPath,
  chooseQuoteTypography,
  fitOneLine,
  fitQuote,
  shortenAtWordBoundary,
  sizeStepForLength,
} from '../../src/build/cards/card-layout.ts';
import type { CardInput } from '../../src/build/cards/card-layout.ts';
import { renderCards, rendererIdentity } from '../../src/build/cards/render-cards.ts';
import { finishCards } from '../../src/build/after-astro.ts';
import { createCardRenderer } from '../../src/build/cards/card-render.ts';
import { cardFontFiles, woffToSfnt } from '../../src/build/cards/fonts.ts';
import { analyseParagraph, createTextShaper } from '../../src/build/cards/text-shaper.ts';
import { referenceCards } from '../fixtures/cards/fixture-cards.ts';

const fixtures = fileURLToPath(new URL('../fixtures/cards/', import.meta.url));
const seed = referenceCards[0]!.card;
const arabic = referenceCards[1]!.card;

/** A fake measurer: every character is 10 px wide at size 20, scaling with the size. */
const monospace = (text: string, fontSize = 20): number => [...text].length * fontSize * 0.5;

describe('shortenAtWordBoundary', () => {
  it('leaves text that fits alone', () => {
    expect(shortenAtWordBoundary('We will resist.', 15)).toBe('We will resist.');
    expect(shortenAtWordBoundary('We will resist.', 200)).toBe('We will resist.');
  });

  it('cuts at the last word that fits and adds an ellipsis within the limit', () => {
    const shortened = shortenAtWordBoundary('What makes a people strong, above and beyond', 22);
    expect(shortened).toBe(`What makes a people${ELLIPSIS}`);
    expect([...shortened].length).toBeLessThanOrEqual(22);
  });

  it('keeps a word that ends exactly at the limit', () => {
    expect(shortenAtWordBoundary('one two three', 8)).toBe(`one two${ELLIPSIS}`);
  });

  it('drops punctuation left dangling before the ellipsis, spaced ellipses included', () => {
    expect(shortenAtWordBoundary('the spirit of resistance. . . . You must believe', 33)).toBe(`the spirit of resistance${ELLIPSIS}`);
    expect(shortenAtWordBoundary('above and beyond, any imbalance', 20)).toBe(`above and beyond${ELLIPSIS}`);
  });

  it('cuts inside a single word longer than the limit, never inside a character', () => {
    expect(shortenAtWordBoundary('Supercalifragilistic', 6)).toBe(`Super${ELLIPSIS}`);
    const accented = 'e\u0301'.repeat(10); // é as e + combining acute
    expect(shortenAtWordBoundary(accented, 4)).toBe(`${'e\u0301'.repeat(3)}${ELLIPSIS}`);
  });

  it('shortens right-to-left text at a word boundary too', () => {
    expect(shortenAtWordBoundary('الحرية والحقوق أهم بكثير', 16)).toBe(`الحرية والحقوق${ELLIPSIS}`);
  });
});

describe('quote size and line count', () => {
  it('sets short quotes large and long ones smaller, in steps', () => {
    expect(sizeStepForLength(15)).toBe(0);
    expect(sizeStepForLength(10_000)).toBe(QUOTE_SIZE_STEPS.length - 1);
    let previous = Number.POSITIVE_INFINITY;
    for (const length of [5, 40, 41, 90, 120, 200, 300, 1000]) {
      const { fontSize } = chooseQuoteTypography(length, 'latin', 400);
      expect(fontSize).toBeLessThanOrEqual(previous);
      previous = fontSize;
    }
    expect(chooseQuoteTypography(15, 'latin', 400).fontSize).toBeGreaterThan(chooseQuoteTypography(205, 'latin', 400).fontSize);
  });

  it('allows only as many lines as fit the area', () => {
    for (const length of [10, 80, 140, 220, 600]) {
      for (const script of ['latin', 'arabic'] as const) {
        const { lineHeight, maxLines } = chooseQuoteTypography(length, script, 396);
        expect(maxLines).toBeGreaterThanOrEqual(1);
        expect(maxLines * lineHeight).toBeLessThanOrEqual(396);
      }
    }
  });

  it('gives Arabic taller lines than Latin at the same step', () => {
    const latin = chooseQuoteTypography(100, 'latin', 396);
    const naskh = chooseQuoteTypography(100, 'arabic', 396);
    expect(naskh.lineHeight / naskh.fontSize).toBeGreaterThan(latin.lineHeight / latin.fontSize);
  });
});

describe('breakIntoLines', () => {
  const measure = (text: string): number => monospace(text);

  it('fills lines greedily without exceeding the width and loses no text', () => {
    const text = 'What makes a people strong above and beyond any imbalance of forces';
    const lines = breakIntoLines(text, 200, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(measure(line.text)).toBeLessThanOrEqual(200);
      expect(text.slice(line.start, line.end)).toBe(line.text);
    }
    expect(lines.map((line) => line.text).join(' ')).toBe(text);
    // Greedy: the next line's first word would not have fitted.
    for (let i = 0; i + 1 < lines.length; i++) {
      const nextWord = lines[i + 1]!.text.split(' ')[0]!;
      expect(measure(`${lines[i]!.text} ${nextWord}`)).toBeGreaterThan(200);
    }
  });

  it('splits a word wider than the line', () => {
    const lines = breakIntoLines('a https://example.org/a/very/long/path/indeed b', 100, measure);
    for (const line of lines) expect(measure(line.text)).toBeLessThanOrEqual(100);
    expect(lines.map((line) => line.text)).toEqual(['a', 'https://ex', 'ample.org/', 'a/very/lon', 'g/path/ind', 'eed b']);
  });

  /** The rule breakIntoLines promises, one word at a time: a line takes the next word while the line with it fits. */
  function wordByWord(text: string, maxWidth: number, width: (text: string) => number): string[] {
    const lines: string[] = [];
    let line = '';
    const pushPieces = (word: string): void => {
      // A word wider than the line alone: pieces that fit, the last one starting the next line.
      let piece = '';
      for (const char of word) {
        if (piece && width(piece + char) > maxWidth) {
          lines.push(piece);
          piece = '';
        }
        piece += char;
      }
      line = piece;
    };
    for (const word of text.split(' ')) {
      if (line && width(`${line} ${word}`) <= maxWidth) line = `${line} ${word}`;
      else {
        if (line) lines.push(line);
        if (width(word) > maxWidth) pushPieces(word);
        else line = word;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  it('breaks as adding words one by one does, with letters of unequal widths, measuring a few times a line', () => {
    // Letters from 3 to 17 px wide, a space 5 px, and words of 1 to 14 letters, some runs of long ones.
    let seedValue = 7;
    const random = (): number => {
      seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31;
      return seedValue / 2 ** 31;
    };
    const width = (text: string): number => [...text].reduce((sum, char) => sum + (char === ' ' ? 5 : 3 + (char.charCodeAt(0) % 15)), 0);
    for (let round = 0; round < 300; round++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
        Array.from({ length: 1 + Math.floor(random() * (random() < 0.05 ? 40 : 14)) }, () =>
          String.fromCharCode(97 + Math.floor(random() * 26)),
        ).join(''),
      );
      const text = words.join(' ');
      const maxWidth = 60 + Math.floor(random() * 900);
      let measured = 0;
      const lines = breakIntoLines(text, maxWidth, (line) => {
        measured += 1;
        return width(line);
      });
      const expected = wordByWord(text, maxWidth, width);
      expect(lines.map((line) => line.text)).toEqual(expected);
      for (const line of lines) expect(text.slice(line.start, line.end)).toBe(line.text);
      const splitWords = words.filter((word) => width(word) > maxWidth);
      if (splitWords.length === 0) expect(measured).toBeLessThanOrEqual(1 + 3 * lines.length);
    }
  });
});

describe('fitQuote', () => {
  const area = { width: 600, height: 400, script: 'latin' as const };

  it('sets a three-word quote at the largest size, unshortened', () => {
    const fitted = fitQuote('  We   will resist. ', area, monospace);
    expect(fitted).toMatchObject({ text: 'We will resist.', fontSize: QUOTE_SIZE_STEPS[0]!.fontSize, shortened: false });
    expect(fitted.lines).toHaveLength(1);
  });

  it('steps the size down before shortening', () => {
    // 70 characters starts at step 1 but needs more lines than that step allows.
    const text = 'word '.repeat(14).trim();
    const fitted = fitQuote(text, { ...area, width: 300 }, monospace);
    expect(fitted.shortened).toBe(false);
    expect(fitted.fontSize).toBeLessThan(chooseQuoteTypography(text.length, 'latin', area.height).fontSize);
  });

  it('shortens an overlong quote at a word boundary so it never overflows', () => {
    const text = 'It is a long quote that goes on and on with many clauses about freedom and resistance. '.repeat(12);
    const fitted = fitQuote(text, area, monospace);
    const smallest = chooseQuoteTypography(text.length, 'latin', area.height);
    expect(fitted.shortened).toBe(true);
    expect(fitted.fontSize).toBe(smallest.fontSize);
    expect(fitted.text.endsWith(ELLIPSIS)).toBe(true);
    expect(text.startsWith(fitted.text.slice(0, -1))).toBe(true);
    expect(fitted.text.at(-2)).toMatch(/[a-z]/);
    expect(fitted.lines.length).toBeLessThanOrEqual(smallest.maxLines);
    expect(fitted.lines.length * fitted.lineHeight).toBeLessThanOrEqual(area.height);
    for (const line of fitted.lines) expect(monospace(line.text, fitted.fontSize)).toBeLessThanOrEqual(area.width);
    // The longest that fits: the next longer shortening would need another line.
    const normalized = text.trim();
    let maxChars = [...fitted.text].length;
    while (shortenAtWordBoundary(normalized, maxChars) === fitted.text) maxChars += 1;
    const longer = shortenAtWordBoundary(normalized, maxChars);
    expect(longer.length).toBeGreaterThan(fitted.text.length);
    expect(breakIntoLines(longer, area.width, (line) => monospace(line, fitted.fontSize)).length).toBeGreaterThan(smallest.maxLines);
  });

  it('fits a one-line field by shortening it at a word boundary', () => {
    expect(fitOneLine('The Wall Street Journal', 1000, (t) => monospace(t))).toBe('The Wall Street Journal');
    const fitted = fitOneLine('The Afghan Who Won’t Surrender to the Taliban · The Wall Street Journal', 300, (t) => monospace(t));
    expect(monospace(fitted)).toBeLessThanOrEqual(300);
    // 30 characters fit; "The Afghan Who Won’t Surrender…" would be 31.
    expect(fitted).toBe(`The Afghan Who Won’t${ELLIPSIS}`);
  });
});

describe('cardHash and cardOutputPath', () => {
  const identity = 'fonts-and-renderer-v1';

  it('is stable for the same content, whatever the key order', () => {
    const reordered: CardInput = {
      siteName: seed.siteName,
      detail: seed.detail!,
      attribution: seed.attribution,
      text: seed.text,
      id: seed.id,
      kind: seed.kind,
    };
    expect(cardHash(seed, identity)).toBe(cardHash({ ...seed }, identity));
    expect(cardHash(reordered, identity)).toBe(cardHash(seed, identity));
    expect(cardHash(seed, identity)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with everything that changes the pixels', () => {
    const base = cardHash(seed, identity);
    const variants: CardInput[] = [
      { ...seed, text: `${seed.text} ` },
      { ...seed, attribution: 'A. Massoud' },
      { ...seed, detail: 'The Wall Street Journal' },
      { ...seed, lang: 'en' },
      { ...seed, siteName: 'QTD.' },
      { ...seed, kind: 'article' },
    ];
    const hashes = new Set([base, ...variants.map((card) => cardHash(card, identity)), cardHash(seed, 'new-fonts')]);
    expect(hashes.size).toBe(variants.length + 2);
  });

  it('keys on a renderer identity that is stable between runs', () => {
    const identity = rendererIdentity();
    expect(identity).toMatch(/^[0-9a-f]{64}$/);
    expect(rendererIdentity()).toBe(identity);
  });

  it('does not change with the id, which only names the file', () => {
    expect(cardHash({ ...seed, id: 'another-id' }, identity)).toBe(cardHash(seed, identity));
  });

  it('places quotes and articles in their folders and refuses unsafe ids', () => {
    expect(cardOutputPath(seed)).toBe('og/quotes/spirit-of-resistance.png');
    expect(cardOutputPath({ kind: 'article', id: 'afghan-who-wont-surrender' })).toBe('og/articles/afghan-who-wont-surrender.png');
    for (const id of ['../escape', 'a/b', '', '.hidden', 'a..b']) {
      expect(() => cardOutputPath({ kind: 'quote', id })).toThrow(/safe file name/);
    }
  });
});

// Ink of the body text: dark and neutral (the accent colour is a red, excluded).
function isTextInk(png: PNG, x: number, y: number): boolean {
  const i = (y * png.width + x) * 4;
  const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  return Math.max(r, g, b) < 140 && Math.abs(r - b) < 40 && Math.abs(r - g) < 40;
}

/** Fraction of pixels where any channel differs by more than `threshold`. */
function differingFraction(actual: PNG, expected: PNG, threshold = 48): number {
  let differing = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    for (let channel = 0; channel < 3; channel++) {
      if (Math.abs(actual.data[i + channel]! - expected.data[i + channel]!) > threshold) {
        differing += 1;
        break;
      }
    }
  }
  return differing / (actual.width * actual.height);
}

describe('renderCards', () => {
  let work = '';
  let first: Awaited<ReturnType<typeof renderCards>>;
  const cards = [seed, arabic];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'qtd-og-test-'));
    first = await renderCards(cards, { outDir: join(work, 'dist'), cacheDir: join(work, 'cache'), concurrency: 2 });
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('renders every card on a cold cache', () => {
    expect(first).toMatchObject({ rendered: 2, reused: 0 });
  });

  for (const { file, card } of referenceCards) {
    it(`draws ${file} like the reference`, async () => {
      const actual = PNG.sync.read(await readFile(join(work, 'dist', cardOutputPath(card))));
      const expected = PNG.sync.read(await readFile(join(fixtures, file)));
      expect([actual.width, actual.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
      expect([expected.width, expected.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
      // The card is not blank: a real share of it is text ink.
      let ink = 0;
      for (let y = 0; y < actual.height; y++) for (let x = 0; x < actual.width; x++) if (isTextInk(actual, x, y)) ink += 1;
      expect(ink / (CARD_WIDTH * CARD_HEIGHT)).toBeGreaterThan(0.01);
      expect(differingFraction(actual, expected)).toBeLessThan(0.005);
    });
  }

  it('reuses every card from the cache on a second run', async () => {
    const second = await renderCards(cards, { outDir: join(work, 'dist'), cacheDir: join(work, 'cache'), concurrency: 2 });
    expect(second).toMatchObject({ rendered: 0, reused: 2 });
    const png = PNG.sync.read(await readFile(join(work, 'dist', cardOutputPath(seed))));
    expect([png.width, png.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
  });

  it('draws into the cache alone when given no output folder, and places from it later', async () => {
    const cacheOnly = join(work, 'cache-only');
    const early = await renderCards([seed], { cacheDir: cacheOnly, concurrency: 1 });
    expect(early).toMatchObject({ rendered: 1, reused: 0 });
    const later = await renderCards([seed], { outDir: join(work, 'dist-later'), cacheDir: cacheOnly, concurrency: 1 });
    expect(later).toMatchObject({ rendered: 0, reused: 1 });
    const png = PNG.sync.read(await readFile(join(work, 'dist-later', cardOutputPath(seed))));
    expect([png.width, png.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
  });

  it('adds workers when told it may use every core, and still draws each card once', async () => {
    let allCores = (): void => {};
    const useAllCores = new Promise<void>((resolve) => {
      allCores = resolve;
    });
    const many = Array.from({ length: 6 }, (_, i) => ({ ...seed, id: `grow-${i}`, text: `${seed.text} ${i}` }));
    const drawing = renderCards(many, { cacheDir: join(work, 'cache-grow'), concurrency: 1, useAllCores });
    allCores();
    expect(await drawing).toMatchObject({ rendered: 6, reused: 0, workers: Math.min(availableParallelism(), 6) });
  });

  it('draws at low priority until told it may use every core, the same cards as at normal priority', async () => {
    let allCores = (): void => {};
    const useAllCores = new Promise<void>((resolve) => {
      allCores = resolve;
    });
    const many = Array.from({ length: 6 }, (_, i) => ({ ...seed, id: `low-${i}`, text: `${seed.text} ${i}` }));
    const drawing = renderCards(many, {
      outDir: join(work, 'dist-low'),
      cacheDir: join(work, 'cache-low'),
      concurrency: 1,
      lowPriority: true,
      useAllCores,
    });
    allCores();
    expect(await drawing).toMatchObject({ rendered: 6, reused: 0 });
    await renderCards(many, { outDir: join(work, 'dist-normal'), cacheDir: join(work, 'cache-normal'), concurrency: 1 });
    for (const card of many) {
      expect(await readFile(join(work, 'dist-low', cardOutputPath(card))), card.id).toEqual(
        await readFile(join(work, 'dist-normal', cardOutputPath(card))),
      );
    }
  });

  it('stops the build on a card that cannot be drawn, naming it', async () => {
    const broken = { ...seed, id: 'broken', text: undefined as unknown as string };
    const many = [...Array.from({ length: 20 }, (_, i) => ({ ...seed, id: `fine-${i}`, text: `${seed.text} ${i}` })), broken];
    await expect(renderCards(many, { cacheDir: join(work, 'cache-broken'), concurrency: 2 })).rejects.toThrow(
      /rendering the card for quote broken failed/,
    );
  });

  it('draws many cards on workers that take them from a shared counter, each once, into its own file', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...seed, id: `batch-${i}`, text: `${seed.text} ${i}` }));
    const result = await renderCards(many, { outDir: join(work, 'dist-batch'), cacheDir: join(work, 'cache-batch'), concurrency: 2 });
    expect(result).toMatchObject({ rendered: 60, reused: 0 });
    // Every card its own picture: no card got another's file.
    const digests = await Promise.all(
      many.map(async (card) =>
        createHash('sha256')
          .update(await readFile(join(work, 'dist-batch', cardOutputPath(card))))
          .digest('hex'),
      ),
    );
    expect(new Set(digests).size).toBe(60);
    expect((await readdir(join(work, 'cache-batch'))).filter((name) => name.endsWith('.png'))).toHaveLength(60);
  });

  it('takes no new card once stopped, and a later run draws the rest and places every card', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...seed, id: `stop-${i}`, text: `${seed.text} ${i}` }));
    let stopNow = (): void => {};
    const stop = new Promise<void>((resolve) => {
      stopNow = resolve;
    });
    const cacheDir = join(work, 'cache-stop');
    const drawing = renderCards(many, { cacheDir, concurrency: 1, stop });
    // Stopped once the first cards are in the cache, well before the fortieth (renderCards
    // makes the cache folder itself, so it may not be there at the first look).
    const cachedCards = async (): Promise<number> =>
      (await readdir(cacheDir).catch(() => [] as string[])).filter((name) => name.endsWith('.png')).length;
    while ((await cachedCards()) < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    stopNow();
    const stopped = await drawing;
    expect(stopped.rendered).toBeGreaterThanOrEqual(2);
    expect(stopped.left).toBeGreaterThan(0);
    expect(stopped.rendered + stopped.left).toBe(40);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.png'))).toHaveLength(stopped.rendered);

    const rest = await renderCards(many, { outDir: join(work, 'dist-stop'), cacheDir, concurrency: 2 });
    expect(rest).toMatchObject({ rendered: stopped.left, reused: stopped.rendered, left: 0 });
    expect((await readdir(join(work, 'dist-stop', 'og', 'quotes'))).sort()).toEqual(many.map((card) => `${card.id}.png`).sort());
  });

  it('finishes the cards a build handed over: draws those left, places every one, and says how many it drew', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...seed, id: `handed-${i}`, text: `${seed.text} ${i}` }));
    const cacheDir = join(work, 'cache-handed');
    // The build drew the first two before the pages were done.
    await renderCards(many.slice(0, 2), { cacheDir, concurrency: 1 });
    const inputsFile = join(work, 'handed-cards.json');
    await writeFile(inputsFile, JSON.stringify(many));
    const lines: string[] = [];
    await finishCards(
      { inputsFile, outDir: join(work, 'dist-handed'), cacheDir, earlier: { rendered: 2, ms: 10 } },
      { info: (line) => lines.push(line), warn: (line) => lines.push(`warn: ${line}`) },
      Promise.resolve(),
    );
    expect((await readdir(join(work, 'dist-handed', 'og', 'quotes'))).sort()).toEqual(many.map((card) => `${card.id}.png`).sort());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^share cards: 5 \(5 rendered, 0 from cache\) in \d+ ms; 3 drawn beside the search index in \d+ ms$/);
  });

  it('renders only what changed', async () => {
    const edited = { ...seed, attribution: 'Ahmad Shah Massoud' };
    const third = await renderCards([edited, arabic], { outDir: join(work, 'dist'), cacheDir: join(work, 'cache'), concurrency: 2 });
    expect(third).toMatchObject({ rendered: 1, reused: 1 });
  });
});

describe('right-to-left lines', () => {
  it('reorders each line with the bidi algorithm: first word on the right, embedded Latin left to right', async () => {
    const fonts = cardFontFiles();
    const shaper = await createTextShaper(fonts.map((font) => ({ key: font.key, sfnt: woffToSfnt(readFileSync(font.path)) })));
    const naskh = fonts.filter((font) => font.family === 'Noto Naskh Arabic' && font.weight === 400).map((font) => font.key);
    const text = 'لن NATO نستسلم';
    const paragraph = analyseParagraph(text, 'rtl');
    const line = shaper.shapeLine(paragraph, 0, text.length, { fonts: naskh, size: 40, direction: 'rtl', lang: 'ar' });
    // Where each character's glyphs sit, left edge first.
    const xOf = (index: number): number => Math.min(...line.glyphs.filter((glyph) => glyph.cluster === index).map((glyph) => glyph.x));
    const [lam, n, a, t, o, nun] = [0, 3, 4, 5, 6, 8].map(xOf) as [number, number, number, number, number, number];
    expect(lam).toBeGreaterThan(n); // لن, the first word, is right of NATO
    expect([n, a, t, o]).toEqual([n, a, t, o].sort((p, q) => p - q)); // NATO reads left to right
    expect(nun).toBeLessThan(n); // نستسلم, the last word, is left of NATO
    expect(line.glyphs.every((glyph) => glyph.glyph !== 0)).toBe(true); // no missing-glyph boxes
  });

  it('breaks lines in logical order, so the quote starts on the first line', async () => {
    const fonts = cardFontFiles();
    const shaper = await createTextShaper(fonts.map((font) => ({ key: font.key, sfnt: woffToSfnt(readFileSync(font.path)) })));
    const naskh = fonts.filter((font) => font.family === 'Noto Naskh Arabic' && font.weight === 400).map((font) => font.key);
    const style = { fonts: naskh, size: 48, direction: 'rtl' as const, lang: 'ar' };
    const lines = breakIntoLines(arabic.text, 700, (line) => shaper.measure(line, style));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]!.text.startsWith('الحرية')).toBe(true);
    expect(lines.at(-1)!.text.endsWith('الاستقرار.')).toBe(true);
  });
});

describe('right-to-left card', () => {
  /**
   * Column runs of text ink in the quote area (above the footer), right to
   * left. Joined Arabic letters make one run per word; boxes or unjoined
   * letters make many.
   */
  function inkRunsFromRight(png: PNG, top: number, bottom: number): { left: number; right: number }[] {
    const inked: boolean[] = [];
    for (let x = 0; x < png.width; x++) {
      let any = false;
      for (let y = top; y < bottom && !any; y++) any = isTextInk(png, x, y);
      inked.push(any);
    }
    const runs: { left: number; right: number }[] = [];
    const minGap = 6;
    for (let x = png.width - 1; x >= 0; x--) {
      if (!inked[x]) continue;
      const last = runs[runs.length - 1];
      if (last && last.left - x <= minGap) last.left = x;
      else runs.push({ left: x, right: x });
    }
    return runs;
  }

  it('puts the first word on the right, with joined letters and no boxes', async () => {
    const renderer = await createCardRenderer(cardFontFiles().map((font) => ({ ...font, data: readFileSync(font.path) })));
    // "We will not surrender": a short joined word first, a long joined word second.
    const { png, warnings } = await renderer.render({
      kind: 'quote',
      id: 'order',
      text: 'لن نستسلم',
      attribution: 'أحمد مسعود',
      lang: 'ar',
      siteName: 'QTD',
    });
    expect(warnings).toEqual([]);
    const image = PNG.sync.read(Buffer.from(png));
    const runs = inkRunsFromRight(image, 0, 430);
    expect(runs).toHaveLength(2);
    const [firstWord, secondWord] = runs as [{ left: number; right: number }, { left: number; right: number }];
    // لن is much narrower than نستسلم: reversed order would put the wide word on the right.
    expect(firstWord.right - firstWord.left).toBeLessThan((secondWord.right - secondWord.left) * 0.6);
    // Right-aligned: the first word ends at the text column's right edge, far right on the card.
    expect(firstWord.right).toBeGreaterThan(CARD_WIDTH * 0.75);
  });
});

describe('glyph placement', () => {
  const glyphPlaces = async (card: CardInput): Promise<number[]> => {
    const renderer = await createCardRenderer(cardFontFiles().map((font) => ({ ...font, data: readFileSync(font.path) })));
    const { scene } = renderer.layout(card);
    return scene.layers.flatMap((layer) =>
      layer.outlines.filter((outline) => outline.reusable).flatMap((outline) => [outline.translateX, outline.translateY]),
    );
  };

  it('puts Latin letters on whole pixels, so that each letter has the same pixels wherever it stands', async () => {
    const places = await glyphPlaces(seed);
    expect(places.length).toBeGreaterThan(200);
    expect(places.filter((place) => !Number.isInteger(place))).toEqual([]);
  });

  it('leaves joined Arabic letters where the shaper put them, so that they meet', async () => {
    const places = await glyphPlaces(arabic);
    expect(places.some((place) => !Number.isInteger(place))).toBe(true);
  });
});
