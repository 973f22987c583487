/**
 * CONTENT_DIR may be absolute (README, "Configuration"): the fixture archive built from its
 * absolute path must be the site built from its relative one, tags and all.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { distOf, outRoot, projectRoot, runAstroBuild, SITES, type BuildResult } from '../support/sites.ts';
import { compareTrees } from '../support/trees.ts';

const root = join(outRoot, 'absolute-content-dir');

describe('an absolute CONTENT_DIR', () => {
  let result: BuildResult;

  beforeAll(async () => {
    await rm(root, { recursive: true, force: true });
    const env = { ...SITES.fixture.env, CONTENT_DIR: join(projectRoot, SITES.fixture.env.CONTENT_DIR) };
    result = await runAstroBuild(env, join(root, 'dist'), join(root, 'cache'));
  }, 300_000);

  it('builds the same site as the relative one, byte for byte', () => {
    expect(result.code, result.stdout.slice(-3000)).toBe(0);
    expect(existsSync(join(root, 'dist/tags/index.html'))).toBe(true);
    const { actual, expected, different } = compareTrees(join(root, 'dist'), distOf('fixture'));
    expect(actual).toEqual(expected);
    expect(different).toEqual([]);
  });
});
