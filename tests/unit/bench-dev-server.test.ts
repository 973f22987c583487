// The preview's table in `npm run bench` (bench/dev-server.ts): what each column shows.
import { describe, expect, it } from 'vitest';
import { formatDevServerTable, isReadyLine, type DevServerResult } from '../../bench/dev-server.ts';

const pages = [
  { label: 'home', path: '/' },
  { label: 'quote', path: '/quotes/a/' },
];

function result(overrides: Partial<DevServerResult>): DevServerResult {
  return {
    site: 'QTD',
    ready: 20.123,
    readyAgain: 9.5,
    requests: [
      { label: 'home (first)', path: '/', firstByte: 0.1, whole: 0.35, status: 200 },
      { label: 'quote (first)', path: '/quotes/a/', firstByte: 0.2, whole: 1.4, status: 200 },
      { label: 'home (second)', path: '/', firstByte: 0.01, whole: 0.02, status: 200 },
      { label: 'quote (second)', path: '/quotes/a/', firstByte: 0.01, whole: 0.03, status: 404 },
    ],
    afterEdit: 0.85,
    peakRssMb: 1071.6,
    log: '',
    ...overrides,
  };
}

describe('the preview’s table', () => {
  it('shows ready, ready on a restart, each page first and second, the edit and the peak', () => {
    const table = formatDevServerTable([result({})], pages).split('\n');
    expect(table[0]).toBe('| server | ready s | ready again s | home s (1st / 2nd) | quote s (1st / 2nd) | after an edit s | peak MB |');
    expect(table[1]).toBe('|---|--:|--:|--:|--:|--:|--:|');
    // The first bytes in brackets only when the page took much longer to finish; a status other than 200 said.
    expect(table[2]).toBe('| QTD | 20.12 | 9.50 | 0.35 / 0.02 | 1.40 (first bytes 0.20) / 0.03 (not 200) | 0.85 | 1072 |');
  });

  it('leaves a dash where nothing was measured and names the failure', () => {
    const [, , row] = formatDevServerTable(
      [result({ readyAgain: undefined, afterEdit: undefined, failure: 'restarted: it exited' })],
      pages,
    ).split('\n');
    expect(row).toBe('| QTD (restarted: it exited) | 20.12 | – | 0.35 / 0.02 | 1.40 (first bytes 0.20) / 0.03 (not 200) | – | 1072 |');
  });

  it('knows Astro’s ready line', () => {
    expect(isReadyLine(' astro  v7.3.5 ready in 20610 ms')).toBe(true);
    expect(isReadyLine('┃ Local    http://127.0.0.1:4321/')).toBe(true);
    expect(isReadyLine('[content] Syncing content')).toBe(false);
  });
});
