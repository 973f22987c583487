import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CITATION_BUNDLE_PATH, citationFilePath, parseCitationBundle, writeCitationFiles } from '../../src/views/citation-bundle.ts';

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
    writeFileSync(
      bundle,
      JSON.stringify({
        a: { 'citation.json': '[{"id":"a"}]\n', 'citation.bib': '@article{a,\n}\n' },
        b: { 'citation.json': '[{"id":"b"}]\n', 'citation.bib': '@misc{b,\n}\n' },
      }),
    );

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
