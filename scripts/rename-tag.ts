/**
 * `npm run rename-tag -- <old-id> <new-id> [--dry-run]`: renames a tag everywhere.
 * In content/tags.yaml, an entry `id: <old-id>` becomes `id: <new-id>` with the old id
 * under `renamedFrom` (so the old tag page and feed redirect); a registry already renamed
 * is left as it is. Then every article and quote whose `tags:` holds the old id gets the
 * new one. Only those values change: the rest of each file stays byte for byte. Lists
 * every line it changes; `--dry-run` lists them and writes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readContentFolder } from '../src/content/read-content.ts';
import { KEBAB_CASE } from '../src/content/schema.ts';
import { renameTagInContentFile, renameTagInRegistry, type Rewrite } from '../src/tools/tag-rename.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = `usage: npm run rename-tag -- <old-id> <new-id> [--dry-run]

Renames a tag: in content/tags.yaml (the old id kept under renamedFrom, so its page and
feed redirect), and in the tags: of every article and quote that uses it. Changes only
those values and lists every line it changes; --dry-run lists them and writes nothing.`;

function fail(message: string): never {
  process.stderr.write(`rename-tag: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const dryRun = args.includes('--dry-run');
const unknown = args.filter((arg) => arg.startsWith('-') && arg !== '--dry-run');
const ids = args.filter((arg) => !arg.startsWith('-'));
const [oldId, newId] = ids;
if (unknown.length > 0 || ids.length !== 2 || !oldId || !newId)
  fail(`${unknown.length > 0 ? `${unknown.join(', ')} is not an option.\n` : ''}${USAGE}`);
for (const id of [oldId, newId]) if (!KEBAB_CASE.test(id)) fail(`"${id}" is not a tag id: ids are lower-case words joined by hyphens.`);
if (oldId === newId) fail('the old and the new id are the same.');

const root = process.cwd();
const { files, tagsFile } = await readContentFolder(root, siteConfig.contentDir);
const shown = (path: string) => relative(root, join(root, path)) || path;
const writes: { path: string; rewrite: Rewrite }[] = [];

const registryText = tagsFile ? readFileSync(join(root, tagsFile.path), 'utf8') : '';
const registry = renameTagInRegistry(registryText, oldId, newId);
if (registry.kind === 'refused') fail(registry.reason);
if (registry.kind === 'rename' && tagsFile) writes.push({ path: tagsFile.path, rewrite: registry.rewrite });

// The files as on disk (a byte-order mark included), not as the build reads them.
const unreadable: string[] = [];
for (const file of files) {
  if (file.collection === 'people') continue;
  const source = readFileSync(join(root, file.path), 'utf8');
  if (!source.includes(oldId)) continue;
  const rewrite = renameTagInContentFile(source, oldId, newId);
  if (rewrite === 'unreadable') unreadable.push(file.path);
  else if (rewrite) writes.push({ path: file.path, rewrite });
}

const lines: string[] = [];
for (const { path, rewrite } of writes) {
  for (const change of rewrite.changes) {
    lines.push(`${shown(path)}:${change.line}`);
    for (const line of change.before) lines.push(`  was: ${line}`);
    for (const line of change.after) lines.push(`  now: ${line}`);
    if (change.after.length === 0) lines.push('  now: (line removed)');
  }
}
if (!dryRun) for (const { path, rewrite } of writes) writeFileSync(join(root, path), rewrite.text);
const changedFiles = writes.length;
const summary =
  changedFiles === 0
    ? `No file uses the tag "${oldId}"${registry.kind === 'renamed' ? `, and content/tags.yaml already lists it under renamedFrom of "${newId}"` : ''}: nothing to change.`
    : `${dryRun ? 'Would change' : 'Changed'} ${changedFiles} ${changedFiles === 1 ? 'file' : 'files'}: "${oldId}" → "${newId}"${registry.kind === 'rename' ? `; content/tags.yaml keeps "${oldId}" under renamedFrom, so /tags/${oldId}/ redirects to /tags/${newId}/` : ''}.`;
process.stdout.write(`${[...lines, summary].join('\n')}\n`);
if (unreadable.length > 0) {
  process.stderr.write(
    `rename-tag: these files may use "${oldId}" but their front matter cannot be read; run the build to see why, fix them, then run this again:\n${unreadable.map((path) => `  ${shown(path)}`).join('\n')}\n`,
  );
  process.exit(1);
}
