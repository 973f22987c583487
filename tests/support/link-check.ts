/**
 * Link checker for the built site: every internal URL must resolve to a file
 * in dist/, and every #fragment on an internal page must name an element there.
 *
 * `extractLinks` and `checkLinks` are pure and work on in-memory data;
 * `checkDist` is the thin filesystem reader around them.
 *
 * Resolution rules (see checkLinks):
 * - internal = relative, root-relative, or absolute with the site's origin; an
 *   internal URL outside the base path is broken when a base path is set;
 * - `/a/b/` → `a/b/index.html`; `/a/b` → `a/b` or `a/b/index.html`; query
 *   strings are ignored; paths are percent-decoded;
 * - other origins and other schemes (mailto:, tel:, …) are not fetched;
 *   `javascript:`/`vbscript:` are reported as unsafe; `data:` is accepted for
 *   embedded resources but not as the target of an <a>/<area>, since browsers
 *   refuse to navigate to it;
 * - fragments: `#` and `#top` always work; a text fragment (`#:~:text=…`) is
 *   checked only for the id before `:~:`; fragments are only checked on HTML
 *   targets, and only when that page was extracted too;
 * - `<base href>` is not honoured (Astro never writes one).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'parse5';
import { listFiles } from '../../src/build/files.ts';
import type { DefaultTreeAdapterMap } from 'parse5';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];

export interface PageLink {
  attr: 'href' | 'src' | 'srcset' | string;
  url: string;
  /** Element the URL came from; lets the checker tell a link from an embed. */
  tag?: string;
}

export interface PageLinks {
  /** Path relative to dist, with `/` separators, e.g. `quotes/x/index.html`. */
  file: string;
  links: PageLink[];
  ids: string[];
}

export interface BrokenLink {
  page: string;
  url: string;
  reason: string;
}

export interface LinkCheckOptions {
  /** Absolute site URL (only its origin matters), or '' when the site has none. */
  siteUrl: string;
  /** Base path the site is served under, e.g. `/qtd/`; '' or '/' for none. */
  basePath: string;
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';

const HREF_ELEMENTS = new Set(['a', 'area', 'link']);
const SRC_ELEMENTS = new Set(['img', 'script', 'source', 'iframe', 'audio', 'video', 'track', 'embed']);
const SRCSET_ELEMENTS = new Set(['img', 'source']);
const CITE_ELEMENTS = new Set(['blockquote', 'q', 'del', 'ins']);
const SVG_HREF_ELEMENTS = new Set(['a', 'use', 'image']);
/** Social-card metadata whose URLs should exist on the site as much as any link. */
const URL_META_PROPERTIES = new Set(['og:image', 'og:url', 'twitter:image']);

function attrValue(el: Element, name: string): string | undefined {
  for (const attr of el.attrs) if (attr.name === name) return attr.value;
  return undefined;
}

/** Candidate URLs of a srcset, per the HTML spec's parsing (commas may sit inside URLs). */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (isSpace(value[i]) || value[i] === ',')) i++;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !isSpace(value[i])) i++;
    let url = value.slice(start, i);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Skip the descriptors up to the next comma outside parentheses.
      let depth = 0;
      while (i < value.length) {
        const c = value[i];
        i++;
        if (c === '(') depth++;
        else if (c === ')' && depth > 0) depth--;
        else if (c === ',' && depth === 0) break;
      }
    }
    if (url !== '') urls.push(url);
  }
  return urls;
}

/** The URL in a `<meta http-equiv="refresh" content="0;url=…">`, if any. */
function refreshUrl(content: string): string | undefined {
  const match = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content);
  let url = match?.[1]?.trim() ?? '';
  const quote = url[0];
  if (quote === "'" || quote === '"') {
    const end = url.indexOf(quote, 1);
    url = end === -1 ? url.slice(1) : url.slice(1, end);
  }
  return url === '' ? undefined : url;
}

function collectFromElement(el: Element, links: PageLink[], ids: string[], collectIds: boolean): void {
  const tag = el.tagName;
  const add = (attr: string, url: string | undefined): void => {
    if (url !== undefined) links.push({ attr, url, tag });
  };
  if (collectIds) {
    const id = attrValue(el, 'id');
    if (id !== undefined && id !== '') ids.push(id);
  }
  if (el.namespaceURI === SVG_NS) {
    if (SVG_HREF_ELEMENTS.has(tag)) add('href', attrValue(el, 'href'));
    return;
  }
  if (el.namespaceURI !== HTML_NS) return;
  if (collectIds && tag === 'a') {
    const name = attrValue(el, 'name');
    if (name !== undefined && name !== '') ids.push(name);
  }
  if (HREF_ELEMENTS.has(tag)) add('href', attrValue(el, 'href'));
  if (SRC_ELEMENTS.has(tag)) add('src', attrValue(el, 'src'));
  if (SRCSET_ELEMENTS.has(tag)) {
    const srcset = attrValue(el, 'srcset');
    if (srcset !== undefined) for (const url of srcsetUrls(srcset)) add('srcset', url);
  }
  if (tag === 'video') add('poster', attrValue(el, 'poster'));
  if (CITE_ELEMENTS.has(tag)) add('cite', attrValue(el, 'cite'));
  if (tag === 'meta') {
    const httpEquiv = attrValue(el, 'http-equiv')?.toLowerCase();
    const content = attrValue(el, 'content');
    if (httpEquiv === 'refresh' && content !== undefined) add('refresh', refreshUrl(content));
    const property = attrValue(el, 'property') ?? attrValue(el, 'name');
    if (property !== undefined && URL_META_PROPERTIES.has(property.toLowerCase())) add('content', content);
  }
}

function walk(node: ParentNode, links: PageLink[], ids: string[], collectIds: boolean): void {
  for (const child of node.childNodes) {
    if (!('tagName' in child)) continue;
    collectFromElement(child, links, ids, collectIds);
    walk(child, links, ids, collectIds);
    // Template contents are inert: their links matter once cloned, their ids are not in the document.
    if ('content' in child) walk(child.content, links, ids, false);
  }
}

/** Every URL (href, src, srcset candidates, …) and every fragment target (id, a[name]) of a page. */
export function extractLinks(html: string, file: string): PageLinks {
  // Scripting off so that links inside <noscript> are parsed as elements and checked too.
  const document = parse(html, { scriptingEnabled: false });
  const links: PageLink[] = [];
  const ids: string[] = [];
  walk(document, links, ids, true);
  const seen = new Set<string>();
  const unique = links.filter((link) => {
    const key = `${link.attr}\u0000${link.tag ?? ''}\u0000${link.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { file, links: unique, ids };
}

/** `qtd` / `/qtd` / `/qtd/` → `/qtd/`; '' → `/`. */
export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

// A reserved TLD, so that with no site URL no absolute URL can ever be taken for internal.
const PLACEHOLDER_ORIGIN = 'https://site-url-not-set.invalid';

function siteOrigin(siteUrl: string): string {
  if (siteUrl.trim() === '') return PLACEHOLDER_ORIGIN;
  try {
    return new URL(siteUrl).origin;
  } catch {
    throw new Error(`siteUrl is not an absolute URL: ${JSON.stringify(siteUrl)}`);
  }
}

/** The URL path a dist file is served at: `a/index.html` → `<base>a/`, `404.html` → `<base>404.html`. */
export function pagePathFor(file: string, basePath: string): string {
  const base = normalizeBasePath(basePath);
  const servedAs = file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
  return base + servedAs.split('/').map(encodeURIComponent).join('/');
}

function isHtmlFile(file: string): boolean {
  return /\.html?$/i.test(file);
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const UNSAFE_SCHEMES = new Set(['javascript', 'vbscript']);
const NAVIGATION_TAGS = new Set(['a', 'area']);

interface CheckContext {
  origin: string;
  base: string;
  files: ReadonlySet<string>;
  idsOf: (file: string) => ReadonlySet<string> | undefined;
}

/** Why a link is broken, or undefined when it is fine (or external, or not checkable). */
function problemWith(link: PageLink, pageUrl: URL, ctx: CheckContext): string | undefined {
  // Browsers strip leading/trailing ASCII whitespace from URL attributes.
  const raw = link.url.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  const scheme = SCHEME.exec(raw.replace(/[\t\n\r]/g, ''))?.[1]?.toLowerCase();
  if (scheme !== undefined && UNSAFE_SCHEMES.has(scheme)) return `unsafe ${scheme}: URL`;
  if (scheme === 'data') {
    return link.tag !== undefined && NAVIGATION_TAGS.has(link.tag)
      ? 'data: URL as a link target (browsers block navigating to it)'
      : undefined;
  }
  let resolved: URL;
  try {
    resolved = new URL(raw, pageUrl);
  } catch {
    return 'malformed URL';
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return undefined;
  if (resolved.origin !== ctx.origin) return undefined;

  const path = resolved.pathname;
  let underBase: string;
  if (path.startsWith(ctx.base)) underBase = path.slice(ctx.base.length);
  else if (`${path}/` === ctx.base) underBase = '';
  else return `not under the base path ${ctx.base}`;

  const decoded = decode(underBase);
  if (decoded === undefined) return 'malformed percent-encoding in path';
  const candidates = decoded === '' || decoded.endsWith('/') ? [`${decoded}index.html`] : [decoded, `${decoded}/index.html`];
  const target = candidates.find((candidate) => ctx.files.has(candidate));
  if (target === undefined) return `no file ${candidates.join(' or ')}`;

  const hashAt = raw.indexOf('#');
  if (hashAt === -1) return undefined;
  const fragment = raw.slice(hashAt + 1).split(':~:')[0] ?? '';
  if (fragment === '' || fragment.toLowerCase() === 'top' || !isHtmlFile(target)) return undefined;
  const ids = ctx.idsOf(target);
  if (ids === undefined) return undefined;
  // As browsers do: try the fragment as written, then percent-decoded.
  if (ids.has(fragment)) return undefined;
  const decodedFragment = decode(fragment);
  if (decodedFragment !== undefined && ids.has(decodedFragment)) return undefined;
  return `no id "${decodedFragment ?? fragment}" in ${target}`;
}

/** Broken internal links across the given pages; `files` holds every dist-relative file path. */
export function checkLinks(pages: PageLinks[], files: ReadonlySet<string>, opts: LinkCheckOptions): BrokenLink[] {
  const origin = siteOrigin(opts.siteUrl);
  // Compared with URL pathnames, which are percent-encoded.
  const base = new URL(normalizeBasePath(opts.basePath), origin).pathname;
  const pageByFile = new Map(pages.map((page) => [page.file, page]));
  const idSets = new Map<string, ReadonlySet<string>>();
  const idsOf = (file: string): ReadonlySet<string> | undefined => {
    let ids = idSets.get(file);
    if (ids === undefined) {
      const page = pageByFile.get(file);
      if (page === undefined) return undefined;
      ids = new Set(page.ids);
      idSets.set(file, ids);
    }
    return ids;
  };
  const ctx: CheckContext = { origin, base, files, idsOf };

  const broken: BrokenLink[] = [];
  for (const page of pages) {
    const pageUrl = new URL(pagePathFor(page.file, base), origin);
    const reported = new Set<string>();
    for (const link of page.links) {
      const reason = problemWith(link, pageUrl, ctx);
      if (reason === undefined) continue;
      const key = `${link.url}\u0000${reason}`;
      if (reported.has(key)) continue;
      reported.add(key);
      broken.push({ page: page.file, url: link.url, reason });
    }
  }
  return broken;
}

type ReadResult = { ok: true; text: string } | { ok: false; error: unknown };

/**
 * Yields each file's text in order while the next few reads are already in flight,
 * so disk waits overlap parsing but only a handful of files sit in memory at once.
 */
export async function* readFilesAhead(dir: string, files: readonly string[], depth = 8): AsyncGenerator<{ file: string; text: string }> {
  const pending: Promise<ReadResult>[] = [];
  let next = 0;
  const fill = (): void => {
    while (pending.length < depth && next < files.length) {
      const file = files[next++] ?? '';
      pending.push(
        readFile(join(dir, file), 'utf8').then(
          (text): ReadResult => ({ ok: true, text }),
          (error: unknown): ReadResult => ({ ok: false, error }),
        ),
      );
    }
  };
  fill();
  for (const file of files) {
    const result = await pending.shift();
    fill();
    if (result === undefined) break;
    if (!result.ok) throw result.error;
    yield { file, text: result.text };
  }
}

/** Checks every HTML page under distDir. Each file is read and parsed once; only links and ids are kept. */
export async function checkDist(
  distDir: string,
  opts: LinkCheckOptions,
): Promise<{ broken: BrokenLink[]; pagesChecked: number; linksChecked: number }> {
  const files = listFiles(distDir);
  const htmlFiles = files.filter(isHtmlFile);
  const pages: PageLinks[] = [];
  let linksChecked = 0;
  for await (const { file, text } of readFilesAhead(distDir, htmlFiles)) {
    const page = extractLinks(text, file);
    linksChecked += page.links.length;
    pages.push(page);
  }
  const broken = checkLinks(pages, new Set(files), opts);
  return { broken, pagesChecked: pages.length, linksChecked };
}

/** One line per broken link: `page → url: reason`; past maxLines, a count of the rest. */
export function formatBrokenLinks(broken: BrokenLink[], maxLines = Number.POSITIVE_INFINITY): string {
  const lines = broken.slice(0, maxLines).map((link) => `${link.page} → ${link.url}: ${link.reason}`);
  if (broken.length > lines.length) lines.push(`… and ${broken.length - lines.length} more`);
  return lines.join('\n');
}
