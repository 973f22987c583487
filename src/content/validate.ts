/**
 * The rules of the content contract (docs/content.md) on the files as read once by
 * `read-content.ts` and parsed once by `frontmatter.ts`: the entries this returns are
 * the entries the site is built from (src/content/loader.ts stores them). Every
 * broken rule is reported at once, each with its file, field and fix. Rules that need
 * the rendered text (hygiene of the body, quote verification) run after rendering, in
 * `content-pass.ts`.
 */
import type { z } from 'astro/zod';
import { LineCounter, isNode, isSeq, parseDocument } from 'yaml';
import { MAX_YAML_ALIASES, explainYaml, yamlFailure } from './frontmatter.ts';
import { parseDateTime, zoneOffsetSeconds, formatOffsetSeconds } from '../domain/dates.ts';
import { parseFrontmatter, type ParsedFile } from './frontmatter.ts';
import { scanText, describeFinding, stringValues } from './hygiene.ts';
import { issue, type ContentIssue } from './issues.ts';
import {
  KEBAB_CASE,
  FIELD_EXAMPLES,
  articleSchema,
  personSchema,
  plainRef,
  quoteSchema,
  tagRegistrySchema,
  type ArticleData,
  type Collection,
  type PersonData,
  type QuoteData,
  type TagRegistry,
} from './schema.ts';
import { didYouMean } from './suggest.ts';
import { idFromPath } from './ids.ts';
import { visibleName } from './content-files.ts';
import type { SourceFile } from './read-content.ts';

export type { SourceFile } from './read-content.ts';

/** Ids are URLs and file names (a card, a citation file): long enough for any title's first words, short for every file system. */
export const MAX_ID_LENGTH = 100;

export interface ValidatedEntry<T> {
  id: string;
  path: string;
  data: T;
  /** The Markdown after the front matter, exactly as the file has it. */
  body: string;
  /** 1-based line of each front-matter field, for messages. */
  keyLines: ReadonlyMap<string, number>;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** The whole file as read: what the loader's digest is taken of. */
  source: string;
  /** The front matter as parsed, before the schema: what Astro's `parseData` is given. */
  rawData: Record<string, unknown>;
}

export interface ValidatedContent {
  people: ValidatedEntry<PersonData>[];
  articles: ValidatedEntry<ArticleData>[];
  quotes: ValidatedEntry<QuoteData>[];
  tags: TagRegistry;
}

export interface ValidateOptions {
  siteTimeZone: string;
  allowSeveralQuotesPerDay: boolean;
  /** `content/tags.yaml`, when the folder has one. */
  tagsFile?: { path: string; text: string };
}

const COLLECTION_NOUN: Record<Collection, string> = { people: 'person', articles: 'article', quotes: 'quote' };

// Built once: building a zod schema costs far more than using it, and there are 10,000s of files.
const SCHEMAS: Record<Collection, z.ZodType> = {
  people: personSchema(),
  articles: articleSchema(plainRef),
  quotes: quoteSchema(plainRef),
};

function schemaFor(collection: Collection): z.ZodType {
  return SCHEMAS[collection];
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function schemaIssues(
  file: SourceFile,
  parsed: ParsedFile,
  error: z.ZodError,
  knownKeys: readonly string[],
): ContentIssue[] {
  const found: ContentIssue[] = [];
  for (const problem of error.issues) {
    if (problem.code === 'unrecognized_keys') {
      for (const key of problem.keys) {
        const container = fieldPath(problem.path);
        const name = container ? `${container}.${key}` : key;
        found.push(
          issue(
            file.path,
            name,
            `is not a field of a ${COLLECTION_NOUN[file.collection]}.${problem.path.length === 0 ? didYouMean(key, knownKeys) : ''}`,
            problem.path.length === 0
              ? `rename or remove it; the fields are: ${knownKeys.join(', ')}.`
              : 'rename or remove it (see the field reference in docs/content.md).',
            parsed.keyLines.get(String(problem.path[0] ?? key)),
          ),
        );
      }
      continue;
    }
    const topKey = String(problem.path[0] ?? '');
    const name = fieldPath(problem.path);
    const example = FIELD_EXAMPLES[topKey];
    const missing = topKey !== '' && !(topKey in parsed.data);
    if (missing) {
      found.push(
        issue(file.path, name, 'is required but missing.', `add it to the front matter${example ? `, e.g. \`${example}\`` : ''}.`, 1),
      );
      continue;
    }
    found.push(
      issue(
        file.path,
        name || undefined,
        problem.message.replace(/^Invalid input: expected (\w+), received (\w+)$/, 'should be $1, not $2') + '.',
        example ? `write it like \`${example}\`.` : 'correct the value (see the field reference in docs/content.md).',
        parsed.keyLines.get(topKey),
      ),
    );
  }
  return found;
}

function knownKeysOf(collection: Collection): string[] {
  const schema = schemaFor(collection) as unknown as { shape?: Record<string, unknown> };
  return Object.keys(schema.shape ?? {});
}

/** The tag registry; undefined when `tags.yaml` cannot be read (its problems are reported). */
function readTags(options: ValidateOptions, issues: ContentIssue[]): TagRegistry | undefined {
  if (!options.tagsFile) return [];
  const { path, text } = options.tagsFile;
  const lineCounter = new LineCounter();
  const howTo = 'write one entry per tag: `- id: resistance` with `name:` and `description:` below it.';
  let document: ReturnType<typeof parseDocument>;
  let raw: unknown;
  try {
    document = parseDocument(text, { schema: 'core', lineCounter, prettyErrors: false });
    const yamlProblem = explainYaml(text, document, lineCounter, 0);
    if (yamlProblem) {
      const known = yamlProblem.message.startsWith('the front matter is not valid YAML: ');
      issues.push(issue(path, yamlProblem.field, known ? `is not valid YAML: ${yamlProblem.message.slice(36)}.` : `${yamlProblem.message}.`, known ? howTo : yamlProblem.fix, yamlProblem.line));
      return undefined;
    }
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? [];
  } catch (error) {
    issues.push(issue(path, undefined, `${yamlFailure(error)}.`, howTo));
    return undefined;
  }
  const entryLine = (index: PropertyKey | undefined): number | undefined => {
    const node = isSeq(document.contents) && typeof index === 'number' ? document.contents.items[index] : undefined;
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  for (const { field, text: value } of stringValues(raw)) {
    for (const finding of scanText(value)) {
      const { message, fix } = describeFinding(finding);
      issues.push(issue(path, field || undefined, message, fix, entryLine(Number(/^\[(\d+)\]/.exec(field)?.[1]))));
    }
  }
  const result = tagRegistrySchema.safeParse(raw);
  if (!result.success) {
    for (const problem of result.error.issues) {
      issues.push(issue(path, fieldPath(problem.path) || undefined, `${problem.message}.`, 'each tag needs `id` (kebab-case) and `name`, and may have `description` and `renamedFrom`.', entryLine(problem.path[0])));
    }
    return undefined;
  }
  const seen = new Map<string, number>();
  result.data.forEach((tag, index) => {
    for (const id of [tag.id, ...tag.renamedFrom]) {
      const previous = seen.get(id);
      if (previous !== undefined) {
        issues.push(issue(path, `[${index}].id`, `the tag id "${id}" is used twice (also entry ${previous + 1}).`, 'give each tag, and each former id, one entry only.', entryLine(index)));
      } else {
        seen.set(id, index);
      }
    }
  });
  return result.data;
}

/** What the rules within one file give, which no other file changes (src/content/pass-memo.ts keeps it between passes). */
export interface FileChecks {
  /** Problems of the file name, reported before a duplicate id is. */
  nameIssues: ContentIssue[];
  /** Problems of the front matter, its values and (articles) its offsets, in the order a pass reports them. */
  issues: ContentIssue[];
  references: RawReference[];
  tagUses: TagUse[];
  /** The entry, when the file passed its own rules. */
  entry?: ValidatedEntry<unknown>;
}

/** An earlier pass's checks, by path: reused for a file of the same collection and text under the same site time zone. */
export type FileChecksMemo = Map<string, { collection: Collection; text: string; siteTimeZone: string; checks: FileChecks }>;

/** The rules within one file: its name, its front matter against the schema, its characters and its offsets. */
function checkFile(file: SourceFile, id: string, options: ValidateOptions): FileChecks {
  const nameIssues: ContentIssue[] = [];
  if (!KEBAB_CASE.test(id)) {
    nameIssues.push(
      issue(file.path, undefined, `the file name "${visibleName(id)}" is not a valid id: ids are lower-case words joined by hyphens, and become URLs.`, `rename the file, e.g. to ${id.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'my-entry'}.md.`),
    );
  }
  if (id.length > MAX_ID_LENGTH) {
    nameIssues.push(
      issue(file.path, undefined, `the id is ${id.length} characters long; an id is at most ${MAX_ID_LENGTH} (it becomes a URL and file names).`, `rename the file to a shorter id, e.g. ${id.slice(0, 60).replace(/-[^-]*$/, '')}.md.`),
    );
  }
  if (file.collection === 'quotes' && (/^\d+$/.test(id) || id === 'page')) {
    nameIssues.push(
      issue(file.path, undefined, `the id "${id}" is reserved: /quotes/${id}/ is ${id === 'page' ? 'where the list pages live' : 'the archive of a year'}.`, `rename the file, e.g. to quote-${id}.md.`),
    );
  }
  const issues: ContentIssue[] = [];
  const parsedResult = parseFrontmatter(file.text);
  if (!parsedResult.ok) {
    issues.push(issue(file.path, parsedResult.field, parsedResult.message + '.', parsedResult.fix ?? 'start the file with `---`, one `field: value` per line, then `---` and the text.', parsedResult.line));
    return { nameIssues, issues, references: [], tagUses: [] };
  }
  const parsed = parsedResult.file;
  // The values as parsed, escapes resolved: `"\u202E"` is the character it names.
  for (const { field, text } of stringValues(parsed.data)) {
    for (const finding of scanText(text)) {
      const { message, fix } = describeFinding(finding, { inValue: true });
      const topKey = /^[^.[]+/.exec(field)?.[0] ?? field;
      issues.push(issue(file.path, field, message, fix, parsed.keyLines.get(topKey)));
    }
  }
  const references = rawReferences(file, parsed);
  const tagUses = rawTagUses(file, parsed);
  const result = schemaFor(file.collection).safeParse(parsed.data);
  if (!result.success) {
    issues.push(...schemaIssues(file, parsed, result.error, knownKeysOf(file.collection)));
    return { nameIssues, issues, references, tagUses };
  }
  // No entry without a usable id: its pages and cards could not be written.
  if (id.length > MAX_ID_LENGTH) return { nameIssues, issues, references, tagUses };
  const entry = { id, path: file.path, data: result.data, body: parsed.body, keyLines: parsed.keyLines, bodyLine: parsed.bodyLine, source: file.text, rawData: parsed.data };
  if (file.collection === 'articles') checkOffset(entry as ValidatedEntry<ArticleData>, parsed, options, issues);
  return { nameIssues, issues, references, tagUses, entry };
}

/**
 * Every rule on the files as read. With `memo` (the preview, src/content/pass-memo.ts), a
 * file whose text has not changed since the pass that filled it is not checked again on
 * its own; the rules between files (ids, references, tags, days) always run on them all,
 * so the result is the same as without it. `memo` is left holding this pass's files.
 */
export function validateContent(files: readonly SourceFile[], options: ValidateOptions, memo?: FileChecksMemo): { issues: ContentIssue[]; content: ValidatedContent } {
  const issues: ContentIssue[] = [];
  const tags = readTags(options, issues);
  const content: ValidatedContent = { people: [], articles: [], quotes: [], tags: tags ?? [] };
  const firstPathOfId = new Map<string, string>();
  const references: RawReference[] = [];
  const tagUses: TagUse[] = [];
  const earlier = memo ? new Map(memo) : undefined;
  memo?.clear();

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const id = idFromPath(file.path);
    const known = earlier?.get(file.path);
    const checks =
      known && known.collection === file.collection && known.text === file.text && known.siteTimeZone === options.siteTimeZone ? known.checks : checkFile(file, id, options);
    memo?.set(file.path, { collection: file.collection, text: file.text, siteTimeZone: options.siteTimeZone, checks });
    issues.push(...checks.nameIssues);
    const key = `${file.collection}/${id}`;
    const previous = firstPathOfId.get(key);
    if (previous) {
      issues.push(
        issue(file.path, undefined, `has the same id "${id}" as ${previous}; ids must be unique within content/${file.collection}/.`, 'rename one of the two files (and never reuse an id that was published).'),
      );
    } else {
      firstPathOfId.set(key, file.path);
    }
    issues.push(...checks.issues);
    references.push(...checks.references);
    tagUses.push(...checks.tagUses);
    if (!checks.entry) continue;
    if (file.collection === 'people') content.people.push(checks.entry as ValidatedEntry<PersonData>);
    else if (file.collection === 'articles') content.articles.push(checks.entry as ValidatedEntry<ArticleData>);
    else content.quotes.push(checks.entry as ValidatedEntry<QuoteData>);
  }

  checkReferences(firstPathOfId, references, issues);
  if (tags) checkTags(tags, tagUses, issues);
  checkQuoteDays(content, options, issues);
  return { issues, content };
}

/** "Shown as written": the offset written must be the one the zone has at that instant. */
function checkOffset(article: ValidatedEntry<ArticleData>, parsed: ParsedFile, options: ValidateOptions, issues: ContentIssue[]): void {
  const zone = article.data.timeZone ?? options.siteTimeZone;
  for (const field of ['published', 'updated'] as const) {
    const raw = parsed.data[field];
    if (typeof raw !== 'string') continue;
    const written = parseDateTime(raw);
    if (!written.ok) continue;
    // To the second: before standard time a zone kept local mean time (New York: -04:56:02 until 1883).
    const expected = zoneOffsetSeconds(written.value.epochMs, zone);
    if (expected !== written.value.offsetSeconds) {
      issues.push(
        issue(
          article.path,
          field,
          `is written with offset ${formatOffsetSeconds(written.value.offsetSeconds)}, but ${zone}${article.data.timeZone ? '' : ' (the site’s zone)'} is at ${formatOffsetSeconds(expected)} at that time, so the page would show another ${Math.abs(expected - written.value.offsetSeconds) >= 3600 ? 'hour' : 'time'}.`,
          `write the offset ${formatOffsetSeconds(expected)}, or set \`timeZone:\` to the zone the time was written in.`,
          parsed.keyLines.get(field),
        ),
      );
    }
  }
}

export interface RawReference {
  path: string;
  field: string;
  collection: 'people' | 'articles';
  id: string;
  line?: number | undefined;
}

const REFERENCE_FIELDS: Record<Collection, Record<string, 'people' | 'articles'>> = {
  people: {},
  articles: { authors: 'people' },
  quotes: { speaker: 'people', curator: 'people', source: 'articles' },
};

/** References as written, read before the schema so that a file with another error still has them checked. */
function rawReferences(file: SourceFile, parsed: ParsedFile): RawReference[] {
  const found: RawReference[] = [];
  for (const [field, collection] of Object.entries(REFERENCE_FIELDS[file.collection])) {
    const value = parsed.data[field];
    const line = parsed.keyLines.get(field);
    if (typeof value === 'string') found.push({ path: file.path, field, collection, id: value, line });
    else if (Array.isArray(value)) {
      value.forEach((id, index) => {
        if (typeof id === 'string') found.push({ path: file.path, field: `${field}[${index}]`, collection, id, line });
      });
    }
  }
  return found;
}

/** `filesById` holds every file read, valid or not: a reference to a file with errors of its own is not reported again. */
function checkReferences(filesById: ReadonlyMap<string, string>, references: readonly RawReference[], issues: ContentIssue[]): void {
  const idsOf = (collection: string) =>
    [...filesById.keys()].filter((key) => key.startsWith(`${collection}/`)).map((key) => key.slice(collection.length + 1));
  const known = { people: new Set(idsOf('people')), articles: new Set(idsOf('articles')) };
  for (const reference of references) {
    const ids = known[reference.collection];
    if (ids.has(reference.id)) continue;
    if (reference.collection === 'people') {
      issues.push(
        issue(reference.path, reference.field, `no person "${reference.id}" in content/people/.${didYouMean(reference.id, ids)}`, `use the file name (without .md) of a person in content/people/, or create content/people/${reference.id}.md.`, reference.line),
      );
    } else {
      issues.push(
        issue(reference.path, reference.field, `no article "${reference.id}" in content/articles/.${didYouMean(reference.id, ids)}`, 'use the file name (without .md) of an article in content/articles/, or remove `source:` and give a `context:` instead.', reference.line),
      );
    }
  }
}

export interface TagUse {
  path: string;
  field: string;
  id: string;
  line?: number | undefined;
}

/** Tags as written, read before the schema: a file with another error still has its tags checked in the same run. */
function rawTagUses(file: SourceFile, parsed: ParsedFile): TagUse[] {
  const value = parsed.data.tags;
  if (file.collection === 'people' || !Array.isArray(value)) return [];
  return value.flatMap((id: unknown, index) =>
    typeof id === 'string'
      ? [{ path: file.path, field: `tags[${index}]`, id, line: parsed.itemLines.get(`tags[${index}]`) ?? parsed.keyLines.get('tags') }]
      : [],
  );
}

/**
 * Every tag written that the registry does not list, with the nearest tag, or the new id
 * of a renamed one and the command that rewrites every file still using the old id.
 * A tag the schema refused (not kebab-case) is told here once, with its suggestion.
 */
function checkTags(tags: TagRegistry, uses: readonly TagUse[], issues: ContentIssue[]): void {
  const known = new Set(tags.map((tag) => tag.id));
  const renamed = new Map(tags.flatMap((tag) => tag.renamedFrom.map((old) => [old, tag.id] as const)));
  for (const use of uses) {
    if (known.has(use.id)) continue;
    const newer = renamed.get(use.id);
    const duplicate = issues.findIndex((item) => item.file === use.path && item.field === use.field && item.message.startsWith('must be a tag id in kebab-case'));
    if (duplicate >= 0) issues.splice(duplicate, 1);
    issues.push(
      issue(
        use.path,
        use.field,
        newer ? `the tag "${use.id}" was renamed to "${newer}".` : `the tag "${use.id}" is not in content/tags.yaml.${didYouMean(use.id, known)}`,
        newer
          ? `write "${newer}", or run \`npm run rename-tag -- ${use.id} ${newer}\` to rewrite every file that still uses "${use.id}".`
          : 'use a tag listed in content/tags.yaml, or add it there (id, name, description).',
        use.line,
      ),
    );
  }
}

/**
 * One quote of the day per day, unless the curator says otherwise: a day may hold several
 * quotes when all of them but one carry `sharesDay: true` (or the site allows several
 * everywhere, `allowSeveralQuotesPerDay`). A withdrawn quote holds no day.
 */
function checkQuoteDays(content: ValidatedContent, options: ValidateOptions, issues: ContentIssue[]): void {
  if (options.allowSeveralQuotesPerDay) return;
  const byDay = new Map<string, ValidatedEntry<QuoteData>[]>();
  for (const quote of content.quotes) {
    if (quote.data.withdrawn || quote.data.sharesDay) continue;
    const list = byDay.get(quote.data.date) ?? [];
    list.push(quote);
    byDay.set(quote.data.date, list);
  }
  for (const [day, quotes] of byDay) {
    if (quotes.length < 2) continue;
    const [first, ...others] = quotes;
    for (const other of others) {
      issues.push(
        issue(other.path, 'date', `${day} is already the day of ${first?.path}; there is one quote of the day per day.`, 'give this quote another date (the next free day), or add `sharesDay: true` to it to make both quotes the quotes of that day.', other.keyLines.get('date')),
      );
    }
  }
}
