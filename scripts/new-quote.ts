/**
 * `npm run new-quote -- --speaker <person-id> [--source <article-id>] [--curator <id>]
 * [--date YYYY-MM-DD] [--shares-day] [--tags <id,id>] [--id <id>] "text"` (`--help`).
 * Verifies the words against the article first, checks every id it is given, then
 * writes content/quotes/<id>.md on the next free day (from today, in the site's zone)
 * and says which day that is, whether it is scheduled, and that the id is permanent.
 * Refuses, with the reason and what to do, anything the build would refuse.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { contentFolderPath, readContentFolder } from '../src/content/read-content.ts';
import { parseFrontmatter } from '../src/content/frontmatter.ts';
import { visibleParagraphs } from '../src/content/article-text.ts';
import { standaloneRenderer } from '../src/content/standalone-renderer.ts';
import { verifyQuoteText } from '../src/content/verify-quotes.ts';
import { idFromPath } from '../src/content/ids.ts';
import { didYouMean } from '../src/content/suggest.ts';
import { prepareArticle } from '../src/domain/quote-match.ts';
import { todayIn } from '../src/domain/dates.ts';
import {
  NEW_QUOTE_USAGE,
  dayTaken,
  heldDays,
  nextFreeDay,
  parseNewQuoteArgs,
  quoteFileText,
  quoteIdFromText,
  writtenReport,
} from '../src/tools/quote-file.ts';
import { siteConfig } from '../src/site.config.ts';

function fail(message: string): never {
  process.stderr.write(`new-quote: ${message.replaceAll('\n', '\n  ')}\n`);
  process.exit(1);
}

const args = parseNewQuoteArgs(process.argv.slice(2));
if (args.help) {
  process.stdout.write(`${NEW_QUOTE_USAGE}\n`);
  process.exit(0);
}
if ('error' in args) fail(`${args.error}\n\n${NEW_QUOTE_USAGE.split('\n')[0]}\n(npm run new-quote -- --help explains every option)`);
const { options } = args;

const root = process.cwd();
const dir = siteConfig.contentDir;
const { files, tagsFile } = await readContentFolder(root, dir);
const ids = (collection: string) => new Set(files.filter((f) => f.collection === collection).map((f) => idFromPath(f.path)));
const people = ids('people');
const problems: string[] = [];
for (const [option, person] of [
  ['--speaker', options.speaker],
  ['--curator', options.curator],
] as const) {
  if (person !== undefined && !people.has(person))
    problems.push(`${option}: no person "${person}" in ${dir}/people/.${didYouMean(person, people)}`);
}
if (options.source !== undefined && !ids('articles').has(options.source)) {
  problems.push(`--source: no article "${options.source}" in ${dir}/articles/.${didYouMean(options.source, ids('articles'))}`);
}
if (options.tags.length > 0) {
  const registry: unknown = tagsFile ? parse(tagsFile.text) : [];
  const entries = Array.isArray(registry) ? (registry as { id?: unknown; renamedFrom?: unknown }[]) : [];
  const known = new Set(entries.map((entry) => entry.id).filter((id): id is string => typeof id === 'string'));
  for (const tag of options.tags) {
    if (known.has(tag)) continue;
    const renamed = entries.find((entry) => Array.isArray(entry.renamedFrom) && entry.renamedFrom.includes(tag));
    problems.push(
      renamed
        ? `--tags: the tag "${tag}" was renamed to "${String(renamed.id)}"; write that.`
        : `--tags: the tag "${tag}" is not in ${dir}/tags.yaml.${didYouMean(tag, known)} Add it there first (id, name, description).`,
    );
  }
}
if (options.id !== undefined && ids('quotes').has(options.id))
  problems.push(`--id: a quote with the id "${options.id}" exists already; choose another.`);
if (problems.length > 0) fail(problems.join('\n'));

if (options.source !== undefined) {
  const article = files.find((f) => f.collection === 'articles' && idFromPath(f.path) === options.source);
  if (!article) fail(`no article "${options.source}" in ${dir}/articles/`);
  const parsed = parseFrontmatter(article.text);
  if (!parsed.ok) fail(`${article.path}${parsed.line ? `:${parsed.line}` : ''}: ${parsed.message}. Fix the article first.`);
  // The article's visible text, as the build verifies quotes against it.
  const html = await (await standaloneRenderer())(parsed.file.body);
  const failure = verifyQuoteText(options.text, prepareArticle(visibleParagraphs(html)), article.path);
  if (failure) fail(`the words ${failure.message.replace(/^is /, 'are ')}\nFix: ${failure.fix}`);
}

const quotes = files
  .filter((f) => f.collection === 'quotes')
  .map((f) => {
    const parsed = parseFrontmatter(f.text);
    return { path: f.path, ...(parsed.ok ? parsed.file.data : {}) };
  });
const held = heldDays(quotes);
const today = todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate);
if (options.date !== undefined) {
  const taken = dayTaken(options.date, held, options.sharesDay);
  if (taken) fail(taken);
}
const date = options.date ?? nextFreeDay(held, today);
const id = options.id ?? quoteIdFromText(options.text, ids('quotes'));
const path = join(contentFolderPath(root, dir), 'quotes', `${id}.md`);
if (existsSync(path)) fail(`${dir}/quotes/${id}.md exists already; choose another id with --id`);
await writeFile(
  path,
  quoteFileText({
    text: options.text,
    speaker: options.speaker,
    source: options.source,
    date,
    curator: options.curator,
    tags: options.tags,
    sharesDay: options.sharesDay,
  }),
);
process.stdout.write(
  `${writtenReport({ path: `${dir}/quotes/${id}.md`, id, date, today, source: options.source, madeId: options.id === undefined, sharesWith: options.sharesDay ? held.get(date) : undefined })}\n`,
);
