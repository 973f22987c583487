/**
 * Keeps every published URL working. After the build it
 * 1. fails when a URL of `content/permalinks.txt` is neither built nor redirected,
 * 2. writes the redirects (`content/redirects.yaml`, renamed tags, and any passed
 *    in code) as HTML pages at the old URLs and as `_redirects` lines,
 * 3. reports the size of dist/ and warns before it outgrows a host's limits (under
 *    `npm run build`, after the search index is written: src/lib/after-astro.ts).
 * A failure prints one report naming each URL and its fix, with no stack trace.
 */
import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  distFileForPath,
  formatBytes,
  hostLimitWarnings,
  missingFromBuild,
  parseLedger,
  pathsFromDist,
} from '../lib/permalinks.ts';
import {
  REDIRECTS_FILE_NAME,
  netlifyRedirects,
  parseRedirects,
  parseTagRenames,
  prepareRedirects,
  redirectPageHtml,
  redirectTargetUrl,
  redirectsHidingFiles,
  redirectsToMissingTargets,
  tagRenameRedirects,
} from '../lib/redirects.ts';
import type { Redirect, RedirectsResult } from '../lib/redirects.ts';
import { siteConfig } from '../site.config.ts';
import { afterAstroFile, handOver } from '../lib/after-astro.ts';
import { listFiles, totalBytes } from '../lib/files.ts';

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
  const declared = declaredText === undefined ? { redirects: [], errors: [] } : parseRedirects(declaredText, `${contentDir}/${REDIRECTS_FILE_NAME}`);
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

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function missingUrlsReport(missing: readonly string[], contentDir: string): string {
  return [
    `${plural(missing.length, 'published URL is', 'published URLs are')} no longer built:`,
    ...missing.map((path) => `  ${path}`),
    `Every URL in ${contentDir}/${LEDGER_FILE_NAME} must keep working: people link to it.`,
    `For each URL above, restore its page, or declare a redirect in ${contentDir}/${REDIRECTS_FILE_NAME}:`,
    ...missing.slice(0, 3).flatMap((path) => [`  - from: ${path}`, `    to: /new/path/`]),
  ].join('\n');
}

function redirectProblemsReport(errors: readonly string[], contentDir: string): string {
  return [`${plural(errors.length, 'redirect problem')}:`, ...errors.map((error) => `  ${error}`), `Fix ${contentDir}/${REDIRECTS_FILE_NAME} (or the tag registry's renamedFrom).`].join('\n');
}

function fail(reports: readonly string[]): never {
  process.stderr.write(`\n[qtd:permalinks] The build keeps its published URLs and failed:\n\n${reports.join('\n\n')}\n\n`);
  process.exit(1);
}

async function writeRedirects(distDir: string, redirects: readonly Redirect[]): Promise<void> {
  const settings = { siteUrl: siteConfig.siteUrl, basePath: siteConfig.basePath };
  for (const redirect of redirects) {
    const file = join(distDir, distFileForPath(redirect.from));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, redirectPageHtml({ to: redirectTargetUrl(redirect.to, settings) }));
  }
  if (redirects.length === 0) return;
  const redirectsFile = join(distDir, '_redirects');
  const existing = (await readIfExists(redirectsFile)) ?? '';
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(redirectsFile, `${separator}# Published URLs that moved (content/redirects.yaml, renamed tags)\n${netlifyRedirects(redirects, siteConfig.basePath)}`);
}

/** Logs the size of the finished site and warns before it outgrows a host's limits. */
export async function reportDistSize(distDir: string, redirects: number, logger: { info(message: string): void; warn(message: string): void }): Promise<void> {
  const files = listFiles(distDir);
  const stats = { files: files.length, bytes: totalBytes(distDir, files), redirects };
  logger.info(`dist/: ${plural(stats.files, 'file')}, ${formatBytes(stats.bytes)}`);
  for (const warning of hostLimitWarnings(stats)) logger.warn(warning);
}

export default function permalinks(options: PermalinksOptions = {}): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'qtd:permalinks',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const contentDir = siteConfig.contentDir;
        const builtFiles = listFiles(distDir);
        const fileSet = new Set(builtFiles);

        const extra = typeof options.redirects === 'function' ? await options.redirects() : (options.redirects ?? []);
        const { redirects, errors } = await collectRedirects(root, contentDir, extra);
        for (const redirect of redirectsHidingFiles(redirects, fileSet)) {
          errors.push(`${redirect.source ? `${redirect.source}: ` : ''}"from: ${redirect.from}" is still a page of the site; a redirect must not hide it (remove the redirect or the page)`);
        }
        for (const redirect of redirectsToMissingTargets(redirects, fileSet)) {
          errors.push(`${redirect.source ? `${redirect.source}: ` : ''}"to: ${redirect.to}" (from ${redirect.from}) is not a page or file of this build`);
        }

        const reports: string[] = [];
        if (errors.length > 0) reports.push(redirectProblemsReport(errors, contentDir));

        let ledger: string[] | undefined;
        try {
          ledger = await readLedger(root, contentDir);
        } catch (error) {
          reports.push((error as Error).message);
        }
        const built = pathsFromDist(builtFiles);
        if (ledger !== undefined) {
          const missing = missingFromBuild(ledger, built, redirects);
          if (missing.length > 0) reports.push(missingUrlsReport(missing, contentDir));
        }
        if (reports.length > 0) fail(reports);

        await writeRedirects(distDir, redirects);

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
