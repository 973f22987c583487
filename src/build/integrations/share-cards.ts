/**
 * Renders the share cards (/og/quotes/<id>.png, /og/articles/<id>.png), each
 * cached by a hash of what it shows, so an unchanged card is never drawn twice.
 *
 * Cards depend only on the checked content, not on the pages, so drawing
 * starts as soon as the content is checked, into the cache, on all cores but
 * one and at the lowest priority: Astro syncs its content store and renders
 * pages on one thread meanwhile.
 * When the pages are written, the cards still to draw get every core, and then
 * all are linked from the cache into the output. Under `npm run build` they are
 * handed over instead, and drawn after Astro exits, beside the search index
 * (scripts/build.ts).
 */
import type { AstroIntegration } from 'astro';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAstroFile, handOver } from '../after-astro.ts';
import { checkedContent, validatedContent } from './content-check.ts';
import { cardInputs } from '../cards/card-inputs.ts';
import type { CardInput } from '../cards/card-layout.ts';
import { renderCards, rendererIdentity } from '../cards/render-cards.ts';
import type { RenderCardsResult } from '../cards/render-cards.ts';
import { todayIn } from '../../domain/dates.ts';
import { siteConfig } from '../../site.config.ts';

async function publishedCards(): Promise<CardInput[] | undefined> {
  const content = checkedContent() ?? (await validatedContent());
  if (!content) return undefined;
  return cardInputs(content, {
    today: todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate),
    showScheduled: siteConfig.showScheduled,
    siteName: siteConfig.title,
    tagline: siteConfig.tagline,
  });
}

export default function shareCards(): AstroIntegration {
  let cacheDir = '';
  let drawing: Promise<{ cards: CardInput[]; drawn: RenderCardsResult } | undefined> | undefined;
  // Read once per build: a source file edited while the build runs must not make the second pass draw every card again.
  let identity: string | undefined;
  let pagesDone = (): void => {};
  const pagesWritten = new Promise<void>((resolve) => {
    pagesDone = resolve;
  });
  let stopDrawing = (): void => {};
  const stopped = new Promise<void>((resolve) => {
    stopDrawing = resolve;
  });
  // Under `npm run build` the cards left when the pages are written are drawn after Astro exits,
  // beside the search index (src/build/after-astro.ts).
  const handOffFile = afterAstroFile();
  return {
    name: 'qtd:cards',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        cacheDir = fileURLToPath(new URL('qtd-cards/', config.cacheDir));
        // qtd:content-check has begun reading the content: the cards draw from the validated
        // entries while Astro syncs its content store (a build with a content problem stops there).
        if (command !== 'build') return;
        identity = rendererIdentity();
        const started = publishedCards().then(async (cards) => {
          if (!cards) return undefined;
          const concurrency = Math.max(1, availableParallelism() - 1);
          const drawn = await renderCards(cards, {
            cacheDir,
            ...(identity ? { identity } : {}),
            concurrency,
            onWarning: (message) => logger.warn(message),
            // Astro's thread decides how long the build takes: the cards take only the CPU it
            // leaves (pages at 10,000 quotes: ~41 -> ~35 s, A/B), and once the pages are
            // written, the cards left get every core.
            lowPriority: true,
            useAllCores: pagesWritten,
            ...(handOffFile ? { stop: stopped } : {}),
          });
          return { cards, drawn };
        });
        // Awaited in build:done; until then a failure must not count as unhandled.
        started.catch(() => {});
        drawing = started;
      },
      'astro:build:done': async ({ dir, logger }) => {
        // Under `npm run build` the workers finish the cards in hand and the rest are handed over.
        if (handOffFile) stopDrawing();
        else pagesDone();
        const waitStarted = performance.now();
        const early = await drawing;
        const waitedMs = Math.round(performance.now() - waitStarted);
        const cards = early?.cards ?? (await publishedCards());
        if (!cards) return;
        if (handOffFile && (early === undefined || early.drawn.left > 0)) {
          const inputsFile = join(dirname(handOffFile), 'cards.json');
          writeFileSync(inputsFile, JSON.stringify(cards));
          handOver(handOffFile, {
            cards: {
              inputsFile,
              outDir: fileURLToPath(dir),
              cacheDir,
              ...(identity ? { identity } : {}),
              earlier: { rendered: early?.drawn.rendered ?? 0, ms: early?.drawn.ms ?? 0 },
            },
          });
          logger.info(
            `share cards: ${early?.drawn.left ?? cards.length} left to draw beside the search index, after Astro exits (npm run build)`,
          );
          return;
        }
        // Everything is in the cache now: this only links the files.
        const placed = await renderCards(cards, {
          outDir: fileURLToPath(dir),
          cacheDir,
          ...(identity ? { identity } : {}),
          onWarning: (message) => logger.warn(message),
        });
        const rendered = (early?.drawn.rendered ?? 0) + placed.rendered;
        const drawingMs = (early?.drawn.ms ?? 0) + placed.ms;
        // Placing links every card; those drawn early in this build are not "from cache".
        const fromEarlierBuilds = Math.max(0, placed.reused - (early?.drawn.rendered ?? 0));
        logger.info(
          `share cards: ${cards.length} (${rendered} rendered, ${fromEarlierBuilds} from cache) in ${drawingMs} ms; waited ${waitedMs} ms for them after the pages`,
        );
      },
    },
  };
}
