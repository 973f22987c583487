/**
 * What a host stores: the files of a built site grouped by kind of output (share
 * cards, quote pages, citations, search index …), with their bytes and the bytes per
 * quote. GitHub Pages, where the deploy workflow publishes, refuses a site over 1 GB,
 * so the bytes per quote say how large an archive can grow there.
 *
 * A kind is decided by the file's path alone, except for redirects: a page kept at an
 * old address (src/build/redirects.ts) is a small HTML file whose only job is to send
 * the reader on, told apart by its `http-equiv="refresh"`.
 *
 *   node bench/dist-kinds.ts <dist> [--quotes N]
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_RECORD_FILE } from '../src/build/permalink-ledger.ts';

export const DIST_KINDS = [
  'share cards',
  'quote pages',
  'citation files',
  'article pages',
  'list pages',
  'people and tag pages',
  'feeds',
  'open data',
  'search index',
  'redirects',
  'assets',
  'other',
] as const;
export type DistKind = (typeof DIST_KINDS)[number];

/** The first segment of a quote-list path that is not a quote's id: pages of the list, years. */
const QUOTE_LIST_SEGMENT = /^(?:page|\d{4})$/;

/**
 * The kind of a file of the site from its path under dist/ (with `/` separators);
 * `isRedirect` is asked only of HTML pages, and only when the path would make them a page.
 */
export function distKind(path: string, isRedirect: () => boolean): DistKind {
  const segments = path.split('/');
  const [first = '', second = ''] = segments;
  const name = segments[segments.length - 1] ?? '';
  if (first === 'og' && name.endsWith('.png')) return 'share cards';
  // The build's record for `npm run permalinks`.
  if (first === BUILD_RECORD_FILE.split('/')[0]) return 'other';
  if (first === 'pagefind') return 'search index';
  if (first === '_astro' || /\.(?:css|js|woff2?|ico|svg|png|webmanifest|xsl)$/.test(name)) return 'assets';
  if (/(?:^|\/)(?:rss|atom)\.xml$|(?:^|\/)feed\.json$/.test(path)) return 'feeds';
  if (first === 'quotes' && /^citation\.[a-z]+$/.test(name) && segments.length === 3) return 'citation files';
  if (name.endsWith('.json') || name.endsWith('.csv')) return 'open data';
  if (!name.endsWith('.html')) return 'other';
  if (isRedirect()) return 'redirects';
  if (first === 'quotes') return segments.length === 3 && !QUOTE_LIST_SEGMENT.test(second) ? 'quote pages' : 'list pages';
  if (first === 'articles') return segments.length === 3 ? 'article pages' : 'list pages';
  if (first === 'people' || first === 'tags') return 'people and tag pages';
  return 'list pages';
}

/** True if the HTML file is a redirect page: its head, within the first 2 kB, holds a refresh. */
function isRedirectPage(file: string): boolean {
  const buffer = Buffer.alloc(2048);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return /http-equiv="?refresh/i.test(buffer.subarray(0, read).toString('latin1'));
  } finally {
    closeSync(fd);
  }
}

export interface DistKindTotals {
  kind: DistKind;
  files: number;
  bytes: number;
}

/** Files and bytes of each kind of output in `dist`, in the order of `DIST_KINDS`, kinds without files left out. */
export function measureDistKinds(dist: string): DistKindTotals[] {
  const totals = new Map<DistKind, DistKindTotals>(DIST_KINDS.map((kind) => [kind, { kind, files: 0, bytes: 0 }]));
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const path = relative(dist, file).split(sep).join('/');
    const kind = distKind(path, () => isRedirectPage(file));
    const total = totals.get(kind) as DistKindTotals;
    total.files++;
    total.bytes += statSync(file).size;
  }
  return [...totals.values()].filter((total) => total.files > 0);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/**
 * The table: each kind's files, MB and kB per quote, QTD beside a second site (the
 * baseline) where given, and the total with what it means for a host's 1 GB limit.
 */
export function formatDistKindsTable(qtd: readonly DistKindTotals[], quotes: number, baseline?: readonly DistKindTotals[]): string {
  const lines = baseline
    ? ['| output | files | MB | kB per quote | baseline files | baseline MB |', '|---|--:|--:|--:|--:|--:|']
    : ['| output | files | MB | kB per quote |', '|---|--:|--:|--:|'];
  const kinds = DIST_KINDS.filter((kind) => qtd.some((t) => t.kind === kind) || baseline?.some((t) => t.kind === kind));
  const row = (label: string, mine: DistKindTotals | undefined, theirs: DistKindTotals | undefined): string => {
    const files = mine?.files ?? 0;
    const bytes = mine?.bytes ?? 0;
    const cells = [label, files.toLocaleString('en-US'), megabytes(bytes), (bytes / 1024 / quotes).toFixed(1)];
    if (baseline) cells.push((theirs?.files ?? 0).toLocaleString('en-US'), megabytes(theirs?.bytes ?? 0));
    return `| ${cells.join(' | ')} |`;
  };
  for (const kind of kinds) {
    lines.push(
      row(
        kind,
        qtd.find((t) => t.kind === kind),
        baseline?.find((t) => t.kind === kind),
      ),
    );
  }
  const sum = (totals: readonly DistKindTotals[]): DistKindTotals =>
    totals.reduce((all, t) => ({ kind: 'other', files: all.files + t.files, bytes: all.bytes + t.bytes }), {
      kind: 'other',
      files: 0,
      bytes: 0,
    });
  const total = sum(qtd);
  lines.push(row('**all**', total, baseline ? sum(baseline) : undefined));
  const perQuote = total.bytes / quotes;
  lines.push(
    '',
    `At ${(perQuote / 1024).toFixed(1)} kB a quote all-in, a host limit of 1 GB (GitHub Pages) holds about ${Math.floor(1024 ** 3 / perQuote).toLocaleString('en-US')} quotes.`,
  );
  return lines.join('\n');
}

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dist = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
  if (!dist) {
    process.stderr.write('usage: node bench/dist-kinds.ts <dist> [--quotes N]\n');
    process.exit(2);
  }
  const totals = measureDistKinds(dist);
  const quotes = Number(option(args, '--quotes') ?? totals.find((t) => t.kind === 'quote pages')?.files ?? 1);
  process.stdout.write(`${formatDistKindsTable(totals, quotes)}\n`);
}
