import { describe, it, expect, beforeEach } from 'vitest';
import { buildTiming, resetBuildTimings, timed } from '../../src/build/work-tally.ts';

describe('build timings', () => {
  beforeEach(() => resetBuildTimings());

  it('adds up the time and count of each kind of work, synchronous or awaited', async () => {
    expect(await timed('feeds', () => 'rss')).toBe('rss');
    expect(
      await timed('feeds', async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return 'json';
      }),
    ).toBe('json');
    const feeds = buildTiming('feeds');
    expect(feeds.count).toBe(2);
    expect(feeds.ms).toBeGreaterThanOrEqual(25);
    expect(buildTiming('other')).toEqual({ ms: 0, count: 0 });
  });

  it('counts work that fails, and passes its error on', async () => {
    await expect(timed('feeds', () => Promise.reject(new Error('bad feed')))).rejects.toThrow('bad feed');
    expect(buildTiming('feeds').count).toBe(1);
  });

  it('shares its tallies between copies of the module (Astro’s page bundle and the integrations)', async () => {
    await timed('feeds', () => undefined);
    const store = (globalThis as Record<symbol, Map<string, { count: number }>>)[Symbol.for('qtd.buildTimings')];
    expect(store?.get('feeds')?.count).toBe(1);
    resetBuildTimings();
    expect(buildTiming('feeds').count).toBe(0);
  });
});
