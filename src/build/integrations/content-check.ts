/**
 * The content check's place among the integrations. The check itself runs inside
 * Astro's content sync, in the loader that stores the entries
 * (src/content/loader.ts): a build with broken content stops there, before any
 * page is written, with one report naming every file, field and fix. This
 * integration tells the loader whether it runs in the dev server (scheduled quotes
 * shown as drafts, problems reported without stopping, and each page drawn from an
 * entry with a problem answered with that problem) and hands the checked content
 * to the integrations that run after the pages.
 */
import type { AstroIntegration } from 'astro';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beginContentPass, checkedContent as passContent, contentRead, previewProblemPage } from '../../content/loader.ts';
import { siteConfig } from '../../site.config.ts';
import { COLLECTIONS, contentFolderPath } from '../../content/read-content.ts';
import type { ValidatedContent } from '../../content/validate.ts';

/** The content as the last pass without problems read it, for the integrations that run after the pages. */
export function checkedContent(): ValidatedContent | undefined {
  return passContent();
}

/**
 * The validated entries of this build's content pass, before rendering and verification
 * (a build with any problem stops at the end of the content sync), or undefined.
 */
export async function validatedContent(): Promise<ValidatedContent | undefined> {
  const read = contentRead();
  return read ? (await read).content : passContent();
}

export default function contentCheck(): AstroIntegration {
  return {
    name: 'qtd:content-check',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        // Pages show scheduled quotes as drafts in the dev server only: told by the command, not by NODE_ENV.
        if (command === 'dev') {
          process.env.QTD_DEV_SERVER = '1';
          // The loader watches the collections' folders itself (src/content/content-watcher.ts): Vite's
          // watcher would read a whole folder of ten thousand quotes again at each event in it. The
          // top-level files stay Vite's: a change to redirects.yaml or tags.yaml restarts the server.
          const folder = contentFolderPath(fileURLToPath(config.root), siteConfig.contentDir);
          const collections = COLLECTIONS.map((name) => join(folder, name));
          const inCollection = (path: string) =>
            collections.some((collection) => path === collection || path.startsWith(`${collection}${sep}`));
          updateConfig({ vite: { server: { watch: { ignored: [inCollection] } } } });
        }
        // A build reads the content while Vite starts; Astro's content sync joins this pass.
        if (command === 'build') {
          beginContentPass(fileURLToPath(config.root), {
            contentDir: siteConfig.contentDir,
            siteTimeZone: siteConfig.timeZone,
            allowSeveralQuotesPerDay: siteConfig.allowSeveralQuotesPerDay,
          });
        }
      },
      'astro:server:setup': ({ server }) => {
        // A page whose content has problems answers with them (src/content/loader.ts), not with the page.
        server.middlewares.use((request, response, next) => {
          const pathname = new URL(request.url ?? '/', 'http://preview.invalid').pathname;
          const page = previewProblemPage(
            pathname.startsWith(siteConfig.basePath) ? pathname : `${siteConfig.basePath}${pathname.slice(1)}`,
          );
          if (page === undefined) return next();
          response.statusCode = 500;
          response.setHeader('Content-Type', 'text/html; charset=utf-8');
          response.end(page);
        });
      },
    },
  };
}
