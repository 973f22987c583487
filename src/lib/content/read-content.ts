/**
 * Reads a content folder from disk for the content check: every Markdown file of
 * each collection (subfolders included) and the tag registry.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Collection } from './schema.ts';
import type { SourceFile } from './validate.ts';

export const COLLECTIONS: readonly Collection[] = ['people', 'articles', 'quotes'];
export const ENTRY_PATTERN = '**/*.{md,markdown}';

async function markdownFiles(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

export async function readContentFolder(root: string, contentDir: string): Promise<{ files: SourceFile[]; tagsFile?: { path: string; text: string } }> {
  const base = join(root, contentDir);
  const files: SourceFile[] = [];
  for (const collection of COLLECTIONS) {
    for (const absolute of await markdownFiles(join(base, collection))) {
      files.push({ path: toPosix(relative(root, absolute)), collection, text: await readFile(absolute, 'utf8') });
    }
  }
  const tagsPath = join(base, 'tags.yaml');
  const tagsFile = existsSync(tagsPath) ? { path: toPosix(relative(root, tagsPath)), text: await readFile(tagsPath, 'utf8') } : undefined;
  return tagsFile ? { files, tagsFile } : { files };
}
