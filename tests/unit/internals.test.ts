/**
 * The build's reliances on what Astro, Vite and Pagefind do not promise
 * (src/build/internals.ts, docs/internals.md), held to the installed packages: each
 * test fails, naming the package, when an installed version is not the checked one,
 * when package.json or the lockfile would install another, or when the private
 * thing a trick reads is no longer what it reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnifiedProcessor } from '@astrojs/markdown-remark';
import {
  astroCliPath,
  CHECKED_PACKAGES,
  CHECKED_VERSIONS,
  installedFolder,
  installedVersion,
  notEngaged,
  RELIANCES,
  versionDrift,
} from '../../src/build/internals.ts';
import { CONTENT_STORE_MODULE_ID, DATA_STORE_FILE, PRERENDER_ENVIRONMENT } from '../../src/build/vite-content-store.ts';
import { incrementalMetadataMismatch, markdownWorkersNotEngaged } from '../../src/build/integrations/content-store.ts';
import { siteMarkdownProcessor } from '../../src/markdown/parallel-renderer.ts';
import { keyedOutputFiles, recordNotReadable } from '../../src/build/reuse-pages.ts';
import { splitBundleChunks, SPLIT_FORMAT_VERSION } from '../../src/build/search/split-chunks.ts';
import { formatNotRead, pagefindVersion } from '../../src/build/integrations/search-index.ts';
import { writeCommonWordsBundle } from '../support/pagefind-fixture.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; devDependencies?: Record<string, string>; dependencies?: Record<string, string> }>;
};

/** A module of an installed checked package, by its path inside the package: the private files the tricks mirror. */
async function privateModule<T>(name: (typeof CHECKED_PACKAGES)[number], path: string): Promise<T> {
  const folder = installedFolder(name);
  if (!folder) throw new Error(`${name} is not installed`);
  return (await import(pathToFileURL(join(folder, path)).href)) as T;
}

describe('the checked versions', () => {
  for (const name of CHECKED_PACKAGES) {
    it(`${name}: the installed version is the checked one`, () => {
      expect(
        installedVersion(name),
        `${name} ${installedVersion(name)} is installed, but src/build/internals.ts was checked with ${CHECKED_VERSIONS[name]}: follow docs/internals.md, "Upgrading"`,
      ).toBe(CHECKED_VERSIONS[name]);
    });

    it(`${name}: package.json and package-lock.json pin exactly the checked version`, () => {
      expect(packageJson.devDependencies[name], `package.json must declare ${name} as exactly "${CHECKED_VERSIONS[name]}"`).toBe(
        CHECKED_VERSIONS[name],
      );
      expect(
        lock.packages['']?.devDependencies?.[name],
        `package-lock.json's root must declare ${name} as exactly "${CHECKED_VERSIONS[name]}"`,
      ).toBe(CHECKED_VERSIONS[name]);
      expect(lock.packages[`node_modules/${name}`]?.version, `package-lock.json must install ${name} ${CHECKED_VERSIONS[name]}`).toBe(
        CHECKED_VERSIONS[name],
      );
    });
  }

  it('Vite is the one Astro imports, not merely one installed beside it', () => {
    const astro = installedFolder('astro');
    const vite = installedFolder('vite');
    expect(astro).toBeDefined();
    const fromAstro = JSON.parse(readFileSync(join(astro!, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(fromAstro.dependencies.vite).toBeDefined();
    expect(JSON.parse(readFileSync(join(vite!, 'package.json'), 'utf8'))).toMatchObject({ name: 'vite', version: CHECKED_VERSIONS.vite });
  });

  it('says which package drifted, to which version, and which reliances to check', () => {
    const [message, ...rest] = versionDrift(['astro', 'pagefind'], (name) => (name === 'astro' ? '99.0.0' : CHECKED_VERSIONS[name]));
    expect(rest).toEqual([]);
    expect(message).toContain('astro 99.0.0 is installed');
    expect(message).toContain(`checked with ${CHECKED_VERSIONS.astro}`);
    expect(message).toContain('“Pages of the last build linked back”');
    expect(message).not.toContain('Pagefind');
    const warning = notEngaged(RELIANCES.pagefindFormat, 'the bundle is of Pagefind 99.0.0', { pagefind: '99.0.0' });
    expect(warning).toMatch(
      /^reading Pagefind’s index .* did not engage with pagefind 99\.0\.0 \(checked with [\d.]+\): the bundle is of Pagefind 99\.0\.0\. Cost: .*See docs\/internals\.md, “Pagefind’s index format”\.$/,
    );
    expect(warning).toContain(`checked with ${CHECKED_VERSIONS.pagefind}`);
  });

  it('every reliance has its section in docs/internals.md', () => {
    const doc = readFileSync(join(projectRoot, 'docs/internals.md'), 'utf8');
    for (const reliance of Object.values(RELIANCES)) expect(doc, reliance.section).toContain(`## ${reliance.section}`);
    for (const name of CHECKED_PACKAGES) expect(doc, name).toContain(`${name} ${CHECKED_VERSIONS[name]}`);
  });
});

describe('the packages the code imports', () => {
  /** Imports of a package (not a relative path, not `node:` or a virtual `astro:` module), as written. */
  function importedPackages(): Map<string, string> {
    const found = new Map<string, string>();
    const pattern =
      /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]|require(?:\.resolve)?\(\s*[`'"]([^`'"$]+)/gm;
    const visit = (path: string): void => {
      if (statSync(path).isDirectory()) {
        for (const name of readdirSync(path))
          if (name !== 'node_modules' && name !== '.out' && name !== 'fixtures') visit(join(path, name));
        return;
      }
      if (!/\.(?:ts|mjs|js|astro)$/.test(path)) return;
      for (const match of readFileSync(path, 'utf8').matchAll(pattern)) {
        const specifier = match[1] ?? match[2] ?? match[3];
        if (!specifier || /^(?:\.|\/|node:|astro:)/.test(specifier)) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!found.has(name)) found.set(name, path.slice(projectRoot.length));
      }
    };
    for (const folder of ['src', 'scripts', 'bench', 'tests']) visit(join(projectRoot, folder));
    for (const file of ['astro.config.mjs', 'vitest.config.ts']) visit(join(projectRoot, file));
    return found;
  }

  it('are all declared in package.json, at the version the lockfile installs', () => {
    const declared = { ...packageJson.dependencies, ...packageJson.devDependencies };
    // Type-only imports of `hast` and `mdast` come from their @types packages.
    const typesOnly: Record<string, string> = { hast: '@types/hast', mdast: '@types/mdast', unist: '@types/unist' };
    const missing = [...importedPackages()]
      .map(([name, file]) => [typesOnly[name] ?? name, file] as const)
      .filter(([name]) => declared[name] === undefined)
      .map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing, 'declare each with `npm install --save-dev --save-exact <name>@<installed version>`').toEqual([]);
    for (const [name, range] of Object.entries(lock.packages['']?.devDependencies ?? {}))
      expect(packageJson.devDependencies[name], name).toBe(range);
    expect(Object.keys(lock.packages['']?.devDependencies ?? {}).sort()).toEqual(Object.keys(packageJson.devDependencies).sort());
  });
});

describe('Astro’s command-line file', () => {
  it('is the command the astro package declares, and runs the checked version', () => {
    const cli = astroCliPath();
    const manifest = JSON.parse(readFileSync(join(installedFolder('astro')!, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    // Compared as real paths: node_modules may be a link (a second checkout sharing one install).
    expect(realpathSync(cli)).toBe(realpathSync(join(installedFolder('astro')!, manifest.bin.astro!)));
    expect(
      execFileSync(process.execPath, [cli, '--version'], {
        encoding: 'utf8',
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
      }),
    ).toContain(CHECKED_VERSIONS.astro);
  });
});

describe('Astro’s content store, as the plugin reads it', () => {
  it('has the module id, file name and build environment the plugin expects', async () => {
    const consts = await privateModule<{ RESOLVED_DATA_STORE_VIRTUAL_ID: string; DATA_STORE_FILE: string }>(
      'astro',
      'dist/content/consts.js',
    );
    expect(consts.RESOLVED_DATA_STORE_VIRTUAL_ID).toBe(CONTENT_STORE_MODULE_ID);
    expect(consts.DATA_STORE_FILE).toBe(DATA_STORE_FILE);
    const constants = await privateModule<{ ASTRO_VITE_ENVIRONMENT_NAMES: Record<string, string> }>('astro', 'dist/core/constants.js');
    expect(constants.ASTRO_VITE_ENVIRONMENT_NAMES.prerender).toBe(PRERENDER_ENVIRONMENT);
  });

  it('is marked as content data the way Astro marks it', async () => {
    expect(await incrementalMetadataMismatch()).toBeUndefined();
    const elsewhere = mkdtempSync(join(tmpdir(), 'qtd-astro-'));
    try {
      expect(await incrementalMetadataMismatch(elsewhere)).toMatch(/has no dist\/core\/build\/incremental-metadata\.js/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('Astro’s record of an incremental build', () => {
  it('is written by Astro in the shape the pages linked back are read from', async () => {
    const { IncrementalBuildCache } = await privateModule<{
      IncrementalBuildCache: {
        load(
          settings: unknown,
          configHash: string,
          lockfileHash: string,
          keyDigest: string,
        ): {
          record(component: string, dependencyHash: string, pathname: string, cacheKey: string, outputFile: string): void;
          writeManifest(settings: unknown): void;
          canSkip(component: string, pathname: string, dependencyHash: string, cacheKey: string): boolean;
        };
      };
    }>('astro', 'dist/core/build/incremental.js');
    const cacheDir = await mkdtemp(join(tmpdir(), 'qtd-incremental-'));
    try {
      const settings = { config: { cacheDir: pathToFileURL(`${cacheDir}/`) } };
      const first = IncrementalBuildCache.load(settings, 'config', 'lock', 'key');
      first.record('src/pages/quotes/[key]/index.astro', 'code', '/quotes/café/', 'k1', 'quotes/caf%C3%A9/index.html');
      first.record('src/pages/quotes/[key]/index.astro', 'code', '/quotes/b/', 'k2', 'quotes/b/index.html');
      first.writeManifest(settings);
      const record = readFileSync(join(cacheDir, 'incremental-build.json'), 'utf8');
      expect(keyedOutputFiles(JSON.parse(record))).toEqual(['quotes/café/index.html', 'quotes/b/index.html']);
      expect(recordNotReadable(record, 2)).toBeUndefined();
      // The next build skips what the record lists, unchanged.
      expect(
        IncrementalBuildCache.load(settings, 'config', 'lock', 'key').canSkip(
          'src/pages/quotes/[key]/index.astro',
          '/quotes/b/',
          'code',
          'k2',
        ),
      ).toBe(true);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('Markdown on worker threads', () => {
  it('engages for the site’s processor as Astro’s configuration keeps it, and not once Astro adds a plugin to it', async () => {
    const { validateConfig } = await privateModule<{
      validateConfig(
        config: unknown,
        root: string,
        command: string,
      ): Promise<{ markdown: { processor: Parameters<typeof markdownWorkersNotEngaged>[0] } }>;
    }>('astro', 'dist/core/config/validate.js');
    const processor = siteMarkdownProcessor();
    expect(isUnifiedProcessor(processor)).toBe(true);
    const kept = await validateConfig({ markdown: { processor } }, projectRoot, 'build');
    expect(markdownWorkersNotEngaged(kept.markdown.processor)).toBeUndefined();
    // What an integration's `markdown.remarkPlugins` becomes: Astro pushes it into the processor's own options.
    const extended = await validateConfig(
      { markdown: { processor: siteMarkdownProcessor(), remarkPlugins: [() => () => {}] } },
      projectRoot,
      'build',
    );
    expect(markdownWorkersNotEngaged(extended.markdown.processor)).toMatch(/an integration added Markdown plugins/);
  });
});

describe('Pagefind’s index format', () => {
  let siteDir: string;
  let bundleDir: string;

  beforeAll(async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'qtd-pagefind-format-'));
    bundleDir = await writeCommonWordsBundle(siteDir);
  }, 60_000);
  afterAll(async () => rm(siteDir, { recursive: true, force: true }));

  it('is the version the split reads, and a bundle Pagefind writes now is split', async () => {
    expect(pagefindVersion()).toBe(SPLIT_FORMAT_VERSION);
    const entry = JSON.parse(readFileSync(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { version: string };
    expect(entry.version).toBe(SPLIT_FORMAT_VERSION);
    const split = await splitBundleChunks(bundleDir, 64);
    expect(split.skipped).toBeUndefined();
    expect(split.chunksSplit).toBeGreaterThan(0);
    expect(formatNotRead({ pagesRead: 1, pagesIndexed: 1, cached: false, split })).toBeUndefined();
  });
});
