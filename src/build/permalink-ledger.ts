/**
 * The ledger of published URLs (`content/permalinks.txt`): every page and feed the
 * site has ever published, one root-relative path a line, without the base path.
 * People link to single quotes, so a URL in the ledger must keep working forever:
 * the build fails when one is neither built nor redirected (`redirects.ts`).
 *
 * Paths are compared in one canonical spelling (`canonicalSitePath`), so that
 * `/tags/café/` in a YAML file and `/tags/caf%C3%A9/` from the build are one URL.
 */

/** Top-level folders of dist/ that hold assets, not published URLs. */
const UNPUBLISHED_FOLDERS = new Set(['_astro', 'og', 'pagefind']);

/** Feed and data files people subscribe to or fetch: their URLs are as lasting as pages. */
export const LEDGER_DATA_FILES: ReadonlySet<string> = new Set(['rss.xml', 'feed.json', 'quotes.json']);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A lone `%` is a literal character, not an escape.
    return segment;
  }
}

/** A root-relative path with each segment percent-encoded exactly once. */
export function canonicalSitePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(decodeSegment(segment)))
    .join('/');
}

/** A path names a file when its last segment is not empty: `/rss.xml` versus `/quotes/`. */
export function isFilePath(path: string): boolean {
  return !path.endsWith('/');
}

/** The dist-relative file a path is served from: `/` → `index.html`, `/a/` → `a/index.html`, `/a/rss.xml` → `a/rss.xml`. */
export function distFileForPath(path: string): string {
  const segments = path.replace(/^\/+/, '').split('/').map(decodeSegment);
  const file = segments.join('/');
  return isFilePath(path) ? file : `${file}index.html`;
}

/** The public paths (without base path) of the pages and feeds among dist-relative files. */
export function pathsFromDist(files: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const raw of files) {
    const file = raw.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    const segments = file.split('/');
    const first = segments[0] ?? '';
    const name = segments[segments.length - 1] ?? '';
    if (segments.length > 1 && UNPUBLISHED_FOLDERS.has(first)) continue;
    if (file === '404.html') continue;
    if (name === 'index.html') {
      paths.add(
        canonicalSitePath(
          `/${segments
            .slice(0, -1)
            .map((s) => `${s}/`)
            .join('')}`,
        ),
      );
    } else if (/\.html?$/i.test(name) || LEDGER_DATA_FILES.has(name)) {
      paths.add(canonicalSitePath(`/${file}`));
    }
  }
  return sortPaths(paths);
}

/** Code-unit order: the same on every machine and locale, so the ledger diffs cleanly. */
export function sortPaths(paths: Iterable<string>): string[] {
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The ledger's paths; blank lines and `#` comments are skipped. Throws on a line that is not a root-relative path. */
export function parseLedger(text: string): string[] {
  const paths = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const path = line.trim();
    if (path === '' || path.startsWith('#')) return;
    if (!path.startsWith('/') || /[\s?#]/.test(path)) {
      throw new Error(`permalinks.txt line ${index + 1}: "${path}" is not a root-relative path such as /quotes/some-id/`);
    }
    paths.add(canonicalSitePath(path));
  });
  return sortPaths(paths);
}

export function formatLedger(paths: Iterable<string>): string {
  const sorted = sortPaths(new Set(paths));
  return sorted.length === 0 ? '' : `${sorted.join('\n')}\n`;
}

/** The ledger with the built paths added; nothing is ever removed. */
export function updateLedger(ledger: readonly string[], built: readonly string[]): { paths: string[]; added: string[] } {
  const known = new Set(ledger.map(canonicalSitePath));
  const added = sortPaths(new Set(built.map(canonicalSitePath).filter((path) => !known.has(path))));
  return { paths: sortPaths([...known, ...added]), added };
}

/** Ledger paths the build no longer produces and no redirect leads away from. */
export function missingFromBuild(ledger: readonly string[], built: readonly string[], redirects: readonly { from: string }[]): string[] {
  const covered = new Set([...built, ...redirects.map((redirect) => redirect.from)].map(canonicalSitePath));
  return sortPaths(new Set(ledger.map(canonicalSitePath).filter((path) => !covered.has(path))));
}

/**
 * Limits of the hosts QTD deploys to, checked after every build:
 * Cloudflare Pages (free plan) serves at most 20,000 files and 2,000 static redirects;
 * GitHub Pages publishes at most 1 GB.
 */
export const HOST_LIMITS = {
  cloudflarePagesFiles: 20_000,
  cloudflarePagesRedirects: 2_000,
  githubPagesBytes: 1_000_000_000,
} as const;

/** Past this share of a limit, the build warns while there is still time to act. */
export const HOST_LIMIT_WARNING_SHARE = 0.8;

export interface DistStats {
  files: number;
  bytes: number;
  redirects: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

/** One warning per host limit the build is near or past. */
export function hostLimitWarnings(stats: DistStats, limits: typeof HOST_LIMITS = HOST_LIMITS): string[] {
  const checks = [
    { value: stats.files, limit: limits.cloudflarePagesFiles, what: 'files', host: 'Cloudflare Pages (free plan)', show: String },
    { value: stats.redirects, limit: limits.cloudflarePagesRedirects, what: 'redirects', host: 'Cloudflare Pages', show: String },
    { value: stats.bytes, limit: limits.githubPagesBytes, what: 'bytes', host: 'GitHub Pages', show: formatBytes },
  ];
  const warnings: string[] = [];
  for (const { value, limit, what, host, show } of checks) {
    if (value < limit * HOST_LIMIT_WARNING_SHARE) continue;
    const share = Math.round((value / limit) * 100);
    const amount = what === 'bytes' ? show(value) : `${show(value)} ${what}`;
    const cap = what === 'bytes' ? show(limit) : `${show(limit)} ${what}`;
    warnings.push(
      value > limit
        ? `dist/ is over the ${host} limit: ${amount}, the limit is ${cap}`
        : `dist/ is at ${share}% of the ${host} limit: ${amount} of ${cap}`,
    );
  }
  return warnings;
}
