import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../support/static-server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http sends the path exactly as written; fetch() would normalise `..` away
// before the server ever saw it.
function get(baseUrl: string, rawPath: string, method = 'GET'): Promise<Reply> {
  const { host } = new URL(baseUrl);
  return new Promise((done, failed) => {
    const outgoing = request(`http://${host}`, { path: rawPath, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    outgoing.on('error', failed);
    outgoing.end();
  });
}

let workDir: string;
let site: string;

async function put(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(site, path)), { recursive: true });
  await writeFile(join(site, path), content);
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'qtd-static-'));
  site = join(workDir, 'site');
  await put('index.html', '<h1>home</h1>');
  await put('404.html', '<h1>lost</h1>');
  await put('quotes/index.html', '<h1>quotes</h1>');
  await put('quotes/2024/01/index.html', '<h1>january</h1>');
  await put('empty/.keep', '');
  await put('style.css', 'body{}');
  await put('app.js', 'export {}');
  await put('chunk.mjs', 'export {}');
  await put('data.json', '{}');
  await put('rss.xml', '<rss/>');
  await put('logo.png', 'png');
  await put('logo.svg', '<svg/>');
  await put('font.woff2', 'woff2');
  await put('search.wasm', 'wasm');
  await put('robots.txt', 'User-agent: *');
  await put('pagefind/pagefind-entry.pf_meta', 'meta');
  await put('pagefind/fragment/en_1.pf_fragment', 'fragment');
  await put('pagefind/index/en_1.pf_index', 'index');
  await put('unknown.bin', 'bin');
  await writeFile(join(workDir, 'secret.txt'), 'do not serve');
  await symlink(join(workDir, 'secret.txt'), join(site, 'link-out.txt'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('serveStatic at the site root', () => {
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ url, close } = await serveStatic(site));
  });
  afterAll(async () => {
    await close();
  });

  it('listens on 127.0.0.1 and gives a URL ending in /', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html for / and for nested folders', async () => {
    expect(await get(url, '/')).toMatchObject({ status: 200, body: '<h1>home</h1>' });
    expect(await get(url, '/quotes/')).toMatchObject({ status: 200, body: '<h1>quotes</h1>' });
    expect(await get(url, '/quotes/2024/01/')).toMatchObject({ status: 200, body: '<h1>january</h1>' });
    expect(await get(url, '/quotes/index.html')).toMatchObject({ status: 200, body: '<h1>quotes</h1>' });
  });

  it('redirects a folder without its trailing slash, keeping the query', async () => {
    const reply = await get(url, '/quotes/2024?page=2');
    expect(reply.status).toBe(301);
    expect(reply.headers['location']).toBe('/quotes/2024/?page=2');
  });

  it('ignores the query string when finding the file', async () => {
    expect(await get(url, '/style.css?v=3')).toMatchObject({ status: 200, body: 'body{}' });
  });

  it('decodes percent-encoded paths', async () => {
    expect(await get(url, '/%71uotes/')).toMatchObject({ status: 200, body: '<h1>quotes</h1>' });
  });

  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/chunk.mjs', 'text/javascript; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/rss.xml', 'application/xml; charset=utf-8'],
    ['/logo.png', 'image/png'],
    ['/logo.svg', 'image/svg+xml'],
    ['/font.woff2', 'font/woff2'],
    ['/search.wasm', 'application/wasm'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/pagefind/pagefind-entry.pf_meta', 'application/octet-stream'],
    ['/pagefind/fragment/en_1.pf_fragment', 'application/octet-stream'],
    ['/pagefind/index/en_1.pf_index', 'application/octet-stream'],
    ['/unknown.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const reply = await get(url, path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
  });

  it('answers HEAD with headers and no body', async () => {
    const reply = await get(url, '/style.css', 'HEAD');
    expect(reply).toMatchObject({ status: 200, body: '' });
    expect(reply.headers['content-length']).toBe('6');
  });

  it('serves 404.html with status 404 for missing files and folders without an index', async () => {
    for (const path of ['/nope', '/nope/', '/quotes/1999/', '/empty/', '/style.css/']) {
      const reply = await get(url, path);
      expect(reply, path).toMatchObject({ status: 404, body: '<h1>lost</h1>' });
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('never serves files outside the root', async () => {
    for (const path of [
      '/../secret.txt',
      '/../../../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/quotes/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/link-out.txt',
    ]) {
      const reply = await get(url, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('do not serve');
      expect(reply.body, path).not.toContain('root:');
    }
  });

  it('rejects malformed percent-encoding and non-GET methods', async () => {
    expect((await get(url, '/%E0%A4%A')).status).toBe(400);
    expect((await get(url, '/index.html', 'POST')).status).toBe(405);
  });
});

describe('serveStatic under a base path', () => {
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ url, close } = await serveStatic(site, { basePath: '/qtd/' }));
  });
  afterAll(async () => {
    await close();
  });

  it('puts the base path in the URL', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/qtd\/$/);
  });

  it('serves the site below the base path', async () => {
    expect(await get(url, '/qtd/')).toMatchObject({ status: 200, body: '<h1>home</h1>' });
    expect(await get(url, '/qtd/quotes/2024/01/')).toMatchObject({ status: 200, body: '<h1>january</h1>' });
    expect((await get(url, '/qtd/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('redirects the bare base path and folders below it', async () => {
    expect((await get(url, '/qtd')).headers['location']).toBe('/qtd/');
    expect((await get(url, '/qtd/quotes')).headers['location']).toBe('/qtd/quotes/');
  });

  it('answers 404 outside the base path', async () => {
    for (const path of ['/', '/style.css', '/qtdx/style.css']) {
      expect(await get(url, path), path).toMatchObject({ status: 404, body: '<h1>lost</h1>' });
    }
  });

  it('accepts the base path written without slashes', async () => {
    const bare = await serveStatic(site, { basePath: 'qtd' });
    try {
      expect(bare.url).toMatch(/\/qtd\/$/);
      expect(await get(bare.url, '/qtd/quotes/')).toMatchObject({ status: 200, body: '<h1>quotes</h1>' });
    } finally {
      await bare.close();
    }
  });
});
