/**
 * Redirects of published URLs. They are declared in one place, `content/redirects.yaml`,
 * plus those other parts of the site derive in code (a renamed tag keeps its old URL);
 * `mergeRedirects` and `prepareRedirects` turn them into one checked list, in which
 * every redirect points straight at its final target.
 *
 * The build serves each one twice: as a small HTML page at the old URL (any static
 * host) and as a line of `_redirects` (Netlify and Cloudflare Pages answer with a 301).
 * `astro dev` serves those it can through Astro's `redirects` config (`astroRedirects`).
 * Since the old URL names a file in the output folder, a `from` is accepted only in
 * the one spelling a web server would read it as, never under a path the build owns
 * (`fromProblem`, `reservedProblem`, `redirectsClearOfBuild`), and each file's place
 * is proven inside the output folder before it is written (`outputFile`).
 */
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { absoluteUrl } from '../domain/urls.ts';
import type { UrlSettings } from '../domain/urls.ts';
import { escapeHtml } from '../domain/html-escape.ts';
import { canonicalSitePath, distFileForPath, isFilePath, sortPaths } from './permalink-ledger.ts';

export interface Redirect {
  /** Root-relative path without the base path: `/old/path/` or `/old/rss.xml`. */
  from: string;
  /** Root-relative path without the base path (may carry `?query` or `#fragment`), or an absolute http(s) URL. */
  to: string;
  /** Where the redirect was declared, for error messages. */
  source?: string;
}

export interface RedirectsResult {
  redirects: Redirect[];
  errors: string[];
}

export const REDIRECTS_FILE_NAME = 'redirects.yaml';

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

export function isAbsoluteTarget(to: string): boolean {
  return ABSOLUTE_URL.test(to);
}

/** The path part of a root-relative target, canonical: `/a/#q-x` → `/a/`. */
export function targetPath(to: string): string {
  return canonicalSitePath(to.replace(/[?#].*$/, ''));
}

function canonicalTarget(to: string): string {
  if (isAbsoluteTarget(to)) return new URL(to).href;
  const suffix = /[?#].*$/.exec(to)?.[0] ?? '';
  return targetPath(to) + suffix;
}

function describe(redirect: Redirect): string {
  return redirect.source ? `${redirect.source}: ` : '';
}

/** What is wrong with a `from` and what to write instead. */
interface RedirectProblem {
  message: string;
  fix: string;
}

/** One error line: where, what, and (indented below, as in every report of the build) the fix. */
function problemText(redirect: Redirect, problem: RedirectProblem): string {
  return `${describe(redirect)}${problem.message}\n    Fix: ${problem.fix}`;
}

/**
 * Longest `from` accepted, in UTF-8 bytes. Old URLs of this site are a few dozen
 * characters; this keeps every redirect file far below the file systems' limits
 * (255 bytes a name, 4,096 a path).
 */
export const MAX_FROM_BYTES = 1024;
const MAX_SEGMENT_BYTES = 255;

/** Folders at the root of the output that the build fills: assets, share cards, the search index (written after the pages). */
const RESERVED_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['og', 'the share cards'],
  ['pagefind', 'the search index, written after the pages'],
]);
/** Files at the root of the output that the build always writes. */
const RESERVED_ROOT_FILES: ReadonlySet<string> = new Set(['index.html', '404.html', 'robots.txt', 'rss.xml', 'feed.json', 'quotes.json']);
/** The ASCII characters a path segment may hold as they are: RFC 3986's, less those file systems refuse (`*`, `:`). */
const PLAIN_ASCII = /^[A-Za-z0-9\-._~!$&'()+,;=@]$/;
/** Characters nobody can see or that end a line: control and format characters, separators, surrogates, unassigned and private code points. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A path as a message can show it: invisible characters spelled out, long ones cut short. */
function shown(text: string): string {
  const visible = [...text]
    .map((char) => (INVISIBLE.test(char) || (/\s/.test(char) && char !== ' ') ? `<${codePoint(char)}>` : char))
    .join('');
  return visible.length > 120 ? `${visible.slice(0, 100)}… (${text.length} characters)` : visible;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Decodes each run of `%XX` escapes that is valid UTF-8, as a web server does; anything else is left as it is. */
function percentDecodeOnce(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** The path a server reads after decoding as often as it changes anything, and how many rounds that took. */
function percentDecoded(text: string): { decoded: string; rounds: number } {
  let decoded = text;
  let rounds = 0;
  while (rounds < 8) {
    const next = percentDecodeOnce(decoded);
    if (next === decoded) break;
    decoded = next;
    rounds += 1;
  }
  return { decoded, rounds };
}

/**
 * What a web server makes of `.`, `..` and empty segments: `/a/./b/../c/` → `/a/c/`,
 * `/a//b.html` → `/a/b.html`; undefined when a `..` climbs above the root.
 */
function resolvedDots(path: string): string | undefined {
  const segments = path.slice(1).split('/');
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (kept.length === 0) return undefined;
      kept.pop();
    } else {
      kept.push(segment);
    }
  }
  const last = segments[segments.length - 1] ?? '';
  const isFolder = last === '' || last === '.' || last === '..';
  return `/${kept.join('/')}${isFolder && kept.length > 0 ? '/' : ''}`;
}

/**
 * The fix for a `from` whose canonical spelling is `candidate`: write that, unless it
 * is refused too, in which case that refusal's fix.
 */
function fixTowards(candidate: string): { fix: string; problem?: RedirectProblem } {
  const problem = fromProblem(candidate) ?? reservedProblem(candidate);
  return problem ? { fix: problem.fix, problem } : { fix: `write from: ${candidate}` };
}

const REMOVE = 'remove the entry, or write the old URL exactly as the address bar shows it';

/**
 * Why `from` cannot be redirected, or undefined when it can. A `from` must be what a web
 * server would read it as: decoded (no `%` escape), with no `\`, `.`, `..` or empty
 * segment, no control or invisible character, Unicode in normal form C without
 * compatibility characters, and segments a file system holds as they are (no
 * trailing dot, which Windows drops; no name past 255 bytes). Anything else is refused, never repaired: the file a redirect writes is
 * named after it, and a spelling that a server resolves differently could name a file
 * outside the output folder or one of the build's own.
 */
function fromProblem(from: string): RedirectProblem | undefined {
  if (!from.isWellFormed()) {
    return { message: `"from: ${shown(from)}" holds a lone surrogate, which is not text`, fix: REMOVE };
  }
  const bytes = utf8Bytes(from);
  if (bytes > MAX_FROM_BYTES) {
    return {
      message: `"from: ${shown(from)}" is ${bytes} bytes long, past the ${MAX_FROM_BYTES} a redirect may have`,
      fix: 'remove the entry: no URL of this site was ever this long',
    };
  }
  const invisible = [...from].find((char) => INVISIBLE.test(char));
  if (invisible !== undefined) {
    return {
      message: `"from: ${shown(from)}" contains the invisible character ${codePoint(invisible)}`,
      fix: `${REMOVE} (without that character)`,
    };
  }
  if (!from.startsWith('/') || from.startsWith('//')) {
    return {
      message: `"from: ${shown(from)}" must be a root-relative path starting with "/", without the base path`,
      fix: 'write it like from: /quotes/old-id/',
    };
  }
  if (/[\s?#]/.test(from)) {
    return {
      message: `"from: ${shown(from)}" must be a bare path, without spaces, "?query" or "#fragment"`,
      fix: 'write only the path, like from: /quotes/old-id/',
    };
  }
  if (from.includes('%')) {
    const { decoded, rounds } = percentDecoded(from);
    const how = rounds === 1 ? 'percent-encoded' : rounds === 2 ? 'percent-encoded twice' : `percent-encoded ${rounds} times`;
    if (decoded === from) {
      return { message: `"from: ${shown(from)}" contains a "%" that is no escape`, fix: REMOVE };
    }
    const towards = fixTowards(decoded);
    return {
      message: `"from: ${shown(from)}" is ${how}: a web server reads it as "${shown(decoded)}"${towards.problem ? `; ${towards.problem.message}` : ''}`,
      fix: towards.fix,
    };
  }
  if (from.includes('\\')) {
    const towards = fixTowards(from.replace(/\\/g, '/'));
    return { message: `"from: ${shown(from)}" contains "\\", which Windows servers and some others read as "/"`, fix: towards.fix };
  }
  if (from !== from.normalize('NFC')) {
    return {
      message: `"from: ${shown(from)}" is not in Unicode normal form C: an accented letter is spelt as a letter and a separate accent`,
      fix: fixTowards(from.normalize('NFC')).fix,
    };
  }
  const compatibility = [...from].find((char) => char.normalize('NFKC') !== char);
  if (compatibility !== undefined) {
    return {
      message: `"from: ${shown(from)}" contains "${compatibility}" (${codePoint(compatibility)}), which some servers and file systems read as "${compatibility.normalize('NFKC')}"`,
      fix: `${REMOVE}, with plain characters`,
    };
  }
  const odd = [...from].find((char) => char !== '/' && char.charCodeAt(0) < 0x80 && !PLAIN_ASCII.test(char));
  if (odd !== undefined) {
    return { message: `"from: ${shown(from)}" contains "${odd}", which a URL path or a file name cannot hold as it is`, fix: REMOVE };
  }
  const segments = from.slice(1).split('/');
  const inner = from.endsWith('/') ? segments.slice(0, -1) : segments;
  if (inner.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    const resolved = resolvedDots(from);
    const where = resolved === undefined ? 'which climbs above the root of the site' : `which a web server reads as "${shown(resolved)}"`;
    return {
      message: `"from: ${shown(from)}" has an empty, "." or ".." segment, ${where}`,
      fix: resolved === undefined ? 'remove the entry: no URL of this site lies above its root' : fixTowards(resolved).fix,
    };
  }
  for (const segment of segments) {
    if (segment === '') continue;
    if (segment.startsWith('.')) {
      return {
        message: `"from: ${shown(from)}" has a segment starting with "." ("${shown(segment)}"): servers hide such files or read them as settings (.htaccess)`,
        fix: REMOVE,
      };
    }
    if (segment.endsWith('.')) {
      return {
        message: `"from: ${shown(from)}" has a segment ending with "." ("${shown(segment)}"), which Windows drops from file names`,
        fix: REMOVE,
      };
    }
    if (utf8Bytes(segment) > MAX_SEGMENT_BYTES) {
      return {
        message: `"from: ${shown(from)}" has a segment of ${utf8Bytes(segment)} bytes, past the ${MAX_SEGMENT_BYTES} of a file name`,
        fix: REMOVE,
      };
    }
  }
  const last = segments[segments.length - 1] ?? '';
  if (last !== '' && !last.includes('.')) {
    return {
      message: `"from: ${shown(from)}" must end with "/" (every page URL does: ${shown(from)}/) or name a file such as ${shown(from)}/rss.xml`,
      fix: fixTowards(`${from}/`).fix,
    };
  }
  if (last.toLowerCase() === 'index.html') {
    const page = from.slice(0, -last.length);
    return {
      message: `"from: ${shown(from)}" names the file of the page ${shown(page)}, whose URL is ${shown(page)}`,
      fix: fixTowards(page).fix,
    };
  }
  return undefined;
}

/**
 * Why the build owns `from` whatever the content holds, or undefined: the home page,
 * every path under a root folder starting with `_` (Astro's assets in `/_astro/`, the
 * host's settings `_headers`, `_redirects`, `_worker.js`), `/og/`, `/pagefind/`, the
 * sitemaps and the root files every build writes. Decided from the path alone, so that
 * what is written after the redirects (the search index) is covered too. Compared
 * without regard to case, as a case-insensitive disk (macOS, Windows) would.
 */
function reservedProblem(from: string): RedirectProblem | undefined {
  const first = (from.slice(1).split('/')[0] ?? '').toLowerCase();
  const remove = 'remove the entry: a redirect cannot replace what the build writes';
  if (first === '') return { message: `"from: ${shown(from)}" is the home page, which the build always writes`, fix: remove };
  if (first.startsWith('_')) {
    return {
      message: `"from: ${shown(from)}" is under /${first}, reserved for the build's assets (/_astro/) and the host's settings (_headers, _redirects)`,
      fix: remove,
    };
  }
  const folder = RESERVED_FOLDERS.get(first);
  if (folder !== undefined) return { message: `"from: ${shown(from)}" is under /${first}/, which holds ${folder}`, fix: remove };
  if (RESERVED_ROOT_FILES.has(first) || /^sitemap.*\.xml$/.test(first)) {
    return { message: `"from: ${shown(from)}" is or lies under /${first}, a file the build writes`, fix: remove };
  }
  return undefined;
}

/** Why `to` cannot be a target, or undefined when it can. */
function toProblem(to: string): string | undefined {
  if (isAbsoluteTarget(to)) {
    let url: URL;
    try {
      url = new URL(to);
    } catch {
      return `"to: ${to}" is not a valid URL`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"to: ${to}" must be an http(s) URL`;
    return undefined;
  }
  if (!to.startsWith('/') || to.startsWith('//')) {
    return `"to: ${to}" must be a root-relative path starting with "/" (without the base path) or an absolute https:// URL`;
  }
  if (/\s/.test(to)) return `"to: ${to}" must not contain spaces`;
  return undefined;
}

/** Reads the YAML list of `{ from, to }`; an empty or comment-only file is an empty list. */
export function parseRedirects(text: string, source = `content/${REDIRECTS_FILE_NAME}`): RedirectsResult {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return { redirects: [], errors: [`${source}: not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (data === null || data === undefined) return { redirects: [], errors: [] };
  if (!Array.isArray(data)) {
    return { redirects: [], errors: [`${source}: must be a list of entries such as "- { from: /old/path/, to: /new/path/ }"`] };
  }
  const redirects: Redirect[] = [];
  const errors: string[] = [];
  data.forEach((entry: unknown, index) => {
    const where = `${source}, entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push(`${where}: must be "{ from: /old/path/, to: /new/path/ }"`);
      return;
    }
    const record = entry as Record<string, unknown>;
    const unknownKeys = Object.keys(record).filter((key) => key !== 'from' && key !== 'to');
    if (unknownKeys.length > 0)
      errors.push(`${where}: unknown field ${unknownKeys.map((key) => `"${key}"`).join(', ')} (only from and to)`);
    const { from, to } = record;
    if (typeof from !== 'string' || from.trim() === '') errors.push(`${where}: "from" is missing (e.g. from: /old/path/)`);
    if (typeof to !== 'string' || to.trim() === '') errors.push(`${where}: "to" is missing (e.g. to: /new/path/)`);
    if (typeof from === 'string' && typeof to === 'string' && unknownKeys.length === 0) {
      redirects.push({ from: from.trim(), to: to.trim(), source: where });
    }
  });
  return { redirects, errors };
}

/**
 * One list from several sources. The same redirect declared twice is kept once;
 * one old URL sent to two different places is an error.
 */
export function mergeRedirects(...lists: readonly (readonly Redirect[])[]): RedirectsResult {
  const byFrom = new Map<string, Redirect>();
  const errors: string[] = [];
  for (const redirect of lists.flat()) {
    const fromRefusal = fromProblem(redirect.from) ?? reservedProblem(redirect.from);
    if (fromRefusal) {
      errors.push(problemText(redirect, fromRefusal));
      continue;
    }
    const toRefusal = toProblem(redirect.to);
    if (toRefusal) {
      errors.push(`${describe(redirect)}${toRefusal}`);
      continue;
    }
    const canonical: Redirect = { ...redirect, from: canonicalSitePath(redirect.from), to: canonicalTarget(redirect.to) };
    const earlier = byFrom.get(canonical.from);
    if (earlier === undefined) {
      byFrom.set(canonical.from, canonical);
    } else if (earlier.to !== canonical.to) {
      errors.push(
        `${describe(canonical)}"from: ${canonical.from}" is already redirected${earlier.source ? ` (${earlier.source})` : ''}: ` +
          `one old URL can lead to one place only (to ${earlier.to} or to ${canonical.to})`,
      );
    }
  }
  return { redirects: [...byFrom.values()], errors };
}

/**
 * Points every redirect straight at its final target (`/a/ → /b/`, `/b/ → /c/` gives
 * `/a/ → /c/`): one hop for browsers and crawlers. A loop is an error.
 */
export function resolveRedirectChains(redirects: readonly Redirect[]): RedirectsResult {
  const byFrom = new Map(redirects.map((redirect) => [canonicalSitePath(redirect.from), redirect]));
  const resolved: Redirect[] = [];
  const errors: string[] = [];
  const loopsReported = new Set<string>();
  for (const redirect of redirects) {
    const hops = [canonicalSitePath(redirect.from)];
    let to = redirect.to;
    let next = isAbsoluteTarget(to) ? undefined : byFrom.get(targetPath(to));
    let looped = false;
    while (next !== undefined) {
      const from = canonicalSitePath(next.from);
      if (hops.includes(from)) {
        looped = true;
        hops.push(from);
        break;
      }
      hops.push(from);
      to = next.to;
      next = isAbsoluteTarget(to) ? undefined : byFrom.get(targetPath(to));
    }
    if (looped) {
      const repeated = hops[hops.length - 1] ?? '';
      const cycle = sortPaths(new Set(hops.slice(hops.indexOf(repeated)))).join(' ');
      if (!loopsReported.has(cycle)) {
        loopsReported.add(cycle);
        errors.push(`${describe(redirect)}redirect loop: ${hops.join(' → ')}; one of these must lead to a page`);
      }
      continue;
    }
    resolved.push({ ...redirect, to });
  }
  return { redirects: resolved, errors };
}

/** Merge, validate and resolve: the redirects the build writes, sorted by `from`. */
export function prepareRedirects(...lists: readonly (readonly Redirect[])[]): RedirectsResult {
  const merged = mergeRedirects(...lists);
  const chained = resolveRedirectChains(merged.redirects);
  const sorted = chained.redirects.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { redirects: sorted, errors: [...merged.errors, ...chained.errors] };
}

/** Redirects to a path the build does not produce (absolute URLs are not checked). */
export function redirectsToMissingTargets(redirects: readonly Redirect[], distFiles: ReadonlySet<string>): Redirect[] {
  return redirects.filter((redirect) => !isAbsoluteTarget(redirect.to) && !distFiles.has(distFileForPath(targetPath(redirect.to))));
}

/** A path as a case-insensitive disk (macOS, Windows) compares it. */
function diskKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

/** The folders a dist-relative file lies in, innermost last: `a/b/c.html` → `a`, `a/b`. */
function foldersOf(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** A canonical site path as written by hand: `/tags/caf%C3%A9/` → `/tags/café/`. */
function readablePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/**
 * The redirects whose page can be written beside the build's output, and an error for
 * each of the others: those whose page would replace, hide or stand in the way of
 * what the build writes: a reserved path (`reservedProblem`, which covers what is
 * written after this check, such as the search index), one of `builtFiles` (the
 * output's files, relative and `/`-separated: pages, feeds, assets, cards, citation
 * files, the copies of public/), a folder of them, a file where a folder is needed,
 * or another redirect's page. Paths are compared without regard to case, as a
 * case-insensitive disk would overwrite them.
 */
export function redirectsClearOfBuild(redirects: readonly Redirect[], builtFiles: Iterable<string>): RedirectsResult {
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const raw of builtFiles) {
    const file = raw.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    files.set(diskKey(file), file);
    for (const folder of foldersOf(file)) folders.set(diskKey(folder), folder);
  }
  const remove = 'remove the redirect, or the page or file it would replace';
  const redirectFiles = new Map<string, Redirect>();
  const redirectFolders = new Map<string, Redirect>();
  const clear: Redirect[] = [];
  const errors: string[] = [];
  for (const redirect of redirects) {
    const from = readablePath(redirect.from);
    const file = distFileForPath(redirect.from);
    const key = diskKey(file);
    const ancestors = foldersOf(file).map(diskKey);
    const reserved = reservedProblem(from);
    const builtFile = files.get(key);
    const builtFolder = folders.get(key);
    const builtAncestor = ancestors.map((folder) => files.get(folder)).find((found) => found !== undefined);
    const sameFile = redirectFiles.get(key);
    const crossing =
      sameFile ?? redirectFolders.get(key) ?? ancestors.map((folder) => redirectFiles.get(folder)).find((found) => found !== undefined);
    let problem: RedirectProblem | undefined = reserved;
    if (problem === undefined && builtFile !== undefined) {
      problem = {
        message: `"from: ${shown(from)}" is still a page or file of the site (${builtFile}); a redirect must not hide it`,
        fix: remove,
      };
    } else if (problem === undefined && builtFolder !== undefined) {
      problem = { message: `"from: ${shown(from)}" would write ${file}, where the build has the folder ${builtFolder}`, fix: remove };
    } else if (problem === undefined && builtAncestor !== undefined) {
      problem = { message: `"from: ${shown(from)}" would need a folder where the build writes the file ${builtAncestor}`, fix: remove };
    } else if (problem === undefined && crossing !== undefined) {
      problem = {
        message: `"from: ${shown(from)}" and "from: ${shown(readablePath(crossing.from))}"${crossing.source ? ` (${crossing.source})` : ''} would write ${sameFile ? 'the same file on a case-insensitive disk (macOS, Windows)' : 'a file and a folder of one name'}`,
        fix: 'keep one of the two redirects',
      };
    }
    if (problem !== undefined) {
      errors.push(problemText(redirect, problem));
      continue;
    }
    clear.push(redirect);
    redirectFiles.set(key, redirect);
    for (const folder of ancestors) redirectFolders.set(folder, redirect);
  }
  return { redirects: clear, errors };
}

/** Where a file lands in the output folder, or why it may not be written there. */
export type OutputFile = { file: string; problem?: undefined } | { file?: undefined; problem: string };

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The absolute path of `relativeFile` in `outDir`, proven to stay inside it before
 * anything is written: resolved lexically (no `..` leads out), and the deepest part of
 * it that exists already resolved through symbolic links (a link inside the output
 * folder cannot lead out either) and a folder. The file itself must not exist yet, so
 * that nothing the build wrote is replaced; with `mayExist`, it may be a regular file
 * (not a link) to be rewritten. Call it again right before writing: the answer holds
 * only while nothing else changes the folder.
 */
export function outputFile(outDir: string, relativeFile: string, { mayExist = false }: { mayExist?: boolean } = {}): OutputFile {
  const root = resolve(outDir);
  const file = resolve(root, relativeFile);
  if (file === root || !isInside(root, file))
    return { problem: `${shown(relativeFile)} resolves to ${shown(file)}, outside the output folder ${root}` };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { problem: `the output folder ${root} does not exist` };
  }
  const own = lstatOrUndefined(file);
  if (own !== undefined && !(mayExist && own.isFile())) {
    return {
      problem: `${relative(root, file)} already exists in the output folder${own.isSymbolicLink() ? ' (a symbolic link)' : ''}; it must not be replaced`,
    };
  }
  let existing = dirname(file);
  while (existing !== root && lstatOrUndefined(existing) === undefined) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    return { problem: `${relative(root, existing)} is a broken symbolic link in the output folder` };
  }
  if (!isInside(realRoot, real)) {
    return { problem: `${relative(root, existing)} leads out of the output folder, to ${real} (a symbolic link)` };
  }
  if (!statSync(real).isDirectory())
    return { problem: `${relative(root, existing)} is a file where ${relative(root, file)} needs a folder` };
  return { file };
}

/** The tags registry's fields that matter here (see `tagRegistrySchema`). */
export interface TagRename {
  id: string;
  renamedFrom?: readonly string[];
}

/**
 * A renamed tag keeps its old page URL through a redirect. Its old feed URL is not
 * redirected: feed readers do not follow an HTML refresh page, so the tag feed route
 * serves the current feed at the old address too.
 */
export function tagRenameRedirects(tags: readonly TagRename[], source = 'content/tags.yaml'): Redirect[] {
  return tags.flatMap((tag) =>
    (tag.renamedFrom ?? []).map((old) => ({
      from: `/tags/${old}/`,
      to: `/tags/${tag.id}/`,
      source: `${source} (renamedFrom of ${tag.id})`,
    })),
  );
}

/** The `id` and `renamedFrom` of each tag; the content check reports anything malformed in the file. */
export function parseTagRenames(text: string): TagRename[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.flatMap((entry: unknown): TagRename[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, renamedFrom } = entry as Record<string, unknown>;
    if (typeof id !== 'string') return [];
    const olds = Array.isArray(renamedFrom) ? renamedFrom.filter((old): old is string => typeof old === 'string') : [];
    return [{ id, renamedFrom: olds }];
  });
}

/** The absolute URL a redirect leads to, on the site's origin and under its base path. */
export function redirectTargetUrl(to: string, settings: UrlSettings): string {
  return isAbsoluteTarget(to) ? new URL(to).href : absoluteUrl(`${settings.basePath}${to.replace(/^\/+/, '')}`, settings);
}

function httpUrl(value: string, what: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${what} must be an http(s) URL: ${value}`);
  return url.href;
}

/**
 * The page served at an old URL on hosts without server redirects: a refresh at once,
 * a canonical link so search engines move their index to the new URL, and a link for
 * anyone whose browser does not follow the refresh.
 */
export function redirectPageHtml({ to, canonical = to }: { to: string; canonical?: string }): string {
  const target = escapeHtml(httpUrl(to, 'A redirect target'));
  const canonicalHref = escapeHtml(httpUrl(canonical, 'A canonical URL'));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>This page has moved</title>',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<link rel="canonical" href="${canonicalHref}">`,
    `<meta http-equiv="refresh" content="0; url=${target}">`,
    '</head>',
    '<body>',
    `<p>This page has moved to <a href="${target}">${target}</a>.</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The site path `path` under the base path: `/quotes/new/` → `/qtd/quotes/new/`. */
function underBasePath(path: string, basePath: string): string {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return `${base}${path.replace(/^\/+/, '')}`;
}

/** `_redirects` lines (Netlify, Cloudflare Pages): `/old/  /new/  301`, under the base path. */
export function netlifyRedirects(redirects: readonly Redirect[], basePath: string): string {
  return redirects
    .map(
      (redirect) =>
        `${underBasePath(redirect.from, basePath)}  ${isAbsoluteTarget(redirect.to) ? redirect.to : underBasePath(redirect.to, basePath)}  301\n`,
    )
    .join('');
}

/** Decodes what `encodeURI` encodes, and nothing else: the inverse of `encodeURI` where one exists. */
function decodedForEncodeUri(text: string): string | undefined {
  try {
    const decoded = decodeURI(text);
    return encodeURI(decoded) === text ? decoded : undefined;
  } catch {
    return undefined;
  }
}

export interface AstroRedirects {
  /** Astro's `redirects` config: old path (without the base path, as the address bar shows it) → where it leads. */
  config: Record<string, string>;
  /** The redirects Astro cannot serve as the built site does, each with the reason: only our pages and `_redirects` serve them. */
  left: { redirect: Redirect; reason: string }[];
}

/**
 * The redirects (checked and resolved by `prepareRedirects`) as Astro's `redirects`
 * config, so that `astro dev` answers each old URL with a 301 to where the built site
 * sends it. Astro matches a configured redirect as it matches a page: on the decoded
 * request path, with the site's trailing slash (`trailingSlash: 'always'`), so it
 * serves a page URL; these it cannot serve and are left out:
 * - a `from` naming a file (`/articles/rss.xml`): Astro would answer only at
 *   `/articles/rss.xml/`;
 * - a `to` naming a file (`/rss.xml`): Astro answers with a trailing slash added
 *   (`/rss.xml/`) when the target is one of its routes;
 * - a `to` whose escapes `encodeURI` would not give back (`%26` in a query): Astro
 *   answers with `Location: encodeURI(to)`.
 * A `to` on this site gets the base path here, since Astro does not add it; an http(s)
 * one is sent as it is.
 */
export function astroRedirects(redirects: readonly Redirect[], basePath: string): AstroRedirects {
  const config: Record<string, string> = {};
  const left: AstroRedirects['left'] = [];
  for (const redirect of redirects) {
    const external = isAbsoluteTarget(redirect.to);
    if (isFilePath(redirect.from)) {
      left.push({ redirect, reason: 'it redirects a file, which Astro would redirect only with a "/" after its name' });
      continue;
    }
    if (!external && isFilePath(targetPath(redirect.to))) {
      left.push({ redirect, reason: 'it leads to a file, which Astro would send with a "/" after its name' });
      continue;
    }
    const to = external ? new URL(redirect.to).href : decodedForEncodeUri(underBasePath(redirect.to, basePath));
    if (to === undefined) {
      left.push({ redirect, reason: 'Astro would percent-encode its target differently' });
      continue;
    }
    config[readablePath(redirect.from)] = to;
  }
  return { config, left };
}
