/**
 * The ledger of published words, `content/quote-texts.yaml`: for every quote once
 * published, the words it was first published with, and a digest of the visible text of
 * its article as it was when the quote was last recorded. `npm run permalinks` keeps it
 * from the record a finished build leaves (src/build/integrations/permalinks.ts), beside
 * the ledger of URLs; a curator commits both.
 *
 * Every build checks the quotes it reads (the content pass, content-pass.ts) against it:
 * a published quote's words change only with a correction whose `from:` gives the words
 * before it, so that the chain "words as published → each correction's `from` → `text`"
 * is exact; and when an article changed since its quotes were recorded, the build names
 * those quotes (each is verified against the new text anyway).
 *
 * The file is YAML a curator can read in a diff: one entry per quote, sorted by id, each
 * value on one line (the words JSON-escaped, so a paragraph break shows as `\n\n`).
 */
import { createHash } from 'node:crypto';
import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument } from 'yaml';
import { MAX_YAML_ALIASES, yamlFailure } from './frontmatter.ts';
import { issue, type ContentIssue } from './issues.ts';
import { KEBAB_CASE, type QuoteData } from './schema.ts';
import type { ValidatedContent, ValidatedEntry } from './validate.ts';
import { firstPublishedWords, sameWords, whereTextsDiffer } from '../domain/published-words.ts';

export const QUOTE_TEXTS_FILE_NAME = 'quote-texts.yaml';

/** One published quote as the ledger holds it. */
export interface LedgerQuote {
  /** The words as first published. */
  text: string;
  /** The article the words were verified against when last recorded. */
  article?: string | undefined;
  /** `articleTextDigest` of that article's visible text then. */
  articleText?: string | undefined;
}

export interface QuoteTextLedger {
  /** The file, as messages name it: `content/quote-texts.yaml`. */
  path: string;
  quotes: Map<string, LedgerQuote>;
  /** 1-based line of each entry, for messages. */
  lines: Map<string, number>;
}

const DIGEST = /^sha256-[0-9a-f]{16}$/;

/**
 * A digest of an article's visible text, block by block (what verification reads):
 * 64 bits of SHA-256, enough to tell that an article changed, short enough for a diff.
 */
export function articleTextDigest(paragraphs: readonly string[]): string {
  return `sha256-${createHash('sha256').update(JSON.stringify(paragraphs)).digest('hex').slice(0, 16)}`;
}

const HEADER = [
  '# The words of every published quote, as first published, and the text of its article',
  '# they were last verified against (a digest). `npm run permalinks` adds to it after a',
  '# build; commit it. Published words change only with a correction whose `from:` gives',
  '# the earlier words (docs/content.md, "Corrections and withdrawals"). Do not edit by hand.',
];

/** The ledger as a file: its header, then one entry per quote, sorted by id (code units), each value on one line. */
export function formatQuoteTexts(quotes: ReadonlyMap<string, LedgerQuote>): string {
  const ids = [...quotes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = [...HEADER];
  for (const id of ids) {
    const entry = quotes.get(id) as LedgerQuote;
    lines.push(`${id}:`, `  text: ${JSON.stringify(entry.text)}`);
    if (entry.article !== undefined) lines.push(`  article: ${entry.article}`);
    if (entry.articleText !== undefined) lines.push(`  articleText: ${entry.articleText}`);
  }
  return `${lines.join('\n')}\n`;
}

const FIX = `keep the file as \`npm run permalinks\` writes it: \`<quote-id>:\` and below it \`text: "…"\`, \`article: <article-id>\`, \`articleText: sha256-…\`; restore it from git if it was edited.`;

/** The ledger's entries, or the problems that make it unreadable, each with its line. */
export function parseQuoteTexts(text: string, path: string): { ledger: QuoteTextLedger; issues: ContentIssue[] } {
  const ledger: QuoteTextLedger = { path, quotes: new Map(), lines: new Map() };
  const issues: ContentIssue[] = [];
  const lineCounter = new LineCounter();
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { schema: 'core', lineCounter, prettyErrors: false, uniqueKeys: true });
    const yamlError = document.errors[0];
    if (yamlError) {
      issues.push(issue(path, undefined, `is not valid YAML: ${yamlError.message.split('\n')[0]}.`, FIX, lineCounter.linePos(yamlError.pos[0]).line));
      return { ledger, issues };
    }
    document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    issues.push(issue(path, undefined, `${yamlFailure(error)}.`, FIX));
    return { ledger, issues };
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { ledger, issues };
  if (!isMap(root)) {
    issues.push(issue(path, undefined, 'must be a list of quote ids, each with its published words.', FIX, 1));
    return { ledger, issues };
  }
  const lineOf = (node: unknown): number | undefined => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined);
  for (const pair of root.items) {
    const id = isScalar(pair.key) ? pair.key.value : undefined;
    const line = lineOf(pair.key);
    if (typeof id !== 'string' || !KEBAB_CASE.test(id)) {
      issues.push(issue(path, String(id), 'is not a quote id (kebab-case, the file name of a quote).', FIX, line));
      continue;
    }
    if (!isMap(pair.value)) {
      issues.push(issue(path, id, 'must hold the fields `text`, `article` and `articleText`.', FIX, line));
      continue;
    }
    const fields: Record<string, unknown> = {};
    let broken = false;
    for (const field of pair.value.items) {
      const name = isPair(field) && isScalar(field.key) ? String(field.key.value) : '';
      const value = isScalar(field.value) ? field.value.value : undefined;
      const known = name === 'text' || name === 'article' || name === 'articleText';
      const valid =
        typeof value === 'string' &&
        (name === 'text' ? value.trim() !== '' : name === 'article' ? KEBAB_CASE.test(value) : DIGEST.test(value));
      if (!known || !valid) {
        issues.push(
          issue(
            path,
            `${id}.${name}`,
            known ? `is not ${name === 'text' ? 'the quote’s words' : name === 'article' ? 'an article id' : 'a digest such as sha256-0123456789abcdef'}.` : 'is not a field of the ledger.',
            FIX,
            lineOf(field.value) ?? line,
          ),
        );
        broken = true;
        continue;
      }
      fields[name] = value;
    }
    if (broken) continue;
    if (typeof fields.text !== 'string') {
      issues.push(issue(path, `${id}.text`, 'is missing: the entry must give the words as published.', FIX, line));
      continue;
    }
    ledger.quotes.set(id, { text: fields.text, article: fields.article as string | undefined, articleText: fields.articleText as string | undefined });
    if (line !== undefined) ledger.lines.set(id, line);
  }
  return { ledger, issues };
}

/**
 * Each quote of the ledger whose words do not follow from the words as published: with
 * no correction changing the words, `text` must be the published words; with some, the
 * first `from` must be (the schema checks the steps after it).
 */
export function checkPublishedWords(quotes: readonly ValidatedEntry<QuoteData>[], ledger: QuoteTextLedger | undefined): ContentIssue[] {
  if (!ledger) return [];
  const issues: ContentIssue[] = [];
  for (const quote of quotes) {
    const recorded = ledger.quotes.get(quote.id);
    if (!recorded) continue;
    const first = firstPublishedWords(quote.data.text, quote.data.corrections);
    if (sameWords(first, recorded.text)) continue;
    const firstChange = quote.data.corrections.findIndex((correction) => correction.from !== undefined);
    const example = `{ date: YYYY-MM-DD, note: "What was corrected.", from: ${JSON.stringify(recorded.text)} }`;
    if (firstChange < 0) {
      issues.push(
        issue(
          quote.path,
          'text',
          `differs from the words as published, which ${ledger.path} records: ${whereTextsDiffer(recorded.text, quote.data.text)}. Published words change only with a correction.`,
          `restore the published words, or add to \`corrections\` an entry that gives them in \`from\`: ${example}.`,
          quote.keyLines.get('text'),
        ),
      );
    } else {
      issues.push(
        issue(
          quote.path,
          `corrections[${firstChange}].from`,
          `is not the words as published, which ${ledger.path} records: ${whereTextsDiffer(recorded.text, first).replace('`text` now says', 'this `from` says')}. The first correction of the words starts from the words as published.`,
          `write \`from: ${JSON.stringify(recorded.text)}\` here, or add the correction that changed the words before this one: ${example}.`,
          quote.keyLines.get('corrections'),
        ),
      );
    }
  }
  return issues;
}

/** The quotes of the ledger whose article changed since they were recorded, and what the build says of them. */
export interface ArticleChanges {
  /** The verification problems given, those of changed articles saying so. */
  issues: ContentIssue[];
  /** One line per changed article whose recorded quotes still match. */
  notes: string[];
}

function idList(ids: readonly string[]): string {
  return ids.length === 1 ? `quote ${ids[0]}` : `quotes ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

/**
 * Names the quotes of the ledger (not withdrawn) that were verified against another text
 * of their article than the one this build verified them against: a line per article
 * whose quotes still match, and, for a quote that no longer matches, its verification
 * problem told that the article changed, not the quote.
 */
export function traceArticleChanges(
  content: Pick<ValidatedContent, 'quotes' | 'articles'>,
  ledger: QuoteTextLedger | undefined,
  digestOf: (articleId: string) => string | undefined,
  verification: readonly ContentIssue[],
): ArticleChanges {
  if (!ledger) return { issues: [...verification], notes: [] };
  const failedFiles = new Set(verification.filter((item) => item.field === 'text').map((item) => item.file));
  const articlePaths = new Map(content.articles.map((article) => [article.id, article.path]));
  const changedQuotes = new Map<string, string>();
  const stillMatch = new Map<string, string[]>();
  for (const quote of content.quotes) {
    const recorded = ledger.quotes.get(quote.id);
    const source = quote.data.source?.id;
    if (!recorded?.articleText || !source || quote.data.withdrawn) continue;
    const digest = digestOf(source);
    if (digest === undefined || (recorded.article === source && recorded.articleText === digest)) continue;
    changedQuotes.set(quote.path, recorded.article === source ? 'changed since this quote was published' : `is not the one this quote was published from (${recorded.article})`);
    if (failedFiles.has(quote.path)) continue;
    const list = stillMatch.get(source) ?? [];
    list.push(quote.id);
    stillMatch.set(source, list);
  }
  const issues = verification.map((item) => {
    const change = item.field === 'text' ? changedQuotes.get(item.file) : undefined;
    if (!change) return item;
    return {
      ...item,
      message: `${item.message} The article ${change}: ${ledger.path} records the text the words were verified against then.`,
      fix: 'if the article was changed by mistake, restore its text; if the words were corrected at the source, correct `text` and add a correction whose `from:` gives the words as published.',
    };
  });
  const notes = [...stillMatch].map(([article, ids]) => {
    const sorted = [...ids].sort();
    return `article ${articlePaths.get(article) ?? article} changed since ${idList(sorted)} ${sorted.length === 1 ? 'was' : 'were'} published; ${sorted.length === 1 ? 'it still matches' : 'they still match'} (\`npm run permalinks\` records its new text)`;
  });
  return { issues, notes };
}
