import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonFileModule, jsonParseModuleText, splitJsonParseModule, stringPieces } from '../../src/build/json-module.ts';
import viteContentStore, { CONTENT_STORE_MODULE_ID } from '../../src/build/vite-content-store.ts';

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
  {
    id: 'a-quote',
    body: 'He said, “It’s \\ done” — and left.\n\u2028 🙂 "quoted" \'single\' `tick` ${not} </script>',
    html: '<p>“Text” &amp; more</p>'.repeat(40),
  },
  ...Array.from({ length: 60 }, (_, index) => ({ index, arabic: 'الحرية ليست منحة', emoji: '🙂🙃'.repeat(index % 7) })),
];

describe('splitJsonParseModule', () => {
  it('gives a module with the same value as Astro’s, as pieces of at most the given length', async () => {
    const original = astroStoreModule(store);
    const split = splitJsonParseModule(original, 97);
    expect(split).toBeDefined();
    expect(await defaultExport(split!)).toEqual(await defaultExport(original));
    const literals = split!
      .split('\n')
      .slice(1, -1)
      .map((line) => JSON.parse(line.replace(/,$/, '')) as string);
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

type Handler<Args extends unknown[]> = (this: { environment: { name: string } }, ...args: Args) => { code: string; meta?: unknown } | null;

function pluginFor(command: 'build' | 'serve', cacheDir: string, options: { chunked?: boolean; devStoreFile?: string } = {}) {
  const plugin = viteContentStore({ cacheDir, ...options });
  (plugin.configResolved as (config: { command: string }) => void)({ command });
  return {
    load: plugin.load as { order: string; filter: { id: RegExp }; handler: Handler<[id: string]> },
    transform: plugin.transform as { filter: { id: RegExp }; handler: Handler<[code: string, id: string]> },
  };
}

describe('the Vite plugin', () => {
  const big = Array.from({ length: 3000 }, (_, index) => ({ index, text: '“quoted” text '.repeat(3) }));
  const code = astroStoreModule(big);
  const prerender = { environment: { name: 'prerender' } };

  it('in a build’s prerender environment, loads the store from the file Astro’s content sync wrote, before Astro’s own load', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'qtd-store-'));
    try {
      writeFileSync(join(cacheDir, 'data-store.json'), JSON.stringify(big));
      const { load } = pluginFor('build', cacheDir);
      expect(load.order).toBe('pre');
      expect(load.filter.id.test(CONTENT_STORE_MODULE_ID)).toBe(true);
      expect(load.filter.id.test('/src/pages/index.astro')).toBe(false);
      const result = load.handler.call(prerender, CONTENT_STORE_MODULE_ID);
      expect(result!.code).toContain(JSON.stringify(join(cacheDir, 'data-store.json')));
      expect(result!.code.length).toBeLessThan(300);
      // As Astro marks its module: left out of the code hashes of its incremental builds.
      expect(result!.meta).toEqual({ astroIncremental: { kind: 'content-data' } });
      expect(await defaultExport(result!.code)).toEqual(big);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('leaves the load to Astro without a store file, with a chunked store and in a server bundle', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'qtd-store-'));
    try {
      expect(pluginFor('build', cacheDir).load.handler.call(prerender, CONTENT_STORE_MODULE_ID)).toBeNull();
      writeFileSync(join(cacheDir, 'data-store.json'), JSON.stringify(big));
      expect(pluginFor('build', cacheDir, { chunked: true }).load.handler.call(prerender, CONTENT_STORE_MODULE_ID)).toBeNull();
      expect(pluginFor('build', cacheDir).load.handler.call({ environment: { name: 'ssr' } }, CONTENT_STORE_MODULE_ID)).toBeNull();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('in astro dev, loads the store from the file the dev server writes, once it has written one', async () => {
    const dotAstro = mkdtempSync(join(tmpdir(), 'qtd-store-'));
    const devStoreFile = join(dotAstro, 'data-store.json');
    try {
      for (const environment of ['ssr', 'prerender']) {
        const { load } = pluginFor('serve', tmpdir(), { devStoreFile });
        const context = { environment: { name: environment } };
        expect(load.handler.call(context, CONTENT_STORE_MODULE_ID)).toBeNull();
        writeFileSync(devStoreFile, JSON.stringify(big));
        const result = load.handler.call(context, CONTENT_STORE_MODULE_ID);
        expect(result!.code).toContain(JSON.stringify(devStoreFile));
        expect(result!.code.length).toBeLessThan(300);
        expect(await defaultExport(result!.code)).toEqual(big);
        // The module reads the file when it is evaluated: after a content change, the new store.
        writeFileSync(devStoreFile, JSON.stringify([1, 2]));
        expect(await defaultExport(`${result!.code}\n// evaluated again for ${environment}`)).toEqual([1, 2]);
        rmSync(devStoreFile);
      }
      writeFileSync(devStoreFile, JSON.stringify(big));
      expect(
        pluginFor('serve', tmpdir(), { devStoreFile, chunked: true }).load.handler.call(prerender, CONTENT_STORE_MODULE_ID),
      ).toBeNull();
    } finally {
      rmSync(dotAstro, { recursive: true, force: true });
    }
  });

  it('elsewhere (a server bundle, astro dev) keeps the module self-contained, in pieces', async () => {
    for (const [command, environment] of [
      ['build', 'ssr'],
      ['serve', 'prerender'],
      ['serve', 'ssr'],
    ] as const) {
      const result = pluginFor(command, tmpdir()).transform.handler.call(
        { environment: { name: environment } },
        code,
        CONTENT_STORE_MODULE_ID,
      );
      expect(result!.code).not.toContain('readFileSync');
      expect(await defaultExport(result!.code)).toEqual(big);
    }
  });

  it('leaves every other module alone', () => {
    const { transform, load } = pluginFor('build', tmpdir());
    expect(transform.handler.call(prerender, code, '/src/views/archive.ts')).toBeNull();
    expect(transform.handler.call(prerender, 'export default new Map()', CONTENT_STORE_MODULE_ID)).toBeNull();
    expect(transform.handler.call(prerender, jsonFileModule(join(tmpdir(), 'data-store.json')), CONTENT_STORE_MODULE_ID)).toBeNull();
    expect(load.handler.call(prerender, '/src/views/archive.ts')).toBeNull();
  });
});
