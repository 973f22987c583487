/**
 * The one list of content files. The build publishes exactly the files listed here,
 * and checks exactly those: a file under the content folder that would not be
 * published (a link, a hidden file or folder, another extension, a folder that is
 * not a collection) is refused with a message, never skipped in silence.
 *
 * The walk never follows a symbolic link: a link may lead outside the content folder,
 * and its target can change after the check. Files the operating system or an editor
 * leaves behind (`.DS_Store`, `Thumbs.db`, swap and backup files) cannot hold content
 * and are passed over; they are listed in docs so that a curator knows.
 */
import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { issue, type ContentIssue } from './issues.ts';
import type { Collection } from './schema.ts';
import { codePointLabel } from './hygiene.ts';

export const COLLECTIONS: readonly Collection[] = ['people', 'articles', 'quotes'];

/** Top-level files the build reads besides the collections. */
export const TOP_LEVEL_FILES = ['tags.yaml', 'redirects.yaml', 'permalinks.txt', 'quote-texts.yaml'] as const;

/** Folders deeper than this below a collection are refused: nobody sorts quotes ten levels deep. */
export const MAX_FOLDER_DEPTH = 8;

/** A content file larger than this is refused before it is read (an article is a few dozen kB). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface ListedFile {
  /** Absolute path on disk. */
  absolute: string;
  /** Relative to the project root, with forward slashes: `content/quotes/x.md`. */
  path: string;
  collection: Collection;
  /**
   * The file's size, times and inode when it was listed: a file whose stamp is unchanged
   * since an earlier listing still holds the text read then (src/content/pass-memo.ts).
   */
  stamp?: string;
}

export interface ContentListing {
  files: ListedFile[];
  /** Absolute paths of the top-level files that exist, by name. */
  topLevel: Partial<Record<(typeof TOP_LEVEL_FILES)[number], { absolute: string; path: string }>>;
  issues: ContentIssue[];
}

/** Files left by operating systems and editors, never content. */
export function isSystemLeftover(name: string): boolean {
  return (
    name === '.DS_Store' ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini' ||
    name === '.gitkeep' ||
    name === '.keep' ||
    name.startsWith('._') ||
    name.startsWith('.#') ||
    /^\..*\.sw[a-p]$/.test(name) ||
    name.endsWith('~')
  );
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Markdown extensions other tools accept, which QTD asks to rename. */
const OTHER_MARKDOWN = /\.(md|markdown|mdown|mkdn|mkd|mdwn|mdx|txt)$/i;

function stemOf(name: string): string {
  return name.replace(/\.[^.]*$/, '');
}

/** A file name shown in a message: invisible and control characters as code points. */
export function visibleName(name: string): string {
  return name.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, (char) => `[${codePointLabel(char)}]`);
}

function kindOf(entry: Dirent): 'link' | 'folder' | 'file' | 'other' {
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  return 'other';
}

/**
 * Lists the content folder `base` (absolute). Paths in the result and in messages are
 * relative to `root`. Never throws for anything found in the folder: what cannot be
 * published becomes an issue.
 */
export function listContentFiles(root: string, base: string): ContentListing {
  const files: ListedFile[] = [];
  const issues: ContentIssue[] = [];
  const topLevel: ContentListing['topLevel'] = {};
  const shown = (absolute: string) => toPosix(relative(root, absolute));
  const collectionNames = new Set<string>(COLLECTIONS);
  const topNames = new Set<string>(TOP_LEVEL_FILES);

  /** The entries of a folder, sorted by name, or undefined (and an issue) when it cannot be read. */
  const readFolder = (folder: string): Dirent[] | undefined => {
    try {
      return readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      issues.push(issue(shown(folder), undefined, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'check the folder’s permissions.'));
      return undefined;
    }
  };

  /**
   * True for an entry that is never content, anywhere in the folder: an operating system's
   * leftover file is passed over; a link, a device, a socket or a pipe is refused.
   */
  const setAside = (entry: Dirent, absolute: string): boolean => {
    const kind = kindOf(entry);
    if (kind === 'file' && isSystemLeftover(entry.name)) return true;
    if (kind === 'link') {
      issues.push(
        issue(
          shown(absolute),
          undefined,
          'is a symbolic link. The build reads only files that are inside the content folder itself, so a link is neither checked nor published.',
          'replace the link with a copy of the file or folder it points to.',
        ),
      );
      return true;
    }
    if (kind === 'other') {
      issues.push(issue(shown(absolute), undefined, 'is not a regular file or folder (a device, socket or pipe).', 'remove it from the content folder.'));
      return true;
    }
    return false;
  };

  const walk = (folder: string, collection: Collection, depth: number): void => {
    const entries = readFolder(folder);
    if (!entries) return;
    for (const entry of entries) {
      const absolute = join(folder, entry.name);
      if (setAside(entry, absolute)) continue;
      const kind = kindOf(entry);
      if (entry.name.startsWith('.')) {
        issues.push(
          issue(
            shown(absolute),
            undefined,
            `is hidden (its name starts with a dot), so it would never be published${kind === 'folder' ? ', nor anything in it' : ''}.`,
            kind === 'folder'
              ? 'keep drafts outside the content folder (for example in drafts/ beside it), or rename the folder without the dot.'
              : `rename it without the dot (${visibleName(entry.name.replace(/^\.+/, '')) || 'name.md'}), or move it out of the content folder.`,
          ),
        );
        continue;
      }
      if (kind === 'folder') {
        if (depth >= MAX_FOLDER_DEPTH) {
          issues.push(issue(shown(absolute), undefined, `is more than ${MAX_FOLDER_DEPTH} folders deep in content/${collection}/.`, 'move its files into a shallower folder (ids do not depend on folders).'));
          continue;
        }
        walk(absolute, collection, depth + 1);
        continue;
      }
      if (entry.name.endsWith('.md')) {
        let size = 0;
        let stamp: string | undefined;
        try {
          const stats = lstatSync(absolute);
          size = stats.size;
          stamp = `${stats.size} ${stats.mtimeMs} ${stats.ctimeMs} ${stats.ino}`;
        } catch {
          // Gone since the folder was read: reading it reports the problem.
        }
        if (size > MAX_FILE_BYTES) {
          issues.push(
            issue(shown(absolute), undefined, `is ${(size / 1024 / 1024).toFixed(1)} MB; a content file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.`, 'split it, or keep only the part of the article the quotes come from (`display: excerpt`).'),
          );
          continue;
        }
        files.push({ absolute, path: shown(absolute), collection, ...(stamp ? { stamp } : {}) });
        continue;
      }
      if (OTHER_MARKDOWN.test(entry.name)) {
        issues.push(
          issue(
            shown(absolute),
            undefined,
            `has the extension “${visibleName(entry.name.slice(stemOf(entry.name).length))}”; only files ending in “.md” (lower case) are published.`,
            `rename it to ${visibleName(stemOf(entry.name))}.md.`,
          ),
        );
        continue;
      }
      issues.push(
        issue(
          shown(absolute),
          undefined,
          `is not a Markdown file; content/${collection}/ holds only .md files, and anything else there is never published.`,
          'move it out of the content folder.',
        ),
      );
    }
  };

  const top = readFolder(base);
  if (!top) return { files, topLevel, issues };
  for (const entry of top) {
    const absolute = join(base, entry.name);
    if (setAside(entry, absolute)) continue;
    const kind = kindOf(entry);
    if (kind === 'folder' && collectionNames.has(entry.name)) {
      walk(absolute, entry.name as Collection, 0);
      continue;
    }
    if (kind === 'file' && topNames.has(entry.name)) {
      topLevel[entry.name as (typeof TOP_LEVEL_FILES)[number]] = { absolute, path: shown(absolute) };
      continue;
    }
    const nearest = kind === 'folder' ? COLLECTIONS.find((name) => name.startsWith(entry.name.toLowerCase().slice(0, 4))) : undefined;
    issues.push(
      issue(
        shown(absolute),
        undefined,
        kind === 'folder'
          ? `is not a collection: the content folder holds ${COLLECTIONS.map((name) => `${name}/`).join(', ')} and ${TOP_LEVEL_FILES.join(', ')}, and nothing in this folder would be published.`
          : `is not a file the build reads: the content folder holds ${COLLECTIONS.map((name) => `${name}/`).join(', ')} and ${TOP_LEVEL_FILES.join(', ')}.`,
        nearest ? `move its files into content/${nearest}/.` : 'move it out of the content folder.',
      ),
    );
  }
  return { files, topLevel, issues };
}
