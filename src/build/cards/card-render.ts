/**
 * Draws one share card. The layout is ours (a fixed design: the quote set as
 * large as fits, centred in its area, the speaker and source below a short
 * rule, the site's name in the corner), every line is shaped with HarfBuzz
 * (see text-shaper.ts) and becomes glyph outlines, and the outlines are
 * filled into an 8-bit palette PNG by our rasteriser (see raster.ts). A
 * renderer is made once per thread (fonts parsed once, buffers allocated
 * once) and then draws many cards.
 */
import { woffToSfnt } from './fonts.ts';
import type { FontFile } from './fonts.ts';
import { CARD_HEIGHT, CARD_WIDTH, SCRIPT_TUNING, fitOneLine, fitQuote } from './card-layout.ts';
import type { CardInput, CardScript, LineRange } from './card-layout.ts';
import { analyseParagraph, createTextShaper, detectDirection } from './text-shaper.ts';
import type { Direction, TextStyle } from './text-shaper.ts';
import { createRasteriser, outlineToSvgPath, rectangleOutline } from './raster.ts';
import type { Outline } from './raster.ts';
import { encodePalettePng } from './png.ts';
import { textDirection } from '../../domain/lang.ts';

export interface LoadedFontFile extends FontFile {
  data: Uint8Array;
}

export interface RenderedCard {
  png: Uint8Array;
  /** Problems worth a build warning, e.g. characters no card font has. */
  warnings: string[];
}

/** A card as outlines to fill, each layer in one ink, before rasterising. */
export interface CardScene {
  width: number;
  height: number;
  background: string;
  inks: readonly string[];
  layers: { ink: number; outlines: Outline[] }[];
}

export interface CardRenderer {
  /** The card's outlines and warnings, without drawing it. */
  layout(card: CardInput): { scene: CardScene; warnings: string[] };
  render(card: CardInput): Promise<RenderedCard>;
}

const BACKGROUND = '#f8f4ec';
/** The inks, in palette order. */
const INKS = ['#1f1b17', '#6b6259', '#a8432a'] as const;
/**
 * Colours of a card: the background and three coverage steps of each ink (a third, two
 * thirds, all). Edges in fewer steps are fewer distinct bytes for deflate: a card is ~13 %
 * smaller than with five steps, and text at a card's size shows no step either way.
 */
export const CARD_PALETTE_SIZE = 10;
const INK = { text: 0, muted: 1, accent: 2 } as const;
type Ink = (typeof INK)[keyof typeof INK];

const PAD_X = 80;
const PAD_TOP = 64;
const PAD_BOTTOM = 56;
/** Room beside the quote for the big quotation mark, which hangs there instead of pushing the text. */
const MARK_GUTTER = 112;
const MARK_SIZE = 200;
const FOOTER_GAP = 34;
const RULE = { width: 48, height: 3, gap: 18 };
const ATTRIBUTION_SIZE = 32;
/** The source line and the date: 26 px stays legible where a timeline shows the card 375 px wide. */
const DETAIL_SIZE = 26;
const DETAIL_GAP = 4;
const SITE_NAME_SIZE = 26;
const SITE_NAME_GAP = 40;
/** Between a quote's day and the site's name after it. */
const DATE_GAP = 20;
/** Articles get a band of the accent colour along the top instead of the quotation mark. */
const ARTICLE_BAND = 10;
/** One-line blocks get a little more air than the quote's lines. */
const ONE_LINE_LEADING = 1.05;

type Weight = 400 | 600;

function scriptOf(text: string): CardScript {
  return /\p{Script=Arabic}/u.test(text) ? 'arabic' : 'latin';
}

/** True for text in a script whose letters join (Arabic): its glyphs must keep their exact places to meet. */
function joinsLetters(text: string): boolean {
  return /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}]/u.test(text);
}

/**
 * A glyph moved to the nearest whole pixel, as renderers without subpixel positioning
 * place them: a letter then has the same pixels wherever it stands on the card, so the
 * rasteriser draws it once and deflate finds its rows again along the line (a card
 * ~10 % smaller and faster to draw). At a card's sizes (26 px and up) half a pixel of
 * spacing does not show; letters that join are left where the shaper put them.
 */
function onWholePixel(outline: Outline): Outline {
  return { ...outline, translateX: Math.round(outline.translateX), translateY: Math.round(outline.translateY) };
}

function cardDirection(card: CardInput): Direction {
  if (card.lang) return textDirection(card.lang);
  return detectDirection(card.text) ?? 'ltr';
}

export async function createCardRenderer(fonts: readonly LoadedFontFile[]): Promise<CardRenderer> {
  // Unwrapped once here with Node's zlib.
  const sfnts = fonts.map((font) => ({ ...font, sfnt: woffToSfnt(font.data) }));
  const shaper = await createTextShaper(sfnts);
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
    ink: Ink;
  }

  function blockStyle(text: string, size: number, weight: Weight, italic: boolean, direction: Direction, lang?: string): TextStyle {
    const script = scriptOf(text);
    const scaled = Math.round(size * SCRIPT_TUNING[script].sizeFactor);
    return { fonts: fontChain(script, weight, italic && script === 'latin'), size: scaled, direction, lang };
  }

  /** A one-line block (attribution, detail, site name), shortened to fit `maxWidth`. */
  function oneLineBlock(
    raw: string,
    options: { size: number; weight: Weight; italic: boolean; ink: Ink; maxWidth: number; fallbackDirection: Direction; lang?: string },
  ): Block {
    const direction = detectDirection(raw) ?? options.fallbackDirection;
    const style = blockStyle(raw, options.size, options.weight, options.italic, direction, options.lang);
    const text = fitOneLine(raw, options.maxWidth, (candidate) => shaper.measure(candidate, style));
    return {
      text,
      lines: [{ start: 0, end: text.length, text }],
      style,
      lineHeight: Math.round(style.size * SCRIPT_TUNING[scriptOf(raw)].lineHeight * ONE_LINE_LEADING),
      ink: options.ink,
    };
  }

  /** Where a line box's baseline sits: half the leading above the font's ascender, as in a CSS line box. */
  function baselineIn(style: TextStyle, lineTop: number, lineHeight: number): number {
    const { ascender, descender } = shaper.verticalMetrics(style.fonts[0] ?? '');
    return lineTop + (lineHeight - (ascender + descender) * style.size) / 2 + ascender * style.size;
  }

  /**
   * The outlines of a block's lines, one layer per line (so each is resolved
   * within its own small box), starting at `top`; each line is aligned on the
   * card's start side, between `left` and `right`.
   */
  function blockLayers(block: Block, top: number, left: number, right: number, alignRight: boolean): CardScene['layers'] {
    const paragraph = analyseParagraph(block.text, block.style.direction);
    return block.lines.map((line, index) => {
      const shaped = shaper.shapeLine(paragraph, line.start, line.end, block.style);
      const x = alignRight ? right - shaped.width : left;
      const baseline = baselineIn(block.style, top + index * block.lineHeight, block.lineHeight);
      const outlines = shaper.lineOutlines(shaped, block.style.size, x, baseline);
      return { ink: block.ink, outlines: joinsLetters(block.text) ? outlines : outlines.map(onWholePixel) };
    });
  }

  function layout(card: CardInput): { scene: CardScene; warnings: string[] } {
    const warnings: string[] = [];
    const direction = cardDirection(card);
    const rtl = direction === 'rtl';
    const isQuote = card.kind === 'quote';
    const gutter = isQuote ? MARK_GUTTER : 0;
    // The mark's gutter is on the side the quote starts from.
    const contentLeft = PAD_X + (rtl ? 0 : gutter);
    const contentRight = CARD_WIDTH - PAD_X - (rtl ? gutter : 0);
    const columnWidth = contentRight - contentLeft;

    const siteName = oneLineBlock(card.siteName, {
      size: SITE_NAME_SIZE,
      weight: 600,
      italic: false,
      ink: INK.accent,
      maxWidth: 320,
      fallbackDirection: direction,
    });
    const date = card.date
      ? oneLineBlock(card.date, { size: DETAIL_SIZE, weight: 400, italic: false, ink: INK.muted, maxWidth: 320, fallbackDirection: 'ltr' })
      : undefined;
    // A quote's card puts its day before the site's name, on the attribution's line, so that the
    // source line below has the column's whole width; other cards keep the name on the last line.
    const siteNameWidth = shaper.measure(siteName.text, siteName.style);
    const dateWidth = date ? shaper.measure(date.text, date.style) + DATE_GAP : 0;
    const attributionWidth = columnWidth - siteNameWidth - dateWidth - SITE_NAME_GAP;
    const detailWidth = date ? columnWidth : columnWidth - siteNameWidth - SITE_NAME_GAP;
    const attribution = oneLineBlock(card.attribution, {
      size: ATTRIBUTION_SIZE,
      weight: 600,
      italic: false,
      ink: INK.text,
      maxWidth: attributionWidth,
      fallbackDirection: direction,
      lang: card.lang,
    });
    const detail = card.detail?.trim()
      ? oneLineBlock(card.detail, {
          size: DETAIL_SIZE,
          weight: 400,
          italic: true,
          ink: INK.muted,
          maxWidth: detailWidth,
          fallbackDirection: direction,
        })
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
      ink: INK.text,
    };

    for (const block of [quote, attribution, detail, siteName, date]) {
      if (!block) continue;
      const missing = shaper.missingCharacters(block.text, block.style.fonts);
      if (missing.length > 0)
        warnings.push(`card ${card.kind}/${card.id}: no card font has ${missing.map((c) => JSON.stringify(c)).join(' ')}`);
    }

    const layers: CardScene['layers'] = [];
    if (!isQuote) layers.push({ ink: INK.accent, outlines: [rectangleOutline(0, 0, CARD_WIDTH, ARTICLE_BAND)] });

    // The quote (or title) is centred in its area, whole pixels so its lines sit on the pixel grid alike.
    const quoteTop = PAD_TOP + Math.round((quoteAreaHeight - quote.lines.length * quote.lineHeight) / 2);
    if (isQuote) {
      // The big quotation mark hangs in the gutter, its box a little above the first line; turned for right-to-left text.
      const markStyle: TextStyle = { fonts: fontChain('latin', 600, false), size: MARK_SIZE, direction: 'ltr' };
      const mark = shaper.shapeLine(analyseParagraph('\u201c', 'ltr'), 0, 1, markStyle);
      const markTop = quoteTop - Math.round(MARK_SIZE * 0.17);
      const markLeft = rtl ? contentRight + gutter - mark.width : contentLeft - gutter;
      layers.push({
        ink: INK.accent,
        outlines: shaper.lineOutlines(mark, MARK_SIZE, markLeft, baselineIn(markStyle, markTop, MARK_SIZE), rtl).map(onWholePixel),
      });
    }
    layers.push(...blockLayers(quote, quoteTop, contentLeft, contentRight, rtl));

    const footerTop = CARD_HEIGHT - PAD_BOTTOM - footerHeight;
    layers.push({
      ink: INK.accent,
      outlines: [rectangleOutline(rtl ? contentRight - RULE.width : contentLeft, footerTop, RULE.width, RULE.height)],
    });
    const attributionTop = footerTop + RULE.height + RULE.gap;
    layers.push(...blockLayers(attribution, attributionTop, contentLeft, contentRight, rtl));
    if (detail) layers.push(...blockLayers(detail, attributionTop + attribution.lineHeight + DETAIL_GAP, contentLeft, contentRight, rtl));
    // The site's name on the side opposite the attribution: at the bottom of the footer, or on the
    // attribution's line after the quote's day.
    const siteNameTop = date
      ? attributionTop + (attribution.lineHeight - siteName.lineHeight)
      : footerTop + footerHeight - siteName.lineHeight;
    layers.push(...blockLayers(siteName, siteNameTop, contentLeft, contentRight, !rtl));
    if (date) {
      // Set smaller than the attribution, the day and the name sit at the bottom of its line.
      const dateTop = attributionTop + (attribution.lineHeight - date.lineHeight);
      const [left, right] = rtl
        ? [contentLeft + siteNameWidth + DATE_GAP, contentRight]
        : [contentLeft, contentRight - siteNameWidth - DATE_GAP];
      layers.push(...blockLayers(date, dateTop, left, right, !rtl));
    }

    return { scene: { width: CARD_WIDTH, height: CARD_HEIGHT, background: BACKGROUND, inks: INKS, layers }, warnings };
  }

  // At most 16 colours: the PNG then holds 4 bits a pixel, half the bytes of a 256-colour card (src/build/cards/png.ts).
  const rasteriser = createRasteriser(CARD_WIDTH, CARD_HEIGHT, BACKGROUND, INKS, CARD_PALETTE_SIZE);

  async function render(card: CardInput): Promise<RenderedCard> {
    const { scene, warnings } = layout(card);
    rasteriser.clear();
    for (const layer of scene.layers) rasteriser.fill(layer.outlines, layer.ink);
    return { png: encodePalettePng(rasteriser.image()), warnings };
  }

  return { layout, render };
}

/** The scene as an SVG document: the same outlines, for looking at a card as vectors and for comparing rasterisers. */
export function sceneToSvg(scene: CardScene): string {
  const paths = scene.layers.map(
    (layer) => `<path fill="${scene.inks[layer.ink] ?? '#000'}" d="${layer.outlines.map(outlineToSvgPath).join('')}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}"><rect width="${scene.width}" height="${scene.height}" fill="${scene.background}"/>${paths.join('')}</svg>`;
}
