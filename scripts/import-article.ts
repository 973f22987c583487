/**
 * Drafts `content/articles/<id>.md` from a pasted or PDF-copied article.
 *
 *   npm run import -- <file.txt> [--id <id>] [--publication <name>] [--source-url <url>]
 *                    [--out content/articles] [--force]
 *
 * Prints every line it left out and every repair, by line of the copy, and what the
 * curator must check before publishing, by line of the file it wrote.
 * Exit codes: 0 written, 1 usage or file error (one line on stderr).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import wordListPath from 'word-list';
import { draftArticle, formatReport, kebabId, renderDraft } from '../src/tools/article-draft.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE =
  'usage: npm run import -- <file.txt> [--id <id>] [--publication <name>] [--source-url <url>] [--out content/articles] [--force]';
const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

interface Arguments {
  file: string;
  id?: string;
  publication?: string;
  sourceUrl?: string;
  out: string;
  force: boolean;
}

/** The word list that decides line-end hyphens (the `word-list` package: one lower-case word a line). */
async function readWordList(): Promise<Set<string>> {
  const text = await readFile(wordListPath, 'utf8');
  return new Set(text.split('\n').filter((word) => word !== ''));
}

function readArguments(): Arguments {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        publication: { type: 'string' },
        'source-url': { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}; ${USAGE}`, { cause: error });
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new Error(USAGE);
  const { id, publication, 'source-url': sourceUrl, out, force } = parsed.values;
  if (id !== undefined && !KEBAB_ID.test(id)) {
    throw new Error(`--id "${id}" is not a kebab-case id (lowercase letters, digits and single hyphens)`);
  }
  return {
    file,
    ...(id !== undefined ? { id } : {}),
    ...(publication !== undefined ? { publication } : {}),
    ...(sourceUrl !== undefined ? { sourceUrl } : {}),
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

  const draft = draftArticle(raw, {
    ...(args.publication !== undefined ? { publication: args.publication } : {}),
    ...(args.sourceUrl !== undefined ? { sourceUrl: args.sourceUrl } : {}),
    words: await readWordList(),
  });
  const id = args.id ?? kebabId(draft.frontmatter.title);
  if (id === '') throw new Error(`no title found in ${args.file} to make an id from: pass --id <id>`);

  const outDir = resolve(args.out);
  const target = join(outDir, `${id}.md`);
  const rendered = renderDraft(draft);
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(target, rendered.markdown, { flag: args.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`${displayPath(target)} already exists; pass --force to overwrite it`, { cause: error });
    throw new Error(`cannot write ${displayPath(target)}: ${code ?? (error as Error).message}`, { cause: error });
  }

  const peopleDir = join(projectRoot, siteConfig.contentDir, 'people');
  const missingAuthors = draft.frontmatter.authors.flatMap((personId, index) => {
    const file = join(peopleDir, `${personId}.md`);
    return existsSync(file) ? [] : [{ id: personId, name: draft.authorNames[index] ?? personId, file: displayPath(file) }];
  });
  process.stdout.write(formatReport(draft, rendered, { file: displayPath(target), id, missingAuthors }));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`import-article: ${message}\n`);
  process.exitCode = 1;
});
