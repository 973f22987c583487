/**
 * The tricks that rest on what Astro, Vite and Pagefind do not promise
 * (docs/internals.md) engaged in real builds: each test site's build log names what
 * each one did and holds no warning that one did not, and a second build of the
 * fixture archive leaves the pages it linked back in place.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITES, buildLogOf, outRoot, runAstroBuild, type BuildResult } from '../support/sites.ts';
import { CHECKED_VERSIONS } from '../../src/build/internals.ts';

/** A warning of src/build/internals.ts: a trick that did not engage, or a package of another version than the checked one. */
const INTERNALS_WARNING = /^.*\[WARN\].*(?:did not engage with|the build’s reliance on its private behaviour was checked with).*$/gm;

const PAGES_LINE =
  /\[qtd:previous-output\] pages: (\d+) rendered, up to (\d+) at once \(build\.concurrency (\d+)\); (\d+) of (\d+) keyed pages skipped as unchanged(?:; of the (\d+) pages linked back, (\d+) left in place)?/;

function expectEngaged(log: string, name: string): RegExpExecArray {
  expect(log.match(INTERNALS_WARNING) ?? [], `${name}: warnings of docs/internals.md`).toEqual([]);
  // The content store was read from Astro's file, not bundled as one literal.
  expect(log, name).toMatch(
    /\[qtd:content-store\] content store: read from data-store\.json when the pages render \([\d.]+ [kM]B\), not bundled/,
  );
  // Pages rendered several at once.
  const pages = PAGES_LINE.exec(log);
  expect(pages, `${name}: the pages line of qtd:previous-output`).not.toBeNull();
  const [, rendered, atOnce, concurrency] = pages!.map(Number);
  expect(concurrency, name).toBeGreaterThan(1);
  if (rendered! >= 2) expect(atOnce, name).toBeGreaterThan(1);
  return pages!;
}

describe('the tricks of docs/internals.md in the test sites’ builds', () => {
  for (const site of Object.values(SITES)) {
    it(`${site.name}: every one engaged, with the checked versions`, () => {
      const log = readFileSync(buildLogOf(site.name), 'utf8');
      expectEngaged(log, site.name);
      // Pagefind's bundle was read (split) or came from the cache of one that was.
      expect(log).toMatch(/\[qtd:search-index\] search index: (?:cached|\d+ pages indexed)/);
      expect(log).not.toMatch(/chunks not split:/);
    });
  }
});

describe('the pages of the last build, linked back', () => {
  const root = join(outRoot, 'internals');
  const build = (): Promise<BuildResult> =>
    runAstroBuild({ TZ: 'UTC', CONTENT_DIR: 'tests/fixtures/sites/archive' }, join(root, 'dist'), join(root, 'cache'));
  let second: BuildResult;

  beforeAll(async () => {
    await rm(join(root, 'dist'), { recursive: true, force: true });
    const first = await build();
    if (first.code !== 0)
      throw new Error(`the first build failed (exit ${first.code}):\n${first.stdout.slice(-3000)}\n${first.stderr.slice(-3000)}`);
    second = await build();
    if (second.code !== 0)
      throw new Error(`the second build failed (exit ${second.code}):\n${second.stdout.slice(-3000)}\n${second.stderr.slice(-3000)}`);
  }, 600_000);

  it(`are left in place by astro ${CHECKED_VERSIONS.astro}, which skips them instead of copying them from its cache`, () => {
    const pages = expectEngaged(second.stdout, 'the second build');
    const [, , , , skipped, keyed, linked, inPlace] = pages.map(Number);
    expect(keyed).toBeGreaterThan(20);
    // Nothing changed: every keyed page is skipped, and every one linked back stays as it was.
    expect(skipped).toBe(keyed);
    expect(linked, second.stdout.slice(0, 3000)).toBeGreaterThan(20);
    expect(inPlace).toBe(linked);
  });
});
