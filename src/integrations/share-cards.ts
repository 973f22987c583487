/**
 * Renders the share cards (/og/quotes/<id>.png, /og/articles/<id>.png) after the
 * pages are written: in parallel on every core, each card cached by a hash of what
 * it shows, so an unchanged card is never drawn twice.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkedContent, checkContent } from './content-check.ts';
import { cardInputs } from '../lib/og/card-inputs.ts';
import { renderCards } from '../lib/og/render-cards.ts';
import { todayIn } from '../lib/dates.ts';
import { siteConfig } from '../site.config.ts';

export default function shareCards(): AstroIntegration {
  let cacheDir = '';
  let root = '';
  return {
    name: 'qtd:cards',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(new URL('qtd-cards/', config.cacheDir));
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!checkedContent()) await checkContent(root);
        const content = checkedContent();
        if (!content) return;
        const cards = cardInputs(content, {
          today: todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate),
          showScheduled: siteConfig.showScheduled,
          siteName: siteConfig.title,
          tagline: siteConfig.tagline,
        });
        const result = await renderCards(cards, { outDir: fileURLToPath(dir), cacheDir, onWarning: (message) => logger.warn(message) });
        logger.info(`share cards: ${cards.length} (${result.rendered} rendered, ${result.reused} from cache) in ${Math.round(result.ms)} ms`);
      },
    },
  };
}
