/**
 * The curator's preview at scale: starts `astro dev` on a corpus, as `npm run dev`
 * does, and times what a curator waits for. How long the server takes to be ready;
 * each of four kinds of page (home, a quote, an article, a page of the quotes list)
 * requested twice, the first bytes and the whole page; a page after one quote's file is
 * edited (from the write until the page shows the edit); the peak memory of the
 * server's whole process tree; and how long the server takes to be ready again when it is
 * restarted, as a curator restarts the preview each day. The same for the plain Astro
 * baseline (`bench/baseline/`).
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { freePort } from '../tests/support/dev-server.ts';

export interface DevPage {
  label: string;
  path: string;
}

export interface DevRequest {
  label: string;
  path: string;
  /** Seconds to the response's headers and to its last byte, or undefined when it failed. */
  firstByte?: number;
  whole?: number;
  status?: number;
}

export interface DevServerResult {
  site: string;
  /** Seconds from the start of `astro dev` to its "ready" line, or undefined if it never came. */
  ready?: number;
  /**
   * The same, when the server is started again on the same port once the first has stopped:
   * a curator's restart, with the caches and content store the first run left.
   */
  readyAgain?: number;
  /** Each page twice, in order: the first request, then the second. */
  requests: DevRequest[];
  /** Seconds from writing the edit until the quote page showed it, or undefined if it did not within the time allowed. */
  afterEdit?: number;
  peakRssMb: number;
  /** Why the measurement stopped early, if it did. */
  failure?: string;
  /** The server's output, for the log. */
  log: string;
}

export interface DevServerSpec {
  site: string;
  /** The command: the node binary's arguments (Astro's CLI, `dev`, options). */
  args: string[];
  cwd: string;
  env: Record<string, string>;
  pages: DevPage[];
  /** The quote file to edit and the path of its page. */
  edit: { file: string; path: string };
  /** Resident memory of a process tree, in kB (bench/run.ts samples the same way for builds). */
  treeRssKb: (pid: number) => number;
  /** Longest wait for the server, a page or the edit, in seconds. */
  timeoutSeconds?: number;
}

/** True once the dev server's output says that it listens: Astro prints "ready in" and its local address. */
export function isReadyLine(output: string): boolean {
  return /\bready in\b/i.test(output) || /Local\s+http:\/\//.test(output);
}

async function timedRequest(
  url: string,
  timeoutSeconds: number,
): Promise<{ firstByte: number; whole: number; status: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutSeconds * 1000), headers: { 'cache-control': 'no-cache' } });
  const firstByte = (performance.now() - started) / 1000;
  const body = await response.text();
  return { firstByte, whole: (performance.now() - started) / 1000, status: response.status, body };
}

/** The sentence the edit adds: unique to the run, so that no cache can already hold it. */
export function editMarker(): string {
  return `A curator edited this commentary at ${Date.now()} to time the preview.`;
}

interface RunningServer {
  /** Resolves with the seconds from the start to the "ready" line; rejects when the server exits or times out first. */
  ready: Promise<number>;
  log: () => string;
  /** The peak memory of the process tree so far, in kB. */
  peakKb: () => number;
  stop: () => Promise<void>;
}

/** Starts `astro dev` on the port, sampling its memory, and watches its output for the "ready" line. */
function startServer(spec: DevServerSpec, port: number, timeout: number): RunningServer {
  const started = performance.now();
  const child = spawn(process.execPath, [...spec.args, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  let peakKb = 0;
  const sample = (): void => {
    if (child.pid === undefined) return;
    try {
      peakKb = Math.max(peakKb, spec.treeRssKb(child.pid));
    } catch {
      // A sample lost to a race with a process ending is no loss.
    }
  };
  const sampler = setInterval(sample, 200);
  let readyAt: number | undefined;
  const ready = new Promise<number>((resolveReady, rejectReady) => {
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (readyAt === undefined && isReadyLine(log)) {
        readyAt = performance.now();
        resolveReady((readyAt - started) / 1000);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rejectReady(new Error(`the dev server exited (code ${code}) before it was ready`)));
    setTimeout(() => rejectReady(new Error(`the dev server was not ready within ${timeout} s`)), timeout * 1000).unref();
  });
  const stop = async (): Promise<void> => {
    clearInterval(sampler);
    sample();
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await Promise.race([exited, new Promise((wait) => setTimeout(wait, 5000))]);
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  return { ready, log: () => log, peakKb: () => peakKb, stop };
}

export async function measureDevServer(spec: DevServerSpec): Promise<DevServerResult> {
  const timeout = spec.timeoutSeconds ?? 180;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(spec, port, timeout);

  const result: DevServerResult = { site: spec.site, requests: [], peakRssMb: 0, log: '' };
  const original = await readFile(spec.edit.file, 'utf8');
  try {
    result.ready = await server.ready;
    for (const round of [1, 2]) {
      for (const page of spec.pages) {
        const request: DevRequest = { label: `${page.label} (${round === 1 ? 'first' : 'second'})`, path: page.path };
        try {
          const { firstByte, whole, status } = await timedRequest(`${base}${page.path}`, timeout);
          Object.assign(request, { firstByte, whole, status });
        } catch (error) {
          result.failure ??= `${page.path}: ${(error as Error).message}`;
        }
        result.requests.push(request);
      }
    }
    // One quote's commentary edited: the time until its page shows the edit.
    const marker = editMarker();
    const editedAt = performance.now();
    await writeFile(spec.edit.file, `${original.trimEnd()}\n\n${marker}\n`);
    while ((performance.now() - editedAt) / 1000 < timeout) {
      try {
        const { body } = await timedRequest(`${base}${spec.edit.path}`, timeout);
        if (body.includes(marker)) {
          result.afterEdit = (performance.now() - editedAt) / 1000;
          break;
        }
      } catch {
        // The server may refuse while it reloads the content: ask again.
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
    if (result.afterEdit === undefined) result.failure ??= `the edit did not show on ${spec.edit.path} within ${timeout} s`;
  } catch (error) {
    result.failure = (error as Error).message;
  } finally {
    await writeFile(spec.edit.file, original);
    await server.stop();
  }
  result.peakRssMb = server.peakKb() / 1024;
  let log = server.log();
  if (result.ready !== undefined) {
    // Started again on the same port (a port of its own would give Astro another config and so an empty store).
    const again = startServer(spec, port, timeout);
    try {
      result.readyAgain = await again.ready;
    } catch (error) {
      result.failure ??= `restarted: ${(error as Error).message}`;
    } finally {
      await again.stop();
      log += `\n---- started again ----\n${again.log()}`;
    }
  }
  result.log = log;
  return result;
}

function secondsCell(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(2);
}

/**
 * The table: a row per site; the time to ready, first and on a restart; for each page its first and second request (whole page,
 * in seconds, with the first bytes of a first request in brackets when they came
 * much earlier), then the edit and the peak.
 */
export function formatDevServerTable(results: readonly DevServerResult[], pages: readonly DevPage[]): string {
  const header = [
    'server',
    'ready s',
    'ready again s',
    ...pages.map((page) => `${page.label} s (1st / 2nd)`),
    'after an edit s',
    'peak MB',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|---|${header
      .slice(1)
      .map(() => '--:')
      .join('|')}|`,
  ];
  for (const result of results) {
    const cells = [
      result.failure ? `${result.site} (${result.failure})` : result.site,
      secondsCell(result.ready),
      secondsCell(result.readyAgain),
    ];
    for (const page of pages) {
      const [first, second] = result.requests.filter((request) => request.path === page.path);
      const firstBytes =
        first?.firstByte !== undefined && first.whole !== undefined && first.whole - first.firstByte > 0.5
          ? ` (first bytes ${secondsCell(first.firstByte)})`
          : '';
      const failed = [first, second].some((request) => request?.status !== undefined && request.status !== 200) ? ' (not 200)' : '';
      cells.push(`${secondsCell(first?.whole)}${firstBytes} / ${secondsCell(second?.whole)}${failed}`);
    }
    cells.push(secondsCell(result.afterEdit), String(Math.round(result.peakRssMb)));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
