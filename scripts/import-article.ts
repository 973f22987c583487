/**
 * Drafts `content/articles/<id>.md` from a pasted or PDF-copied article.
 *
 *   npm run import -- <file.txt> [--id <id>] [--out content/articles] [--force]
 *
 * Prints every repaired character and what the curator must check before publishing.
 * Exit codes: 0 written, 1 usage or file error (one line on stderr).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { draftArticle, kebabId, toMarkdown } from '../src/tools/article-draft.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = 'usage: npm run import -- <file.txt> [--id <id>] [--out content/articles] [--force]';
const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

function readArguments(): { file: string; id?: string; out: string; force: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}; ${USAGE}`, { cause: error });
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new Error(USAGE);
  const { id, out, force } = parsed.values;
  if (id !== undefined && !KEBAB_ID.test(id)) {
    throw new Error(`--id "${id}" is not a kebab-case id (lowercase letters, digits and single hyphens)`);
  }
  return {
    file,
    ...(id !== undefined ? { id } : {}),
    out: out ?? join(projectRoot, siteConfig.contentDir, 'articles'),
    force: force ?? false,
  };
}

function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}

async function main(): Promise<void> {
  const args = readArguments();
  let raw: string;
  try {
    raw = await readFile(args.file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }

  const draft = draftArticle(raw);
  const id = args.id ?? kebabId(draft.frontmatter.title);
  if (id === '') throw new Error(`no title found in ${args.file} to make an id from: pass --id <id>`);

  const outDir = resolve(args.out);
  const target = join(outDir, `${id}.md`);
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(target, toMarkdown(draft), { flag: args.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`${displayPath(target)} already exists; pass --force to overwrite it`, { cause: error });
    throw new Error(`cannot write ${displayPath(target)}: ${code ?? (error as Error).message}`, { cause: error });
  }

  const out: string[] = [`Wrote ${displayPath(target)}: ${draft.paragraphs.length} paragraphs.`];
  if (draft.replacements.length > 0) {
    out.push('', 'Lost characters (U+FFFD) and the guess applied:');
    for (const finding of draft.replacements) {
      const applied = finding.guess === null ? 'NOT GUESSED, left as U+FFFD' : `"${finding.guess}"`;
      out.push(`  line ${finding.line}, column ${finding.column}: "${finding.context}" → ${applied} (${finding.reason})`);
    }
  }

  const checks: string[] = [];
  if (draft.caption !== undefined) checks.push(`caption (a lone short line, taken out of the body): "${draft.caption}"`);
  if (draft.authorNote !== undefined) checks.push(`authorNote (the last paragraph, taken out of the body): "${draft.authorNote}"`);
  const peopleDir = join(projectRoot, siteConfig.contentDir, 'people');
  draft.frontmatter.authors.forEach((personId, index) => {
    if (!existsSync(join(peopleDir, `${personId}.md`))) {
      const name = draft.authorNames[index] ?? personId;
      checks.push(`author "${personId}" does not exist yet: create ${displayPath(join(peopleDir, `${personId}.md`))} (name: ${name})`);
    }
  });
  checks.push(...draft.warnings);
  out.push('', 'Check before publishing:', ...checks.map((check) => `  - ${check}`));
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`import-article: ${message}\n`);
  process.exitCode = 1;
});
