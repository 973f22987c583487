import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CITATION_BUNDLE_PATH, citationFilePath, parseCitationBundle, writeCitationFiles } from '../../src/views/citation-bundle.ts';

describe('parseCitationBundle', () => {
  it('reads quote id → file text', () => {
    expect(parseCitationBundle('{"a":"[]\\n","b-2":"[{}]\\n"}')).toEqual(
      new Map([
        ['a', '[]\n'],
        ['b-2', '[{}]\n'],
      ]),
    );
  });

  it.each([
    ['an array', '[]', /not a JSON object/],
    ['a quote id with a slash', '{"../x":"[]"}', /not one path segment/],
    ['a quote id with a backslash', '{"a\\\\b":"[]"}', /not one path segment/],
    ['the parent folder', '{"..":"[]"}', /not one path segment/],
    ['a value that is not text', '{"a":[]}', /entry for a is not text/],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseCitationBundle(text)).toThrow(message);
  });
});

describe('writeCitationFiles', () => {
  let outDir = '';
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'qtd-citations-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes each file beside its quote page and deletes the bundle', () => {
    mkdirSync(join(outDir, 'quotes/a'), { recursive: true });
    writeFileSync(join(outDir, 'quotes/a/index.html'), '<!doctype html>');
    const bundle = join(outDir, CITATION_BUNDLE_PATH);
    mkdirSync(dirname(bundle), { recursive: true });
    writeFileSync(bundle, JSON.stringify({ a: '[{"id":"a"}]\n', b: '[{"id":"b"}]\n' }));

    expect(writeCitationFiles(outDir)).toEqual({ files: 2 });
    expect(readFileSync(join(outDir, citationFilePath('a')), 'utf8')).toBe('[{"id":"a"}]\n');
    expect(readFileSync(join(outDir, citationFilePath('b')), 'utf8')).toBe('[{"id":"b"}]\n');
    expect(existsSync(bundle)).toBe(false);
  });

  it('says what is wrong when the bundle is missing', () => {
    expect(() => writeCitationFiles(outDir)).toThrow(/quotes\/citation-files\.json is missing from the output/);
  });
});
