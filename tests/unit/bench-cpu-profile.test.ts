import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeOf, profileFiles, summarise, timeline } from '../../bench/cpu-profile.ts';
import type { CpuProfile } from '../../bench/cpu-profile.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

/**
 * A profile of `samples`, each [node id, microseconds since the previous sample], over the nodes
 * 1 (root), 2 (idle), 3 (garbage collector), 4 (a card function), 5 (zlib).
 */
function profile(startTime: number, samples: [number, number][], endTime: number): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('(garbage collector)') },
      { id: 4, callFrame: frame('placeTile', 'file:///work/main/src/build/cards/raster.ts', 450), children: [5] },
      { id: 5, callFrame: frame('processChunkSync', 'node:zlib', 414) },
    ],
    startTime,
    endTime,
    samples: samples.map(([node]) => node),
    timeDeltas: samples.map(([, delta]) => delta),
  };
}

describe('the CPU profile summary', () => {
  it.each([
    ['file:///w/node_modules/parse5/dist/tokenizer/index.js', 'f', 'parse5'],
    ['file:///w/node_modules/@astrojs/sitemap/dist/generate-sitemap.js', 'f', '@astrojs/sitemap'],
    ['file:///w/src/build/cards/raster.ts', 'f', 'src/build/cards'],
    ['file:///w/src/site.config.ts', 'f', 'src'],
    ['file:///w/bench/run.ts', 'f', 'bench'],
    ['file:///w/.astro/.prerender/chunks/citations_B7eUJG4u.mjs', 'f', 'site chunk: citations'],
    ['file:///w/.astro/.prerender/prerender-entry.ZxEe3n7K.mjs', 'f', 'site chunk: prerender-entry'],
    ['node:zlib', 'f', 'node:zlib'],
    ['node:internal/crypto/hash', 'f', 'node:internal/crypto'],
    ['wasm://wasm/00175032', 'wasm-function[378]', 'WebAssembly'],
    ['', 'mkdir', 'native'],
    ['', '(garbage collector)', '(garbage collector)'],
  ])('places %s (%s) in %s', (url, functionName, place) => {
    expect(placeOf(url, functionName)).toBe(place);
  });

  it('gives each sample the time until the next one, and the last the time to the end', () => {
    // Samples at 10, 30, 60 and 100 µs after the start; the profile ends at 150 µs.
    const summary = summarise(
      profile(
        0,
        [
          [4, 10],
          [5, 20],
          [2, 30],
          [3, 40],
        ],
        150,
      ),
    );
    expect(summary.seconds).toBeCloseTo(150e-6);
    expect(summary.waitingSeconds).toBeCloseTo(40e-6);
    expect(summary.places).toEqual([
      ['(garbage collector)', expect.closeTo(50e-6)],
      ['node:zlib', expect.closeTo(30e-6)],
      ['src/build/cards', expect.closeTo(20e-6)],
    ]);
    expect(summary.functions.map(([name]) => name)).toEqual([
      '(garbage collector) (garbage collector)',
      'processChunkSync node:zlib:415',
      'placeTile src/build/cards:451',
    ]);
  });

  it('lays threads side by side on the clock they share, step by step', () => {
    // The main thread: busy the first second, idle the second. A worker started 1 s later:
    // busy half of its first second in zlib.
    const main = profile(
      0,
      [
        [4, 0],
        [2, 1_000_000],
      ],
      2_000_000,
    );
    const worker = profile(
      1_000_000,
      [
        [5, 0],
        [2, 500_000],
      ],
      2_000_000,
    );
    expect(timeline([main, worker], 1)).toEqual([
      { from: 0, threads: [expect.objectContaining({ busy: 1, place: 'src/build/cards' }), { busy: 0, place: undefined }] },
      { from: 1, threads: [{ busy: 0, place: undefined }, expect.objectContaining({ busy: 0.5, place: 'node:zlib' })] },
    ]);
    expect(() => timeline([main], 0)).toThrow(/positive/);
  });

  it('lists a folder’s profiles with the main thread first, then by thread and sequence', () => {
    const folder = mkdtempSync(join(tmpdir(), 'qtd-profiles-'));
    try {
      const names = [
        'CPU.20261208.023105.6419.2.003.cpuprofile',
        'CPU.20261208.023103.6419.1.002.cpuprofile',
        'CPU.20261208.023058.6419.0.001.cpuprofile',
        'CPU.20261208.023156.6419.10.004.cpuprofile',
        'notes.txt',
      ];
      for (const name of names) writeFileSync(join(folder, name), '{}');
      expect(profileFiles(folder).map((file) => basename(file))).toEqual([
        'CPU.20261208.023058.6419.0.001.cpuprofile',
        'CPU.20261208.023103.6419.1.002.cpuprofile',
        'CPU.20261208.023105.6419.2.003.cpuprofile',
        'CPU.20261208.023156.6419.10.004.cpuprofile',
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
