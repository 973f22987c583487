/**
 * Loads Astro's content store faster in every build (src/build/vite-content-store.ts):
 * adds the Vite plugin with Astro's cache folder, where a build's content sync writes the store.
 *
 * It also checks, at the end of each build, the reliances on Astro's content layer that
 * are not Astro's promise (docs/internals.md): that the store was served from its file,
 * that Astro still marks content data as this plugin marks the store, that the content
 * check and the pages ran in this process, and that the Markdown processor can render on
 * worker threads. Each one that does not hold is a warning naming the package and version.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import viteContentStore, {
  CONTENT_DATA_META,
  createContentStoreReport,
  DATA_STORE_FILE,
  storeNotServed,
  storeNotSplit,
  type ContentStoreReport,
} from '../vite-content-store.ts';
import { unchangedOptions } from '../../markdown/parallel-renderer.ts';
import { markdownPipeline } from '../../markdown/pipeline.ts';
import { checkedContent } from './content-check.ts';
import { installedFolder, notEngaged, RELIANCES, warnVersionDrift } from '../internals.ts';
import { isUnifiedProcessor, type MarkdownProcessor, type UnifiedResolvedOptions } from '@astrojs/markdown-remark';

/** Where Astro 7.3 defines the metadata of its content-data modules (not exported: read by its path). */
const INCREMENTAL_METADATA_FILE = 'dist/core/build/incremental-metadata.js';

/**
 * Why the plugin's marker for the store module is not Astro's marker for content data, or
 * undefined when it is: read from Astro's own module.
 */
export async function incrementalMetadataMismatch(astroFolder = installedFolder('astro')): Promise<string | undefined> {
  const file = astroFolder ? join(astroFolder, INCREMENTAL_METADATA_FILE) : undefined;
  if (!file || !existsSync(file)) return `Astro has no ${INCREMENTAL_METADATA_FILE}, which defined that marker`;
  const module = (await import(pathToFileURL(file).href)) as { createContentDataIncrementalMetadata?: () => unknown };
  if (typeof module.createContentDataIncrementalMetadata !== 'function')
    return `${file} no longer exports createContentDataIncrementalMetadata`;
  const astros = JSON.stringify(module.createContentDataIncrementalMetadata());
  const ours = JSON.stringify(CONTENT_DATA_META);
  return astros === ours ? undefined : `Astro marks content data as ${astros}, the plugin marks the store as ${ours}`;
}

/** Why the site's Markdown processor will render on Astro's thread instead of worker threads, or undefined. */
export function markdownWorkersNotEngaged(processor: MarkdownProcessor): string | undefined {
  if (!isUnifiedProcessor(processor)) return `markdown.processor is "${processor.name}", not the site's unified() processor`;
  if (!unchangedOptions(processor.options as UnifiedResolvedOptions, markdownPipeline)) {
    return "the unified() processor's options are not the plugins it was made with (an integration added Markdown plugins), so entries render on Astro's thread";
  }
  return undefined;
}

function sizeText(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

export default function contentStore(): AstroIntegration {
  let report: ContentStoreReport = createContentStoreReport();
  let cacheDir = '';
  let chunked = false;
  return {
    name: 'qtd:content-store',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const storage = config.experimental.collectionStorage;
        chunked = storage !== undefined && storage !== 'single-file';
        cacheDir = fileURLToPath(config.cacheDir);
        report = createContentStoreReport();
        // The dev server's store file: astro/dist/content/paths.js, getDataStoreFile (settings.dotAstroDir is `<root>/.astro/`).
        const devStoreFile = fileURLToPath(new URL(`.astro/${DATA_STORE_FILE}`, config.root));
        updateConfig({ vite: { plugins: [viteContentStore({ cacheDir, devStoreFile, chunked, report })] } });
      },
      'astro:config:done': ({ config, logger }) => {
        const workers = markdownWorkersNotEngaged(config.markdown.processor);
        if (workers) logger.warn(notEngaged(RELIANCES.markdownWorkers, workers));
      },
      'astro:build:start': ({ logger }) => {
        warnVersionDrift(logger, [...RELIANCES.contentStore.packages, ...RELIANCES.markdownWorkers.packages]);
      },
      'astro:build:done': async ({ logger }) => {
        const file = join(cacheDir, DATA_STORE_FILE);
        const notServed = storeNotServed(report, { chunked, storeFileWritten: existsSync(file) });
        if (notServed) logger.warn(notEngaged(RELIANCES.contentStore, notServed));
        else if (report.servedFrom)
          logger.info(
            `content store: read from ${DATA_STORE_FILE} when the pages render (${sizeText(statSync(report.servedFrom).size)}), not bundled`,
          );
        const notSplit = storeNotSplit(report);
        if (notSplit) logger.warn(notEngaged(RELIANCES.contentStore, notSplit));
        const metadata = await incrementalMetadataMismatch();
        if (metadata) logger.warn(notEngaged(RELIANCES.incrementalMetadata, metadata));
        // The loader keeps its state on globalThis: it reaches the integrations only when
        // Astro synced the content in this process (the pages: src/build/integrations/previous-output.ts).
        if (checkedContent() === undefined)
          logger.warn(
            notEngaged(
              RELIANCES.sameProcess,
              "the content check's result did not reach the integrations: Astro synced the content outside this process",
            ),
          );
      },
    },
  };
}
