/**
 * The scale benchmark (`npm run bench`): generates a corpus of N quotes, builds QTD
 * cold, warm and warm after one edit, then the plain baseline site (Astro's default
 * Markdown processor, then unified()), each as a child process whose whole process
 * tree is sampled for its peak memory. Prints Markdown tables: builds, ratios, page
 * weight and the machine; writes the same as JSON to `.tmp/bench/results-<N>.json`.
 *
 *   node bench/run.ts [--quotes 10000] [--seed qtd] [--runs 1] [--keep] [--no-dev]
 *
 * Then the preview: `astro dev` for QTD and for the baseline on the same corpus
 * (bench/dev-server.ts; --no-dev leaves it out), and what the host stores, `dist/` by
 * kind of output (bench/dist-kinds.ts).
 *
 * With --runs N every build runs N times (the whole sequence, cold caches first each
 * time); a row shows the median run, and the highest peak of memory of all runs.
 *
 * The corpus goes to `.tmp/bench/<N>/content` (CONTENT_DIR is relative to the project
 * root); builds, caches and logs to `.tmp/bench/<N>/`. Without --keep, only the logs
 * and the results stay.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_BUILD_DATE, generateCorpus, type CorpusSummary } from './generate-corpus.ts';
import { formatPageWeightTable, measurePage, type PageWeight } from './page-weight.ts';
import { formatSearchWeightTable, measureSearchDownloads, type SearchDownload } from './search-weight.ts';
import { formatVerifyMarkTable, measureVerifyAndMark, type VerifyMarkTimes } from './verify-mark.ts';
import { astroCliPath } from '../src/build/internals.ts';
import { formatDistKindsTable, measureDistKinds, type DistKindTotals } from './dist-kinds.ts';
import { formatDevServerTable, measureDevServer, type DevPage, type DevServerResult } from './dev-server.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
/** Astro's command, as its package declares it (src/build/internals.ts: throws, naming the package, without one). */
const astroCli = astroCliPath(import.meta.url);
const buildScript = join(projectRoot, 'scripts/build.ts');
const SAMPLE_EVERY_MS = 200;

// ---------------------------------------------------------------- log parsing

/** Milliseconds of a duration as Astro and our integrations print it: `425 ms`, `1.43s`, `2m 5s`. */
export function parseDuration(text: string): number | undefined {
  const minutes = /(\d+)m\s+(\d+)s/.exec(text);
  if (minutes) return (Number(minutes[1]) * 60 + Number(minutes[2])) * 1000;
  const match = /(\d+(?:\.\d+)?)\s*(ms|s)\b/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'ms' ? 1 : 1000);
}

/** The longest duration on the lines of one integration (a total is never shorter than its parts). */
function integrationMs(log: string, label: RegExp): number | undefined {
  let longest: number | undefined;
  for (const line of log.split('\n')) {
    if (!label.test(line)) continue;
    // Durations in parentheses first ("(1262 ms)"), else any duration on the line.
    const inParens = [...line.matchAll(/\(([^()]*\d[^()]*)\)/g)].map((m) => parseDuration(m[1] ?? '')).filter((ms) => ms !== undefined);
    const candidates = inParens.length > 0 ? inParens : [parseDuration(line)].filter((ms) => ms !== undefined);
    for (const ms of candidates) if (longest === undefined || ms > longest) longest = ms;
  }
  return longest;
}

const ROUTE_LINE = /[├└]─\s+(\S+)\s+\(\+([^)]+)\)/;
/** QTD's own tally (src/build/integrations/build-timings.ts): Astro's route times overlap when it renders pages at once. */
const FEEDS_LINE = /\[qtd:feeds\] feeds: (\d+) built in (\d+) ms/;
const FEED_ROUTE = /(?:rss\.xml|feed\.json|atom\.xml)$/;

export interface BuildStages {
  contentCheckMs?: number;
  renderingMs?: number;
  /** QTD: the feeds' own work as QTD tallies it; the baseline (one page at a time): the summed render times of its feed routes. */
  feedsMs?: number;
  feedRoutes: number;
  cardsMs?: number;
  /** How long the build waited for the cards after its pages were done (they draw beside page rendering). */
  cardsWaitMs?: number;
  /** `npm run build`: how long the cards left when the pages were done took, drawn beside the search index. */
  cardsBesideSearchMs?: number;
  searchMs?: number;
  /** Astro's own "N page(s) built in" total. */
  astroTotalMs?: number;
}

export function parseBuildLog(log: string): BuildStages {
  const stages: BuildStages = { feedRoutes: 0 };
  const check = integrationMs(log, /\[qtd-content\] content checked/);
  if (check !== undefined) stages.contentCheckMs = check;
  const routesStart = log.indexOf('generating static routes');
  if (routesStart >= 0) {
    const completed = /✓ Completed in ([^\n]+?)\.?\s*$/m.exec(log.slice(routesStart));
    const ms = completed ? parseDuration(completed[1] ?? '') : undefined;
    if (ms !== undefined) stages.renderingMs = ms;
  }
  const feeds = FEEDS_LINE.exec(log);
  if (feeds) {
    stages.feedRoutes = Number(feeds[1]);
    stages.feedsMs = Number(feeds[2]);
  } else {
    let feedsMs = 0;
    for (const line of log.split('\n')) {
      const route = ROUTE_LINE.exec(line);
      if (!route || !FEED_ROUTE.test(route[1] ?? '')) continue;
      feedsMs += parseDuration(route[2] ?? '') ?? 0;
      stages.feedRoutes++;
    }
    if (stages.feedRoutes > 0) stages.feedsMs = feedsMs;
  }
  const cards = integrationMs(log, /\[qtd:(?:cards|og|share)[^\]]*\]/);
  if (cards !== undefined) stages.cardsMs = cards;
  const cardsWait = /\[qtd:cards\][^\n]*waited (\d+) ms/.exec(log);
  if (cardsWait) stages.cardsWaitMs = Number(cardsWait[1]);
  const cardsBeside = /\[qtd:cards\][^\n]*drawn beside the search index in (\d+) ms/.exec(log);
  if (cardsBeside) stages.cardsBesideSearchMs = Number(cardsBeside[1]);
  const search = integrationMs(log, /\[qtd:search[^\]]*\]/);
  if (search !== undefined) stages.searchMs = search;
  const total = /page\(s\) built in ([^\n]+)/.exec(log);
  const totalMs = total ? parseDuration(total[1] ?? '') : undefined;
  if (totalMs !== undefined) stages.astroTotalMs = totalMs;
  return stages;
}

// ---------------------------------------------------------------- memory of a process tree

interface ProcessInfo {
  ppid: number;
  rssKb: number;
  /** What the process runs, e.g. `node astro.mjs`, `node build.ts`, `pagefind_extended`. */
  name: string;
}

/** A short name for a command line: the program, and for node the script it runs. */
export function processName(argv: readonly string[]): string {
  const base = (path: string | undefined) => (path ?? '').split('/').pop() ?? '';
  const program = base(argv[0]);
  if (program !== 'node') return program;
  if (argv.includes('-e') || argv.includes('--eval')) return 'node -e';
  const script = argv.slice(1).find((arg) => !arg.startsWith('-'));
  return script ? `node ${base(script)}` : 'node';
}

function processTableFromProc(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8')
        .split('\0')
        .filter((arg) => arg !== '');
      table.set(Number(name), { ppid, rssKb, name: processName(argv) });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return table;
}

function processTableFromPs(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>();
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [pid, ppid, rss, ...args] = line.trim().split(/\s+/);
    if (pid === undefined || ppid === undefined || rss === undefined || Number.isNaN(Number(pid))) continue;
    table.set(Number(pid), { ppid: Number(ppid), rssKb: Number(rss), name: processName(args) });
  }
  return table;
}

const processTable = existsSync('/proc/self/status') ? processTableFromProc : processTableFromPs;

/** Resident memory of a process and all its descendants, in kB. */
export function treeRssKb(rootPid: number, table: ReadonlyMap<number, ProcessInfo>): number {
  return rssKbOf(treeProcesses(rootPid, table));
}

function rssKbOf(processes: readonly ProcessInfo[]): number {
  return processes.reduce((sum, process) => sum + process.rssKb, 0);
}

/** The ids of a process and all its descendants. */
export function treePids(rootPid: number, table: ReadonlyMap<number, ProcessInfo>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, info] of table) {
    const list = children.get(info.ppid) ?? [];
    list.push(pid);
    children.set(info.ppid, list);
  }
  const found: number[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    if (table.has(pid)) found.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** A process and all its descendants. */
export function treeProcesses(rootPid: number, table: ReadonlyMap<number, ProcessInfo>): ProcessInfo[] {
  return treePids(rootPid, table).flatMap((pid) => table.get(pid) ?? []);
}

/** The kinds of thread a build's CPU time is told apart by, from the process and the name its runtime gave the thread. */
export const THREAD_KINDS = {
  main: 'JavaScript, main threads',
  markdown: 'QTD’s Markdown workers',
  cards: 'QTD’s card workers',
  citations: 'QTD’s citation-file writer',
  workers: 'other JavaScript worker threads',
  v8: 'V8’s helper threads (garbage collection, compiling)',
  libuv: 'libuv’s pool (files, zlib, hashing)',
  pagefind: 'Pagefind (its own process)',
  other: 'other',
} as const;

export type ThreadKind = (typeof THREAD_KINDS)[keyof typeof THREAD_KINDS];

export function threadKind(processName: string, threadName: string): ThreadKind {
  if (processName.startsWith('pagefind')) return THREAD_KINDS.pagefind;
  if (threadName === 'MainThread') return THREAD_KINDS.main;
  // The names QTD gives its workers (src/markdown/parallel-renderer.ts, src/build/cards/render-cards.ts,
  // src/build/after-astro.ts); Node's default is WorkerThread.
  if (threadName === 'qtd-markdown') return THREAD_KINDS.markdown;
  if (threadName === 'qtd-cards') return THREAD_KINDS.cards;
  if (threadName === 'qtd-citations') return THREAD_KINDS.citations;
  if (threadName === 'WorkerThread') return THREAD_KINDS.workers;
  if (threadName === 'V8Worker') return THREAD_KINDS.v8;
  if (threadName === 'libuv-worker') return THREAD_KINDS.libuv;
  return THREAD_KINDS.other;
}

/**
 * The thread's name and its CPU time so far (user and system, in clock ticks) from a
 * `/proc/<pid>/task/<tid>/stat` line; undefined for a line it cannot read.
 */
export function threadTicks(statLine: string): { name: string; ticks: number } | undefined {
  const close = statLine.lastIndexOf(')');
  const open = statLine.indexOf('(');
  if (open < 0 || close < open) return undefined;
  // utime and stime: fields 14 and 15 of the line; the first after the name is field 3.
  const fields = statLine.slice(close + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? { name: statLine.slice(open + 1, close), ticks } : undefined;
}

/**
 * Records, for every thread of the processes `pids`, its kind and its CPU ticks so far
 * (Linux's /proc; nothing elsewhere). Sampled through a build, the last value seen of
 * each thread adds up to the build's CPU time by kind of thread, short of what a thread
 * did after the last sample.
 */
function sampleThreads(
  pids: readonly number[],
  table: ReadonlyMap<number, ProcessInfo>,
  seen: Map<string, { kind: ThreadKind; ticks: number }>,
): void {
  for (const pid of pids) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    const processName = table.get(pid)?.name ?? '';
    for (const tid of tasks) {
      try {
        const thread = threadTicks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
        if (!thread) continue;
        const key = `${pid}/${tid}`;
        // A process that has exited and is not yet reaped has no command line any more: it keeps the kind it had.
        const kind = (processName === '' ? seen.get(key)?.kind : undefined) ?? threadKind(processName, thread.name);
        seen.set(key, { kind, ticks: thread.ticks });
      } catch {
        // The thread ended between listing and reading.
      }
    }
  }
}

/** CPU seconds by kind of thread, from the last ticks seen of every thread. */
export function cpuByThreadKind(
  seen: ReadonlyMap<string, { kind: ThreadKind; ticks: number }>,
  ticksPerSecond: number,
): Partial<Record<ThreadKind, number>> {
  const byKind: Partial<Record<ThreadKind, number>> = {};
  for (const { kind, ticks } of seen.values()) byKind[kind] = (byKind[kind] ?? 0) + ticks / ticksPerSecond;
  return byKind;
}

// ---------------------------------------------------------------- builds

interface BuildSpec {
  key: string;
  label: string;
  site: 'qtd' | 'baseline';
  cacheDir: string;
  outDir: string;
  fresh: boolean;
  env?: Record<string, string>;
}

export interface BuildResult {
  key: string;
  /** Newest modification time of the site's sources when the build started and ended (see sourcesStamp). */
  sourcesStamps: [number, number];
  label: string;
  site: 'qtd' | 'baseline';
  exitCode: number;
  seconds: number;
  peakRssMb: number;
  /**
   * CPU seconds, user and system, of the whole build: every process and thread of it
   * (undefined where the system does not say). On two cores a build cannot take less
   * wall-clock time than half of this.
   */
  cpuSeconds?: number;
  /** Of those, by kind of thread, as sampled (Linux only; see sampleThreads). */
  cpuByKind?: Partial<Record<ThreadKind, number>>;
  /** The processes of the tree at the moment of the peak, largest first. */
  peakParts: { name: string; rssMb: number }[];
  /** With --runs N: the total seconds of every run, in the order they ran (this result is the median one). */
  runSeconds?: number[];
  pages: number;
  distFiles: number;
  distMb: number;
  stages: BuildStages;
  log: string;
}

/**
 * CPU seconds (user and system) of every child process this one has waited for, from
 * the `cutime` and `cstime` fields of a Linux `/proc/<pid>/stat` line. A child's own
 * waited-for children count in it, so the difference across one build is the build's
 * whole tree, threads included. Undefined for a line it cannot read.
 */
export function childrenCpuSeconds(statLine: string, ticksPerSecond: number): number | undefined {
  // The command name, in parentheses, may hold spaces and parentheses itself: fields start after the last ')'.
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  // Fields 16 and 17 of the line; the first after the name is field 3.
  const [cutime, cstime] = [Number(fields[13]), Number(fields[14])];
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime) || fields.length < 15) return undefined;
  return (cutime + cstime) / ticksPerSecond;
}

/** The kernel's clock ticks a second, in which /proc gives CPU times (100 on Linux unless built otherwise). */
const clockTicks = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** What the children of this process have spent so far, in CPU seconds (undefined without /proc). */
function childrenCpuSoFar(): number | undefined {
  try {
    return childrenCpuSeconds(readFileSync('/proc/self/stat', 'utf8'), clockTicks);
  } catch {
    return undefined;
  }
}

function distStats(dir: string): { pages: number; files: number; bytes: number } {
  if (!existsSync(dir)) return { pages: 0, files: 0, bytes: 0 };
  let pages = 0;
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    if (entry.name.endsWith('.html')) pages++;
  }
  return { pages, files, bytes };
}

/**
 * The newest modification time of the files a build of the site depends on: a warm
 * build after a change of the code is not warm, and the report says so.
 */
export function sourcesStamp(site: 'qtd' | 'baseline'): number {
  const roots =
    site === 'qtd' ? ['astro.config.mjs', 'src', 'public', 'scripts/build.ts'] : ['bench/baseline/astro.config.mjs', 'bench/baseline/src'];
  let newest = 0;
  for (const name of roots) {
    const path = join(projectRoot, name);
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) continue;
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Waits until the disk has written what is pending (`sync`). Deleting a previous run's
 * output (1.7 GB in ~80,000 files at 10,000 quotes) returns at once, but the file system
 * then frees and discards those blocks (this machine's root is mounted with `discard`)
 * while the next build writes. In two series without this, the cold build that followed
 * such a deletion took 124–137 s against 107 s for the first of the series; with it, this
 * machine's own variance remains (108–122 s in one series), but the bench's cleanup is no
 * longer timed as part of the next build, whichever site it deleted.
 */
export function settleDisk(): void {
  if (process.platform === 'win32') return;
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No `sync` command: the builds are timed as they come.
  }
}

async function runBuild(spec: BuildSpec, contentDir: string, logDir: string, logName = spec.key): Promise<BuildResult> {
  const stamp = sourcesStamp(spec.site);
  if (spec.fresh) {
    await rm(spec.cacheDir, { recursive: true, force: true });
    await rm(spec.outDir, { recursive: true, force: true });
  }
  // Every build starts on a quiet disk: nothing left to write from the cleanup or the build before.
  settleDisk();
  // QTD is built as `npm run build` builds it (scripts/build.ts: Astro, then the search
  // index once Astro has exited); the baseline by a plain `astro build`.
  const args =
    spec.site === 'baseline'
      ? [astroCli, 'build', '--root', 'bench/baseline', '--outDir', spec.outDir]
      : [buildScript, '--outDir', spec.outDir];
  const logPath = join(logDir, `${logName}.log`);
  const logFile = createWriteStream(logPath);
  let log = '';
  let peakKb = 0;
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      CONTENT_DIR: contentDir,
      BUILD_DATE: BENCH_BUILD_DATE,
      QTD_CACHE_DIR: spec.cacheDir,
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...spec.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cpuBefore = childrenCpuSoFar();
  const threadsReadable = existsSync('/proc/self/task');
  const threadsSeen = new Map<string, { kind: ThreadKind; ticks: number }>();
  let peakParts: ProcessInfo[] = [];
  const sample = (): void => {
    if (child.pid === undefined) return;
    try {
      const table = processTable();
      const pids = treePids(child.pid, table);
      if (threadsReadable) sampleThreads(pids, table, threadsSeen);
      const processes = pids.flatMap((pid) => table.get(pid) ?? []);
      const totalKb = rssKbOf(processes);
      if (totalKb > peakKb) {
        peakKb = totalKb;
        peakParts = processes;
      }
    } catch {
      // A sample lost to a race with the process ending is no loss.
    }
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  const collect = (chunk: Buffer): void => {
    log += chunk.toString();
    logFile.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exitCode = await new Promise<number>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSoFar();
  await new Promise((resolveEnd) => logFile.end(resolveEnd));
  const dist = distStats(spec.outDir);
  return {
    key: spec.key,
    sourcesStamps: [stamp, sourcesStamp(spec.site)],
    label: spec.label,
    site: spec.site,
    exitCode,
    seconds,
    peakRssMb: peakKb / 1024,
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuSeconds: cpuAfter - cpuBefore } : {}),
    ...(threadsSeen.size > 0 ? { cpuByKind: cpuByThreadKind(threadsSeen, clockTicks) } : {}),
    peakParts: peakParts
      .filter((part) => part.rssKb > 0)
      .sort((a, b) => b.rssKb - a.rssKb)
      .map((part) => ({ name: part.name, rssMb: Math.round(part.rssKb / 1024) })),
    pages: dist.pages,
    distFiles: dist.files,
    distMb: dist.bytes / 1024 / 1024,
    stages: parseBuildLog(log),
    log: relative(projectRoot, logPath),
  };
}

/** Appends a sentence to a quote's commentary; returns the original text to put back. */
async function editCommentary(file: string, run: number): Promise<string> {
  const original = await readFile(file, 'utf8');
  // Another sentence in every run: an edit the caches have seen would not be an edit.
  await writeFile(file, `${original.trimEnd()} An editor added this sentence to measure a rebuild after one change (run ${run}).\n`);
  return original;
}

/**
 * One result per build from several runs of it: the run of median total time (the
 * lower of the two middle ones for an even count), with its stages, so that the
 * figures of a row come from one build; but the highest peak of memory of all runs,
 * as a limit must hold in every build.
 */
export function medianRuns(results: readonly BuildResult[]): BuildResult[] {
  const keys = [...new Set(results.map((r) => r.key))];
  return keys.map((key) => {
    const runs = results.filter((r) => r.key === key);
    const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] as BuildResult;
    const highest = runs.reduce((top, r) => (r.peakRssMb > top.peakRssMb ? r : top));
    const failed = runs.find((r) => r.exitCode !== 0);
    return {
      ...median,
      exitCode: failed ? failed.exitCode : median.exitCode,
      log: failed ? failed.log : median.log,
      peakRssMb: highest.peakRssMb,
      peakParts: highest.peakParts,
      runSeconds: runs.map((r) => r.seconds),
      sourcesStamps: [Math.min(...runs.map((r) => r.sourcesStamps[0])), Math.max(...runs.map((r) => r.sourcesStamps[1]))],
    };
  });
}

// ---------------------------------------------------------------- tables

function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : (ms / 1000).toFixed(1);
}

function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

/** The cards' time after the pages: waited for, or spent beside the search index. */
function cardsAfterPages(stages: BuildStages): string {
  if (stages.cardsWaitMs !== undefined) return ` (waited ${seconds(stages.cardsWaitMs)})`;
  if (stages.cardsBesideSearchMs !== undefined) return ` (${seconds(stages.cardsBesideSearchMs)} beside the search index)`;
  return '';
}

/** "121.0 (1.87)": the build's CPU seconds, and how many cores that kept busy on average. */
function cpuCell(result: BuildResult): string {
  if (result.cpuSeconds === undefined) return '–';
  return `${fixed(result.cpuSeconds)} (${fixed(result.cpuSeconds / result.seconds, 2)})`;
}

export function formatBuildTable(results: readonly BuildResult[]): string {
  const lines = [
    '| build | pages | total s | CPU s (cores busy) | content pass s | rendering s | feeds s | share images s (waited for, or beside the search index) | search index s | pages/s | peak MB | dist MB | dist files |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of results) {
    const feeds = r.stages.feedsMs !== undefined ? seconds(r.stages.feedsMs) : 'in rendering';
    const failed = r.exitCode === 0 ? '' : ` (FAILED, exit ${r.exitCode}: see ${r.log})`;
    lines.push(
      `| ${r.label}${failed} | ${r.pages} | ${fixed(r.seconds)} | ${cpuCell(r)} | ${seconds(r.stages.contentCheckMs)} | ${seconds(r.stages.renderingMs)} | ${feeds} | ${seconds(r.stages.cardsMs)}${cardsAfterPages(r.stages)} | ${seconds(r.stages.searchMs)} | ${fixed(r.pages / r.seconds)} | ${Math.round(r.peakRssMb)} | ${fixed(r.distMb)} | ${r.distFiles} |`,
    );
  }
  return lines.join('\n');
}

/** With --runs N: how far the runs of each build lay apart. */
export function formatRunSpread(results: readonly BuildResult[], runs: number): string {
  const lines = [
    `Each build ran ${runs} times; a row is the run of median total time, its peak the highest of all runs. Totals of the runs (s):`,
  ];
  for (const r of results) {
    if (!r.runSeconds) continue;
    lines.push(`- ${r.label}: ${r.runSeconds.map((seconds) => seconds.toFixed(1)).join(', ')}`);
  }
  return lines.join('\n');
}

/** The CPU-by-thread table with its explanation, or nothing where threads could not be sampled. */
function cpuByKindSection(results: readonly BuildResult[]): string[] {
  const table = formatCpuByKindTable(results);
  if (!table) return [];
  return [
    '',
    table,
    '',
    'Where each build’s CPU time went, by the name the runtime gives each thread (Linux’s `/proc/<pid>/task`, sampled every 200 ms, so a little short of the CPU column): JavaScript’s main threads (Astro’s, and the build script’s after it), QTD’s Markdown workers (the content pass) and card workers (the share cards), other worker threads, V8’s helpers (mostly garbage collection), libuv’s pool (file reads and writes, compression, hashing), Pagefind.',
  ];
}

/**
 * CPU seconds by kind of thread, one column per build (of the median runs), the kinds in
 * THREAD_KINDS' order; "–" for a kind a build had no thread of. Empty without samples.
 */
export function formatCpuByKindTable(results: readonly BuildResult[]): string {
  const sampled = results.filter((r) => r.cpuByKind !== undefined);
  if (sampled.length === 0) return '';
  const lines = [`| CPU s by thread | ${sampled.map((r) => r.label).join(' | ')} |`, `|---|${sampled.map(() => '--:|').join('')}`];
  for (const kind of Object.values(THREAD_KINDS)) {
    if (!sampled.some((r) => r.cpuByKind?.[kind] !== undefined)) continue;
    lines.push(`| ${kind} | ${sampled.map((r) => (r.cpuByKind?.[kind] === undefined ? '–' : fixed(r.cpuByKind[kind]))).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** What made up each build's peak: "QTD, cold: 1,706 MB node astro.mjs + 84 MB node build.ts". */
export function formatPeakParts(results: readonly BuildResult[]): string {
  const lines = ['At the peak (MB of each process of the tree):'];
  for (const r of results) {
    if (r.peakParts.length === 0) continue;
    lines.push(`- ${r.label}: ${r.peakParts.map((part) => `${part.rssMb.toLocaleString('en-US')} ${part.name}`).join(' + ')}`);
  }
  return lines.join('\n');
}

export interface Ratio {
  label: string;
  /** Of the median runs. */
  time: number;
  /**
   * With several runs: the time ratio within each run (round) of the whole sequence. The
   * two builds of a round ran minutes apart, so a slow spell of the machine weighs on both
   * more often than on the medians of different rounds.
   */
  timeByRun?: number[];
  memory: number;
  distSize: number;
}

export function ratio(label: string, a: BuildResult | undefined, b: BuildResult | undefined): Ratio | undefined {
  if (!a || !b || a.exitCode !== 0 || b.exitCode !== 0) return undefined;
  const result: Ratio = { label, time: a.seconds / b.seconds, memory: a.peakRssMb / b.peakRssMb, distSize: a.distMb / b.distMb };
  const runsA = a.runSeconds;
  const runsB = b.runSeconds;
  if (runsA && runsB && runsA.length > 1 && runsA.length === runsB.length)
    result.timeByRun = runsA.map((seconds, index) => seconds / (runsB[index] ?? Number.NaN));
  return result;
}

export function formatRatioTable(ratios: readonly Ratio[]): string {
  const byRun = ratios.some((r) => r.timeByRun);
  const lines = byRun
    ? ['| ratio | time (median runs) | time in each run | peak memory | dist size |', '|---|--:|--:|--:|--:|']
    : ['| ratio | time | peak memory | dist size |', '|---|--:|--:|--:|'];
  for (const r of ratios) {
    const eachRun = byRun ? ` ${r.timeByRun ? r.timeByRun.map((value) => `${fixed(value, 2)}×`).join(', ') : '–'} |` : '';
    lines.push(`| ${r.label} | ${fixed(r.time, 2)}× |${eachRun} ${fixed(r.memory, 2)}× | ${fixed(r.distSize, 2)}× |`);
  }
  return lines.join('\n');
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  astro: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews the times. */
  loadAverage: number;
}

function machineInfo(): MachineInfo {
  const astroPackage = JSON.parse(readFileSync(join(projectRoot, 'node_modules/astro/package.json'), 'utf8')) as { version: string };
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    astro: astroPackage.version,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

// ---------------------------------------------------------------- main

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quotes = Number(option(args, '--quotes') ?? '10000');
  const seed = option(args, '--seed') ?? 'qtd';
  const keep = args.includes('--keep');
  const runs = Number(option(args, '--runs') ?? '1');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
  if (!Number.isInteger(quotes) || quotes < 20) throw new Error('--quotes must be a whole number of at least 20');

  const work = join(projectRoot, '.tmp/bench', String(quotes));
  const contentDir = relative(projectRoot, join(work, 'content'));
  const logDir = join(work, 'logs');
  await mkdir(logDir, { recursive: true });
  const machine = machineInfo();

  progress(`generating ${quotes} quotes (seed ${seed}) into ${contentDir}`);
  const generationStarted = performance.now();
  const corpus: CorpusSummary = await generateCorpus({ quotes, seed, outDir: join(work, 'content') });
  const generationSeconds = (performance.now() - generationStarted) / 1000;

  const dir = (name: string) => join(work, name);
  const qtd = { site: 'qtd' as const, cacheDir: dir('cache-qtd'), outDir: dir('dist-qtd') };
  const satteri = { site: 'baseline' as const, cacheDir: dir('cache-baseline'), outDir: dir('dist-baseline') };
  const unifiedSite = {
    site: 'baseline' as const,
    cacheDir: dir('cache-unified'),
    outDir: dir('dist-unified'),
    env: { BASELINE_MARKDOWN: 'unified' },
  };
  const specs: (BuildSpec & { edit?: boolean })[] = [
    { key: 'qtd-cold', label: 'QTD, cold', fresh: true, ...qtd },
    { key: 'qtd-warm', label: 'QTD, warm', fresh: false, ...qtd },
    { key: 'qtd-edit', label: 'QTD, warm, one commentary edited', fresh: false, edit: true, ...qtd },
    { key: 'baseline-cold', label: 'baseline (Sätteri), cold', fresh: true, ...satteri },
    { key: 'baseline-warm', label: 'baseline (Sätteri), warm', fresh: false, ...satteri },
    { key: 'unified-cold', label: 'baseline (unified()), cold', fresh: true, ...unifiedSite },
    { key: 'unified-warm', label: 'baseline (unified()), warm', fresh: false, ...unifiedSite },
  ];

  const allRuns: BuildResult[] = [];
  // The whole sequence again in each run (cold builds start from empty caches), so that every
  // run's warm build follows its own cold one.
  for (let run = 1; run <= runs; run++) {
    for (const spec of specs) {
      const name = runs > 1 ? `${spec.key} (run ${run} of ${runs})` : spec.key;
      progress(`build ${name} …`);
      const edited = join(work, 'content/quotes', `${corpus.editableQuoteId}.md`);
      const original = spec.edit ? await editCommentary(edited, run) : undefined;
      try {
        const result = await runBuild(spec, contentDir, logDir, runs > 1 ? `${spec.key}-run${run}` : spec.key);
        allRuns.push(result);
        progress(
          `build ${name}: exit ${result.exitCode}, ${result.seconds.toFixed(1)} s, ${result.pages} pages, peak ${Math.round(result.peakRssMb)} MB`,
        );
      } finally {
        // The baseline builds read the corpus as generated.
        if (original !== undefined) await writeFile(edited, original);
      }
    }
  }
  const results = medianRuns(allRuns);

  const byKey = (key: string) => results.find((r) => r.key === key);
  // Builds of one site share a cache: a change of its code before or during one makes the next one colder.
  const changedDuringRun = (['qtd', 'baseline'] as const).filter(
    (site) => new Set(results.filter((r) => r.site === site).flatMap((r) => r.sourcesStamps)).size > 1,
  );
  const changeWarning = changedDuringRun.map(
    (site) =>
      `**Warning:** the ${site === 'qtd' ? 'site’s' : 'baseline’s'} code changed while the benchmark ran; its warm builds may have run cold. Run it again on a quiet tree.`,
  );
  const ratios = [
    ratio('QTD warm / baseline warm', byKey('qtd-warm'), byKey('baseline-warm')),
    ratio('QTD cold / baseline cold', byKey('qtd-cold'), byKey('baseline-cold')),
    ratio('QTD warm after one edit / QTD warm', byKey('qtd-edit'), byKey('qtd-warm')),
    ratio('baseline unified() / Sätteri, warm', byKey('unified-warm'), byKey('baseline-warm')),
    ratio('baseline unified() / Sätteri, cold', byKey('unified-cold'), byKey('baseline-cold')),
  ].filter((r): r is Ratio => r !== undefined);

  // Quote verification and marking, timed apart from the build (bench/verify-mark.ts).
  let verifyMark: VerifyMarkTimes | undefined;
  progress('quote verification and marking …');
  try {
    verifyMark = await measureVerifyAndMark(projectRoot, contentDir);
  } catch (error) {
    progress(`quote verification and marking: ${(error as Error).message}`);
  }

  const weights: { label: string; weight: PageWeight }[] = [];
  if (byKey('qtd-cold')?.exitCode === 0 || byKey('qtd-edit')?.exitCode === 0) {
    const pages = [
      { label: 'home', page: '/' },
      { label: 'quote', page: `/quotes/${corpus.todaysQuoteId}/` },
      { label: 'article', page: `/articles/${corpus.todaysArticleId}/` },
      { label: 'list (quotes, page 1)', page: '/quotes/' },
    ];
    for (const { label, page } of pages) {
      try {
        weights.push({ label, weight: measurePage(qtd.outDir, page) });
      } catch (error) {
        progress(`page weight of ${page}: ${(error as Error).message}`);
      }
    }
  }

  // ---- the preview (bench/dev-server.ts): `astro dev` on the same corpus, QTD and the baseline
  const devPages: DevPage[] = [
    { label: 'home', path: '/' },
    { label: 'quote', path: `/quotes/${corpus.todaysQuoteId}/` },
    { label: 'article', path: `/articles/${corpus.todaysArticleId}/` },
    { label: 'list (quotes, page 3)', path: '/quotes/page/3/' },
  ];
  const devServers: DevServerResult[] = [];
  if (!args.includes('--no-dev')) {
    const edited = join(work, 'content/quotes', `${corpus.editableQuoteId}.md`);
    const servers = [
      { site: 'QTD (`npm run dev`)', args: [astroCli, 'dev'], cacheDir: dir('cache-dev-qtd') },
      { site: 'baseline (Sätteri)', args: [astroCli, 'dev', '--root', 'bench/baseline'], cacheDir: dir('cache-dev-baseline') },
    ];
    for (const server of servers) {
      progress(`dev server, ${server.site} …`);
      await rm(server.cacheDir, { recursive: true, force: true });
      settleDisk();
      const result = await measureDevServer({
        site: server.site,
        args: server.args,
        cwd: projectRoot,
        env: {
          CONTENT_DIR: contentDir,
          BUILD_DATE: BENCH_BUILD_DATE,
          QTD_CACHE_DIR: server.cacheDir,
          ASTRO_TELEMETRY_DISABLED: '1',
          NO_COLOR: '1',
          FORCE_COLOR: '0',
        },
        pages: devPages,
        edit: { file: edited, path: `/quotes/${corpus.editableQuoteId}/` },
        treeRssKb: (pid) => treeRssKb(pid, processTable()),
      });
      await writeFile(join(logDir, `dev-${server.site.startsWith('QTD') ? 'qtd' : 'baseline'}.log`), result.log);
      devServers.push({ ...result, log: '' });
      progress(
        `dev server, ${server.site}: ready ${result.ready?.toFixed(1) ?? '–'} s (again ${result.readyAgain?.toFixed(1) ?? '–'} s), peak ${Math.round(result.peakRssMb)} MB${result.failure ? `, ${result.failure}` : ''}`,
      );
      await rm(server.cacheDir, { recursive: true, force: true });
    }
  }

  // ---- what the host stores (bench/dist-kinds.ts): the last QTD build's dist/ beside the baseline's
  let distKinds: { qtd: DistKindTotals[]; baseline?: DistKindTotals[] } | undefined;
  if (existsSync(qtd.outDir)) {
    distKinds = { qtd: measureDistKinds(qtd.outDir) };
    if (existsSync(satteri.outDir)) distKinds.baseline = measureDistKinds(satteri.outDir);
  }

  // ---- search download (bench/search-weight.ts): what a first search fetches, in headless Chromium
  let searchDownloads: SearchDownload[] = [];
  if (weights.length > 0) {
    progress('search download …');
    try {
      searchDownloads = await measureSearchDownloads(qtd.outDir);
    } catch (error) {
      progress(`search download: ${(error as Error).message}`);
    }
  }
  // ---- end of search download

  const report = [
    `## QTD scale benchmark: ${quotes.toLocaleString('en-US')} quotes`,
    '',
    `Corpus (seed \`${seed}\`, generated in ${generationSeconds.toFixed(1)} s): ${corpus.quotes} quotes (${corpus.elidedQuotes} with an elision, ${corpus.rightToLeftQuotes} right-to-left, ${corpus.scheduledQuotes} scheduled), ${corpus.articles} articles, ${corpus.people} people, ${corpus.tags} tags; ${corpus.files} files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB. BUILD_DATE=${BENCH_BUILD_DATE}.`,
    '',
    '### Builds',
    '',
    formatBuildTable(results),
    '',
    ...changeWarning.flatMap((line) => [line, '']),
    'Total: wall-clock seconds of the build (QTD: `npm run build`’s `scripts/build.ts`, Astro then the search index; the baselines: `astro build`). CPU: user and system seconds of every process and thread of the build (Linux’s `/proc`), and in parentheses that divided by the total, the cores it kept busy on average: on two cores a build takes at least half its CPU seconds. Peak: resident memory of the whole process tree, sampled every 200 ms. Content pass: QTD’s `[qtd-content] content checked` line, from the start of reading until every entry is read, rendered and verified (it overlaps Vite’s start). Rendering: Astro’s “generating static routes … Completed in”. Feeds (part of rendering): QTD, the feeds’ own work as its `[qtd:feeds]` line sums it (Astro renders 8 pages at once, so its route times overlap); the baselines, one page at a time, the summed render times of their feed routes. “–”: no such stage or no log line for it.',
    ...(runs > 1 ? ['', formatRunSpread(results, runs)] : []),
    '',
    formatPeakParts(results),
    ...cpuByKindSection(results),
    '',
    '### Ratios',
    '',
    formatRatioTable(ratios),
    '',
    '### Quote verification and marking (QTD’s own code, timed apart from the build)',
    '',
    verifyMark ? formatVerifyMarkTable(verifyMark, byKey('qtd-cold')?.seconds, byKey('qtd-warm')?.seconds) : '(not measured)',
    '',
    '### Page weight (QTD, gzip level 9, first visit)',
    '',
    weights.length > 0 ? formatPageWeightTable(weights) : '(no QTD build to measure)',
    '',
    '### The preview (`astro dev`, whole page in seconds)',
    '',
    devServers.length > 0 ? formatDevServerTable(devServers, devPages) : '(not measured: --no-dev)',
    '',
    'Ready: from the start of `astro dev` to its “ready” line. A page is requested twice; “first bytes” when the page went on streaming after them. After an edit: from writing one quote’s file until its page shows the new sentence. Peak: resident memory of the server’s process tree.',
    '',
    '### What the host stores (`dist/` by kind of output; baseline: Sätteri)',
    '',
    distKinds ? formatDistKindsTable(distKinds.qtd, corpus.quotes, distKinds.baseline) : '(no build to measure)',
    '',
    '### Search download (QTD, first search, empty cache; Pagefind’s files only)',
    '',
    searchDownloads.length > 0 ? formatSearchWeightTable(searchDownloads) : '(not measured)',
    '',
    '### Machine',
    '',
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}, Astro ${machine.astro}; load average ${machine.loadAverage} at the start, ${(Math.round((os.loadavg()[0] ?? 0) * 100) / 100).toString()} at the end`,
    '',
  ].join('\n');
  process.stdout.write(`${report}\n`);

  const resultsPath = join(projectRoot, '.tmp/bench', `results-${quotes}.json`);
  await writeFile(
    resultsPath,
    `${JSON.stringify({ quotes, seed, buildDate: BENCH_BUILD_DATE, machine, corpus, generationSeconds, runs, builds: results, ratios, verifyMark, pageWeight: weights, devServers, distKinds, searchDownload: searchDownloads, codeChangedDuringRun: changedDuringRun }, null, 2)}\n`,
  );
  progress(`results written to ${relative(projectRoot, resultsPath)}; logs in ${relative(projectRoot, logDir)}`);

  if (!keep) {
    for (const name of ['content', 'dist-qtd', 'dist-baseline', 'dist-unified', 'cache-qtd', 'cache-baseline', 'cache-unified']) {
      await rm(dir(name), { recursive: true, force: true });
    }
  }
  if (results.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
