/**
 * Draws one share card: layout with satori, rasterising with resvg. A renderer
 * is made once per thread (fonts parsed once) and then draws many cards.
 *
 * Right-to-left text: satori wraps lines itself and has no usable bidi
 * reordering or mark positioning, so we never let it wrap or shape a
 * right-to-left paragraph. We break every text block into lines ourselves
 * (measuring with HarfBuzz, in logical order, so the first words of the quote
 * are on the first line), then reorder each line on its own with the bidi
 * algorithm (bidi-js) and shape its runs; such lines go to satori as vector
 * paths in a box of the measured size. Reordering the whole paragraph first
 * and letting satori wrap it would put the end of the quote on the first line.
 * Plain left-to-right lines go to satori as text, one unwrapping line each.
 */
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { woffToSfnt } from './fonts.ts';
import type { FontFile } from './fonts.ts';
import { CARD_HEIGHT, CARD_WIDTH, SCRIPT_TUNING, fitOneLine, fitQuote } from './card-layout.ts';
import type { CardInput, CardScript, LineRange } from './card-layout.ts';
import { analyseParagraph, createTextShaper, detectDirection, needsOwnShaping } from './text-shaper.ts';
import type { Direction, TextStyle } from './text-shaper.ts';
import { textDirection } from '../lang.ts';

export interface LoadedFontFile extends FontFile {
  data: Uint8Array;
}

export interface RenderedCard {
  png: Uint8Array;
  /** Problems worth a build warning, e.g. characters no card font has. */
  warnings: string[];
}

export interface CardRenderer {
  render(card: CardInput): Promise<RenderedCard>;
}

const COLORS = {
  background: '#f8f4ec',
  text: '#1f1b17',
  muted: '#6b6259',
  accent: '#a8432a',
};

const PAD_X = 80;
const PAD_TOP = 64;
const PAD_BOTTOM = 56;
/** Room beside the quote for the big quotation mark, which hangs there instead of pushing the text. */
const MARK_GUTTER = 112;
const MARK_SIZE = 200;
const FOOTER_GAP = 34;
const RULE = { width: 48, height: 3, gap: 18 };
const ATTRIBUTION_SIZE = 30;
const DETAIL_SIZE = 22;
const DETAIL_GAP = 4;
const SITE_NAME_SIZE = 26;
const SITE_NAME_GAP = 40;
/** Articles get a band of the accent colour along the top instead of the quotation mark. */
const ARTICLE_BAND = 10;
/** Extra room around a line drawn as paths, for ink beyond the advance box (swashes, marks). */
const BLEED = 24;
/** One-line blocks get a little more air than the quote's lines. */
const ONE_LINE_LEADING = 1.05;

type Weight = 400 | 600;

interface SatoriNode {
  type: string;
  props: { style?: Record<string, unknown>; children?: SatoriChild | SatoriChild[]; [name: string]: unknown };
}
type SatoriChild = SatoriNode | string;

function h(type: string, props: SatoriNode['props']): SatoriNode {
  return { type, props };
}

function scriptOf(text: string): CardScript {
  return /\p{Script=Arabic}/u.test(text) ? 'arabic' : 'latin';
}

function cardDirection(card: CardInput): Direction {
  if (card.lang) return textDirection(card.lang);
  return detectDirection(card.text) ?? 'ltr';
}

export async function createCardRenderer(fonts: readonly LoadedFontFile[]): Promise<CardRenderer> {
  // Unwrapped once here with Node's zlib; satori would inflate every woff again in JavaScript.
  const sfnts = fonts.map((font) => ({ ...font, sfnt: woffToSfnt(font.data) }));
  const shaper = await createTextShaper(sfnts);
  // Satori only ever draws lines the serif covers (see blockLines), so it gets only the serif. Each
  // subset is its own family, named by key: satori falls back along a font-family list, but not
  // between several files registered under one name (Greek, Cyrillic and Vietnamese came out as boxes).
  const satoriFonts = sfnts
    .filter((font) => font.family === 'Noto Serif')
    .map((font) => ({ name: font.key, data: Buffer.from(font.sfnt), weight: font.weight, style: font.style }));
  const serifKeys = (weight: Weight, italic: boolean): string[] =>
    fonts.filter((font) => font.family === 'Noto Serif' && font.weight === weight && font.style === (italic ? 'italic' : 'normal')).map((font) => font.key);
  const satoriFamily = (weight: Weight, italic: boolean): string => serifKeys(weight, italic).map((key) => `"${key}"`).join(', ');

  /** Font keys for a block: the script's family first, the other as fallback; Arabic has no italic. */
  function fontChain(script: CardScript, weight: Weight, italic: boolean): string[] {
    const of = (family: 'Noto Serif' | 'Noto Naskh Arabic', style: 'normal' | 'italic'): string[] =>
      fonts.filter((font) => font.family === family && font.weight === weight && font.style === style).map((font) => font.key);
    const serif = of('Noto Serif', italic ? 'italic' : 'normal');
    const naskh = of('Noto Naskh Arabic', 'normal');
    return script === 'arabic' ? [...naskh, ...serif] : [...serif, ...naskh];
  }

  interface Block {
    text: string;
    lines: LineRange[];
    style: TextStyle;
    lineHeight: number;
    weight: Weight;
    italic: boolean;
    color: string;
  }

  function blockStyle(text: string, size: number, weight: Weight, italic: boolean, direction: Direction, lang?: string): TextStyle {
    const script = scriptOf(text);
    const scaled = Math.round(size * SCRIPT_TUNING[script].sizeFactor);
    return { fonts: fontChain(script, weight, italic && script === 'latin'), size: scaled, direction, lang };
  }

  /** A one-line block (attribution, detail, site name), shortened to fit `maxWidth`. */
  function oneLineBlock(
    raw: string,
    options: { size: number; weight: Weight; italic: boolean; color: string; maxWidth: number; fallbackDirection: Direction; lang?: string },
  ): Block {
    const direction = detectDirection(raw) ?? options.fallbackDirection;
    const style = blockStyle(raw, options.size, options.weight, options.italic, direction, options.lang);
    const text = fitOneLine(raw, options.maxWidth, (candidate) => shaper.measure(candidate, style));
    return {
      text,
      lines: [{ start: 0, end: text.length, text }],
      style,
      lineHeight: Math.round(style.size * SCRIPT_TUNING[scriptOf(raw)].lineHeight * ONE_LINE_LEADING),
      weight: options.weight,
      italic: options.italic,
      color: options.color,
    };
  }

  /** Satori nodes for the lines of a block, each exactly one line box tall. */
  function blockLines(block: Block, align: 'flex-start' | 'flex-end'): SatoriNode[] {
    const { style, lineHeight } = block;
    const serif = serifKeys(block.weight, block.italic);
    // Satori draws a block only if our measurements used exactly the fonts it will use.
    const satoriCanDraw =
      !needsOwnShaping(block.text) &&
      shaper.missingCharacters(block.text, serif).length === 0 &&
      serif.every((key, i) => style.fonts[i] === key);
    if (satoriCanDraw) {
      return block.lines.map((line) =>
        h('div', {
          style: {
            display: 'flex',
            alignSelf: align,
            height: lineHeight,
            fontFamily: satoriFamily(block.weight, block.italic),
            fontSize: style.size,
            fontWeight: block.weight,
            fontStyle: block.italic ? 'italic' : 'normal',
            lineHeight: `${lineHeight}px`,
            color: block.color,
            whiteSpace: 'pre',
          },
          children: line.text,
        }),
      );
    }
    const paragraph = analyseParagraph(block.text, style.direction);
    const { ascender, descender } = shaper.verticalMetrics(style.fonts[0] ?? '');
    // Same half-leading as a CSS line box, so these lines sit like satori's.
    const baseline = BLEED + (lineHeight - (ascender + descender) * style.size) / 2 + ascender * style.size;
    return block.lines.map((line) => {
      const shaped = shaper.shapeLine(paragraph, line.start, line.end, style);
      const width = Math.ceil(shaped.width) + 2 * BLEED;
      const height = lineHeight + 2 * BLEED;
      return h('svg', {
        width,
        height,
        viewBox: `0 0 ${width} ${height}`,
        style: { alignSelf: align, margin: -BLEED, flexShrink: 0 },
        children: [h('path', { d: shaper.linePath(shaped, style.size, BLEED, baseline), fill: block.color })],
      });
    });
  }

  async function render(card: CardInput): Promise<RenderedCard> {
    const warnings: string[] = [];
    const direction = cardDirection(card);
    const rtl = direction === 'rtl';
    const start = rtl ? 'flex-end' : 'flex-start';
    const isQuote = card.kind === 'quote';
    const gutter = isQuote ? MARK_GUTTER : 0;
    const columnWidth = CARD_WIDTH - 2 * PAD_X - gutter;

    const siteName = oneLineBlock(card.siteName, {
      size: SITE_NAME_SIZE, weight: 600, italic: false, color: COLORS.accent, maxWidth: 320, fallbackDirection: direction,
    });
    const siteNameWidth = shaper.measure(siteName.text, siteName.style);
    const footerTextWidth = columnWidth - siteNameWidth - SITE_NAME_GAP;
    const attribution = oneLineBlock(card.attribution, {
      size: ATTRIBUTION_SIZE, weight: 600, italic: false, color: COLORS.text, maxWidth: footerTextWidth, fallbackDirection: direction, lang: card.lang,
    });
    const detail = card.detail?.trim()
      ? oneLineBlock(card.detail, { size: DETAIL_SIZE, weight: 400, italic: true, color: COLORS.muted, maxWidth: footerTextWidth, fallbackDirection: direction })
      : undefined;
    const footerHeight = RULE.height + RULE.gap + attribution.lineHeight + (detail ? DETAIL_GAP + detail.lineHeight : 0);
    const quoteAreaHeight = CARD_HEIGHT - PAD_TOP - PAD_BOTTOM - footerHeight - FOOTER_GAP;

    const quoteScript = scriptOf(card.text);
    const quoteWeight: Weight = isQuote ? 400 : 600;
    const quoteStyle = blockStyle(card.text, 0, quoteWeight, false, direction, card.lang);
    const quoteStyleAt = (size: number): TextStyle => ({ ...quoteStyle, size });
    const fitted = fitQuote(card.text, { width: columnWidth, height: quoteAreaHeight, script: quoteScript }, (text, size) =>
      shaper.measure(text, quoteStyleAt(size)),
    );
    const quote: Block = {
      text: fitted.text,
      lines: fitted.lines,
      style: quoteStyleAt(fitted.fontSize),
      lineHeight: fitted.lineHeight,
      weight: quoteWeight,
      italic: false,
      color: COLORS.text,
    };

    for (const block of [quote, attribution, detail, siteName]) {
      if (!block) continue;
      const missing = shaper.missingCharacters(block.text, block.style.fonts);
      if (missing.length > 0) warnings.push(`card ${card.kind}/${card.id}: no card font has ${missing.map((c) => JSON.stringify(c)).join(' ')}`);
    }

    const mark = isQuote
      ? h('div', {
          style: {
            position: 'absolute',
            top: -Math.round(MARK_SIZE * 0.17),
            [rtl ? 'right' : 'left']: -gutter,
            fontFamily: satoriFamily(600, false),
            fontWeight: 600,
            fontSize: MARK_SIZE,
            lineHeight: 1,
            color: COLORS.accent,
            // The same mark, turned to open towards right-to-left text.
            ...(rtl ? { transform: 'scaleX(-1)' } : {}),
          },
          children: '\u201c',
        })
      : undefined;

    const quoteBlock = h('div', {
      style: { display: 'flex', flexDirection: 'column', position: 'relative', alignItems: start },
      children: [...(mark ? [mark] : []), ...blockLines(quote, start)],
    });

    const footer = h('div', {
      style: { display: 'flex', flexDirection: rtl ? 'row-reverse' : 'row', alignItems: 'flex-end', justifyContent: 'space-between' },
      children: [
        h('div', {
          style: { display: 'flex', flexDirection: 'column', alignItems: start },
          children: [
            h('div', { style: { width: RULE.width, height: RULE.height, backgroundColor: COLORS.accent, marginBottom: RULE.gap } }),
            ...blockLines(attribution, start),
            ...(detail ? [h('div', { style: { height: DETAIL_GAP } }), ...blockLines(detail, start)] : []),
          ],
        }),
        h('div', { style: { display: 'flex', flexDirection: 'column' }, children: blockLines(siteName, start) }),
      ],
    });

    const root = h('div', {
      style: {
        display: 'flex',
        flexDirection: 'column',
        boxSizing: 'border-box',
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        backgroundColor: COLORS.background,
        paddingTop: PAD_TOP,
        paddingBottom: PAD_BOTTOM,
        paddingLeft: PAD_X + (rtl ? 0 : gutter),
        paddingRight: PAD_X + (rtl ? gutter : 0),
      },
      children: [
        ...(isQuote ? [] : [h('div', { style: { position: 'absolute', top: 0, left: 0, width: CARD_WIDTH, height: ARTICLE_BAND, backgroundColor: COLORS.accent } })]),
        h('div', {
          style: { display: 'flex', flexDirection: 'column', justifyContent: 'center', height: quoteAreaHeight, marginBottom: FOOTER_GAP },
          children: [quoteBlock],
        }),
        footer,
      ],
    });

    const svg = await satori(root as never, { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: satoriFonts });
    const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
    return { png, warnings };
  }

  return { render };
}
