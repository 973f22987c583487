/**
 * `npm run build`: `astro build`, then the work that needs Astro's memory to be free
 * (src/build/after-astro.ts): the search index, beside it the share cards not drawn
 * during the pages and the citation files, and the size report of `dist/`.
 *
 *   npm run build [-- astro build options, e.g. --outDir elsewhere/]
 *
 * A plain `astro build` gives the same `dist/`, with its peak memory higher by the
 * indexer's (1.7 GB at 10,000 quotes).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AFTER_ASTRO_ENV, finishCards, readAfterAstroWork, writeCitationFilesAside } from '../src/build/after-astro.ts';
import { indexSite } from '../src/build/integrations/search-index.ts';
import { reportDistSize } from '../src/build/permalink-ledger.ts';
import { astroCliPath } from '../src/build/internals.ts';

/**
 * A logger in the shape of Astro's (`12:00:00 [label] message`, `12:00:00 [WARN] [label] message`),
 * so the build log reads as one: warnings on standard output, as Astro writes them; errors on
 * standard error.
 */
function logger(label: string) {
  const time = () => new Date().toTimeString().slice(0, 8);
  return {
    info: (message: string) => console.log(`${time()} [${label}] ${message}`),
    warn: (message: string) => console.log(`${time()} [WARN] [${label}] ${message}`),
    error: (message: string) => console.error(`${time()} [ERROR] [${label}] ${message}`),
  };
}

function runAstroBuild(args: readonly string[], handOffFile: string): Promise<number> {
  // The file the astro package declares as its command; throws, naming the package, without one.
  const astroCli = astroCliPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroCli, 'build', ...args], {
      stdio: 'inherit',
      env: { ...process.env, [AFTER_ASTRO_ENV]: handOffFile },
    });
    // Ctrl-C reaches the whole process group; a TERM sent to this script alone is passed on.
    process.once('SIGTERM', () => child.kill('SIGTERM'));
    child.on('error', reject);
    // A shell's convention for a child killed by a signal: 128 + its number.
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
  });
}

/** Waits for `work`; when it fails, logs why as an error and resolves true. */
async function loggedFailure(work: Promise<unknown>, log: { error: (message: string) => void }): Promise<boolean> {
  try {
    await work;
    return false;
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    return true;
  }
}

async function main(): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'qtd-build-'));
  try {
    const handOffFile = join(workDir, 'after-astro.json');
    const code = await runAstroBuild(process.argv.slice(2), handOffFile);
    if (code !== 0) return code;
    const work = readAfterAstroWork(handOffFile);
    const searchLog = logger('qtd:search-index');
    const cardsLog = logger('qtd:cards');
    const citationsLog = logger('qtd:citation-files');
    // The cards draw at the lowest priority beside the indexer: it decides how long this
    // part takes, and its writing, on one thread, leaves the other cores to the cards and
    // the citation files.
    const indexing = work.search ? indexSite(work.search.siteDir, work.search.cacheDir, searchLog) : Promise.resolve();
    const citationsStarted = performance.now();
    const failed = await Promise.all([
      loggedFailure(indexing, searchLog),
      work.cards
        ? loggedFailure(
            // All cores once the index is written, or has failed.
            finishCards(
              work.cards,
              cardsLog,
              indexing.then(
                () => undefined,
                () => undefined,
              ),
            ),
            cardsLog,
          )
        : false,
      work.citationFiles
        ? loggedFailure(
            writeCitationFilesAside(work.citationFiles.siteDir).then(({ files }) =>
              citationsLog.info(
                `citation files: ${files} written beside the search index (${Math.round(performance.now() - citationsStarted)} ms)`,
              ),
            ),
            citationsLog,
          )
        : false,
    ]);
    if (failed.includes(true)) return 1;
    if (work.distReport) await reportDistSize(work.distReport.siteDir, work.distReport.redirects, logger('qtd:permalinks'));
    return 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
