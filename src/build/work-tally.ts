/**
 * Time spent on one kind of work in a build, added up over the pages that do it.
 * Astro renders several pages at once (`siteConfig.buildConcurrency`), so the time it
 * logs for a route runs from the route's start to its end, across the other routes'
 * work in between. Timed here is only the work itself: synchronous work exactly, and
 * the awaited rest from its start to its end, which other pages can interleave only
 * where it awaits (for a feed, the memoised archive and @astrojs/rss's validation), so the sum is an upper
 * bound close to the work.
 *
 * The tallies live on `globalThis`: Astro's prerender bundle (the pages) and the
 * integrations (which report) load separate copies of this module in one process.
 */
export interface BuildTiming {
  /** Milliseconds spent, summed. */
  ms: number;
  /** Times the work was done (pages). */
  count: number;
}

/** The tally of the feed routes (timedFeed in src/views/feeds.ts). */
export const FEED_TIMING = 'feeds';

const STORE = Symbol.for('qtd.buildTimings');

function tallies(): Map<string, BuildTiming> {
  const holder = globalThis as { [STORE]?: Map<string, BuildTiming> };
  holder[STORE] ??= new Map();
  return holder[STORE];
}

function add(kind: string, ms: number): void {
  const store = tallies();
  const tally = store.get(kind) ?? { ms: 0, count: 0 };
  tally.ms += ms;
  tally.count += 1;
  store.set(kind, tally);
}

/** Runs `work` and adds its duration, until its promise settles, to the tally of `kind`. */
export async function timed<T>(kind: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    add(kind, performance.now() - started);
  }
}

/** The tally of `kind` so far (zero if nothing was timed). */
export function buildTiming(kind: string): BuildTiming {
  const tally = tallies().get(kind);
  return tally ? { ...tally } : { ms: 0, count: 0 };
}

/** Forgets every tally (a new build in the same process). */
export function resetBuildTimings(): void {
  tallies().clear();
}
