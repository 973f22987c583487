// Serves a built site the way a static host does, for tests that open it in a browser.
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const htmlType = 'text/html; charset=utf-8';
const textType = 'text/plain; charset=utf-8';

const contentTypes: Record<string, string> = {
  '.html': htmlType,
  '.htm': htmlType,
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  // Not text/xml: browsers then render RSS as an XML document with its stylesheet.
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'text/xsl; charset=utf-8',
  '.txt': textType,
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  // Pagefind's index files are opaque binary blobs.
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
};

function contentTypeFor(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export async function serveStatic(root: string, opts: { basePath?: string } = {}): Promise<StaticServer> {
  const siteRoot = await realpath(resolve(root));
  const basePath = normaliseBasePath(opts.basePath);

  const server = createServer((request, response) => {
    handle(request, response, siteRoot, basePath).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': textType });
      response.end(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => listening());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise<void>((closed, failed) => {
        server.close((error) => (error ? failed(error) : closed()));
        // Browsers keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

async function handle(request: IncomingMessage, response: ServerResponse, root: string, basePath: string) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
  const query = request.url?.slice(rawPath.length) ?? '';

  if (`${rawPath}/` === basePath) {
    redirect(response, basePath + query);
    return;
  }
  if (!rawPath.startsWith(basePath)) {
    await notFound(request, response, root);
    return;
  }

  let sitePath: string;
  try {
    sitePath = decodeURIComponent(rawPath.slice(basePath.length));
  } catch {
    response.writeHead(400, { 'content-type': textType }).end('Bad request');
    return;
  }
  const file = await fileInside(root, sitePath);
  if (!file) {
    await notFound(request, response, root);
    return;
  }

  if (file.isDirectory) {
    if (!rawPath.endsWith('/')) {
      redirect(response, `${rawPath}/${query}`);
      return;
    }
    const index = await fileInside(root, join(sitePath, 'index.html'));
    if (index && !index.isDirectory) {
      send(request, response, index.path, index.size);
    } else {
      await notFound(request, response, root);
    }
    return;
  }
  // A file asked for as a folder (`/a.html/`) does not exist on a static host.
  if (rawPath.endsWith('/')) {
    await notFound(request, response, root);
    return;
  }
  send(request, response, file.path, file.size);
}

// Resolves a decoded site path, following symlinks, and refuses anything that
// ends up outside the site root.
async function fileInside(root: string, sitePath: string) {
  if (sitePath.includes('\0')) return undefined;
  const candidate = resolve(root, `.${sep}${sitePath}`);
  try {
    const real = await realpath(candidate);
    if (real !== root && !real.startsWith(root + sep)) return undefined;
    const stats = await stat(real);
    return { path: real, size: stats.size, isDirectory: stats.isDirectory() };
  } catch {
    return undefined;
  }
}

function send(request: IncomingMessage, response: ServerResponse, path: string, size: number) {
  response.writeHead(200, {
    'content-type': contentTypeFor(path),
    'content-length': size,
    'cache-control': 'no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(path)
    .on('error', (error) => response.destroy(error))
    .pipe(response);
}

async function notFound(request: IncomingMessage, response: ServerResponse, root: string) {
  const page = await readFile(join(root, '404.html')).catch(() => undefined);
  const body = page ?? Buffer.from('Not found');
  response.writeHead(404, {
    'content-type': page ? htmlType : textType,
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function redirect(response: ServerResponse, location: string) {
  response.writeHead(301, { location, 'content-length': 0 }).end();
}
