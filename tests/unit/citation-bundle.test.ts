import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import {
  CITATION_BUNDLE_PATH,
  citationFilePath,
  citationFilePaths,
  parseCitationBundle,
  readCitationBundle,
  writeCitationFiles,
} from '../../src/views/citation-bundle.ts';
import citationFiles, { withPendingCitationFiles } from '../../src/build/integrations/citation-files.ts';
import { AFTER_ASTRO_ENV, readAfterAstroWork, writeCitationFilesAside } from '../../src/build/after-astro.ts';

describe('parseCitationBundle', () => {
  it('reads quote id → file name → file text', () => {
    expect(parseCitationBundle('{"a":{"citation.json":"[]\\n","citation.bib":"@misc{a}\\n"},"b-2":{"citation.json":"[{}]\\n"}}')).toEqual(
      new Map([
        [
          'a',
          new Map([
            ['citation.json', '[]\n'],
            ['citation.bib', '@misc{a}\n'],
          ]),
        ],
        ['b-2', new Map([['citation.json', '[{}]\n']])],
      ]),
    );
  });

  it.each([
    ['an array', '[]', /not a JSON object/],
    ['a quote id with a slash', '{"../x":{}}', /not one path segment/],
    ['a quote id with a backslash', '{"a\\\\b":{}}', /not one path segment/],
    ['the parent folder', '{"..":{}}', /not one path segment/],
    ['an entry that is not an object of files', '{"a":"[]"}', /entry for a is not an object/],
    ['a file that is not a citation file', '{"a":{"index.html":"x"}}', /names a file "index.html" that is not a citation file/],
    ['a file name with a path', '{"a":{"../citation.json":"x"}}', /not a citation file/],
    ['a file that is not text', '{"a":{"citation.json":[]}}', /citation\.json of a is not text/],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseCitationBundle(text)).toThrow(message);
  });
});

/** Writes `files` (quote id → file name → text) as the build's bundle in `outDir`; returns its path. */
function writeBundle(outDir: string, files: Record<string, Record<string, string>>): string {
  const bundle = join(outDir, CITATION_BUNDLE_PATH);
  mkdirSync(dirname(bundle), { recursive: true });
  writeFileSync(bundle, JSON.stringify(files));
  return bundle;
}

describe('writeCitationFiles', () => {
  let outDir = '';
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'qtd-citations-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes each file beside its quote page and deletes the bundle', () => {
    mkdirSync(join(outDir, 'quotes/a'), { recursive: true });
    writeFileSync(join(outDir, 'quotes/a/index.html'), '<!doctype html>');
    const bundle = writeBundle(outDir, {
      a: { 'citation.json': '[{"id":"a"}]\n', 'citation.bib': '@article{a,\n}\n' },
      b: { 'citation.json': '[{"id":"b"}]\n', 'citation.bib': '@misc{b,\n}\n' },
    });

    expect(writeCitationFiles(outDir)).toEqual({ files: 4 });
    expect(readFileSync(join(outDir, citationFilePath('a')), 'utf8')).toBe('[{"id":"a"}]\n');
    expect(readFileSync(join(outDir, citationFilePath('a', 'citation.bib')), 'utf8')).toBe('@article{a,\n}\n');
    expect(readFileSync(join(outDir, 'quotes/b/citation.json'), 'utf8')).toBe('[{"id":"b"}]\n');
    expect(readFileSync(join(outDir, 'quotes/b/citation.bib'), 'utf8')).toBe('@misc{b,\n}\n');
    expect(readFileSync(join(outDir, 'quotes/a/index.html'), 'utf8')).toBe('<!doctype html>');
    expect(existsSync(bundle)).toBe(false);
  });

  it('says what is wrong when the bundle is missing', () => {
    expect(() => writeCitationFiles(outDir)).toThrow(/quotes\/citation-files\.json is missing from the output/);
  });
});

describe('the citation files under `npm run build` (written after Astro exits)', () => {
  let outDir = '';
  let handOffDir = '';
  const logged: string[] = [];
  const logger = { info: (message: string) => logged.push(message) } as unknown as AstroIntegrationLogger;
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'qtd-citations-'));
    handOffDir = mkdtempSync(join(tmpdir(), 'qtd-after-astro-'));
    writeBundle(outDir, {
      b: { 'citation.json': '[{"id":"b"}]\n', 'citation.bib': '@misc{b,\n}\n' },
      a: { 'citation.json': '[{"id":"a"}]\n' },
    });
    logged.length = 0;
  });
  afterEach(() => {
    delete process.env[AFTER_ASTRO_ENV];
    rmSync(outDir, { recursive: true, force: true });
    rmSync(handOffDir, { recursive: true, force: true });
  });

  const buildDone = async () => {
    const hook = citationFiles().hooks['astro:build:done'];
    await hook?.({ dir: pathToFileURL(`${outDir}/`), logger } as unknown as Parameters<NonNullable<typeof hook>>[0]);
  };

  it('lists the files a bundle writes, as the output lists its files', () => {
    expect(citationFilePaths(readCitationBundle(outDir))).toEqual([
      'quotes/b/citation.json',
      'quotes/b/citation.bib',
      'quotes/a/citation.json',
    ]);
  });

  it('are handed over, counted as written by the permalinks check, and written on a worker thread', async () => {
    const handOff = join(handOffDir, 'after-astro.json');
    process.env[AFTER_ASTRO_ENV] = handOff;
    await buildDone();
    expect(readAfterAstroWork(handOff)).toEqual({ citationFiles: { siteDir: `${outDir}/` } });
    expect(logged).toEqual(['citation files: 3 written after Astro exits, beside the search index (npm run build)']);
    expect(existsSync(join(outDir, CITATION_BUNDLE_PATH))).toBe(true);
    expect(withPendingCitationFiles(['index.html', CITATION_BUNDLE_PATH, 'quotes/a/index.html'])).toEqual([
      'index.html',
      'quotes/a/citation.json',
      'quotes/a/index.html',
      'quotes/b/citation.bib',
      'quotes/b/citation.json',
    ]);

    await expect(writeCitationFilesAside(outDir)).resolves.toEqual({ files: 3 });
    expect(readFileSync(join(outDir, 'quotes/b/citation.bib'), 'utf8')).toBe('@misc{b,\n}\n');
    expect(existsSync(join(outDir, CITATION_BUNDLE_PATH))).toBe(false);
    await expect(writeCitationFilesAside(outDir)).rejects.toThrow(/quotes\/citation-files\.json is missing from the output/);
  });

  it('are written in the build, with nothing pending, under a plain `astro build`', async () => {
    await buildDone();
    expect(logged).toEqual([expect.stringMatching(/^citation files: 3 written \(\d+ ms\)$/)]);
    expect(readFileSync(join(outDir, 'quotes/a/citation.json'), 'utf8')).toBe('[{"id":"a"}]\n');
    expect(withPendingCitationFiles(['index.html', 'quotes/a/citation.json'])).toEqual(['index.html', 'quotes/a/citation.json']);
  });

  it('fail the build where the bundle was made when it is faulty', async () => {
    process.env[AFTER_ASTRO_ENV] = join(handOffDir, 'after-astro.json');
    writeFileSync(join(outDir, CITATION_BUNDLE_PATH), '{"../x":{}}');
    await expect(buildDone()).rejects.toThrow(/not one path segment/);
  });
});
