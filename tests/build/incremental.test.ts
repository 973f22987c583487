/**
 * Incremental builds (src/data/page-keys.ts, src/lib/reuse-pages.ts) must publish
 * exactly what a build from nothing publishes. A generated archive is built, then
 * edited the ways a curator edits (a person renamed, an article retitled, a commentary
 * rewritten, a quote deleted) and built again a day later (yesterday's scheduled quote
 * is published): with the first build's cache, and from nothing. The two must be the
 * same, file for file and byte for byte.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { generateCorpus, type CorpusSummary } from '../../bench/generate-corpus.ts';
import { outRoot, projectRoot, runAstroBuild, type BuildResult } from '../support/sites.ts';
import { compareTrees } from '../support/trees.ts';

const root = join(outRoot, 'incremental');
const contentDir = join(root, 'content');
const FIRST_DAY = '2026-11-26';
/** The corpus schedules one quote for the day after its build date (bench/generate-corpus.ts). */
const NEXT_DAY = '2026-11-27';

async function editFrontmatter(path: string, field: string, value: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const line = new RegExp(`^${field}: .*$`, 'm');
  if (!line.test(text)) throw new Error(`${path} has no ${field}:`);
  await writeFile(path, text.replace(line, `${field}: ${JSON.stringify(value)}`));
}

function fieldOf(text: string, field: string): string {
  const match = new RegExp(`^${field}: (.*)$`, 'm').exec(text);
  if (!match?.[1]) throw new Error(`no ${field}:`);
  return match[1].replace(/^"|"$/g, '');
}

function build(day: string, dist: string, cache: string): Promise<BuildResult> {
  return runAstroBuild({ TZ: 'UTC', CONTENT_DIR: relative(projectRoot, contentDir), BUILD_DATE: day }, join(root, dist), join(root, cache));
}

function expectSuccess(result: BuildResult, name: string): void {
  if (result.code !== 0) throw new Error(`${name} failed (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
}

describe('an incremental build after edits', () => {
  let summary: CorpusSummary;
  let first: BuildResult;
  let incremental: BuildResult;
  let edits: { person: string; article: string; commentary: string; deleted: string };

  beforeAll(async () => {
    await rm(root, { recursive: true, force: true });
    summary = await generateCorpus({ quotes: 300, seed: 'incremental', outDir: contentDir });
    first = await build(FIRST_DAY, 'dist', 'cache');
    expectSuccess(first, 'the first build');

    // Edits far apart, so that each one alone decides which pages must change: a page
    // missing from a key then shows as a difference, not hidden by another edit's pages.
    const quotes = await Promise.all((await readdir(join(contentDir, 'quotes'))).sort().map(async (file) => {
      const text = await readFile(join(contentDir, 'quotes', file), 'utf8');
      return { id: file.replace(/\.md$/, ''), text, speaker: fieldOf(text, 'speaker'), source: fieldOf(text, 'source'), date: fieldOf(text, 'date') };
    }));
    const editable = quotes.find((quote) => quote.id === summary.editableQuoteId);
    if (!editable) throw new Error('the corpus has no editable quote');
    const article = editable.source;
    const others = quotes.filter((quote) => quote.source !== article && quote.speaker !== editable.speaker && quote.date < FIRST_DAY && quote.id !== summary.todaysQuoteId);
    const authors = new Set((await Promise.all((await readdir(join(contentDir, 'articles'))).map((file) => readFile(join(contentDir, 'articles', file), 'utf8'))))
      .flatMap((text) => fieldOf(text, 'authors').replace(/[[\]]/g, '').split(',').map((id) => id.trim())));
    // A speaker who wrote no article: renaming them changes the pages that show their quotes, no more.
    const person = others.find((quote) => !authors.has(quote.speaker))?.speaker;
    const deleted = others.find((quote) => quote.speaker !== person)?.id;
    if (!person || !deleted) throw new Error('the corpus has no quotes far enough apart to edit');
    edits = { person, article, commentary: editable.id, deleted };

    await editFrontmatter(join(contentDir, 'people', `${person}.md`), 'name', 'Renamed Speaker');
    await editFrontmatter(join(contentDir, 'articles', `${article}.md`), 'title', 'A Retitled Article');
    await writeFile(join(contentDir, 'quotes', `${editable.id}.md`), `${editable.text.trimEnd()} A sentence added to the commentary.\n`);
    await rm(join(contentDir, 'quotes', `${deleted}.md`));

    incremental = await build(NEXT_DAY, 'dist', 'cache');
    await writeFile(join(root, 'incremental-build.log'), incremental.stdout);
    expectSuccess(incremental, 'the incremental build');
    expectSuccess(await build(NEXT_DAY, 'dist-full', 'cache-full'), 'the build from nothing');
  }, 600_000);

  it('reuses the unchanged pages of the first build (linked back, not copied or rendered)', () => {
    const reused = /(\d+) pages linked back for Astro to skip/.exec(incremental.stdout);
    expect(reused, incremental.stdout.slice(0, 3000)).not.toBeNull();
    expect(Number(reused?.[1])).toBeGreaterThan(100);
    expect(incremental.stdout).toMatch(/\(cached\)/);
    expect(first.stdout).not.toMatch(/linked back/);
  });

  it('publishes exactly what a build from nothing publishes, byte for byte', () => {
    const { actual, expected, different } = compareTrees(join(root, 'dist'), join(root, 'dist-full'));
    expect(actual).toEqual(expected);
    expect(different).toEqual([]);
  });

  it('shows every edit where it belongs', async () => {
    const read = (path: string) => readFile(join(root, 'dist', path), 'utf8');
    expect(await read(`quotes/${edits.commentary}/index.html`)).toContain('A sentence added to the commentary.');
    expect(await read(`quotes/${edits.commentary}/index.html`)).toContain('A Retitled Article');
    expect(await read(`people/${edits.person}/index.html`)).toContain('Renamed Speaker');
    expect(await read(`articles/${edits.article}/index.html`)).toContain('A Retitled Article');
    expect(existsSync(join(root, 'dist', 'quotes', edits.deleted))).toBe(false);
    expect(await read(`quotes/${summary.todaysQuoteId}/index.html`)).toContain('Next quote of the day');
  });
});
