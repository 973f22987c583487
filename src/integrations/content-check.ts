/**
 * Runs the content check before Astro loads any content. A build with broken
 * content stops here with one report naming every file, field and fix, and no
 * stack trace; `astro dev` prints the same report and keeps serving.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { existsSync } from 'node:fs';
import { contentFolderPath, readContentFolder } from '../lib/content/read-content.ts';
import { validateContent, type ValidatedContent } from '../lib/content/validate.ts';
import { formatIssues } from '../lib/content/issues.ts';
import { verifyQuoteAgainstArticle } from '../lib/content/verify-quotes.ts';
import { createCachedVerifier, loadVerified, matcherIdentity, saveVerified } from '../lib/content/verification-cache.ts';
import { siteConfig } from '../site.config.ts';

let lastChecked: ValidatedContent | undefined;

/** The content as the last successful check read it, for the integrations that run after the pages. */
export function checkedContent(): ValidatedContent | undefined {
  return lastChecked;
}

/**
 * Checks the content folder. With `verifiedFile`, quotes found in their
 * articles by an earlier build (same quote, same article text, same matching
 * code) pass without matching again; see verification-cache.ts.
 */
export async function checkContent(root: string, verifiedFile?: string): Promise<{ report?: string; counts: string; verification?: string }> {
  const folder = contentFolderPath(root, siteConfig.contentDir);
  if (!existsSync(folder)) {
    // Without this, a mistyped CONTENT_DIR builds an empty site without a word.
    return {
      report: `${siteConfig.contentDir}: the content folder does not exist (looked for ${folder}).\n  Fix: set CONTENT_DIR to the folder that holds people/, articles/ and quotes/ (relative to the project or absolute), or unset it to use content/.`,
      counts: '0 files',
    };
  }
  const { files, tagsFile } = await readContentFolder(root, siteConfig.contentDir);
  const verifier = verifiedFile ? createCachedVerifier(verifyQuoteAgainstArticle, loadVerified(verifiedFile), matcherIdentity()) : undefined;
  const { issues, content } = validateContent(files, {
    siteTimeZone: siteConfig.timeZone,
    allowSeveralQuotesPerDay: siteConfig.allowSeveralQuotesPerDay,
    ...(tagsFile ? { tagsFile } : {}),
    verifyQuote: verifier?.verify ?? verifyQuoteAgainstArticle,
  });
  if (verifiedFile && verifier) {
    try {
      saveVerified(verifiedFile, verifier.passed);
    } catch {
      // A read-only cache only costs the next build its shortcut.
    }
  }
  if (issues.length === 0) lastChecked = content;
  const counts = `${content.quotes.length} quotes, ${content.articles.length} articles, ${content.people.length} people, ${content.tags.length} tags`;
  const verification = verifier ? `${verifier.matched()} matched, ${verifier.remembered()} unchanged since the last build` : undefined;
  return { ...(issues.length > 0 ? { report: formatIssues(issues) } : {}), counts, ...(verification ? { verification } : {}) };
}

export default function contentCheck(): AstroIntegration {
  let root = process.cwd();
  let verifiedFile: string | undefined;
  async function run(logger: AstroIntegrationLogger, failHard: boolean): Promise<void> {
    const started = performance.now();
    const { report, counts, verification } = await checkContent(root, verifiedFile);
    if (report) {
      if (failHard) {
        process.stderr.write(`\n${report}\n`);
        process.exit(1);
      }
      logger.error(`\n${report}`);
      return;
    }
    logger.info(`content checked: ${counts}, every quote verified${verification ? ` (${verification})` : ''} (${Math.round(performance.now() - started)} ms)`);
  }
  return {
    name: 'qtd:content-check',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        verifiedFile = fileURLToPath(new URL('qtd-verified.json', config.cacheDir));
        // Pages show scheduled quotes as drafts in the dev server only: told by the command, not by NODE_ENV.
        if (command === 'dev') process.env.QTD_DEV_SERVER = '1';
        await run(logger, command !== 'dev');
      },
      'astro:server:setup': ({ server, logger }) => {
        const contentRoot = relative(root, contentFolderPath(root, siteConfig.contentDir));
        server.watcher.on('all', (_event, path) => {
          if (!relative(root, path).startsWith(contentRoot)) return;
          void run(logger, false);
        });
      },
    },
  };
}
