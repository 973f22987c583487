/**
 * `astro dev` follows the redirects of the content as the built site does: an old page
 * URL (content/redirects.yaml, a tag's renamedFrom) answers with a 301 to its new place,
 * under the base path, an accented one and one to another site included. What Astro
 * cannot serve as the build does (a file such as /old/feed.xml) is named in the log and
 * left to the build; a malformed entry is reported without stopping the server; a change
 * to redirects.yaml is served after the restart it causes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outRoot, projectRoot, TEST_BUILD_DATE } from '../support/sites.ts';

const astroBin = join(projectRoot, 'node_modules/.bin/astro');
const FIXTURE = join(projectRoot, 'tests/fixtures/sites/archive');

/** The fixture's redirects and renamed tag, and more: an accented old URL, another site, a file, a malformed entry. */
const REDIRECTS = `${readFileSync(join(FIXTURE, 'redirects.yaml'), 'utf8')}
- from: /quotes/café/
  to: /quotes/quote-short/
- from: /elsewhere/
  to: https://example.org/moved?from=qtd
- from: /old/feed.xml
  to: /rss.xml
- from: /quotes/%2E%2E/
  to: /quotes/
`;

interface DevServer {
  origin: string;
  output: () => string;
  stop: () => Promise<void>;
}

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

/** A content folder inside the project (the dev server watches it), copied from the fixture archive. */
function archive(name: string): { contentDir: string; absolute: string } {
  const contentDir = `tests/.out/dev-redirects/${name}/content`;
  const absolute = join(projectRoot, contentDir);
  rmSync(join(projectRoot, 'tests/.out/dev-redirects', name), { recursive: true, force: true });
  mkdirSync(absolute, { recursive: true });
  cpSync(FIXTURE, absolute, { recursive: true });
  writeFileSync(join(absolute, 'redirects.yaml'), REDIRECTS);
  return { contentDir, absolute };
}

/** Starts `astro dev` on a free port (beside any other dev server of the project) and waits until it answers at `base`. */
async function startDev(env: Record<string, string>, base: string, cacheDir: string): Promise<DevServer> {
  const port = await freePort();
  // Astro's dev server does not serve its pages when it believes Vitest runs it (VITEST is set).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const child: ChildProcess = spawn(astroBin, ['dev', '--port', String(port), '--ignore-lock'], {
    cwd: projectRoot,
    env: {
      ...inherited,
      NODE_ENV: 'development',
      TZ: 'UTC',
      BUILD_DATE: TEST_BUILD_DATE,
      QTD_CACHE_DIR: cacheDir,
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const origin = `http://localhost:${port}`;
  const server: DevServer = {
    origin,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro dev exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${origin}${base}`)).status === 200) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`astro dev did not answer at ${origin}${base}:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The status and Location of a request that is not followed. */
async function answer(server: DevServer, path: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${server.origin}${path}`, { redirect: 'manual' });
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get('location') };
}

describe('astro dev at the root', () => {
  let server: DevServer;
  let content: { contentDir: string; absolute: string };

  beforeAll(async () => {
    content = archive('root');
    server = await startDev({ CONTENT_DIR: content.contentDir }, '/', join(outRoot, 'dev-redirects/root/cache'));
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers a declared redirect and a renamed tag with a 301 to the page the build sends them to', async () => {
    expect(await answer(server, '/quotes/old-courage/')).toEqual({ status: 301, location: '/quotes/quote-emphasis/' });
    expect(await answer(server, '/tags/bravery/')).toEqual({ status: 301, location: '/tags/courage/' });
    expect((await answer(server, '/quotes/quote-emphasis/')).status).toBe(200);
    expect((await answer(server, '/tags/courage/')).status).toBe(200);
  });

  it('answers an accented old URL, as a browser sends it, and one that leads to another site', async () => {
    expect(await answer(server, '/quotes/caf%C3%A9/')).toEqual({ status: 301, location: '/quotes/quote-short/' });
    expect(await answer(server, '/elsewhere/')).toEqual({ status: 301, location: 'https://example.org/moved?from=qtd' });
  });

  it('keeps the renamed tag’s old feed, which is no redirect', async () => {
    const feed = await fetch(`${server.origin}/tags/bravery/rss.xml`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<rss');
  });

  it('names the file redirect it leaves to the build, and reports the malformed entry without stopping', () => {
    expect(server.output()).toMatch(/4 redirects served by the dev server\s+not \/old\/feed\.xml → \/rss\.xml: it redirects a file/);
    expect(server.output()).toContain('"from: /quotes/%2E%2E/" is percent-encoded');
    expect(server.output()).not.toMatch(/^\s{4}at /m);
  });

  it('serves a redirect added to redirects.yaml once the dev server has restarted', async () => {
    expect((await answer(server, '/quotes/added/')).status).toBe(404);
    writeFileSync(join(content.absolute, 'redirects.yaml'), `${REDIRECTS}- from: /quotes/added/\n  to: /quotes/quote-long/\n`);
    const deadline = Date.now() + 60_000;
    let last = await answer(server, '/quotes/added/');
    while (last.status !== 301 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      last = await answer(server, '/quotes/added/').catch(() => ({ status: 0, location: null }));
    }
    expect(last).toEqual({ status: 301, location: '/quotes/quote-long/' });
  });
});

describe('astro dev under a base path', () => {
  let server: DevServer;

  beforeAll(async () => {
    const content = archive('base');
    server = await startDev(
      { CONTENT_DIR: content.contentDir, SITE_URL: 'https://elsewhere.example', BASE_PATH: '/qtd/' },
      '/qtd/',
      join(outRoot, 'dev-redirects/base/cache'),
    );
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers the old URL under the base path with its target under the base path', async () => {
    expect(await answer(server, '/qtd/quotes/old-courage/')).toEqual({ status: 301, location: '/qtd/quotes/quote-emphasis/' });
    expect(await answer(server, '/qtd/tags/bravery/')).toEqual({ status: 301, location: '/qtd/tags/courage/' });
    expect(await answer(server, '/qtd/elsewhere/')).toEqual({ status: 301, location: 'https://example.org/moved?from=qtd' });
    expect((await answer(server, '/qtd/quotes/quote-emphasis/')).status).toBe(200);
  });
});
