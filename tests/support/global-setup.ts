/**
 * Builds every test site once before the build and browser tests. A site whose
 * inputs (source, content, fixtures, config, lockfile) have not changed since its
 * last build is reused, so re-running the tests while writing them stays quick.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SITES, buildDirs, buildLogOf, projectRoot, runAstroBuild, TEST_BUILD_DATE, type SiteDefinition } from './sites.ts';

const INPUTS = [
  'src',
  'scripts/build.ts',
  'content',
  'public',
  'tests/fixtures/sites',
  'tests/support',
  'astro.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      hash.update(relative(projectRoot, path));
      hash.update(readFileSync(path));
    }
  };
  for (const input of INPUTS) {
    const path = join(projectRoot, input);
    if (existsSync(path)) visit(path);
  }
  return hash.digest('hex');
}

/** Two test runs at once must not build into the same folders: the second waits for the first. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(projectRoot, 'tests/.out/.build-lock');
  mkdirSync(join(projectRoot, 'tests/.out'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : 0);
      let alive: boolean;
      try {
        if (holder) process.kill(holder, 0);
        alive = holder > 0;
      } catch {
        alive = false;
      }
      if (!alive) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export default async function setup(): Promise<void> {
  await withLock(buildSites);
}

async function buildSites(): Promise<void> {
  const inputs = hashInputs();
  for (const site of Object.values(SITES) as SiteDefinition[]) {
    const { outDir, cacheDir } = buildDirs(site.name);
    const stamp = join(outDir, '..', 'inputs.sha256');
    const key = `${inputs} ${TEST_BUILD_DATE} ${JSON.stringify(site.env)} ${site.command ?? ''}`;
    if (
      existsSync(stamp) &&
      readFileSync(stamp, 'utf8') === key &&
      existsSync(join(outDir, 'index.html')) &&
      existsSync(buildLogOf(site.name))
    )
      continue;
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const result = await runAstroBuild(site.env, outDir, cacheDir, site.command);
    if (result.code !== 0) {
      throw new Error(
        `Building the test site "${site.name}" failed (exit ${result.code}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
      );
    }
    writeFileSync(buildLogOf(site.name), result.stdout);
    process.stdout.write(`built test site ${site.name} in ${(result.ms / 1000).toFixed(1)} s\n`);
    writeFileSync(stamp, key);
  }
}
