/**
 * Every quote's `citation.json`, written from the one bundle the build renders
 * (src/pages/quotes/[bundle].json.ts): a JSON object of quote id → file text.
 * Plain Node: run from the citation-files integration at the end of a build.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isSafeFileName } from '../content/ids.ts';

/** The bundle's name: it is rendered to `<outDir>/quotes/<name>.json`. */
export const CITATION_BUNDLE_NAME = 'citation-files';

/** Where the bundle is, relative to the output folder. */
export const CITATION_BUNDLE_PATH = `quotes/${CITATION_BUNDLE_NAME}.json`;

/** Where a quote's citation goes, relative to the output folder (its page's folder, as citationUrl() says). */
export function citationFilePath(quoteId: string): string {
  return `quotes/${quoteId}/citation.json`;
}

/** The files of a bundle, checked: an object of quote ids, each one path segment, to text. */
export function parseCitationBundle(text: string): Map<string, string> {
  const bundle: unknown = JSON.parse(text);
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) {
    throw new Error('the citation bundle is not a JSON object of quote id → citation.json text');
  }
  const files = new Map<string, string>();
  for (const [id, fileText] of Object.entries(bundle)) {
    // Anything else could write outside its quote's folder.
    if (!isSafeFileName(id)) throw new Error(`the citation bundle names a quote ${JSON.stringify(id)} that is not one path segment`);
    if (typeof fileText !== 'string') throw new Error(`the citation bundle's entry for ${id} is not text`);
    files.set(id, fileText);
  }
  return files;
}

/**
 * Writes each quote's `citation.json` from the bundle in `outDir`, then deletes the
 * bundle. Synchronous on purpose: thousands of small writes in a row are 2–3× faster
 * than through promises and the thread pool (see link-or-copy.ts).
 */
export function writeCitationFiles(outDir: string): { files: number } {
  const bundlePath = join(outDir, CITATION_BUNDLE_PATH);
  let text: string;
  try {
    text = readFileSync(bundlePath, 'utf8');
  } catch {
    throw new Error(`${CITATION_BUNDLE_PATH} is missing from the output: src/pages/quotes/[bundle].json.ts renders it in every build`);
  }
  const files = parseCitationBundle(text);
  for (const [id, fileText] of files) {
    // Each quote has a folder of its own, most often made already by its page.
    const path = join(outDir, citationFilePath(id));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fileText);
  }
  rmSync(bundlePath);
  return { files: files.size };
}
