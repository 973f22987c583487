/**
 * CONTENT_DIR may be absolute (README, "Commands"): the fixture archive built from its
 * absolute path must be the site built from its relative one, tags and all.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { distOf, outRoot, projectRoot, runAstroBuild, SITES, type BuildResult } from '../support/sites.ts';

const root = join(outRoot, 'absolute-content-dir');

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)), await readFile(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('an absolute CONTENT_DIR', () => {
  let result: BuildResult;

  beforeAll(async () => {
    await rm(root, { recursive: true, force: true });
    const env = { ...SITES.fixture.env, CONTENT_DIR: join(projectRoot, SITES.fixture.env.CONTENT_DIR) };
    result = await runAstroBuild(env, join(root, 'dist'), join(root, 'cache'));
  }, 300_000);

  it('builds the same site as the relative one, byte for byte', async () => {
    expect(result.code, result.stdout.slice(-3000)).toBe(0);
    expect(existsSync(join(root, 'dist/tags/index.html'))).toBe(true);
    const [built, expected] = await Promise.all([filesOf(join(root, 'dist')), filesOf(distOf('fixture'))]);
    expect([...built.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected].filter(([file, bytes]) => !built.get(file)?.equals(bytes)).map(([file]) => file)).toEqual([]);
  });
});
