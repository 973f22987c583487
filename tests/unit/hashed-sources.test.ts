/**
 * The lists of source files whose bytes go into a cache key. The content pass's
 * rendering key (src/content/loader.ts) falls back to the path alone when a file cannot
 * be read, so a path left wrong by a move would keep old renderings in silence; the other
 * lists fail loudly, but a wrong path there stops every build. Every listed file must
 * exist, relative to the module that lists it.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RENDERING_SOURCES } from '../../src/content/loader.ts';
import { MATCHER_SOURCES } from '../../src/content/verification-cache.ts';
import { RENDERER_SOURCES } from '../../src/build/cards/render-cards.ts';
import { CODE_FILES } from '../../src/build/integrations/search-index.ts';

/** The listed paths, relative to `module`, that name no file. */
function missing(sources: readonly string[], module: string): string[] {
  const base = new URL(module, import.meta.url);
  expect(existsSync(fileURLToPath(base)), module).toBe(true);
  return sources.filter((source) => !existsSync(fileURLToPath(new URL(source, base))));
}

describe('source files hashed into cache keys', () => {
  it('the Markdown rendering code (content pass)', () => {
    expect(RENDERING_SOURCES.length).toBeGreaterThan(0);
    expect(missing(RENDERING_SOURCES, '../../src/content/loader.ts')).toEqual([]);
  });

  it('the quote matching code (verification cache)', () => {
    expect(MATCHER_SOURCES.length).toBeGreaterThan(0);
    expect(missing(MATCHER_SOURCES, '../../src/content/verification-cache.ts')).toEqual([]);
  });

  it('the share cards’ drawing code', () => {
    expect(RENDERER_SOURCES.length).toBeGreaterThan(0);
    expect(missing(RENDERER_SOURCES, '../../src/build/cards/render-cards.ts')).toEqual([]);
  });

  it('the search index’s code', () => {
    expect(CODE_FILES.length).toBeGreaterThan(0);
    expect(CODE_FILES.map((file) => fileURLToPath(file)).filter((path) => !existsSync(path))).toEqual([]);
  });
});
