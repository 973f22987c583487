import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BENCH_BUILD_DATE, generateCorpus, type CorpusSummary } from '../../bench/generate-corpus.ts';
import {
  childrenCpuSeconds,
  cpuByThreadKind,
  formatCpuByKindTable,
  formatPeakParts,
  THREAD_KINDS,
  threadKind,
  threadTicks,
  formatRatioTable,
  formatRunSpread,
  medianRuns,
  parseBuildLog,
  parseDuration,
  processName,
  ratio,
  treeProcesses,
  treeRssKb,
  type BuildResult,
} from '../../bench/run.ts';
import { gzipBytes, measurePage } from '../../bench/page-weight.ts';
import { formatVerifyMarkTable, measureVerifyAndMark } from '../../bench/verify-mark.ts';
import { readContentFolder } from '../../src/content/read-content.ts';
import type { ValidatedContent } from '../../src/content/validate.ts';
import { readAndValidate, renderEntry, verifyQuotes, type RenderMarkdown } from '../../src/content/content-pass.ts';
import { standaloneRenderer } from '../../src/content/standalone-renderer.ts';
import { wordCount } from '../../src/content/article-text.ts';
import type { ContentIssue } from '../../src/content/issues.ts';
import { siteConfig } from '../../src/site.config.ts';

const QUOTES = 200;

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries
    .filter((e) => e.isFile())
    .sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path));
  }
  return files;
}

describe('bench corpus generator', () => {
  let root: string;
  let summary: CorpusSummary;
  let content: ValidatedContent;
  let issues: ContentIssue[];
  /** Each article's visible text, as the build reads it. */
  const paragraphs = new Map<string, readonly string[]>();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-bench-'));
    summary = await generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'a/content') });
    // The build's content pass: read and validate, render every entry and check its HTML, verify every quote.
    const read = await readAndValidate(join(root, 'a'), 'content', { siteTimeZone: siteConfig.timeZone, allowSeveralQuotesPerDay: false });
    content = read.content;
    issues = [...read.issues];
    const html = await standaloneRenderer();
    const render: RenderMarkdown = async (body) => ({ html: await html(body), metadata: { imagePaths: [] } });
    for (const [collection, entries] of [
      ['people', content.people],
      ['articles', content.articles],
      ['quotes', content.quotes],
    ] as const) {
      for (const entry of entries) {
        const result = await renderEntry(entry, collection, render);
        issues.push(...result.issues);
        const text = result.rendered?.metadata.paragraphs;
        if (collection === 'articles' && text) paragraphs.set(entry.id, text);
      }
    }
    issues.push(...verifyQuotes(content, (id) => paragraphs.get(id)));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('passes the project’s own content check, every quote verified against its article', () => {
    expect(issues).toEqual([]);
    expect(paragraphs.size).toBe(QUOTES / 10);
    expect(content.quotes).toHaveLength(QUOTES);
    expect(content.articles).toHaveLength(QUOTES / 10);
    expect(content.people).toHaveLength(QUOTES / 20);
    expect(content.tags.length).toBeGreaterThanOrEqual(35);
  });

  it('times verification (matched, then remembered) and marking of every quote apart from the build', async () => {
    const times = await measureVerifyAndMark(join(root, 'a'), 'content');
    expect(times.quotes).toBe(QUOTES);
    expect(times.verifySeconds).toBeGreaterThan(0);
    expect(times.markSeconds).toBeGreaterThan(0);
    // Remembered quotes are not matched again: far cheaper than matching.
    expect(times.verifyCachedSeconds).toBeLessThan(times.verifySeconds);
    const table = formatVerifyMarkTable({ quotes: 10, verifySeconds: 1, verifyCachedSeconds: 0.25, markSeconds: 0.5 }, 30, 10);
    expect(table).toContain('| cold (every quote matched) | 1.00 | 0.50 | 1.50 | 5.0 % of 30.0 s |');
    expect(table).toContain('| warm (quotes known from the last build) | 0.25 | 0.50 | 0.75 | 7.5 % of 10.0 s |');
    expect(formatVerifyMarkTable({ quotes: 1, verifySeconds: 1, verifyCachedSeconds: 0, markSeconds: 0 }, undefined, undefined)).toContain(
      '– of – s',
    );
  });

  it('writes byte-identical output for the same seed, and other output for another seed', async () => {
    await generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'b/content') });
    await generateCorpus({ quotes: QUOTES, seed: 'other', outDir: join(root, 'c/content') });
    const first = await filesOf(join(root, 'a/content'));
    const second = await filesOf(join(root, 'b/content'));
    const other = await filesOf(join(root, 'c/content'));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(second.get(path)?.equals(bytes), path).toBe(true);
    const firstQuote = [...first.keys()].find((path) => path.startsWith('quotes/'));
    expect(firstQuote && other.get(firstQuote)?.equals(first.get(firstQuote) ?? Buffer.alloc(0))).not.toBe(true);
  });

  it('regenerates over its own earlier corpus but refuses to empty any other folder', async () => {
    await expect(generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'a/content') })).resolves.toMatchObject({
      quotes: QUOTES,
    });
    await expect(generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'a') })).rejects.toThrow(/refusing/);
  });

  it('gives articles of 900–1,500 words, quotes of 8–60 words, one quote a day and a few scheduled', () => {
    for (const article of content.articles) {
      const words = wordCount(paragraphs.get(article.id) ?? []);
      expect(words, article.id).toBeGreaterThanOrEqual(900);
      expect(words, article.id).toBeLessThanOrEqual(1500);
    }
    for (const quote of content.quotes) {
      const words = quote.data.text
        .replace(/\.(?:\s*\.){2,}/g, ' ')
        .split(/\s+/)
        .filter((w) => /[\p{L}\p{N}]/u.test(w));
      expect(words.length, quote.id).toBeGreaterThanOrEqual(8);
      expect(words.length, quote.id).toBeLessThanOrEqual(60);
      expect(quote.data.curator).toBeDefined();
      expect(quote.body.trim()).not.toBe('');
    }
    const days = content.quotes.map((quote) => quote.data.date);
    expect(new Set(days).size).toBe(QUOTES);
    expect(days.filter((day) => day > BENCH_BUILD_DATE)).toHaveLength(summary.scheduledQuotes);
    expect(summary.scheduledQuotes).toBeGreaterThan(0);
    expect(days).toContain(BENCH_BUILD_DATE);
  });

  it('elides words inside about 15% of quotes and has right-to-left Persian pairs with ZWNJ', () => {
    const elided = content.quotes.filter((quote) => /\u00a0\.\u00a0\.\u00a0\./.test(quote.data.text));
    expect(elided.length).toBe(summary.elidedQuotes);
    expect(elided.length / QUOTES).toBeGreaterThan(0.07);
    expect(elided.length / QUOTES).toBeLessThan(0.25);
    const persian = content.quotes.filter((quote) => quote.data.lang === 'fa');
    expect(persian.length).toBe(summary.rightToLeftQuotes);
    expect(persian.length).toBeGreaterThanOrEqual(1);
    for (const quote of persian) {
      const article = content.articles.find((a) => a.id === quote.data.source?.id);
      expect(article?.body).toMatch(/\u200c/);
      expect(article?.body).toMatch(/[\u0600-\u06ff]/);
    }
  });

  it('writes New York times with -04:00 in summer and -05:00 in winter (the check above proves each one)', async () => {
    const { files } = await readContentFolder(join(root, 'a'), 'content');
    const offsets = new Set(
      files
        .filter((file) => file.collection === 'articles' && file.text.includes('timeZone: America/New_York'))
        .map((file) => /^published: \S+([+-]\d{2}:\d{2})$/m.exec(file.text)?.[1]),
    );
    expect([...offsets].sort()).toEqual(['-04:00', '-05:00']);
  });
});

describe('bench log parsing', () => {
  const log = [
    '15:37:02 [qtd-content] content checked: 1 quotes, 1 articles, 3 people, 2 tags, every quote verified (541 ms)',
    ' generating static routes ',
    '15:37:08   ├─ /articles/rss.xml (+81ms) ',
    '15:37:08   ├─ /articles/x/index.html (+87ms) ',
    '15:37:08   ├─ /feed.json (+1.20s) ',
    '15:37:09   ├─ /tags/a/rss.xml (cached)',
    '15:37:09 ✓ Completed in 1m 3s.',
    '',
    '15:37:09 [build] ✓ Completed in 4.22s.',
    '15:44:33 [qtd:search-index] search index: 228 pages indexed of 294 read (1262 ms)',
    '15:44:33 [qtd:cards] share cards: 20 (18 rendered, 2 from cache) in 3500 ms; waited 420 ms for them after the pages',
    '15:37:09 [build] 18 page(s) built in 7.55s',
  ].join('\n');

  it('reads each stage’s time from the build log', () => {
    expect(parseBuildLog(log)).toEqual({
      contentCheckMs: 541,
      renderingMs: 63_000,
      feedsMs: 1281,
      feedRoutes: 2,
      cardsMs: 3500,
      cardsWaitMs: 420,
      searchMs: 1262,
      astroTotalMs: 7550,
    });
  });

  it('reads how long the cards took beside the search index, when npm run build drew them there', () => {
    const handedOver = [
      '15:37:09 [qtd:cards] share cards: 20 left to draw beside the search index, after Astro exits (npm run build)',
      '15:44:33 [qtd:cards] share cards: 20 (18 rendered, 2 from cache) in 3500 ms; 12 drawn beside the search index in 2100 ms',
    ].join('\n');
    expect(parseBuildLog(handedOver)).toMatchObject({ cardsMs: 3500, cardsBesideSearchMs: 2100 });
    expect(parseBuildLog(handedOver).cardsWaitMs).toBeUndefined();
  });

  it('takes the feeds from QTD’s own tally when the log has it, not from overlapping route times', () => {
    const concurrent = [
      ' generating static routes ',
      '15:37:08   ├─ /articles/rss.xml15:37:08   ├─ /people/a/rss.xml (+900ms) ',
      '15:37:08   ├─ /feed.json (+1.20s) ',
      '15:37:09 ✓ Completed in 3s.',
      '15:37:10 [qtd:feeds] feeds: 543 built in 2417 ms (their items and XML; feeds unchanged since the last build are reused, not built)',
    ].join('\n');
    expect(parseBuildLog(concurrent)).toMatchObject({ feedsMs: 2417, feedRoutes: 543, renderingMs: 3000 });
  });

  it('leaves out the stages a build did not print', () => {
    expect(parseBuildLog('15:37:09 [build] 290 page(s) built in 812ms')).toEqual({ feedRoutes: 0, astroTotalMs: 812 });
    expect(parseDuration('no time here')).toBeUndefined();
  });

  it('sums the resident memory of a process and all its descendants, not its siblings', () => {
    const table = new Map([
      [10, { ppid: 1, rssKb: 100, name: 'node build.ts' }],
      [11, { ppid: 10, rssKb: 50, name: 'node astro.mjs' }],
      [12, { ppid: 11, rssKb: 25, name: 'pagefind_extended' }],
      [13, { ppid: 1, rssKb: 1000, name: 'node other.js' }],
    ]);
    expect(treeRssKb(10, table)).toBe(175);
    expect(
      treeProcesses(10, table)
        .map((process) => process.name)
        .sort(),
    ).toEqual(['node astro.mjs', 'node build.ts', 'pagefind_extended']);
  });

  it('names a process by its program, and a node process by its script', () => {
    expect(processName(['/work/main/node_modules/node/bin/node', '/work/main/node_modules/astro/bin/astro.mjs', 'build'])).toBe(
      'node astro.mjs',
    );
    expect(processName(['node', '--max-old-space-size=100', 'scripts/build.ts'])).toBe('node build.ts');
    expect(processName(['/x/bin/pagefind_extended', '--service'])).toBe('pagefind_extended');
    expect(processName(['node'])).toBe('node');
    expect(processName(['/bin/node', '-e', "const fs = process.getBuiltinModule('node:fs');", '/tmp/old-dist'])).toBe('node -e');
  });

  it('keeps the median run of each build, with the highest peak of all its runs', () => {
    const run = (key: string, seconds: number, peakRssMb: number, exitCode = 0) =>
      ({
        key,
        label: key,
        seconds,
        peakRssMb,
        peakParts: [{ name: `peak ${peakRssMb}`, rssMb: peakRssMb }],
        exitCode,
        log: `${key}-${seconds}.log`,
        sourcesStamps: [1, 2],
      }) as unknown as BuildResult;
    const [cold, warm] = medianRuns([
      run('cold', 150, 1800),
      run('warm', 80, 1700),
      run('cold', 140, 1900),
      run('warm', 70, 1750),
      run('cold', 160, 1850),
      run('warm', 75, 1600),
    ]);
    expect(cold).toMatchObject({
      key: 'cold',
      seconds: 150,
      peakRssMb: 1900,
      peakParts: [{ name: 'peak 1900', rssMb: 1900 }],
      runSeconds: [150, 140, 160],
      log: 'cold-150.log',
    });
    expect(warm).toMatchObject({ key: 'warm', seconds: 75, peakRssMb: 1750, runSeconds: [80, 70, 75] });
    // Of two, the faster; a failed run marks the build failed.
    const [pair] = medianRuns([run('edit', 100, 1700), run('edit', 90, 1700, 1)]);
    expect(pair).toMatchObject({ seconds: 90, exitCode: 1, log: 'edit-90.log' });
    expect(formatRunSpread([cold as BuildResult], 3)).toContain('- cold: 150.0, 140.0, 160.0');
  });

  it('reads the CPU seconds of waited-for children from a /proc stat line, whatever the command is called', () => {
    // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17) …: cutime 9,000 and cstime 1,500 ticks.
    const tail = 'S 1 2 3 0 -1 4194560 100 200 0 0 350 40 9000 1500 20 0 1 0 99 1000000 500 18446744073709551615';
    expect(childrenCpuSeconds(`4242 (node) ${tail}`, 100)).toBeCloseTo(105);
    expect(childrenCpuSeconds(`4242 (a (b) c) ${tail}`, 100)).toBeCloseTo(105);
    expect(childrenCpuSeconds(`4242 (node) ${tail}`, 250)).toBeCloseTo(42);
    expect(childrenCpuSeconds('4242 (node) S 1 2', 100)).toBeUndefined();
  });

  it('reads this process’s own /proc stat line, where the system has one', () => {
    if (!existsSync('/proc/self/stat')) return expect(process.platform).not.toBe('linux');
    expect(childrenCpuSeconds(readFileSync('/proc/self/stat', 'utf8'), 100)).toBeGreaterThanOrEqual(0);
  });

  it('tells a build’s CPU time apart by kind of thread, from each thread’s /proc stat line', () => {
    // pid (comm) state … utime(14) stime(15): 700 and 50 ticks.
    const stat = (comm: string): string => `4242 (${comm}) S 1 2 3 0 -1 4194560 100 200 0 0 700 50 0 0 20 0 1 0 99`;
    expect(threadTicks(stat('MainThread'))).toEqual({ name: 'MainThread', ticks: 750 });
    expect(threadTicks(stat('a (b) c'))).toEqual({ name: 'a (b) c', ticks: 750 });
    expect(threadTicks('4242 (node')).toBeUndefined();
    expect(threadKind('node astro.mjs', 'MainThread')).toBe(THREAD_KINDS.main);
    expect(threadKind('node astro.mjs', 'qtd-markdown')).toBe(THREAD_KINDS.markdown);
    expect(threadKind('node build.ts', 'qtd-cards')).toBe(THREAD_KINDS.cards);
    expect(threadKind('node build.ts', 'qtd-citations')).toBe(THREAD_KINDS.citations);
    expect(threadKind('node astro.mjs', 'WorkerThread')).toBe(THREAD_KINDS.workers);
    expect(threadKind('node build.ts', 'V8Worker')).toBe(THREAD_KINDS.v8);
    expect(threadKind('node astro.mjs', 'libuv-worker')).toBe(THREAD_KINDS.libuv);
    expect(threadKind('pagefind_extended', 'tokio-rt-worker')).toBe(THREAD_KINDS.pagefind);
    expect(threadKind('esbuild', 'esbuild')).toBe(THREAD_KINDS.other);
    const seen = new Map([
      ['1/1', { kind: THREAD_KINDS.main, ticks: 3000 }],
      ['1/2', { kind: THREAD_KINDS.workers, ticks: 1000 }],
      ['1/3', { kind: THREAD_KINDS.workers, ticks: 2500 }],
      ['9/9', { kind: THREAD_KINDS.pagefind, ticks: 1250 }],
    ]);
    const byKind = cpuByThreadKind(seen, 100);
    expect(byKind).toEqual({ [THREAD_KINDS.main]: 30, [THREAD_KINDS.workers]: 35, [THREAD_KINDS.pagefind]: 12.5 });
    const build = (label: string, cpuByKind?: BuildResult['cpuByKind']) => ({ label, cpuByKind }) as unknown as BuildResult;
    const table = formatCpuByKindTable([
      build('QTD, cold', byKind),
      build('baseline, cold', { [THREAD_KINDS.main]: 14 }),
      build('unsampled'),
    ]);
    expect(table.split('\n')).toEqual([
      '| CPU s by thread | QTD, cold | baseline, cold |',
      '|---|--:|--:|',
      `| ${THREAD_KINDS.main} | 30.0 | 14.0 |`,
      `| ${THREAD_KINDS.workers} | 35.0 | – |`,
      `| ${THREAD_KINDS.pagefind} | 12.5 | – |`,
    ]);
    expect(formatCpuByKindTable([build('unsampled')])).toBe('');
  });

  it('gives the time ratio of each run beside the ratio of the median runs', () => {
    const build = (seconds: number, runSeconds?: number[]) =>
      ({ seconds, runSeconds, peakRssMb: 1000, distMb: 10, exitCode: 0 }) as unknown as BuildResult;
    const cold = ratio('cold', build(120, [110, 140, 120]), build(40, [40, 35, 40]));
    expect(cold?.time).toBeCloseTo(3);
    expect(cold?.timeByRun?.map((value) => Number(value.toFixed(2)))).toEqual([2.75, 4, 3]);
    const single = ratio('warm', build(30), build(40));
    expect(single?.timeByRun).toBeUndefined();
    const table = formatRatioTable([cold!, single!]);
    expect(table).toContain('| cold | 3.00× | 2.75×, 4.00×, 3.00× | 1.00× | 1.00× |');
    expect(table).toContain('| warm | 0.75× | – | 1.00× | 1.00× |');
    expect(formatRatioTable([single!])).toContain('| warm | 0.75× | 1.00× | 1.00× |');
    expect(ratio('failed', { ...build(10), exitCode: 1 } as BuildResult, build(10))).toBeUndefined();
  });

  it('says what made up each peak', () => {
    const result = {
      label: 'QTD, cold',
      peakParts: [
        { name: 'node astro.mjs', rssMb: 1706 },
        { name: 'node build.ts', rssMb: 84 },
      ],
    } as BuildResult;
    expect(formatPeakParts([result])).toContain('- QTD, cold: 1,706 node astro.mjs + 84 node build.ts');
  });
});

describe('bench page weight', () => {
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'qtd-weight-'));
    await mkdir(join(dist, '_astro'), { recursive: true });
    await mkdir(join(dist, 'quotes'), { recursive: true });
    await writeFile(
      join(dist, 'quotes/index.html'),
      '<html><head><meta property="og:image" content="https://qtd.example/og/q.png"><link rel="stylesheet" href="/_astro/site.css"><link rel="preload" as="font" href="https://qtd.example/_astro/a.woff2"><script type="module" src="../_astro/app.js"></script></head><body><img src="/logo.svg"><img src="https://elsewhere.example/x.png"></body></html>',
    );
    await writeFile(join(dist, '_astro/site.css'), '@font-face{src:url(./b.woff2)} body{color:red}');
    await writeFile(join(dist, '_astro/a.woff2'), 'font-a');
    await writeFile(join(dist, '_astro/b.woff2'), 'font-b');
    await writeFile(join(dist, '_astro/app.js'), 'import{x}from"./chunk.js";x();');
    await writeFile(join(dist, '_astro/chunk.js'), 'export const x=()=>1;');
    await writeFile(join(dist, 'logo.svg'), '<svg/>');
    await mkdir(join(dist, 'og'), { recursive: true });
    await writeFile(join(dist, 'og/q.png'), 'not counted');
  });

  afterAll(async () => {
    await rm(dist, { recursive: true, force: true });
  });

  it('counts the HTML and what it loads, stylesheet fonts and imported modules included, but not og:image', () => {
    const weight = measurePage(dist, '/quotes/');
    expect(weight.files).toBe(7);
    expect(weight.gzip.font).toBe(gzipBytes(Buffer.from('font-a')) + gzipBytes(Buffer.from('font-b')));
    expect(weight.gzip.js).toBe(gzipBytes(Buffer.from('import{x}from"./chunk.js";x();')) + gzipBytes(Buffer.from('export const x=()=>1;')));
    expect(weight.gzip.image).toBe(gzipBytes(Buffer.from('<svg/>')));
    expect(weight.unresolved).toEqual(['https://elsewhere.example/x.png']);
    expect(weight.total).toBe(Object.values(weight.gzip).reduce((a, b) => a + b, 0));
  });
});
