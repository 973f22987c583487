/**
 * Redirects of published URLs. They are declared in one place, `content/redirects.yaml`,
 * plus those other parts of the site derive in code (a renamed tag keeps its old URL);
 * `mergeRedirects` and `prepareRedirects` turn them into one checked list, in which
 * every redirect points straight at its final target.
 *
 * The build serves each one twice: as a small HTML page at the old URL (any static
 * host) and as a line of `_redirects` (Netlify and Cloudflare Pages answer with a 301).
 */
import { parse as parseYaml } from 'yaml';
import { absoluteUrl } from './urls.ts';
import type { UrlSettings } from './urls.ts';
import { canonicalSitePath, distFileForPath, sortPaths } from './permalinks.ts';

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

/** Why `from` cannot be redirected, or undefined when it can. */
function fromProblem(from: string): string | undefined {
  if (!from.startsWith('/') || from.startsWith('//')) {
    return `"from: ${from}" must be a root-relative path starting with "/", without the base path (e.g. /quotes/old-id/)`;
  }
  if (/[\s?#]/.test(from)) return `"from: ${from}" must be a bare path, without spaces, "?query" or "#fragment"`;
  const segments = from.slice(1).split('/');
  const inner = from.endsWith('/') ? segments.slice(0, -1) : segments;
  if (inner.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return `"from: ${from}" has an empty, "." or ".." segment`;
  }
  const last = segments[segments.length - 1] ?? '';
  if (last !== '' && !last.includes('.')) {
    return `"from: ${from}" must end with "/" (every page URL does: ${from}/) or name a file such as ${from}/rss.xml`;
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
    if (unknownKeys.length > 0) errors.push(`${where}: unknown field ${unknownKeys.map((key) => `"${key}"`).join(', ')} (only from and to)`);
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
    const problem = fromProblem(redirect.from) ?? toProblem(redirect.to);
    if (problem) {
      errors.push(`${describe(redirect)}${problem}`);
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

/** Redirects whose old URL is still a real file of the build: writing them would hide it. */
export function redirectsHidingFiles(redirects: readonly Redirect[], distFiles: ReadonlySet<string>): Redirect[] {
  return redirects.filter((redirect) => distFiles.has(distFileForPath(redirect.from)));
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
    (tag.renamedFrom ?? []).map((old) => ({ from: `/tags/${old}/`, to: `/tags/${tag.id}/`, source: `${source} (renamedFrom of ${tag.id})` })),
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

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
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

/** `_redirects` lines (Netlify, Cloudflare Pages): `/old/  /new/  301`, under the base path. */
export function netlifyRedirects(redirects: readonly Redirect[], basePath: string): string {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const underBase = (path: string) => `${base}${path.replace(/^\/+/, '')}`;
  return redirects
    .map((redirect) => `${underBase(redirect.from)}  ${isAbsoluteTarget(redirect.to) ? redirect.to : underBase(redirect.to)}  301\n`)
    .join('');
}
