/**
 * What a first visit to a built page downloads, gzipped: the HTML and every
 * stylesheet, script, font and image it references (stylesheet links, scripts,
 * images, preload and modulepreload links; then the fonts and images the
 * stylesheets point to and the modules the scripts import). Share images in
 * `og:image` meta tags are not counted: browsers do not load them.
 *
 *   node bench/page-weight.ts <dist> / /quotes/ …
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';

export type AssetKind = 'html' | 'css' | 'js' | 'font' | 'image' | 'other';

export interface PageWeight {
  /** The page's URL path, e.g. `/quotes/`. */
  page: string;
  /** Gzipped bytes (level 9) by kind of file. */
  gzip: Record<AssetKind, number>;
  /** Gzipped bytes of everything. */
  total: number;
  /** Bytes as stored, before compression. */
  raw: number;
  /** Files counted, the HTML included. */
  files: number;
  /** References that point to no file of the build (external or missing). */
  unresolved: string[];
}

const KIND_BY_EXTENSION: Record<string, AssetKind> = {
  '.html': 'html',
  '.css': 'css',
  '.js': 'js',
  '.mjs': 'js',
  '.woff': 'font',
  '.woff2': 'font',
  '.ttf': 'font',
  '.otf': 'font',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.gif': 'image',
  '.svg': 'image',
  '.webp': 'image',
  '.avif': 'image',
  '.ico': 'image',
};

export function assetKind(path: string): AssetKind {
  return KIND_BY_EXTENSION[extname(path).toLowerCase()] ?? 'other';
}

/** The dist file of a page's URL path: `/quotes/` → `quotes/index.html`. */
export function pageFile(distDir: string, page: string): string {
  const path = decodeURI(page.split(/[?#]/)[0] ?? '/');
  return join(distDir, path.endsWith('/') ? `${path}index.html` : path);
}

/**
 * The URL path a reference points to, from the URL path of the file holding it;
 * undefined for another origin or a data: URL.
 */
export function resolveReference(reference: string, fromPath: string, basePath = '/'): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '' || /^(data|blob|javascript|mailto):/i.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, `http://page.invalid${fromPath}`);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  // An absolute URL is taken as the site's own origin: another origin's paths are not in dist and stay unresolved.
  const path = decodeURI(url.pathname);
  if (basePath !== '/' && path.startsWith(basePath)) return `/${path.slice(basePath.length)}`;
  return path;
}

/** Every reference a page makes to a file the browser loads to show it. */
export function pageReferences(html: string): string[] {
  const $ = cheerio.load(html);
  const found: string[] = [];
  const add = (value: string | undefined): void => {
    if (value) found.push(value);
  };
  $('link[href]').each((_, element) => {
    const rel = ($(element).attr('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('stylesheet') || rel.includes('preload') || rel.includes('modulepreload')) add($(element).attr('href'));
  });
  $('script[src]').each((_, element) => add($(element).attr('src')));
  $('img[src]').each((_, element) => add($(element).attr('src')));
  return found;
}

const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;
const JS_IMPORT = /(?:\bimport\s*(?:[\w*{}\s,]+from\s*)?|\bimport\s*\()\s*(['"])([^'"]+)\1/g;

/** Files a stylesheet or a script pulls in: fonts and images of `url()`, `@import`, static and dynamic imports. */
export function nestedReferences(kind: AssetKind, text: string): string[] {
  const found: string[] = [];
  if (kind === 'css') {
    for (const match of text.matchAll(CSS_URL)) found.push(match[2] ?? match[4] ?? '');
  } else if (kind === 'js') {
    // Only relative and root-relative module specifiers are files of the build.
    for (const match of text.matchAll(JS_IMPORT)) if (/^\.{0,2}\//.test(match[2] ?? '')) found.push(match[2] ?? '');
  }
  return found.filter(Boolean);
}

export function gzipBytes(content: Buffer): number {
  return gzipSync(content, { level: 9 }).length;
}

export function measurePage(distDir: string, page: string, basePath = '/'): PageWeight {
  const gzip: Record<AssetKind, number> = { html: 0, css: 0, js: 0, font: 0, image: 0, other: 0 };
  const unresolved: string[] = [];
  const counted = new Set<string>();
  let raw = 0;

  const htmlFile = pageFile(distDir, page);
  if (!existsSync(htmlFile)) throw new Error(`no page ${page} in ${distDir} (looked for ${htmlFile})`);
  const queue: { urlPath: string; file: string }[] = [{ urlPath: page.endsWith('/') ? `${page}index.html` : page, file: htmlFile }];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || counted.has(next.file)) continue;
    counted.add(next.file);
    const content = readFileSync(next.file);
    const kind = next.file === htmlFile ? 'html' : assetKind(next.file);
    raw += content.length;
    gzip[kind] += gzipBytes(content);
    const references = kind === 'html' ? pageReferences(content.toString('utf8')) : nestedReferences(kind, content.toString('utf8'));
    for (const reference of references) {
      const urlPath = resolveReference(reference, next.urlPath, basePath);
      const file = urlPath === undefined ? undefined : join(distDir, urlPath);
      if (!urlPath || !file || !existsSync(file) || !statSync(file).isFile()) {
        unresolved.push(reference);
        continue;
      }
      queue.push({ urlPath, file });
    }
  }
  const total = Object.values(gzip).reduce((sum, bytes) => sum + bytes, 0);
  return { page, gzip, total, raw, files: counted.size, unresolved };
}

function kb(bytes: number): string {
  return bytes === 0 ? '0' : (bytes / 1024).toFixed(1);
}

export function formatPageWeightTable(rows: readonly { label: string; weight: PageWeight }[]): string {
  const lines = [
    '| page | path | HTML kB | CSS kB | JS kB | fonts kB | images kB | total kB (gzip) | files | raw kB |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { label, weight } of rows) {
    const g = weight.gzip;
    lines.push(
      `| ${label} | \`${weight.page}\` | ${kb(g.html)} | ${kb(g.css)} | ${kb(g.js)} | ${kb(g.font)} | ${kb(g.image + g.other)} | **${kb(weight.total)}** | ${weight.files} | ${kb(weight.raw)} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [distDir = 'dist', ...pages] = process.argv.slice(2);
  const rows = (pages.length > 0 ? pages : ['/']).map((page) => ({
    label: posix.basename(page) || 'home',
    weight: measurePage(resolve(distDir), page),
  }));
  process.stdout.write(`${formatPageWeightTable(rows)}\n`);
}
