/**
 * `astro dev` never shows a page built from content that failed its checks: a quote that
 * is not in its article, and a quote whose article has a problem (which would read
 * "Source text not in the archive"), answer with the problems, their file, line, field
 * and fix, until the files are fixed; the other pages are served as usual.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outRoot, projectRoot, TEST_BUILD_DATE } from '../support/sites.ts';

const FIXTURE = join(projectRoot, 'tests/fixtures/sites/archive');
const CONTENT_DIR = 'tests/.out/dev-preview/content';
const CONTENT = join(projectRoot, CONTENT_DIR);
const MISQUOTE = 'quotes/quote-emphasis.md';
const BROKEN_ARTICLE = 'articles/fixture-excerpt-article.md';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let child: ChildProcess | undefined;
let origin = '';
let output = '';

async function page(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}${path}`, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  rmSync(join(projectRoot, 'tests/.out/dev-preview'), { recursive: true, force: true });
  mkdirSync(CONTENT, { recursive: true });
  cpSync(FIXTURE, CONTENT, { recursive: true });
  const misquote = join(CONTENT, MISQUOTE);
  writeFileSync(
    misquote,
    readFileSync(misquote, 'utf8').replace('Courage is the first of the virtues', 'Courage is the last of the virtues'),
  );
  const article = join(CONTENT, BROKEN_ARTICLE);
  writeFileSync(article, readFileSync(article, 'utf8').replace('published: 2024-02-28T18:00:00Z', 'published: 2024-02-28T18:00:00'));

  const port = await freePort();
  // Astro's dev server does not serve its pages when it believes Vitest runs it (VITEST is set).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  child = spawn(join(projectRoot, 'node_modules/.bin/astro'), ['dev', '--port', String(port), '--ignore-lock'], {
    cwd: projectRoot,
    env: {
      ...inherited,
      NODE_ENV: 'development',
      TZ: 'UTC',
      BUILD_DATE: TEST_BUILD_DATE,
      CONTENT_DIR,
      QTD_CACHE_DIR: join(outRoot, 'dev-preview/cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  origin = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro dev exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    const home = await fetch(`${origin}/`).catch(() => undefined);
    if (home?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`astro dev did not answer:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('the preview of content with problems', () => {
  it('answers a quote that is not in its article with the problem, never with the quote page', async () => {
    const { status, text } = await page('/quotes/quote-emphasis/');
    expect(status).toBe(500);
    expect(text).toContain('/quotes/quote-emphasis/ is not shown: its content has a problem');
    expect(text).toContain(`✖ ${CONTENT_DIR}/${MISQUOTE}:2\n  text: is not`);
    expect(text).toContain('Fix: ');
    expect(text).not.toContain('Verified');
    expect(text).not.toMatch(/^\s{4}at /m);
  });

  it('answers a quote whose article has a problem with that problem, not "Source text not in the archive"', async () => {
    for (const path of ['/quotes/quote-excerpt/', '/articles/fixture-excerpt-article/']) {
      const { status, text } = await page(path);
      expect(status, path).toBe(500);
      expect(text).toContain(`✖ ${CONTENT_DIR}/${BROKEN_ARTICLE}:5\n  published: `);
      expect(text).not.toContain('Source text not in the archive');
    }
  });

  it('serves the pages that do not depend on the problems, and logs the same report', async () => {
    expect((await page('/quotes/quote-short/')).status).toBe(200);
    expect((await page('/articles/fixture-article-one/')).status).toBe(200);
    expect(output).toContain(
      'QTD found 2 problems in the content; the preview shows this report on the pages of the entries that have them.',
    );
  });

  it('serves the quote again once its file is fixed', async () => {
    const misquote = join(CONTENT, MISQUOTE);
    writeFileSync(
      misquote,
      readFileSync(misquote, 'utf8').replace('Courage is the last of the virtues', 'Courage is the first of the virtues'),
    );
    const deadline = Date.now() + 60_000;
    let last = await page('/quotes/quote-emphasis/');
    while (last.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      last = await page('/quotes/quote-emphasis/');
    }
    expect(last.status).toBe(200);
    expect(last.text).toContain('Verified');
    expect((await page('/quotes/quote-excerpt/')).status).toBe(500);
  });
});
