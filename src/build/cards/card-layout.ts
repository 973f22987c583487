/**
 * The pure part of the share cards: what goes on a card, how big the quote is
 * set, where its lines break, how it is shortened, and the cache key. Text is
 * measured through a function passed in, so this runs (and is tested) without
 * fonts.
 */
import { createHash } from 'node:crypto';
import { isSafeFileName } from '../../content/ids.ts';

export interface CardInput {
  /** `site`: the card of every page that has none of its own (lists, people, about). */
  kind: 'quote' | 'article' | 'site';
  id: string;
  /** The quote; for articles, the title. */
  text: string;
  /** "Ahmad Massoud"; for articles, the author names. */
  attribution: string;
  /** The source line; for articles, the dek or publication. */
  detail?: string;
  /** BCP 47; decides direction and font. */
  lang?: string;
  siteName: string;
  /** A quote's day as the quote of the day, as shown ("Aug. 23, 2021"): under the site's name. */
  date?: string;
}

/** Bump whenever a change here or in the renderer moves pixels: it invalidates every cached card. */
export const LAYOUT_VERSION = 4;

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export const ELLIPSIS = '\u2026';

/** Where a card is written, relative to the dist folder. */
export function cardOutputPath(card: Pick<CardInput, 'kind' | 'id'>): string {
  // The id becomes a file name: refuse anything that could leave the folder.
  if (!isSafeFileName(card.id)) {
    throw new Error(`card id ${JSON.stringify(card.id)} is not a safe file name`);
  }
  if (card.kind === 'site') return `og/${card.id}.png`;
  return `og/${card.kind === 'quote' ? 'quotes' : 'articles'}/${card.id}.png`;
}

/** Cache key: everything that decides the pixels (not the id, which only decides the file name). */
export function cardHash(card: CardInput, rendererIdentity: string): string {
  const fields = [
    LAYOUT_VERSION,
    rendererIdentity,
    card.kind,
    card.text,
    card.attribution,
    card.detail ?? null,
    card.lang ?? null,
    card.siteName,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** NFC (so accents are single characters) and single spaces. */
export function normalizeCardText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

// Punctuation that should not stand just before an ellipsis (". . ." included).
const TRAILING_BEFORE_ELLIPSIS = /[\s.,;:\u2010-\u2015\-\u060c\u061b\u2026]+$/u;

/**
 * Shortens `text` to at most `maxChars` characters (grapheme clusters),
 * ellipsis included, cutting at the last word boundary that fits; a single
 * word longer than that is cut inside. Text that fits is returned unchanged.
 */
export function shortenAtWordBoundary(text: string, maxChars: number): string {
  const chars = splitGraphemes(text);
  if (chars.length <= maxChars) return text;
  if (maxChars < 1) return '';
  const room = maxChars - 1;
  let cut = -1;
  for (let i = room; i > 0; i--) {
    if (/^\s$/u.test(chars[i] ?? '')) {
      cut = i;
      break;
    }
  }
  const kept = chars.slice(0, cut > 0 ? cut : room).join('');
  const trimmed = kept.replace(TRAILING_BEFORE_ELLIPSIS, '');
  return (trimmed || kept.trimEnd()) + ELLIPSIS;
}

export type CardScript = 'latin' | 'arabic';

export interface QuoteTypography {
  fontSize: number;
  /** px */
  lineHeight: number;
  maxLines: number;
}

/** Font sizes for the quote (or title), largest first, each for text up to `maxChars` long. */
export const QUOTE_SIZE_STEPS: readonly { maxChars: number; fontSize: number }[] = [
  { maxChars: 40, fontSize: 80 },
  { maxChars: 90, fontSize: 66 },
  { maxChars: 150, fontSize: 54 },
  { maxChars: 230, fontSize: 45 },
  { maxChars: Number.POSITIVE_INFINITY, fontSize: 38 },
];

// Naskh sets smaller than Noto Serif at the same size and needs taller lines for its ascenders and dots below.
export const SCRIPT_TUNING: Readonly<Record<CardScript, { sizeFactor: number; lineHeight: number }>> = {
  latin: { sizeFactor: 1, lineHeight: 1.24 },
  arabic: { sizeFactor: 1.1, lineHeight: 1.62 },
};

export function typographyForStep(step: number, script: CardScript, areaHeight: number): QuoteTypography {
  const base = QUOTE_SIZE_STEPS[Math.min(Math.max(step, 0), QUOTE_SIZE_STEPS.length - 1)];
  const tuning = SCRIPT_TUNING[script];
  const fontSize = Math.round((base?.fontSize ?? 38) * tuning.sizeFactor);
  const lineHeight = Math.round(fontSize * tuning.lineHeight);
  return { fontSize, lineHeight, maxLines: Math.max(1, Math.floor(areaHeight / lineHeight)) };
}

/** The size step a text of this length starts at. */
export function sizeStepForLength(length: number): number {
  const step = QUOTE_SIZE_STEPS.findIndex((candidate) => length <= candidate.maxChars);
  return step === -1 ? QUOTE_SIZE_STEPS.length - 1 : step;
}

/** The starting font size and line count for a quote of `length` characters in an area `areaHeight` px tall. */
export function chooseQuoteTypography(length: number, script: CardScript, areaHeight: number): QuoteTypography {
  return typographyForStep(sizeStepForLength(length), script, areaHeight);
}

export interface LineRange {
  /** UTF-16 offsets into the text that was broken. */
  start: number;
  end: number;
  text: string;
}

/**
 * Greedy line breaking at spaces: each line takes as many words as fit, each
 * candidate line measured whole (so kerning and shaping count). A word wider
 * than the line on its own is split between characters. Expects normalized
 * text (single spaces).
 *
 * How many words fit is guessed from the width of the last text measured and then
 * checked (the line fits, and with one word more it does not), so a line costs two
 * or three measurements instead of one per word: shaping is most of a card's layout
 * and a cold build lays out a card for every quote. A line only grows wider with
 * every word added, so this is the line that adding words one by one gives.
 */
export function breakIntoLines(text: string, maxWidth: number, measure: (text: string) => number): LineRange[] {
  const words = Array.from(text.matchAll(/\S+/gu), (match) => ({ start: match.index, end: match.index + match[0].length }));
  const lines: LineRange[] = [];
  const lineOf = (start: number, end: number): LineRange => ({ start, end, text: text.slice(start, end) });
  /** Width per UTF-16 unit of the last text measured: what the next guess is made from. */
  let perUnit = 0;
  const fits = (start: number, end: number): boolean => {
    const width = measure(text.slice(start, end));
    perUnit = width / (end - start);
    return width <= maxWidth;
  };
  const endOf = (word: number): number => words[word]?.end ?? text.length;
  /**
   * The last word `j ≥ first` such that the line from `start` to the end of word `j` fits, or
   * `first − 1` when none does. Words up to `fitting` are known to fit and those from `tooMany`
   * on not to; each guess falls between the two and moves one of them.
   */
  const lastFitting = (start: number, first: number): number => {
    let fitting = first - 1;
    let tooMany = words.length;
    while (tooMany - fitting > 1) {
      let guess = tooMany - 1;
      if (perUnit > 0) {
        const room = start + maxWidth / perUnit;
        while (guess > fitting + 1 && endOf(guess) > room) guess -= 1;
      }
      if (fits(start, endOf(guess))) fitting = guess;
      else tooMany = guess;
    }
    return fitting;
  };
  for (let word = 0; word < words.length;) {
    const { start: wordStart, end: wordEnd } = words[word] ?? { start: 0, end: 0 };
    let lineStart = wordStart;
    let last = lastFitting(lineStart, word);
    if (last < word) {
      // Split an over-long word (a URL, say) into pieces that fit; its last piece starts the line.
      let pieceEnd = wordStart;
      for (const char of splitGraphemes(text.slice(wordStart, wordEnd))) {
        const next = pieceEnd + char.length;
        if (pieceEnd > lineStart && measure(text.slice(lineStart, next)) > maxWidth) {
          lines.push(lineOf(lineStart, pieceEnd));
          lineStart = pieceEnd;
        }
        pieceEnd = next;
      }
      last = Math.max(word, lastFitting(lineStart, word + 1));
    }
    lines.push(lineOf(lineStart, endOf(last)));
    word = last + 1;
  }
  return lines;
}

export interface FittedText {
  /** The text as set: normalized, and shortened with an ellipsis when it had to be. */
  text: string;
  fontSize: number;
  lineHeight: number;
  lines: LineRange[];
  shortened: boolean;
}

/** Measures `text` set at `fontSize` px. */
export type MeasureAtSize = (text: string, fontSize: number) => number;

/**
 * Sets a quote (or title) so it never overflows its area: start at the size
 * its length calls for, step down while the lines don't fit, and at the
 * smallest size shorten at a word boundary to the longest text that fits.
 */
export function fitQuote(rawText: string, area: { width: number; height: number; script: CardScript }, measure: MeasureAtSize): FittedText {
  const text = normalizeCardText(rawText);
  const length = splitGraphemes(text).length;
  for (let step = sizeStepForLength(length); step < QUOTE_SIZE_STEPS.length; step++) {
    const typography = typographyForStep(step, area.script, area.height);
    const lines = breakIntoLines(text, area.width, (line) => measure(line, typography.fontSize));
    if (lines.length <= typography.maxLines) {
      return { text, fontSize: typography.fontSize, lineHeight: typography.lineHeight, lines, shortened: false };
    }
  }
  const typography = typographyForStep(QUOTE_SIZE_STEPS.length - 1, area.script, area.height);
  const layout = (maxChars: number): { text: string; lines: LineRange[] } => {
    const shortened = shortenAtWordBoundary(text, maxChars);
    return { text: shortened, lines: breakIntoLines(shortened, area.width, (line) => measure(line, typography.fontSize)) };
  };
  // More characters never means fewer lines, so binary-search the longest that fits.
  let low = 1;
  let high = length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (layout(middle).lines.length <= typography.maxLines) low = middle;
    else high = middle - 1;
  }
  const best = layout(low);
  return { ...best, fontSize: typography.fontSize, lineHeight: typography.lineHeight, shortened: true };
}

/** The longest word-boundary shortening of `text` that fits on one line of `maxWidth`. */
export function fitOneLine(rawText: string, maxWidth: number, measure: (text: string) => number): string {
  const text = normalizeCardText(rawText);
  if (measure(text) <= maxWidth) return text;
  let low = 0;
  let high = splitGraphemes(text).length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(shortenAtWordBoundary(text, middle)) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return shortenAtWordBoundary(text, low);
}
