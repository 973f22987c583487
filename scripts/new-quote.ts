/**
 * `npm run new-quote -- --source <article-id> --speaker <person-id> [--curator <id>] [--date YYYY-MM-DD] [--id <id>] "text"`
 * Verifies the words against the article first, then writes content/quotes/<id>.md on
 * the next free day (from today, in the site's zone). Refuses, with the reason, a text
 * that is not in the article.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentFolderPath, readContentFolder } from '../src/content/read-content.ts';
import { parseFrontmatter } from '../src/content/frontmatter.ts';
import { visibleParagraphs } from '../src/content/article-text.ts';
import { standaloneRenderer } from '../src/content/standalone-renderer.ts';
import { verifyQuoteText } from '../src/content/verify-quotes.ts';
import { idFromPath } from '../src/content/ids.ts';
import { prepareArticle } from '../src/domain/quote-match.ts';
import { parseCalendarDay, todayIn } from '../src/domain/dates.ts';
import { nextFreeDay, quoteFileText, quoteIdFromText } from '../src/tools/quote-file.ts';
import { siteConfig } from '../src/site.config.ts';

function fail(message: string): never {
  process.stderr.write(`new-quote: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const options = new Map<string, string>();
const words: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? '';
  if (arg.startsWith('--')) {
    const value = args[i + 1];
    if (value === undefined) fail(`${arg} needs a value`);
    options.set(arg.slice(2), value);
    i++;
  } else words.push(arg);
}
const text = words.join(' ').trim();
const speaker = options.get('speaker');
const source = options.get('source');
if (!text || !speaker) {
  fail(
    'usage: npm run new-quote -- --source <article-id> --speaker <person-id> [--curator <id>] [--date YYYY-MM-DD] [--id <id>] "the words"',
  );
}

const root = process.cwd();
const { files } = await readContentFolder(root, siteConfig.contentDir);
const ids = (collection: string) => new Set(files.filter((f) => f.collection === collection).map((f) => idFromPath(f.path)));
const people = ids('people');
if (!people.has(speaker)) fail(`no person "${speaker}" in ${siteConfig.contentDir}/people/`);
const curator = options.get('curator');
if (curator && !people.has(curator)) fail(`no person "${curator}" in ${siteConfig.contentDir}/people/`);

if (source) {
  const article = files.find((f) => f.collection === 'articles' && idFromPath(f.path) === source);
  if (!article) fail(`no article "${source}" in ${siteConfig.contentDir}/articles/`);
  const parsed = parseFrontmatter(article.text);
  if (!parsed.ok) fail(`${article.path}: ${parsed.message}`);
  // The article's visible text, as the build verifies quotes against it.
  const html = await (await standaloneRenderer())(parsed.file.body);
  const failure = verifyQuoteText(text, prepareArticle(visibleParagraphs(html)), article.path);
  if (failure) fail(`the words ${failure.message.replace(/^is /, 'are ')}`);
}

const quotes = files.filter((f) => f.collection === 'quotes');
const takenDays = new Set<string>();
for (const quote of quotes) {
  const parsed = parseFrontmatter(quote.text);
  if (parsed.ok && typeof parsed.file.data.date === 'string') takenDays.add(parsed.file.data.date);
}
const requestedDate = options.get('date');
if (requestedDate) {
  const checked = parseCalendarDay(requestedDate);
  if (!checked.ok) fail(`--date: ${checked.reason}`);
  if (takenDays.has(checked.value) && !siteConfig.allowSeveralQuotesPerDay) fail(`${checked.value} already has a quote of the day`);
}
const date = requestedDate ?? nextFreeDay(takenDays, todayIn(siteConfig.timeZone, new Date(), siteConfig.buildDate));
const id = options.get('id') ?? quoteIdFromText(text, ids('quotes'));
const path = join(contentFolderPath(root, siteConfig.contentDir), 'quotes', `${id}.md`);
if (existsSync(path) || ids('quotes').has(id)) fail(`a quote with the id "${id}" exists already; choose another with --id`);
await writeFile(path, quoteFileText({ text, speaker, source, date, curator }));
process.stdout.write(
  `wrote ${siteConfig.contentDir}/quotes/${id}.md, the quote of the day for ${date}${source ? `, verified against ${source}` : ''}\n`,
);
