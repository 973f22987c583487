import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AFTER_ASTRO_ENV, afterAstroFile, handOver, readAfterAstroWork } from '../../src/build/after-astro.ts';

describe('the hand-off from the build to scripts/build.ts', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is only in effect when npm run build names a file', () => {
    expect(afterAstroFile({})).toBeUndefined();
    expect(afterAstroFile({ [AFTER_ASTRO_ENV]: '' })).toBeUndefined();
    expect(afterAstroFile({ [AFTER_ASTRO_ENV]: '/tmp/x/after-astro.json' })).toBe('/tmp/x/after-astro.json');
  });

  it('reads nothing to do when the build wrote nothing (it failed before its last hooks)', () => {
    dir = mkdtempSync(join(tmpdir(), 'qtd-after-astro-'));
    expect(readAfterAstroWork(join(dir, 'after-astro.json'))).toEqual({});
  });

  it('keeps the part of each integration', () => {
    dir = mkdtempSync(join(tmpdir(), 'qtd-after-astro-'));
    const file = join(dir, 'after-astro.json');
    handOver(file, { search: { siteDir: '/site/dist', cacheDir: '/site/.cache/qtd-search' } });
    handOver(file, { distReport: { siteDir: '/site/dist', redirects: 3 } });
    expect(readAfterAstroWork(file)).toEqual({
      search: { siteDir: '/site/dist', cacheDir: '/site/.cache/qtd-search' },
      distReport: { siteDir: '/site/dist', redirects: 3 },
    });
  });

  it('refuses a file that is not a JSON object', () => {
    dir = mkdtempSync(join(tmpdir(), 'qtd-after-astro-'));
    const file = join(dir, 'after-astro.json');
    writeFileSync(file, '[1, 2]');
    expect(() => readAfterAstroWork(file)).toThrow(/JSON object/);
  });
});
