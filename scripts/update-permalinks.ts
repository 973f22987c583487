/**
 * Records what a build published in the two ledgers the build checks:
 * `content/permalinks.txt`, its URLs, so that no published URL ever breaks, and
 * `content/quote-texts.yaml`, the words of its quotes as first published and the text
 * of their articles, so that published words never change without a correction.
 *
 *   npm run permalinks [-- <distDir>]      (default: dist)
 *
 * Entries are only ever added: a URL or a quote once published stays (to retire a page,
 * declare a redirect or withdraw the quote); a known quote's article text is recorded
 * anew. It reads the record a finished build leaves in its output
 * (src/build/permalink-ledger.ts, `BUILD_RECORD_FILE`), and refuses an output that no
 * finished build wrote, one built with scheduled quotes shown as drafts
 * (`SHOW_SCHEDULED=1`, the dev server's settings), and one built with a `BUILD_DATE`
 * after today: each holds pages the site does not publish.
 * Exit codes: 0 done, 1 refused or failed (message on stderr).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUILD_RECORD_FILE,
  formatLedger,
  parseBuildRecord,
  parseLedger,
  pathsFromDist,
  plural,
  unpublishableBuild,
  updateLedger,
  updateQuoteTexts,
  type BuildRecord,
} from '../src/build/permalink-ledger.ts';
import { LEDGER_FILE_NAME, collectRedirects } from '../src/build/integrations/permalinks.ts';
import { QUOTE_TEXTS_FILE_NAME, formatQuoteTexts, parseQuoteTexts } from '../src/content/quote-ledger.ts';
import { listFiles } from '../src/build/files.ts';
import { todayIn } from '../src/domain/dates.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = 'usage: npm run permalinks [-- <distDir>]';
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

/** The record of the build in `distDir`, or an error saying why its output cannot be recorded. */
async function buildRecord(distDir: string): Promise<BuildRecord> {
  const file = join(distDir, BUILD_RECORD_FILE);
  if (!existsSync(file)) {
    throw new Error(
      `${shown(distDir)} holds no record of a finished build (${BUILD_RECORD_FILE}): it was not written by a build that passed its checks ` +
        '(`npm run dev` writes no site, and a failed build leaves none). Run `npm run build`, then this command.',
    );
  }
  const record = parseBuildRecord(await readFile(file, 'utf8'));
  if (typeof record === 'string')
    throw new Error(`${shown(file)} cannot be read: ${record}. Run \`npm run build\` again, then this command.`);
  const refused = unpublishableBuild(record, todayIn(siteConfig.timeZone, new Date()));
  if (refused !== undefined) {
    throw new Error(
      `the build in ${shown(distDir)} is not what the site publishes: ${refused}. Nothing was recorded.\n` +
        'Build as the site is deployed (`npm run build`, without SHOW_SCHEDULED or a later BUILD_DATE), then run this command.',
    );
  }
  return record;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((arg) => arg.startsWith('-'))) throw new Error(USAGE);
  const distDir = resolve(args[0] ?? 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`no build in ${distDir}: run \`npm run build\` first`);
  }
  const record = await buildRecord(distDir);

  const { redirects, errors } = await collectRedirects(projectRoot, siteConfig.contentDir);
  if (errors.length > 0) throw new Error(`redirects are invalid:\n  ${errors.join('\n  ')}`);
  // Redirect pages stand in for URLs already in the ledger; they are not new pages.
  const redirected = new Set(redirects.map((redirect) => redirect.from));
  const built = pathsFromDist(listFiles(distDir)).filter((path) => !redirected.has(path));

  const ledgerFile = resolve(projectRoot, siteConfig.contentDir, LEDGER_FILE_NAME);
  const ledger = existsSync(ledgerFile) ? parseLedger(await readFile(ledgerFile, 'utf8')) : [];
  const { paths, added } = updateLedger(ledger, built);

  const wordsFile = resolve(projectRoot, siteConfig.contentDir, QUOTE_TEXTS_FILE_NAME);
  const wordsText = existsSync(wordsFile) ? await readFile(wordsFile, 'utf8') : undefined;
  const parsed = parseQuoteTexts(wordsText ?? '', shown(wordsFile));
  if (parsed.issues.length > 0) {
    throw new Error(
      `${shown(wordsFile)} cannot be read:\n${parsed.issues.map((item) => `  ${item.line ? `line ${item.line}: ` : ''}${item.field ? `${item.field}: ` : ''}${item.message}`).join('\n')}\nRestore it from git.`,
    );
  }
  const words = updateQuoteTexts(parsed.ledger.quotes, record.quotes);
  if (words.conflicts.length > 0) {
    throw new Error(
      `${shown(wordsFile)} records other words for ${words.conflicts.join(', ')} than the build in ${shown(distDir)} published: ` +
        'the ledger changed since that build. Run `npm run build` again, then this command.',
    );
  }

  // Both ledgers are written only once both updates are known to succeed.
  const lines: string[] = [];
  if (added.length > 0) {
    await writeFile(ledgerFile, formatLedger(paths));
    lines.push(
      `added ${plural(added.length, 'URL')} to ${shown(ledgerFile)} (${paths.length} in all):`,
      ...added.map((path) => `  ${path}`),
    );
  } else {
    lines.push(`${shown(ledgerFile)} is up to date (${plural(paths.length, 'URL')})`);
  }
  const wordsChanged = words.added.length > 0 || words.refreshed.length > 0 || wordsText === undefined;
  if (wordsChanged) await writeFile(wordsFile, formatQuoteTexts(words.quotes));
  if (words.added.length > 0) {
    lines.push(
      `recorded the published words of ${plural(words.added.length, 'quote')} in ${shown(wordsFile)}:`,
      ...words.added.map((id) => `  ${id}`),
    );
  }
  if (words.refreshed.length > 0) {
    lines.push(
      `recorded the new text of the articles of ${plural(words.refreshed.length, 'quote')} (each verified against it by the build):`,
      ...words.refreshed.map((id) => `  ${id}`),
    );
  }
  if (words.added.length === 0 && words.refreshed.length === 0) {
    lines.push(`${shown(wordsFile)} is up to date (${plural(words.quotes.size, 'quote')})`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`update-permalinks: ${(error as Error).message}\n`);
  process.exit(1);
});
