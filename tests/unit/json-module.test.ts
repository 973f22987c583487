import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonFileModule, jsonParseModuleText, splitJsonParseModule, stringPieces } from '../../src/lib/json-module.ts';
import viteContentStore, { CONTENT_STORE_MODULE_ID } from '../../src/plugins/vite-content-store.ts';

/** What a module's default export evaluates to, imported as Node imports a built chunk. */
async function defaultExport(code: string): Promise<unknown> {
  const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: unknown };
  return module.default;
}

/** The module Astro writes for its content store (astro/dist/content/vite-plugin-content-virtual-mod.js). */
function astroStoreModule(value: unknown): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))})`;
}

const store = [
  ['Map', 1, 2],
  'quotes',
  { id: 'a-quote', body: 'He said, “It’s \\ done” — and left.\n\u2028 🙂 "quoted" \'single\' `tick` ${not} </script>', html: '<p>“Text” &amp; more</p>'.repeat(40) },
  ...Array.from({ length: 60 }, (_, index) => ({ index, arabic: 'الحرية ليست منحة', emoji: '🙂🙃'.repeat(index % 7) })),
];

describe('splitJsonParseModule', () => {
  it('gives a module with the same value as Astro’s, as pieces of at most the given length', async () => {
    const original = astroStoreModule(store);
    const split = splitJsonParseModule(original, 97);
    expect(split).toBeDefined();
    expect(await defaultExport(split!)).toEqual(await defaultExport(original));
    const literals = split!.split('\n').slice(1, -1).map((line) => JSON.parse(line.replace(/,$/, '')) as string);
    expect(literals.length).toBeGreaterThan(10);
    expect(Math.max(...literals.map((piece) => piece.length))).toBeLessThanOrEqual(97);
    expect(literals.join('')).toBe(JSON.stringify(store));
  });

  it('accepts a trailing semicolon and white space', async () => {
    const split = splitJsonParseModule(`${astroStoreModule(store)};\n`, 500);
    expect(await defaultExport(split!)).toEqual(store);
  });

  it('leaves alone a module of another shape, a short literal, or one that is not a string', () => {
    expect(splitJsonParseModule('export default new Map()')).toBeUndefined();
    expect(splitJsonParseModule(`export default{"quotes":[(await import("astro:data-layer-content:chunk-0.json"))]}`)).toBeUndefined();
    expect(splitJsonParseModule(astroStoreModule({ a: 1 }))).toBeUndefined();
    expect(splitJsonParseModule(`export default JSON.parse(${JSON.stringify('x'.repeat(200))} + y)`, 50)).toBeUndefined();
    expect(splitJsonParseModule(`export default JSON.parse("${'x'.repeat(200)}\\q")`, 50)).toBeUndefined();
  });
});

describe('stringPieces', () => {
  it('never cuts a surrogate pair in two', () => {
    const text = `a${'🙂'.repeat(50)}`;
    for (const length of [2, 3, 4, 5, 8]) {
      const pieces = stringPieces(text, length);
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(length);
        expect(piece.isWellFormed()).toBe(true);
      }
    }
  });

  it('returns no piece for an empty text and refuses a length that cannot hold a pair', () => {
    expect(stringPieces('')).toEqual([]);
    expect(() => stringPieces('abc', 1)).toThrow(RangeError);
  });
});

describe('jsonParseModuleText and jsonFileModule', () => {
  it('reads back the JSON text of Astro’s module, and a module reading that text from a file has the same value', async () => {
    const text = jsonParseModuleText(astroStoreModule(store));
    expect(text).toBe(JSON.stringify(store));
    const dir = mkdtempSync(join(tmpdir(), 'qtd-json-module-'));
    try {
      const file = join(dir, 'store "1".json');
      await import('node:fs').then(({ writeFileSync }) => writeFileSync(file, text!));
      expect(await defaultExport(jsonFileModule(file))).toEqual(store);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives nothing for a literal no longer than the minimum', () => {
    const code = astroStoreModule({ a: 1 });
    expect(jsonParseModuleText(code, 100)).toBeUndefined();
    expect(jsonParseModuleText(code)).toBe('{"a":1}');
  });
});

type TransformHandler = (this: { environment: { name: string } }, code: string, id: string) => { code: string } | null;

function pluginFor(command: 'build' | 'serve', cacheDir: string) {
  const plugin = viteContentStore({ cacheDir });
  (plugin.configResolved as (config: { command: string }) => void)({ command });
  return plugin.transform as { filter: { id: RegExp }; handler: TransformHandler };
}

describe('the Vite plugin', () => {
  const big = Array.from({ length: 3000 }, (_, index) => ({ index, text: '“quoted” text '.repeat(3) }));
  const code = astroStoreModule(big);

  it('in a build’s prerender environment, moves the store to a file in the cache that the module reads', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'qtd-store-'));
    try {
      const transform = pluginFor('build', cacheDir);
      expect(transform.filter.id.test(CONTENT_STORE_MODULE_ID)).toBe(true);
      expect(transform.filter.id.test('/src/pages/index.astro')).toBe(false);
      const result = transform.handler.call({ environment: { name: 'prerender' } }, code, CONTENT_STORE_MODULE_ID);
      expect(result!.code).toContain(JSON.stringify(join(cacheDir, 'qtd-content-store.json')));
      expect(result!.code.length).toBeLessThan(300);
      expect(readFileSync(join(cacheDir, 'qtd-content-store.json'), 'utf8')).toBe(JSON.stringify(big));
      expect(await defaultExport(result!.code)).toEqual(big);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('elsewhere (a server bundle, astro dev) keeps the module self-contained, in pieces', async () => {
    const cacheDir = join(tmpdir(), 'qtd-store-never-written');
    for (const [command, environment] of [['build', 'ssr'], ['serve', 'prerender'], ['serve', 'ssr']] as const) {
      const result = pluginFor(command, cacheDir).handler.call({ environment: { name: environment } }, code, CONTENT_STORE_MODULE_ID);
      expect(result!.code).not.toContain('readFileSync');
      expect(await defaultExport(result!.code)).toEqual(big);
    }
    expect(() => readFileSync(join(cacheDir, 'qtd-content-store.json'))).toThrow();
  });

  it('leaves every other module alone', () => {
    const transform = pluginFor('build', tmpdir());
    expect(transform.handler.call({ environment: { name: 'prerender' } }, code, '/src/data/archive.ts')).toBeNull();
    expect(transform.handler.call({ environment: { name: 'prerender' } }, 'export default new Map()', CONTENT_STORE_MODULE_ID)).toBeNull();
  });
});
