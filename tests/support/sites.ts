/**
 * The sites the build and browser tests look at, each built once per test run by
 * `tests/support/global-setup.ts` into `tests/.out/<name>/dist`, and the helper
 * that spawns a real build.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const outRoot = join(projectRoot, 'tests/.out');
const astroBin = join(projectRoot, 'node_modules/.bin/astro');
const buildScript = join(projectRoot, 'scripts/build.ts');

/** The day the test builds take as today, so that results never depend on the calendar. */
export const TEST_BUILD_DATE = '2026-11-26';

/** How a site is built: as `npm run build` does (Astro, then the search index), or by a plain `astro build`. */
export type BuildCommand = 'npm run build' | 'astro build';

export interface SiteDefinition {
  name: string;
  env: Record<string, string>;
  command?: BuildCommand;
}

export const SITES = {
  /** The real content, as published. */
  real: { name: 'real', env: { TZ: 'America/Los_Angeles' } },
  /**
   * The same, built on a machine in another time zone and by a plain `astro build`
   * (search index written inside the build): must be byte-identical.
   */
  realTokyo: { name: 'real-tokyo', env: { TZ: 'Asia/Tokyo' }, command: 'astro build' },
  /** The same content after a move to another domain and a base path. */
  moved: { name: 'moved', env: { TZ: 'UTC', SITE_URL: 'https://elsewhere.example', BASE_PATH: '/qtd/' } },
  /** A fixture archive with many cases: several quotes, scheduled, withdrawn, RTL, tags, attacks. */
  fixture: { name: 'fixture', env: { TZ: 'UTC', CONTENT_DIR: 'tests/fixtures/sites/archive' } },
} satisfies Record<string, SiteDefinition>;

export type SiteName = keyof typeof SITES;

/** Where the checked sites are deployed: the URL and base path each build was given. */
export const DEPLOYMENTS = {
  real: { siteUrl: 'https://qtd.example', basePath: '/' },
  moved: { siteUrl: 'https://elsewhere.example', basePath: '/qtd/' },
  fixture: { siteUrl: 'https://qtd.example', basePath: '/' },
} as const satisfies Partial<Record<SiteName, { siteUrl: string; basePath: string }>>;

export type DeployedSite = keyof typeof DEPLOYMENTS;

export function distOf(site: SiteName): string {
  const dist = join(outRoot, SITES[site].name, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`The test site "${site}" was not built (${dist}). Run the tests with \`npm test\`, whose global setup builds it.`);
  }
  return dist;
}

/**
 * The environment of an Astro process a test starts: `inherited`, the mode, the tests' build
 * date, its own cache folder, no telemetry and no colours in its output, then `env`.
 */
export function astroProcessEnv(
  inherited: NodeJS.ProcessEnv,
  nodeEnv: 'production' | 'development',
  cacheDir: string,
  env: Record<string, string>,
): NodeJS.ProcessEnv {
  return {
    ...inherited,
    NODE_ENV: nodeEnv,
    BUILD_DATE: TEST_BUILD_DATE,
    QTD_CACHE_DIR: cacheDir,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...env,
  };
}

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Builds with the given environment as `npm run build` does (scripts/build.ts), or
 * by a plain `astro build`; resolves with the exit code and output.
 */
export function runAstroBuild(
  env: Record<string, string>,
  outDir: string,
  cacheDir: string,
  command: BuildCommand = 'npm run build',
): Promise<BuildResult> {
  const started = performance.now();
  const [program, args] =
    command === 'astro build' ? [astroBin, ['build', '--outDir', outDir]] : [process.execPath, [buildScript, '--outDir', outDir]];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: projectRoot,
      // Vitest sets NODE_ENV=test, which would make Vite build in development mode.
      env: astroProcessEnv(process.env, 'production', cacheDir, env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, ms: performance.now() - started }));
  });
}

/** The standard output of a test site's last build. */
export function buildLogOf(name: string): string {
  return join(outRoot, name, 'build.log');
}

export function buildDirs(name: string): { outDir: string; cacheDir: string } {
  return { outDir: join(outRoot, name, 'dist'), cacheDir: join(outRoot, name, 'cache') };
}
