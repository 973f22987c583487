/**
 * Keeps every published URL working. After the build it
 * 1. fails when a URL of `content/permalinks.txt` is neither built nor redirected,
 * 2. writes the redirects (`content/redirects.yaml`, renamed tags, and any passed
 *    in code) as HTML pages at the old URLs and as `_redirects` lines, once every
 *    one of them is proven to land inside the output folder and to replace nothing
 *    the build writes (search index included),
 * 3. leaves the build's record for `npm run permalinks` (`BUILD_RECORD_FILE`: whether it
 *    showed drafts, its today, the words of the quotes it published), last, so that only
 *    a build that passed every check has one,
 * 4. reports the size of dist/ and warns before it outgrows a host's limits (under
 *    `npm run build`, after the search index is written: src/build/after-astro.ts).
 * A failure prints one report naming each URL and its fix, with no stack trace.
 * The redirects of the content are also checked when the build starts, so that a
 * malformed one stops it before anything is rendered or written. In `astro dev`,
 * Astro's own `redirects` config serves them (`devRedirects`).
 */
import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUILD_RECORD_FILE,
  classifyMissing,
  distFileForPath,
  formatBuildRecord,
  missingFromBuild,
  parseLedger,
  pathsFromDist,
  plural,
  reportDistSize,
  type MissingUrl,
  type RecordedQuote,
} from '../permalink-ledger.ts';
import {
  REDIRECTS_FILE_NAME,
  astroRedirects,
  netlifyRedirects,
  outputFile,
  parseRedirects,
  parseTagRenames,
  prepareRedirects,
  redirectPageHtml,
  redirectsClearOfBuild,
  redirectTargetUrl,
  redirectsToMissingTargets,
  tagRenameRedirects,
} from '../redirects.ts';
import type { Redirect, RedirectsResult } from '../redirects.ts';
import { siteConfig } from '../../site.config.ts';
import { afterAstroFile, handOver } from '../after-astro.ts';
import { listFiles } from '../files.ts';
import { withPendingCitationFiles } from './citation-files.ts';
import { checkedArticleText, checkedContent } from '../../content/loader.ts';
import { firstPublishedWords } from '../../domain/published-words.ts';
import type { ValidatedContent } from '../../content/validate.ts';
import { quoteStatus } from '../../domain/archive-order.ts';
import { todayIn } from '../../domain/dates.ts';

export const LEDGER_FILE_NAME = 'permalinks.txt';

export type ExtraRedirects = readonly Redirect[] | (() => readonly Redirect[] | Promise<readonly Redirect[]>);

export interface PermalinksOptions {
  /** Redirects derived in code by other parts of the site, merged with the declared ones. */
  redirects?: ExtraRedirects;
}

async function readIfExists(path: string): Promise<string | undefined> {
  return existsSync(path) ? readFile(path, 'utf8') : undefined;
}

/** The redirects of a content folder (redirects.yaml and the tags' renamedFrom) plus extra ones, checked and resolved. */
export async function collectRedirects(root: string, contentDir: string, extra: readonly Redirect[] = []): Promise<RedirectsResult> {
  const declaredText = await readIfExists(resolve(root, contentDir, REDIRECTS_FILE_NAME));
  const declared =
    declaredText === undefined ? { redirects: [], errors: [] } : parseRedirects(declaredText, `${contentDir}/${REDIRECTS_FILE_NAME}`);
  const tagsText = await readIfExists(resolve(root, contentDir, 'tags.yaml'));
  const renamed = tagsText === undefined ? [] : tagRenameRedirects(parseTagRenames(tagsText), `${contentDir}/tags.yaml`);
  const prepared = prepareRedirects(declared.redirects, renamed, extra);
  return { redirects: prepared.redirects, errors: [...declared.errors, ...prepared.errors] };
}

/** The ledger's paths, or undefined when the content folder has none (nothing to check). */
export async function readLedger(root: string, contentDir: string): Promise<string[] | undefined> {
  const text = await readIfExists(resolve(root, contentDir, LEDGER_FILE_NAME));
  return text === undefined ? undefined : parseLedger(text);
}

/** A ledger path as `from:` takes it, decoded: `/tags/caf%C3%A9/` → `/tags/café/`. */
function readable(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * One report per kind of missing URL (`classifyMissing`): a URL recorded from a build
 * that showed drafts was never published, and its line goes; a deleted quote is better
 * withdrawn than redirected, since its page then says why; any other page is restored
 * or redirected.
 */
function missingUrlsReports(missing: readonly MissingUrl[], contentDir: string, today: string): string[] {
  const ledger = `${contentDir}/${LEDGER_FILE_NAME}`;
  const reports: string[] = [];
  const scheduled = missing.flatMap((url) => (url.kind === 'scheduled' ? [url] : []));
  const deleted = missing.flatMap((url) => (url.kind === 'deleted-quote' ? [url] : []));
  const gone = missing.filter((url) => url.kind === 'gone').map((url) => url.path);
  if (scheduled.length > 0) {
    reports.push(
      [
        `${plural(scheduled.length, `URL of ${ledger} was`, `URLs of ${ledger} were`)} never published:`,
        ...scheduled.map((url) => `  ${url.path}  (${url.reason})`),
        `They were recorded from a build that showed scheduled quotes (SHOW_SCHEDULED=1) or took a later BUILD_DATE.`,
        `Remove their lines from ${ledger}: no reader has seen them, and the build publishes them on their day.`,
      ].join('\n'),
    );
  }
  if (deleted.length > 0) {
    reports.push(
      [
        `${plural(deleted.length, 'published quote has', 'published quotes have')} lost ${deleted.length === 1 ? 'its page: its file was' : 'their pages: their files were'} deleted:`,
        ...deleted.map((url) => `  ${url.path}`),
        `A published quote keeps its URL: people link to it. Restore its file (from git) and withdraw it, so that its page says why:`,
        `  withdrawn: { date: ${today}, reason: "Why it was withdrawn." }`,
        `or, if it moved to another id, declare a redirect in ${contentDir}/${REDIRECTS_FILE_NAME}:`,
        ...deleted.slice(0, 3).flatMap((url) => [`  - from: ${readable(url.path)}`, `    to: /quotes/new-id/`]),
      ].join('\n'),
    );
  }
  if (gone.length > 0) {
    reports.push(
      [
        `${plural(gone.length, 'published URL is', 'published URLs are')} no longer built:`,
        ...gone.map((path) => `  ${path}`),
        `Every URL in ${ledger} must keep working: people link to it.`,
        `For each URL above, restore its page, or declare a redirect in ${contentDir}/${REDIRECTS_FILE_NAME}:`,
        ...gone.slice(0, 3).flatMap((path) => [`  - from: ${readable(path)}`, `    to: /new/path/`]),
      ].join('\n'),
    );
  }
  return reports;
}

/** The day this build takes as today. */
function buildToday(): string {
  return todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate);
}

/** The quotes this build published, with their words as first published and their article's text, for `npm run permalinks`. */
function publishedQuotes(content: ValidatedContent | undefined, today: string): RecordedQuote[] {
  if (!content) return [];
  return content.quotes.flatMap((quote) => {
    if (quoteStatus({ id: quote.id, date: quote.data.date, withdrawn: quote.data.withdrawn }, today) !== 'published') return [];
    const article = quote.data.source?.id;
    const articleText = article === undefined ? undefined : checkedArticleText(article);
    return [
      {
        id: quote.id,
        text: firstPublishedWords(quote.data.text, quote.data.corrections),
        ...(article === undefined ? {} : { article }),
        ...(articleText === undefined ? {} : { articleText }),
      },
    ];
  });
}

/** Writes the build's record (`BUILD_RECORD_FILE`), a new file proven inside `distDir`; resolves with the reason of a failure. */
async function writeBuildRecord(distDir: string, content: ValidatedContent | undefined, today: string): Promise<string | undefined> {
  const text = formatBuildRecord({
    today,
    drafts: siteConfig.showScheduled || process.env.QTD_DEV_SERVER === '1',
    quotes: publishedQuotes(content, today),
  });
  try {
    const planned = outputFile(distDir, BUILD_RECORD_FILE);
    if (planned.problem !== undefined) throw new Error(planned.problem);
    await mkdir(dirname(planned.file), { recursive: true });
    const proven = outputFile(distDir, BUILD_RECORD_FILE);
    if (proven.problem !== undefined) throw new Error(proven.problem);
    await writeFile(proven.file, text, { flag: 'wx' });
    return undefined;
  } catch (error) {
    return `${BUILD_RECORD_FILE} could not be written: ${(error as Error).message}`;
  }
}

function redirectProblemsReport(errors: readonly string[], contentDir: string): string {
  return [
    `${plural(errors.length, 'redirect problem')}:`,
    ...errors.map((error) => `  ${error}`),
    `Fix ${contentDir}/${REDIRECTS_FILE_NAME} (or the tag registry's renamedFrom).`,
  ].join('\n');
}

function fail(reports: readonly string[]): never {
  process.stderr.write(`\n[qtd:permalinks] The build keeps its published URLs and failed:\n\n${reports.join('\n\n')}\n\n`);
  process.exit(1);
}

const REDIRECTS_LIST_FILE = '_redirects';

interface RedirectWrite {
  file: string;
  html: string;
}

/**
 * Where each redirect's page goes, every path proven inside `distDir` (`outputFile`),
 * or the reasons some cannot be written. Nothing is written here.
 */
function planRedirects(distDir: string, redirects: readonly Redirect[]): { writes: RedirectWrite[]; errors: string[] } {
  const settings = { siteUrl: siteConfig.siteUrl, basePath: siteConfig.basePath };
  const writes: RedirectWrite[] = [];
  const errors: string[] = [];
  for (const redirect of redirects) {
    const target = outputFile(distDir, distFileForPath(redirect.from));
    if (target.problem !== undefined) {
      errors.push(
        `${redirect.source ? `${redirect.source}: ` : ''}"from: ${readable(redirect.from)}" cannot be written: ${target.problem}\n    Fix: remove the redirect, or what stands in its way in public/`,
      );
    } else {
      writes.push({ file: target.file, html: redirectPageHtml({ to: redirectTargetUrl(redirect.to, settings) }) });
    }
  }
  if (redirects.length > 0) {
    const list = outputFile(distDir, REDIRECTS_LIST_FILE, { mayExist: true });
    if (list.problem !== undefined) errors.push(`${REDIRECTS_LIST_FILE} cannot be written: ${list.problem}`);
  }
  return { writes, errors };
}

/**
 * Writes the planned pages and the `_redirects` lines. Each page is a new file (never
 * an existing one, nor through a link), its place proven again once its folder is made;
 * `_redirects` is written anew with what it held, so that a hard link cannot carry
 * the lines elsewhere. Resolves with the reasons of any failure, never throws.
 */
async function writeRedirects(distDir: string, redirects: readonly Redirect[], writes: readonly RedirectWrite[]): Promise<string[]> {
  const errors: string[] = [];
  for (const { file, html } of writes) {
    try {
      await mkdir(dirname(file), { recursive: true });
      const proven = outputFile(distDir, relative(distDir, file));
      if (proven.problem !== undefined) throw new Error(proven.problem);
      await writeFile(proven.file, html, { flag: 'wx' });
    } catch (error) {
      errors.push(`${relative(distDir, file)} could not be written: ${(error as Error).message}`);
    }
  }
  if (redirects.length === 0 || errors.length > 0) return errors;
  try {
    const list = outputFile(distDir, REDIRECTS_LIST_FILE, { mayExist: true });
    if (list.problem !== undefined) throw new Error(list.problem);
    const existing = (await readIfExists(list.file)) ?? '';
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await rm(list.file, { force: true });
    await writeFile(
      list.file,
      `${existing}${separator}# Published URLs that moved (content/redirects.yaml, renamed tags)\n${netlifyRedirects(redirects, siteConfig.basePath)}`,
      { flag: 'wx' },
    );
  } catch (error) {
    errors.push(`${REDIRECTS_LIST_FILE} could not be written: ${(error as Error).message}`);
  }
  return errors;
}

type ConfigSetup = Parameters<NonNullable<AstroIntegration['hooks']['astro:config:setup']>>[0];

/**
 * Serves the redirects in `astro dev` through Astro's own `redirects` config: the dev
 * server answers an old page URL with a 301 to its new place, as the deployed site
 * does. A redirect Astro cannot serve as the built site does (a file such as
 * `/articles/rss.xml`, a target that is a file: `astroRedirects`) is left to the
 * build, and named. As everywhere in the dev server, a problem is reported without
 * stopping it: the malformed entries are left out, the others served. A change to
 * redirects.yaml or tags.yaml restarts the dev server, which reads them again.
 *
 * The build does not pass them to Astro, and writes its own pages and `_redirects`
 * instead (astro:build:done), because Astro's would lose what ours give:
 * - Astro 7.3's redirect page has no `lang`, no `<meta charset>` and no viewport, and
 *   cannot be replaced before Astro 7.4's experimental `redirectPage` (a page in
 *   src/pages);
 * - Astro writes a file redirect (`/articles/rss.xml`) as `articles/rss.xml/index.html`,
 *   and sends a redirect to `/rss.xml` to `/rss.xml/`;
 * - `redirects` is part of the configuration Astro keys its incremental build and its
 *   content store by: one redirect added to the content would make the next build
 *   render every page again.
 */
function devRedirects(
  root: string,
  { redirects, errors }: RedirectsResult,
  { updateConfig, addWatchFile, logger }: Pick<ConfigSetup, 'updateConfig' | 'addWatchFile' | 'logger'>,
): void {
  const contentDir = siteConfig.contentDir;
  if (errors.length > 0) logger.error(redirectProblemsReport(errors, contentDir));
  const served = astroRedirects(redirects, siteConfig.basePath);
  updateConfig({ redirects: served.config });
  for (const file of [REDIRECTS_FILE_NAME, 'tags.yaml']) addWatchFile(resolve(root, contentDir, file));
  if (redirects.length === 0) return;
  logger.info(
    `${plural(Object.keys(served.config).length, 'redirect')} served by the dev server` +
      served.left
        .map(({ redirect, reason }) => `\n  not ${readable(redirect.from)} → ${redirect.to}: ${reason}; the build writes it`)
        .join(''),
  );
}

export default function permalinks(options: PermalinksOptions = {}): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'qtd:permalinks',
    hooks: {
      'astro:config:setup': async (setup) => {
        const { config, command } = setup;
        if (command !== 'build' && command !== 'dev') return;
        const projectRoot = fileURLToPath(config.root);
        const extra = typeof options.redirects === 'function' ? [] : (options.redirects ?? []);
        const collected = await collectRedirects(projectRoot, siteConfig.contentDir, extra);
        if (command === 'dev') {
          devRedirects(projectRoot, collected, setup);
          return;
        }
        // Before anything is rendered or written: a malformed redirect stops the build here.
        // The build then writes its own redirect pages (astro:build:done), not Astro's: see devRedirects.
        if (collected.errors.length > 0) fail([redirectProblemsReport(collected.errors, siteConfig.contentDir)]);
      },
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const contentDir = siteConfig.contentDir;
        // The citation files `npm run build` writes after Astro exits count as written.
        const builtFiles = withPendingCitationFiles(listFiles(distDir));
        const fileSet = new Set(builtFiles);

        const extra = typeof options.redirects === 'function' ? await options.redirects() : (options.redirects ?? []);
        const { redirects, errors } = await collectRedirects(root, contentDir, extra);
        const clear = redirectsClearOfBuild(redirects, builtFiles);
        errors.push(...clear.errors);
        for (const redirect of redirectsToMissingTargets(redirects, fileSet)) {
          errors.push(
            `${redirect.source ? `${redirect.source}: ` : ''}"to: ${redirect.to}" (from ${redirect.from}) is not a page or file of this build`,
          );
        }
        // Every page's place is proven inside dist/ before the first is written.
        const plan = planRedirects(distDir, clear.redirects);
        errors.push(...plan.errors);

        const reports: string[] = [];
        if (errors.length > 0) reports.push(redirectProblemsReport(errors, contentDir));

        let ledger: string[] | undefined;
        try {
          ledger = await readLedger(root, contentDir);
        } catch (error) {
          reports.push((error as Error).message);
        }
        const built = pathsFromDist(builtFiles);
        const content = checkedContent();
        const today = buildToday();
        if (ledger !== undefined) {
          const missing = missingFromBuild(ledger, built, redirects);
          const quoteDays = new Map((content?.quotes ?? []).map((quote) => [quote.id, quote.data.date]));
          if (missing.length > 0) reports.push(...missingUrlsReports(classifyMissing(missing, { quoteDays, today }), contentDir, today));
        }
        if (reports.length > 0) fail(reports);

        const writeErrors = await writeRedirects(distDir, redirects, plan.writes);
        if (writeErrors.length > 0) fail([redirectProblemsReport(writeErrors, contentDir)]);
        // Last, once everything passed: the record `npm run permalinks` reads.
        const recordError = await writeBuildRecord(distDir, content, today);
        if (recordError !== undefined) fail([recordError]);

        if (ledger === undefined) {
          logger.info(`no ${contentDir}/${LEDGER_FILE_NAME}: published URLs not checked (start one with \`npm run permalinks\`)`);
        } else {
          const known = new Set(ledger);
          const unrecorded = built.filter((path) => !known.has(path)).length;
          logger.info(
            `${plural(ledger.length, 'published URL')} kept, ${plural(redirects.length, 'redirect')} written` +
              (unrecorded > 0 ? `; ${plural(unrecorded, 'new URL')} to record with \`npm run permalinks\`` : ''),
          );
        }

        const handOff = afterAstroFile();
        if (handOff) {
          // The search index is written after Astro exits (npm run build): measure then.
          handOver(handOff, { distReport: { siteDir: distDir, redirects: redirects.length } });
          return;
        }
        await reportDistSize(distDir, redirects.length, logger);
      },
    },
  };
}
