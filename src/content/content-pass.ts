/**
 * The content pass: the one reading of the content folder that the site is built
 * from and that every check runs on.
 *
 * 1. `readAndValidate`: the files `content-files.ts` lists, read once, each front
 *    matter parsed once (`frontmatter.ts`), and the contract's rules (`validate.ts`).
 * 2. `renderEntry`: each entry's Markdown through the site's own processor, the
 *    HTML that its pages will show; hygiene and limits on that HTML; an article's
 *    visible text (`article-text.ts`).
 * 3. `verifyQuotes`: each quote found in the visible text of its article.
 *
 * The Astro loader (`loader.ts`) runs these steps and stores exactly the entries and
 * the HTML they produced; nothing else reads content files for the site.
 */
import { existsSync } from 'node:fs';
import { decodeString } from 'micromark-util-decode-string';
import { prepareArticle } from '../domain/quote-match.ts';
import { readContentFolder, contentFolderPath } from './read-content.ts';
import { validateContent, type ValidatedContent, type ValidatedEntry, type ValidateOptions } from './validate.ts';
import { issue, type ContentIssue } from './issues.ts';
import { scanText, describeFinding } from './hygiene.ts';
import { visibleParagraphs, wordCount } from './article-text.ts';
import { verifyQuoteText } from './verify-quotes.ts';
import type { CachedVerifier } from './verification-cache.ts';
import type { Collection } from './schema.ts';
import { checkPublishedWords, parseQuoteTexts, type QuoteTextLedger } from './quote-ledger.ts';
import type { PassMemo } from './pass-memo.ts';

export interface ReadResult {
  issues: ContentIssue[];
  content: ValidatedContent;
  /** The ledger of published words (`quote-texts.yaml`), when the folder has a readable one. */
  ledger?: QuoteTextLedger;
}

/**
 * Steps 1: the folder read and validated, and the quotes' words checked against the
 * words as published (quote-ledger.ts). A missing folder is an issue, not an empty site.
 * With `memo` (the preview), only what changed since the pass that filled it is read and
 * checked again (pass-memo.ts); the result is the same.
 */
export async function readAndValidate(root: string, contentDir: string, options: Omit<ValidateOptions, 'tagsFile'>, memo?: PassMemo): Promise<ReadResult> {
  const folder = contentFolderPath(root, contentDir);
  if (!existsSync(folder)) {
    return {
      issues: [
        issue(
          contentDir,
          undefined,
          `the content folder does not exist (looked for ${folder}).`,
          'set CONTENT_DIR to the folder that holds people/, articles/ and quotes/ (relative to the project or absolute), or unset it to use content/.',
        ),
      ],
      content: { people: [], articles: [], quotes: [], tags: [] },
    };
  }
  const { files, tagsFile, quoteTextsFile, issues: readIssues } = await readContentFolder(root, contentDir, memo?.reads);
  const { issues, content } = validateContent(files, { ...options, ...(tagsFile ? { tagsFile } : {}) }, memo?.checks);
  if (!quoteTextsFile) return { issues: [...readIssues, ...issues], content };
  const known = memo?.ledger?.path === quoteTextsFile.path && memo.ledger.text === quoteTextsFile.text ? memo.ledger : undefined;
  const { ledger, issues: ledgerIssues } = known ?? parseQuoteTexts(quoteTextsFile.text, quoteTextsFile.path);
  if (memo) memo.ledger = { ...quoteTextsFile, ledger, issues: ledgerIssues };
  const wordIssues = checkPublishedWords(content.quotes, ledger);
  return { issues: [...readIssues, ...issues, ...ledgerIssues, ...wordIssues], content, ledger };
}

/** What the Markdown processor returns for one entry, in the shape Astro's store keeps. */
export interface RenderedEntry {
  html: string;
  metadata: {
    imagePaths: string[];
    /** Articles only: the visible text, one string a block (src/content/article-text.ts). */
    paragraphs?: readonly string[];
    /** Articles only: how many words that text holds (`wordCount`), which the pages show. */
    words?: number;
    [key: string]: unknown;
  };
}

export type RenderMarkdown = (body: string, entry: ValidatedEntry<unknown>) => Promise<RenderedEntry>;

/**
 * Containers (block quotes, lists) a line of Markdown may open, and elements the HTML
 * may nest. Parsers, the sanitiser and the serialisers walk trees recursively: ten
 * thousand levels overflow the stack, a few dozen are more than any article needs.
 */
export const MAX_MARKDOWN_NESTING = 32;
export const MAX_HTML_NESTING = 64;

const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/;
const CONTAINER_MARKER = />|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])/g;

/** The first line of a body that opens more containers than allowed, with their count. */
export function deepestMarkdownLine(body: string): { line: number; depth: number } | undefined {
  const lines = body.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const prefix = CONTAINER_PREFIX.exec(line)?.[0];
    if (!prefix) continue;
    // With the character after it: a list marker counts only when followed by a blank.
    const depth = line.slice(0, prefix.length + 1).match(CONTAINER_MARKER)?.length ?? 0;
    if (depth > MAX_MARKDOWN_NESTING) return { line: index + 1, depth };
  }
  return undefined;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** How deep the elements of serialised HTML nest (the serialiser closes every element it opens). */
export function htmlNesting(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const tag of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g)) {
    const name = (tag[2] ?? '').toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (tag[1]) depth -= 1;
    else if (!tag[0].endsWith('/>')) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

/**
 * The 1-based lines of the body where a character is written, as itself or as a
 * character reference Markdown resolves to it (`&#x202E;`, `&#x0202E;`, `&shy;`; an
 * invalid or noncharacter reference, and a NUL, become U+FFFD).
 */
function linesOfCharacter(entry: ValidatedEntry<unknown>, char: string): number[] {
  const lines: number[] = [];
  entry.body.split('\n').forEach((line, index) => {
    const decoded = line.includes('&') ? decodeString(line) : line;
    const found = decoded.includes(char) || (char === '\uFFFD' && line.includes('\u0000'));
    if (found) lines.push(entry.bodyLine + index);
  });
  return lines;
}

/**
 * Step 2 for one entry: renders its body and checks the HTML a reader will get.
 * Never throws: a body the processor cannot render is an issue of that file.
 */
export async function renderEntry(entry: ValidatedEntry<unknown>, collection: Collection, render: RenderMarkdown): Promise<{ rendered?: RenderedEntry; issues: ContentIssue[] }> {
  const deep = deepestMarkdownLine(entry.body);
  if (deep) {
    return {
      issues: [
        issue(
          entry.path,
          'body',
          `opens ${deep.depth} block quotes or lists inside each other on one line; at most ${MAX_MARKDOWN_NESTING} are allowed.`,
          'flatten the nesting (a quotation inside a quotation needs two `>`, not hundreds).',
          entry.bodyLine + deep.line - 1,
        ),
      ],
    };
  }
  let rendered: RenderedEntry;
  try {
    rendered = await render(entry.body, entry);
  } catch (error) {
    const tooDeep = error instanceof RangeError || /call stack/i.test(String(error));
    return {
      issues: [
        issue(
          entry.path,
          'body',
          tooDeep ? 'is nested too deeply to be rendered.' : `cannot be rendered: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}.`,
          tooDeep ? `keep elements and Markdown blocks less than ${MAX_HTML_NESTING} levels deep.` : 'correct the Markdown at the place the message names.',
          entry.bodyLine,
        ),
      ],
    };
  }
  const issues: ContentIssue[] = [];
  const depth = htmlNesting(rendered.html);
  if (depth > MAX_HTML_NESTING) {
    issues.push(issue(entry.path, 'body', `renders to HTML nested ${depth} elements deep; at most ${MAX_HTML_NESTING} are allowed.`, 'remove the nested HTML elements; write plain Markdown paragraphs.', entry.bodyLine));
  }
  // The HTML as published, character references resolved: what hygiene must read.
  // One issue a character and line: the HTML may hold the character more often than the source.
  const reported = new Set<string>();
  for (const finding of scanText(rendered.html)) {
    const { message, fix } = describeFinding(finding);
    const char = String.fromCodePoint(Number.parseInt(finding.codePoint.slice(2), 16));
    const lines = linesOfCharacter(entry, char);
    for (const line of lines.length > 0 ? lines : [undefined]) {
      const key = `${finding.codePoint} ${line ?? ''}`;
      if (reported.has(key)) continue;
      reported.add(key);
      issues.push(issue(entry.path, 'body', message.replace(/ at column \d+/, ''), fix, line));
    }
  }
  if (issues.length > 0 || collection !== 'articles') return { rendered, issues };
  try {
    const paragraphs = visibleParagraphs(rendered.html);
    return { rendered: { ...rendered, metadata: { ...rendered.metadata, paragraphs, words: wordCount(paragraphs) } }, issues };
  } catch (error) {
    return { issues: [issue(entry.path, 'body', `cannot be read back: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}.`, `keep elements and Markdown blocks less than ${MAX_HTML_NESTING} levels deep.`, entry.bodyLine)] };
  }
}

/** Step 3: every quote with a source, found in the visible text of its article. */
export function verifyQuotes(content: ValidatedContent, paragraphsOf: (articleId: string) => readonly string[] | undefined, verifier?: CachedVerifier): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const articles = new Map(content.articles.map((article) => [article.id, article]));
  const prepared = new Map<string, ReturnType<typeof prepareArticle>>();
  for (const quote of content.quotes) {
    const article = quote.data.source ? articles.get(quote.data.source.id) : undefined;
    const paragraphs = article ? paragraphsOf(article.id) : undefined;
    // An article that is missing or could not be rendered is reported on its own.
    if (!article || !paragraphs) continue;
    const run = () => {
      let preparedArticle = prepared.get(article.id);
      if (!preparedArticle) {
        preparedArticle = prepareArticle(paragraphs);
        prepared.set(article.id, preparedArticle);
      }
      return verifyQuoteText(quote.data.text, preparedArticle, article.path);
    };
    const failure = verifier ? verifier.verify(paragraphs, quote.data.text, run) : run();
    if (failure) issues.push(issue(quote.path, 'text', failure.message, failure.fix, quote.keyLines.get('text')));
  }
  return issues;
}
