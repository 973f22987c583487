/**
 * Reports at the end of a build the work of the feeds (src/build/work-tally.ts):
 * `[qtd:feeds] feeds: N built in X ms`. The benchmark reads this line for its
 * feeds stage; Astro's own per-route times overlap, as pages render several at once.
 */
import type { AstroIntegration } from 'astro';
import { buildTiming, FEED_TIMING, resetBuildTimings } from '../work-tally.ts';

export default function buildTimings(): AstroIntegration {
  return {
    name: 'qtd:feeds',
    hooks: {
      'astro:build:start': () => {
        resetBuildTimings();
      },
      'astro:build:done': ({ logger }) => {
        const feeds = buildTiming(FEED_TIMING);
        logger.info(
          `feeds: ${feeds.count} built in ${Math.round(feeds.ms)} ms (their items and XML; feeds unchanged since the last build are reused, not built)`,
        );
      },
    },
  };
}
