/**
 * Reads the content folder: the files `listContentFiles` lists, each decoded as
 * UTF-8, strictly (a byte sequence that is not UTF-8 is an issue, not a silent
 * U+FFFD), the tag registry and the ledger of published words. This is the only place the build reads content
 * files; the checks and the pages both take what it returns.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listContentFiles, type ContentListing } from './content-files.ts';
import { issue, type ContentIssue } from './issues.ts';
import type { Collection } from './schema.ts';

export { COLLECTIONS } from './content-files.ts';

export interface SourceFile {
  /** Path relative to the project root, with forward slashes: `content/quotes/x.md`. */
  path: string;
  collection: Collection;
  text: string;
}

export interface ContentFolder {
  files: SourceFile[];
  tagsFile?: { path: string; text: string };
  /** The ledger of published words (quote-ledger.ts), when the folder has one. */
  quoteTextsFile?: { path: string; text: string };
  /** Files refused before reading (links, hidden files, other extensions) and files that are not UTF-8. */
  issues: ContentIssue[];
}

/** The content folder: `contentDir` relative to the project root, or absolute. */
export function contentFolderPath(root: string, contentDir: string): string {
  return resolve(root, contentDir);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The text of a file, or an issue when its bytes are not UTF-8. A leading byte-order mark is dropped. */
export function decodeContent(path: string, bytes: Uint8Array): { text: string } | { issue: ContentIssue } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // A prefix that decodes (as the start of a stream) stays decodable when shortened: search for the longest.
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
        low = middle;
      } catch {
        high = middle - 1;
      }
    }
    const at = low;
    const line = new TextDecoder().decode(bytes.subarray(0, at)).split('\n').length;
    return {
      issue: issue(path, undefined, `is not UTF-8 text (the bytes at line ${line} are in another encoding).`, 'save the file as UTF-8 in your editor.', line),
    };
  }
}

/** What reading one file gave: its text, or why it has none. */
export type ReadOutcome = { text: string } | { issue: ContentIssue };

/**
 * What an earlier pass read, by absolute path, with the file's stamp when it was listed
 * (content-files.ts): a file listed with the same stamp is not read again.
 */
export type FileReads = Map<string, { stamp: string; result: ReadOutcome }>;

/**
 * Each file's text; with `reads`, a file whose stamp is unchanged is taken from it, and
 * `reads` is left holding this listing's files. Read synchronously: an archive of decades
 * is tens of thousands of small files in the page cache, which `readFileSync` reads several
 * times faster than promises, whose hand-offs to the thread pool compete with the Markdown
 * workers for the cores.
 */
function readAll(listed: readonly { absolute: string; path: string; stamp?: string }[], reads?: FileReads): ReadOutcome[] {
  const results: ReadOutcome[] = listed.map((file) => {
    const known = file.stamp === undefined ? undefined : reads?.get(file.absolute);
    if (known && known.stamp === file.stamp) return known.result;
    let result: ReadOutcome;
    try {
      result = decodeContent(file.path, readFileSync(file.absolute));
    } catch (error) {
      result = { issue: issue(file.path, undefined, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'check the file’s permissions.') };
    }
    if (reads && file.stamp !== undefined) reads.set(file.absolute, { stamp: file.stamp, result });
    return result;
  });
  if (reads) {
    const listedPaths = new Set(listed.map((file) => file.absolute));
    for (const absolute of reads.keys()) if (!listedPaths.has(absolute)) reads.delete(absolute);
  }
  return results;
}

/**
 * The content folder, read. With `reads` (the preview, src/content/pass-memo.ts), a file
 * whose stamp has not changed since that earlier reading is not read again.
 */
export async function readContentFolder(root: string, contentDir: string, reads?: FileReads): Promise<ContentFolder> {
  const listing: ContentListing = listContentFiles(root, contentFolderPath(root, contentDir));
  const issues = [...listing.issues];
  const tags = listing.topLevel['tags.yaml'];
  const quoteTexts = listing.topLevel['quote-texts.yaml'];
  const toRead = [...listing.files, ...(tags ? [tags] : []), ...(quoteTexts ? [quoteTexts] : [])];
  const texts = readAll(toRead, reads);
  const files: SourceFile[] = [];
  listing.files.forEach((file, index) => {
    const result = texts[index];
    if (!result) return;
    if ('issue' in result) issues.push(result.issue);
    else files.push({ path: file.path, collection: file.collection, text: result.text });
  });
  let tagsFile: ContentFolder['tagsFile'];
  if (tags) {
    const result = texts[listing.files.length];
    if (result && 'issue' in result) issues.push(result.issue);
    else if (result) tagsFile = { path: tags.path, text: result.text };
  }
  let quoteTextsFile: ContentFolder['quoteTextsFile'];
  if (quoteTexts) {
    const result = texts[listing.files.length + (tags ? 1 : 0)];
    if (result && 'issue' in result) issues.push(result.issue);
    else if (result) quoteTextsFile = { path: quoteTexts.path, text: result.text };
  }
  return { files, issues, ...(tagsFile ? { tagsFile } : {}), ...(quoteTextsFile ? { quoteTextsFile } : {}) };
}
