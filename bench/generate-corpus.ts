/**
 * Generates a content folder of any size in the real content contract, for the
 * scale benchmark: N quotes, N/10 articles of 900–1,500 words, N/20 people and
 * about 40 tags. Every quote is a word-aligned span of one paragraph of its
 * article, copied verbatim (some with an inner elision, a few right to left), so
 * the build's quote verification does its real work. One seed, one output, byte
 * for byte: the PRNG is our own and nothing reads the clock.
 *
 *   node bench/generate-corpus.ts --quotes 1000 [--seed qtd] --out .tmp/bench/1000/content
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantOfLocalTime, isoInZone } from '../src/domain/dates.ts';
import { createRandom, type Random } from './corpus/random.ts';
import {
  englishHeadline,
  englishParagraph,
  englishSentence,
  capitalize,
  persianHeadline,
  persianParagraph,
  type Named,
  type Paragraph,
  type ProseContext,
} from './corpus/prose.ts';
import {
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  PERSIAN_ID_WORDS,
  PERSIAN_SECTIONS,
  PLACES,
  PUBLICATIONS,
  ROLES,
  SECTIONS,
  TAGS,
} from './corpus/words.ts';

/** The day the benchmark builds take as today (`BUILD_DATE`): quotes after it are scheduled. */
export const BENCH_BUILD_DATE = '2026-11-26';

/**
 * Marks a folder as ours, so that regenerating may empty it and nothing else. The marker
 * lies beside the content folder (`content.bench-corpus`), not in it: the build refuses
 * any file in a content folder that it would not publish.
 */
export const CORPUS_MARKER = '.bench-corpus';

function markerOf(outDir: string): string {
  return `${outDir.replace(/[\\/]+$/, '')}${CORPUS_MARKER}`;
}

export interface CorpusOptions {
  quotes: number;
  seed: string | number;
  /** The content folder to write (created; emptied first if it holds an earlier corpus). */
  outDir: string;
}

export interface CorpusSummary {
  quotes: number;
  articles: number;
  people: number;
  tags: number;
  elidedQuotes: number;
  rightToLeftQuotes: number;
  scheduledQuotes: number;
  /** The oldest and newest quote days. */
  firstDay: string;
  lastDay: string;
  /** The quote of the day on BENCH_BUILD_DATE, and the article it comes from. */
  todaysQuoteId: string;
  todaysArticleId: string;
  /** A published quote far from today, whose commentary the benchmark edits. */
  editableQuoteId: string;
  files: number;
  bytes: number;
}

interface Person extends Named {
  id: string;
  name: string;
  sortName: string;
  role: string;
}

interface Article {
  id: string;
  lang: 'en' | 'fa';
  paragraphs: Paragraph[];
  subject: Person;
}

interface QuoteDraft {
  text: string;
  elided: boolean;
}

const NBSP = '\u00a0';
const ELISION = `${NBSP}.${NBSP}.${NBSP}.`;
const NEW_YORK = 'America/New_York';
const TEHRAN = 'Asia/Tehran';

export function slugify(text: string, maxWords = 6): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, maxWords)
    .join('-');
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A local time of day in `zone`, written with the offset the zone has then. */
function localDateTime(day: string, hour: number, minute: number, zone: string): { written: string; epochMs: number } {
  const epochMs = instantOfLocalTime(day, hour, zone) + minute * 60_000;
  return { written: isoInZone(epochMs, zone), epochMs };
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function yamlString(text: string): string {
  // JSON strings are YAML double-quoted scalars for both js-yaml and yaml.
  return JSON.stringify(text);
}

function yamlList(ids: readonly string[]): string {
  return `[${ids.join(', ')}]`;
}

function frontMatter(fields: readonly (readonly [string, string | undefined])[], body: string): string {
  const lines = ['---'];
  for (const [key, value] of fields) if (value !== undefined) lines.push(`${key}: ${value}`);
  lines.push('---', '');
  return `${lines.join('\n')}\n${body.trim()}\n`;
}

class UniqueIds {
  private readonly used = new Set<string>();
  take(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

function makePeople(r: Random, count: number): Person[] {
  const names: { first: string; honorific: string }[] = [
    ...MALE_FIRST_NAMES.map((first) => ({ first, honorific: 'Mr.' })),
    ...FEMALE_FIRST_NAMES.map((first) => ({ first, honorific: 'Ms.' })),
  ];
  const combinations = r.shuffle(names.flatMap((name) => LAST_NAMES.map((lastName) => ({ ...name, lastName }))));
  const ids = new UniqueIds();
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const base = combinations[i % combinations.length];
    if (!base) break;
    // Past every combination, a middle initial keeps names apart.
    const initial = i >= combinations.length ? ` ${String.fromCharCode(65 + ((i / combinations.length) % 26))}.` : '';
    const name = `${base.first}${initial} ${base.lastName}`;
    const role = r.pick(ROLES);
    people.push({
      id: ids.take(slugify(name, 8)),
      name,
      sortName: `${base.lastName}, ${base.first}${initial}`,
      honorific: role === 'physician' ? 'Dr.' : base.honorific,
      lastName: base.lastName,
      role,
    });
  }
  return people;
}

function personFile(r: Random, person: Person, cast: readonly Named[]): string {
  const context: ProseContext = { random: r, cast: [person, ...cast] };
  const place = r.pick(PLACES);
  const bio = [`${person.name} is ${withArticle(person.role)} from ${place}.`, ...englishParagraph(context, r.int(25, 70))].join(' ');
  return frontMatter(
    [
      ['name', yamlString(person.name)],
      ['description', yamlString(capitalize(`${person.role} from ${place}`))],
      ['sortName', yamlString(person.sortName)],
      ['url', r.chance(0.3) ? `https://example.org/people/${person.id}` : undefined],
    ],
    bio,
  );
}

function wordsOf(paragraph: Paragraph): { words: string[]; sentenceStarts: number[] } {
  const words: string[] = [];
  const sentenceStarts: number[] = [];
  for (const sentence of paragraph) {
    sentenceStarts.push(words.length);
    words.push(...sentence.split(' '));
  }
  return { words, sentenceStarts };
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const OPENING_MARKS = /^[“‘«"]+/;
const CLOSING_MARKS = /[”’»",;:،]+$/;

/** Drops edge words without letters (a dash) and the quotation marks and commas at the edges. */
function trimEdges(words: string[]): string[] {
  const out = [...words];
  while (out.length > 0 && !HAS_WORD.test(out[0] ?? '')) out.shift();
  while (out.length > 0 && !HAS_WORD.test(out[out.length - 1] ?? '')) out.pop();
  if (out.length === 0) return out;
  out[0] = (out[0] ?? '').replace(OPENING_MARKS, '');
  out[out.length - 1] = (out[out.length - 1] ?? '').replace(CLOSING_MARKS, '');
  return out;
}

function wordCount(words: readonly string[]): number {
  return words.filter((word) => HAS_WORD.test(word)).length;
}

/** Inside a quote, the source's double quotation marks become single ones, as newspapers print them. */
function nestQuotationMarks(text: string): string {
  return text.replace(/“/g, '‘').replace(/”/g, '’');
}

/** Whole consecutive sentences of `minWords`–`maxWords` words, when the paragraph has some. */
function sentenceRegion(
  r: Random,
  words: readonly string[],
  sentenceStarts: readonly number[],
  minWords: number,
  maxWords: number,
): [number, number] | undefined {
  const bounds = [...sentenceStarts, words.length];
  const options: [number, number][] = [];
  for (let i = 0; i < sentenceStarts.length; i++) {
    for (let j = i + 1; j < bounds.length; j++) {
      const start = bounds[i] ?? 0;
      const end = bounds[j] ?? 0;
      if (end - start > maxWords) break;
      if (end - start >= minWords) options.push([start, end]);
    }
  }
  return options.length > 0 ? r.pick(options) : undefined;
}

const NO_EDGE = new Set([
  'Mr.',
  'Ms.',
  'Dr.',
  'Jan.',
  'Feb.',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
  'the',
  'a',
  'of',
  'and',
  'but',
  'yet',
  'in',
  'on',
  'at',
  'near',
  'their',
  'U.S.',
]);

/** Whether a span of any words reads as a quote: it starts on a word and ends on neither an honorific nor a "the". */
function readableSpan(words: readonly string[], start: number, end: number): boolean {
  const first = (words[start] ?? '').replace(OPENING_MARKS, '');
  const before = words[start - 1] ?? '';
  const last = (words[end - 1] ?? '').replace(CLOSING_MARKS, '');
  return (
    /^\p{L}/u.test(first) && !NO_EDGE.has(before) && !/^\p{Nd}/u.test(words[start + 1] ?? '') && HAS_WORD.test(last) && !NO_EDGE.has(last)
  );
}

/** A word-aligned span: most often whole sentences, otherwise a readable run of words. */
function pickSpan(
  r: Random,
  words: readonly string[],
  sentenceStarts: readonly number[],
  minWords: number,
  maxWords: number,
): [number, number] {
  const whole = r.chance(0.7) ? sentenceRegion(r, words, sentenceStarts, minWords, maxWords) : undefined;
  if (whole) return whole;
  let span: [number, number] = [0, 0];
  for (let attempt = 0; attempt < 20; attempt++) {
    const length = r.int(minWords, Math.min(maxWords, words.length));
    const start = r.int(0, words.length - length);
    span = [start, start + length];
    if (readableSpan(words, start, start + length)) break;
  }
  return span;
}

/**
 * A quote pulled from the article: a span of 8–60 words of one paragraph,
 * optionally with a run of words inside it left out and marked `. . .`.
 */
function pullQuote(r: Random, article: Article, elide: boolean, usedStarts: Set<string>): QuoteDraft {
  const candidates = article.paragraphs
    .map(wordsOf)
    .map((paragraph, index) => ({ ...paragraph, index }))
    .filter(({ words }) => words.length >= 14);
  // Two quotes of one article starting on the same word would read as one quote twice.
  const fresh = (index: number, start: number, attempt: number): boolean => {
    const key = `${index}:${start}`;
    if (usedStarts.has(key) && attempt < 50) return false;
    usedStarts.add(key);
    return true;
  };
  // A curator may capitalise the first letter of words taken from mid-sentence (the match allows it).
  const finish = (text: string): string => nestQuotationMarks(r.chance(0.5) ? capitalize(text) : text);
  for (let attempt = 0; ; attempt++) {
    const { words, sentenceStarts, index } = r.pick(candidates);
    if (elide) {
      const [start, end] = pickSpan(r, words, sentenceStarts, 12, 70);
      const span = end - start;
      const gap = r.int(1, Math.min(15, span - 10));
      const leftLength = r.int(4, span - gap - 4);
      const left = trimEdges(words.slice(start, start + leftLength));
      const right = trimEdges(words.slice(start + leftLength + gap, end));
      const total = wordCount(left) + wordCount(right);
      if (wordCount(left) < 3 || wordCount(right) < 3 || total < 8 || total > 60 || !fresh(index, start, attempt)) continue;
      return { text: finish(`${left.join(' ')}${ELISION} ${right.join(' ')}`), elided: true };
    }
    const [start, end] = pickSpan(r, words, sentenceStarts, 8, 60);
    const picked = trimEdges(words.slice(start, end));
    if (wordCount(picked) < 8 || !fresh(index, start, attempt)) continue;
    return { text: finish(picked.join(' ')), elided: false };
  }
}

function commentary(r: Random, quoteSpeaker: Person, cast: readonly Named[], publication: string): string {
  const context: ProseContext = { random: r, cast: [quoteSpeaker, ...cast] };
  const sentences = englishParagraph(context, r.int(35, 110));
  if (r.chance(0.3)) sentences.push(`The article first ran in *${publication}*.`);
  return sentences.join(' ');
}

export interface CorpusFiles {
  /** Path relative to the content folder → file text, in a fixed order. */
  files: Map<string, string>;
  summary: Omit<CorpusSummary, 'files' | 'bytes'>;
}

function tagsYaml(): string {
  const lines = [
    '# Tags of the generated benchmark corpus (bench/generate-corpus.ts).',
    ...TAGS.flatMap((tag) => [
      `- id: ${tag.id}`,
      `  name: ${yamlString(tag.name)}`,
      `  description: ${yamlString(`Quotes and articles about ${tag.name.toLowerCase()}.`)}`,
      ...(tag.renamedFrom ? [`  renamedFrom: ${yamlList(tag.renamedFrom)}`] : []),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The articles, newest first, with their language and number of quotes. About 1% of
 * quotes come with a right-to-left (Persian) article of their own, spread evenly
 * between the others and never first: the newest article holds today's quote.
 */
function articlePlan(quoteCount: number): { lang: 'en' | 'fa'; quotes: number }[] {
  const articleCount = Math.max(2, Math.round(quoteCount / 10));
  const persianWanted = Math.min(articleCount - 1, Math.max(1, Math.round(quoteCount / 100)));
  const persianAt = new Set(
    Array.from({ length: persianWanted }, (_, p) => Math.max(1, Math.floor(((p + 0.5) * articleCount) / persianWanted))),
  );
  const quotesPerEnglish = (quoteCount - persianAt.size) / (articleCount - persianAt.size);
  let englishDone = 0;
  return Array.from({ length: articleCount }, (_, index) => {
    if (persianAt.has(index)) return { lang: 'fa' as const, quotes: 1 };
    englishDone++;
    return { lang: 'en' as const, quotes: Math.round(englishDone * quotesPerEnglish) - Math.round((englishDone - 1) * quotesPerEnglish) };
  });
}

interface ArticleSetting {
  lang: 'en' | 'fa';
  subject: Person;
  authors: Person[];
  context: ProseContext;
  /** The days of its quotes, newest first. */
  days: string[];
  tagIds: readonly string[];
}

/** An article's text and front matter; its quotes are published from its oldest quote's day on. */
function writeArticle(
  r: Random,
  setting: ArticleSetting,
  id: (title: string) => string,
): { article: Article; publication: string; text: string } {
  const { lang, subject, authors, context, days, tagIds } = setting;
  const paragraphs: Paragraph[] = [];
  const targetWords = r.int(900, 1360);
  for (let words = 0; words < targetWords;) {
    const paragraph = lang === 'fa' ? persianParagraph(r, r.int(40, 100)) : englishParagraph(context, r.int(40, 100));
    paragraphs.push(paragraph);
    words += paragraph.join(' ').split(' ').length;
  }
  const title = lang === 'fa' ? persianHeadline(r) : englishHeadline(context);
  const article: Article = { id: id(title), lang, paragraphs, subject };
  const oldestDay = days[days.length - 1] ?? BENCH_BUILD_DATE;
  const zone = lang === 'fa' ? TEHRAN : NEW_YORK;
  const published = localDateTime(addDays(oldestDay, -r.int(0, 3)), r.int(6, 21), r.int(0, 59), zone);
  const updated = r.chance(0.1) ? isoInZone(published.epochMs + r.int(2, 30) * 3_600_000, zone) : undefined;
  const publication = r.pick(PUBLICATIONS);
  const author = authors[0] ?? subject;
  const correction = r.chance(0.03)
    ? `[{ date: ${addDays(published.written.slice(0, 10), 1)}, note: ${yamlString(`An earlier version misstated the name of ${r.pick(PLACES)}.`)} }]`
    : undefined;
  const text = frontMatter(
    [
      ['title', yamlString(title)],
      ['dek', lang === 'fa' ? undefined : yamlString(englishSentence(context))],
      ['authors', yamlList(authors.map((a) => a.id))],
      ['publication', yamlString(publication)],
      ['section', yamlString(lang === 'fa' ? r.pick(PERSIAN_SECTIONS) : r.pick(SECTIONS))],
      ['published', published.written],
      ['timeZone', zone],
      ['updated', updated],
      ['sourceUrl', `https://example.com/${slugify(publication)}/${article.id}`],
      ['caption', yamlString(`${subject.name} in ${r.pick(PLACES)}, ${oldestDay.slice(0, 4)}.`)],
      ['authorNote', yamlString(`${author.honorific} ${author.lastName} is ${withArticle(author.role)} in ${r.pick(PLACES)}.`)],
      ['display', r.chance(0.05) ? 'excerpt' : undefined],
      ['corrections', correction],
      ['tags', yamlList(r.sample(tagIds, r.int(0, 3)))],
    ],
    paragraphs.map((paragraph) => paragraph.join(' ')).join('\n\n'),
  );
  return { article, publication, text };
}

function writeQuote(
  r: Random,
  draft: QuoteDraft,
  day: string,
  article: Article,
  curators: readonly Person[],
  tagIds: readonly string[],
  commentaryText: () => string,
): string {
  const tags = r.sample(tagIds, r.int(0, 3));
  return frontMatter(
    [
      ['text', yamlString(draft.text)],
      ['speaker', article.subject.id],
      ['source', article.id],
      ['date', day],
      ['curator', r.pick(curators).id],
      ['lang', article.lang === 'fa' ? 'fa' : undefined],
      ['tags', tags.length > 0 ? yamlList(tags) : undefined],
    ],
    commentaryText(),
  );
}

/** Builds the whole corpus in memory: the same options always give the same files. */
export function buildCorpus(quoteCount: number, seed: string | number): CorpusFiles {
  if (!Number.isInteger(quoteCount) || quoteCount < 20) throw new Error('the corpus needs at least 20 quotes');
  const r = createRandom(`qtd-bench:${seed}`);
  const files = new Map<string, string>();
  files.set('tags.yaml', tagsYaml());
  const tagIds = TAGS.map((tag) => tag.id);

  const people = makePeople(r, Math.max(8, Math.round(quoteCount / 20)));
  const curators = people.slice(0, 3);
  for (const person of people) files.set(`people/${person.id}.md`, personFile(r, person, r.sample(people, 2)));

  const plan = articlePlan(quoteCount);
  // One quote a day, back from a few days after BUILD_DATE: the first few are scheduled.
  const scheduled = Math.min(5, Math.max(1, Math.floor(quoteCount / 100)));
  const newestDay = addDays(BENCH_BUILD_DATE, scheduled);
  const articleIds = new UniqueIds();
  const quoteIds = new UniqueIds();
  const summary = { elidedQuotes: 0, rightToLeftQuotes: 0, todaysQuoteId: '', todaysArticleId: '', editableQuoteId: '' };
  let dayIndex = 0;
  let persianIndex = 0;

  for (const { lang, quotes } of plan) {
    const subject = r.pick(people);
    const authors = r.sample(
      people.filter((p) => p !== subject),
      r.chance(0.2) ? 2 : 1,
    );
    const cast: Named[] = [subject, ...r.sample(people, 2)];
    const days = Array.from({ length: quotes }, (_, k) => addDays(newestDay, -(dayIndex + k)));
    dayIndex += quotes;
    const articleId = (title: string) =>
      articleIds.take(lang === 'fa' ? `fa-${r.pick(PERSIAN_ID_WORDS)}-${++persianIndex}` : slugify(title));
    const { article, publication, text } = writeArticle(
      r,
      { lang, subject, authors, context: { random: r, cast }, days, tagIds },
      articleId,
    );
    files.set(`articles/${article.id}.md`, text);

    const usedStarts = new Set<string>();
    days.forEach((day, k) => {
      const draft = pullQuote(r, article, lang === 'en' && r.chance(0.15), usedStarts);
      if (draft.elided) summary.elidedQuotes++;
      if (lang === 'fa') summary.rightToLeftQuotes++;
      const slug = slugify(draft.text, 5);
      const quoteId = quoteIds.take(slug !== '' && !/^\d+$/.test(slug) ? slug : `${article.id}-quote-${k + 1}`);
      if (day === BENCH_BUILD_DATE) {
        summary.todaysQuoteId = quoteId;
        summary.todaysArticleId = article.id;
      }
      if (summary.editableQuoteId === '' && dayIndex > quoteCount / 2 && lang === 'en') summary.editableQuoteId = quoteId;
      files.set(
        `quotes/${quoteId}.md`,
        writeQuote(r, draft, day, article, curators, tagIds, () => commentary(r, subject, cast, publication)),
      );
    });
  }

  return {
    files,
    summary: {
      quotes: quoteCount,
      articles: plan.length,
      people: people.length,
      tags: TAGS.length,
      scheduledQuotes: scheduled,
      firstDay: addDays(newestDay, -(quoteCount - 1)),
      lastDay: newestDay,
      ...summary,
    },
  };
}

async function prepareOutDir(outDir: string): Promise<void> {
  if (existsSync(outDir)) {
    const entries = await readdir(outDir);
    if (entries.length > 0 && !existsSync(markerOf(outDir))) {
      throw new Error(`${outDir} is not empty and is no generated corpus (no ${markerOf(outDir)} beside it); refusing to overwrite it`);
    }
    await rm(outDir, { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
}

/** Writes the corpus into `outDir` (emptying an earlier generated corpus there first). */
export async function generateCorpus(options: CorpusOptions): Promise<CorpusSummary> {
  const { files, summary } = buildCorpus(options.quotes, options.seed);
  await prepareOutDir(options.outDir);
  const folders = new Set([...files.keys()].map((path) => dirname(join(options.outDir, path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  let bytes = 0;
  const entries = [...files];
  // Writes in small batches: fast, without opening ten thousand files at once.
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(
      entries.slice(i, i + 64).map(([path, text]) => {
        bytes += Buffer.byteLength(text);
        return writeFile(join(options.outDir, path), text);
      }),
    );
  }
  await writeFile(markerOf(options.outDir), `Generated by bench/generate-corpus.ts: ${summary.quotes} quotes.\n`);
  return { ...summary, files: files.size, bytes };
}

function argValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const quotes = Number(argValue(args, '--quotes') ?? '1000');
  const seed = argValue(args, '--seed') ?? 'qtd';
  const outDir = resolve(argValue(args, '--out') ?? `.tmp/bench/${quotes}/content`);
  const summary = await generateCorpus({ quotes, seed, outDir });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}
