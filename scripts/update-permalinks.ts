/**
 * Records the URLs of a build in `content/permalinks.txt`, the ledger the build
 * checks so that no published URL ever breaks.
 *
 *   npm run permalinks [-- <distDir>]      (default: dist)
 *
 * Lines are only ever added: a URL once published stays in the ledger; to retire a
 * page, declare a redirect from its URL in content/redirects.yaml.
 * Run it after a normal `npm run build` (no SHOW_SCHEDULED, no past BUILD_DATE), or it
 * records pages that the next build does not publish.
 * Exit codes: 0 done, 1 no build or invalid ledger/redirects (message on stderr).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatLedger, parseLedger, pathsFromDist, updateLedger } from '../src/build/permalink-ledger.ts';
import { LEDGER_FILE_NAME, collectRedirects } from '../src/build/integrations/permalinks.ts';
import { listFiles } from '../src/build/files.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = 'usage: npm run permalinks [-- <distDir>]';
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((arg) => arg.startsWith('-'))) throw new Error(USAGE);
  const distDir = resolve(args[0] ?? 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`no build in ${distDir}: run \`npm run build\` first`);
  }

  const { redirects, errors } = await collectRedirects(projectRoot, siteConfig.contentDir);
  if (errors.length > 0) throw new Error(`redirects are invalid:\n  ${errors.join('\n  ')}`);
  // Redirect pages stand in for URLs already in the ledger; they are not new pages.
  const redirected = new Set(redirects.map((redirect) => redirect.from));
  const built = pathsFromDist(listFiles(distDir)).filter((path) => !redirected.has(path));

  const ledgerFile = resolve(projectRoot, siteConfig.contentDir, LEDGER_FILE_NAME);
  const shownLedger = relative(process.cwd(), ledgerFile) || ledgerFile;
  const ledger = existsSync(ledgerFile) ? parseLedger(await readFile(ledgerFile, 'utf8')) : [];
  const { paths, added } = updateLedger(ledger, built);
  if (added.length === 0) {
    process.stdout.write(`${shownLedger} is up to date (${paths.length} URLs)\n`);
    return;
  }
  await writeFile(ledgerFile, formatLedger(paths));
  process.stdout.write(
    `added ${added.length} URL${added.length === 1 ? '' : 's'} to ${shownLedger} (${paths.length} in all):\n${added.map((path) => `  ${path}\n`).join('')}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`update-permalinks: ${(error as Error).message}\n`);
  process.exit(1);
});
