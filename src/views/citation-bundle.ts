/**
 * Every quote's citation files (`citation.json`, `citation.bib`), written from the one
 * bundle the build renders (src/pages/quotes/[bundle].json.ts): a JSON object of quote
 * id → { file name → file text }. Plain Node: run from the citation-files integration
 * at the end of a build, or by `npm run build` once Astro has exited.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSafeFileName } from '../content/ids.ts';
import { CITATION_FILES, type CitationFileName } from './citations.ts';

/** The bundle's name: it is rendered to `<outDir>/quotes/<name>.json`. */
export const CITATION_BUNDLE_NAME = 'citation-files';

/** Where the bundle is, relative to the output folder. */
export const CITATION_BUNDLE_PATH = `quotes/${CITATION_BUNDLE_NAME}.json`;

/** Where a quote's citation file goes, relative to the output folder (its page's folder, as citationFileUrl() says). */
export function citationFilePath(quoteId: string, name: CitationFileName = 'citation.json'): string {
  return `quotes/${quoteId}/${name}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The files of a bundle, checked: quote ids, each one path segment, to the text of each citation file by name. */
export function parseCitationBundle(text: string): Map<string, Map<CitationFileName, string>> {
  const bundle: unknown = JSON.parse(text);
  if (!isObject(bundle)) throw new Error('the citation bundle is not a JSON object of quote id → its citation files');
  const quotes = new Map<string, Map<CitationFileName, string>>();
  for (const [id, entry] of Object.entries(bundle)) {
    // Anything else could write outside its quote's folder.
    if (!isSafeFileName(id)) throw new Error(`the citation bundle names a quote ${JSON.stringify(id)} that is not one path segment`);
    if (!isObject(entry)) throw new Error(`the citation bundle's entry for ${id} is not an object of file name → text`);
    const files = new Map<CitationFileName, string>();
    for (const [name, fileText] of Object.entries(entry)) {
      if (!Object.hasOwn(CITATION_FILES, name))
        throw new Error(`the citation bundle's entry for ${id} names a file ${JSON.stringify(name)} that is not a citation file`);
      if (typeof fileText !== 'string') throw new Error(`the citation bundle's ${name} of ${id} is not text`);
      files.set(name as CitationFileName, fileText);
    }
    quotes.set(id, files);
  }
  return quotes;
}

/** The bundle in `outDir`, read and checked (parseCitationBundle); a missing bundle is a build fault. */
export function readCitationBundle(outDir: string): Map<string, Map<CitationFileName, string>> {
  let text: string;
  try {
    text = readFileSync(join(outDir, CITATION_BUNDLE_PATH), 'utf8');
  } catch {
    throw new Error(`${CITATION_BUNDLE_PATH} is missing from the output: src/pages/quotes/[bundle].json.ts renders it in every build`);
  }
  return parseCitationBundle(text);
}

/** The files a bundle writes, relative to the output folder, as `listFiles` names files. */
export function citationFilePaths(bundle: ReadonlyMap<string, ReadonlyMap<CitationFileName, string>>): string[] {
  return [...bundle].flatMap(([id, files]) => [...files.keys()].map((name) => citationFilePath(id, name)));
}

/**
 * Writes each quote's citation files from the bundle in `outDir`, then deletes the
 * bundle. Synchronous on purpose: thousands of small writes in a row are 2–3× faster
 * than through promises and the thread pool (see link-or-copy.ts); `npm run build`
 * calls it on a worker thread of its own (src/build/after-astro.ts).
 */
export function writeCitationFiles(outDir: string): { files: number } {
  let written = 0;
  for (const [id, files] of readCitationBundle(outDir)) {
    // Each quote has a folder of its own, most often made already by its page.
    mkdirSync(join(outDir, 'quotes', id), { recursive: true });
    for (const [name, fileText] of files) {
      writeFileSync(join(outDir, citationFilePath(id, name)), fileText);
      written += 1;
    }
  }
  rmSync(join(outDir, CITATION_BUNDLE_PATH));
  return { files: written };
}
