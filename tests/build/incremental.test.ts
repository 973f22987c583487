/**
 * Incremental builds (src/views/page-keys.ts, src/build/reuse-pages.ts) must publish
 * exactly what a build from nothing publishes. A generated archive is built, then
 * edited the ways a curator edits (a person renamed, an article retitled, a commentary
 * rewritten, a quote deleted) and built again a day later (yesterday's scheduled quote
 * is published): with the first build's cache, and from nothing. The two must be the
 * same, file for file and byte for byte.
 *
 * Then the same holds for a page that starts to show one more field: a copy of the
 * project whose lists of quotes name who chose each quote, a change to a view model
 * and a component only (no key code), built before and after the curator is renamed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateCorpus, type CorpusSummary } from '../../bench/generate-corpus.ts';
import { listFiles } from '../../src/build/files.ts';
import { outRoot, projectRoot, runAstroBuild, TEST_BUILD_DATE, type BuildResult } from '../support/sites.ts';
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
  if (result.code !== 0)
    throw new Error(`${name} failed (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
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
    const quotes = await Promise.all(
      (await readdir(join(contentDir, 'quotes'))).sort().map(async (file) => {
        const text = await readFile(join(contentDir, 'quotes', file), 'utf8');
        return {
          id: file.replace(/\.md$/, ''),
          text,
          speaker: fieldOf(text, 'speaker'),
          source: fieldOf(text, 'source'),
          date: fieldOf(text, 'date'),
        };
      }),
    );
    const editable = quotes.find((quote) => quote.id === summary.editableQuoteId);
    if (!editable) throw new Error('the corpus has no editable quote');
    const article = editable.source;
    const others = quotes.filter(
      (quote) =>
        quote.source !== article && quote.speaker !== editable.speaker && quote.date < FIRST_DAY && quote.id !== summary.todaysQuoteId,
    );
    const authors = new Set(
      (
        await Promise.all((await readdir(join(contentDir, 'articles'))).map((file) => readFile(join(contentDir, 'articles', file), 'utf8')))
      ).flatMap((text) =>
        fieldOf(text, 'authors')
          .replace(/[[\]]/g, '')
          .split(',')
          .map((id) => id.trim()),
      ),
    );
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

/** Replaces the one occurrence of `anchor` in a file of the copied project, or fails naming it. */
async function replaceOnce(path: string, anchor: string, replacement: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const count = text.split(anchor).length - 1;
  if (count !== 1)
    throw new Error(`${path}: expected the text ${JSON.stringify(anchor)} once, found it ${count} times; update this test to the new code`);
  await writeFile(path, text.replace(anchor, replacement));
}

/** A plain `astro build` of the project copied into `root` (its own config, code and lockfile). */
function buildProject(root: string, content: string, dist: string, cache: string): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        TZ: 'UTC',
        BUILD_DATE: TEST_BUILD_DATE,
        CONTENT_DIR: content,
        QTD_CACHE_DIR: cache,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, ms: performance.now() - started }));
  });
}

describe('an incremental build after a page starts to show one more field', () => {
  const fieldRoot = join(outRoot, 'incremental-field');
  const fieldContent = join(fieldRoot, 'content');
  let project = '';
  let incremental: BuildResult;

  beforeAll(async () => {
    await rm(fieldRoot, { recursive: true, force: true });
    // The project's code and config, outside the project (its type check and tests never see the
    // copy), with the project's packages.
    project = await mkdtemp(join(tmpdir(), 'qtd-one-more-field-'));
    for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      await cp(join(projectRoot, entry), join(project, entry), { recursive: true });
    }
    await symlink(join(projectRoot, 'node_modules'), join(project, 'node_modules'), 'dir');

    // A list of quotes starts to show who chose each quote: a field of the list item's view model,
    // and the line of its component that shows it. No key code changes, nor anything else.
    const viewModels = join(project, 'src/views/view-models.ts');
    await replaceOnce(viewModels, '  scheduled: boolean;\n};', '  scheduled: boolean;\n  curatorName?: string | undefined;\n};');
    await replaceOnce(
      viewModels,
      "    scheduled: quote.status === 'scheduled',\n",
      "    scheduled: quote.status === 'scheduled',\n    curatorName: quote.curatorId ? archive.personById.get(quote.curatorId)?.name : undefined,\n",
    );
    await replaceOnce(
      join(project, 'src/components/QuoteListItem.astro'),
      '{item.scheduled && <span class="badge">Scheduled (draft)</span>}',
      '{item.scheduled && <span class="badge">Scheduled (draft)</span>}{item.curatorName && <span> · chosen by {item.curatorName}</span>}',
    );

    await generateCorpus({ quotes: 120, seed: 'one-more-field', outDir: fieldContent });
    const build = (dist: string, cache: string) => buildProject(project, fieldContent, join(fieldRoot, dist), join(fieldRoot, cache));
    expectSuccess(await build('dist', 'cache'), 'the first build of the copy');

    const quotes = await Promise.all(
      (await readdir(join(fieldContent, 'quotes'))).sort().map((file) => readFile(join(fieldContent, 'quotes', file), 'utf8')),
    );
    const curator = quotes.map((text) => /^curator: (.*)$/m.exec(text)?.[1]?.replace(/^"|"$/g, '')).find((id) => id !== undefined);
    if (!curator) throw new Error('the corpus has no curator');
    await editFrontmatter(join(fieldContent, 'people', `${curator}.md`), 'name', 'Renamed Curator');

    incremental = await build('dist', 'cache');
    await writeFile(join(fieldRoot, 'incremental-build.log'), incremental.stdout);
    expectSuccess(incremental, 'the incremental build of the copy');
    expectSuccess(await build('dist-full', 'cache-full'), 'the build of the copy from nothing');
  }, 600_000);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('leaves the key code as it is', async () => {
    for (const file of ['src/views/page-keys.ts']) {
      expect(await readFile(join(project, file), 'utf8'), file).toBe(await readFile(join(projectRoot, file), 'utf8'));
    }
  });

  it('renders again the pages that show the renamed curator, and reuses the others', () => {
    const skipped = /(\d+) of (\d+) keyed pages skipped as unchanged/.exec(incremental.stdout);
    expect(skipped, incremental.stdout.slice(0, 3000)).not.toBeNull();
    const [reused, keyed] = [Number(skipped?.[1]), Number(skipped?.[2])];
    expect(reused).toBeGreaterThan(0);
    // Most pages list a quote the curator chose (a quote's page lists up to ten others).
    expect(keyed - reused).toBeGreaterThan(keyed / 2);
  });

  it('publishes exactly what a build from nothing publishes, byte for byte', () => {
    const { actual, expected, different } = compareTrees(join(fieldRoot, 'dist'), join(fieldRoot, 'dist-full'));
    expect(actual).toEqual(expected);
    expect(different).toEqual([]);
  });

  it('shows the new name in the lists, where only the new field shows it', async () => {
    const dist = join(fieldRoot, 'dist');
    const pages = listFiles(dist).filter((file) => file.endsWith('index.html'));
    const naming = (
      await Promise.all(
        pages.map(async (file) => ((await readFile(join(dist, file), 'utf8')).includes('chosen by Renamed Curator') ? [file] : [])),
      )
    ).flat();
    // Tag pages and the pages of the list of quotes name no curator but through the new field.
    expect(naming.filter((file) => file.startsWith('tags/')).length).toBeGreaterThan(0);
    expect(naming.filter((file) => file.startsWith('quotes/page/') || file === 'quotes/index.html').length).toBeGreaterThan(0);
  });
});
