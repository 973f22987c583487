/**
 * Reads a content folder from disk for the content check: every Markdown file of
 * each collection (subfolders included) and the tag registry.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
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

/** The content folder: `contentDir` relative to the project root, or absolute. */
export function contentFolderPath(root: string, contentDir: string): string {
  return resolve(root, contentDir);
}

export async function readContentFolder(root: string, contentDir: string): Promise<{ files: SourceFile[]; tagsFile?: { path: string; text: string } }> {
  const base = contentFolderPath(root, contentDir);
  const listed: { absolute: string; collection: Collection }[] = [];
  for (const collection of COLLECTIONS) {
    for (const absolute of await markdownFiles(join(base, collection))) listed.push({ absolute, collection });
  }
  // Many reads in flight at once: an archive of decades is tens of thousands of small files.
  const files: SourceFile[] = new Array(listed.length);
  let next = 0;
  const reader = async () => {
    for (let index = next++; index < listed.length; index = next++) {
      const { absolute, collection } = listed[index] as (typeof listed)[number];
      files[index] = { path: toPosix(relative(root, absolute)), collection, text: await readFile(absolute, 'utf8') };
    }
  };
  await Promise.all(Array.from({ length: 32 }, reader));
  const tagsPath = join(base, 'tags.yaml');
  const tagsFile = existsSync(tagsPath) ? { path: toPosix(relative(root, tagsPath)), text: await readFile(tagsPath, 'utf8') } : undefined;
  return tagsFile ? { files, tagsFile } : { files };
}
