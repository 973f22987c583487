/**
 * How long one share card takes to draw, and how heavy it is, apart from the build (where
 * the cards share two cores with the pages and the search index, at the lowest priority).
 * The cards of an archive as the build chooses them (src/build/cards/card-inputs.ts), drawn
 * one after another on this thread, as each card worker draws them, by the build's renderer
 * (src/build/cards/card-render.ts): layout and shaping, rasterising, PNG.
 *
 *   node bench/cards.ts [content folder] [--sample N] [--passes N]
 *
 * The content folder defaults to a corpus of 1,000 quotes in `.tmp/bench/1000/content`
 * (`node bench/generate-corpus.ts --quotes 1000 --out .tmp/bench/1000/content`). `--sample`
 * of its cards (600 unless told), spread over all of them, are drawn once to warm up,
 * then `--passes` times (3 unless told); the median pass is given, in ms a card, with
 * the layout alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cardInputs } from '../src/build/cards/card-inputs.ts';
import { createCardRenderer } from '../src/build/cards/card-render.ts';
import { cardFontFiles } from '../src/build/cards/fonts.ts';
import { siteConfig } from '../src/site.config.ts';
import { BENCH_BUILD_DATE } from './generate-corpus.ts';
import { readCorpus } from './verify-mark.ts';

const projectRoot = resolve(import.meta.dirname, '..');

export interface CardTimes {
  cards: number;
  /** Median pass, milliseconds a card: layout, drawing and PNG. */
  msPerCard: number;
  /** Median pass, milliseconds a card, of the layout alone (shaping included). */
  layoutMsPerCard: number;
  kbPerCard: number;
}

/**
 * At most `size` of `items`, evenly spread over them: the cards come articles' first, then
 * quotes', and a build draws them all.
 */
export function spreadSample<T>(items: readonly T[], size: number): T[] {
  if (size <= 0) return [];
  const step = Math.max(1, Math.floor(items.length / size));
  return items.filter((_, index) => index % step === 0).slice(0, size);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function measureCards(contentDir: string, sample: number, passes: number): Promise<CardTimes> {
  const all = cardInputs(await readCorpus(projectRoot, contentDir), {
    today: BENCH_BUILD_DATE,
    showScheduled: siteConfig.showScheduled,
    siteName: siteConfig.title,
    tagline: siteConfig.tagline,
  });
  const cards = spreadSample(all, sample);
  const renderer = await createCardRenderer(cardFontFiles().map((font) => ({ ...font, data: readFileSync(font.path) })));
  // One pass unmeasured: the compiler's warm-up and the glyph tiles every later card reuses.
  for (const card of cards) await renderer.render(card);
  const whole: number[] = [];
  const layout: number[] = [];
  let bytes = 0;
  for (let pass = 0; pass < passes; pass++) {
    let started = performance.now();
    for (const card of cards) renderer.layout(card);
    layout.push((performance.now() - started) / cards.length);
    bytes = 0;
    started = performance.now();
    for (const card of cards) bytes += (await renderer.render(card)).png.length;
    whole.push((performance.now() - started) / cards.length);
  }
  return { cards: cards.length, msPerCard: median(whole), layoutMsPerCard: median(layout), kbPerCard: bytes / cards.length / 1024 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { sample: { type: 'string', default: '600' }, passes: { type: 'string', default: '3' } },
  });
  const contentDir = positionals[0] ?? join('.tmp', 'bench', '1000', 'content');
  if (!existsSync(contentDir)) {
    console.error(`no content in ${contentDir}: node bench/generate-corpus.ts --quotes 1000 --out ${contentDir} writes a corpus there`);
    process.exit(1);
  }
  const [sample, passes] = [Number(values.sample), Number(values.passes)];
  if (!Number.isInteger(sample) || sample < 1 || !Number.isInteger(passes) || passes < 1) {
    console.error('--sample and --passes take a whole number of at least 1');
    process.exit(1);
  }
  const times = await measureCards(contentDir, sample, passes);
  console.log(
    `${times.cards} cards of ${contentDir}: ${times.msPerCard.toFixed(2)} ms a card (layout ${times.layoutMsPerCard.toFixed(2)} ms), ${times.kbPerCard.toFixed(1)} kB a card`,
  );
}
