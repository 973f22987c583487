/**
 * A problem found in the content, told to the curator: which file, which field,
 * what is wrong and what to do. The build prints all of them at once and stops.
 */
import { codePointLabel } from './hygiene.ts';
import { idFromPath } from './ids.ts';
import { escapeHtml } from '../domain/html-escape.ts';
import { articleUrl, citationUrl, personUrl, quoteUrl, tagsIndexUrl } from '../domain/urls.ts';
import type { ValidatedContent } from './validate.ts';
export interface ContentIssue {
  /** Path of the file, relative to the project root: `content/quotes/x.md`. */
  file: string;
  /** The front-matter field (`speaker`, `tags[1]`), `body`, or undefined for the whole file. */
  field?: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** What is wrong, in a sentence. */
  message: string;
  /** What to do about it. */
  fix: string;
}

export function issue(file: string, field: string | undefined, message: string, fix: string, line?: number): ContentIssue {
  return { file, field, message, fix, ...(line === undefined ? {} : { line }) };
}

/** A path as the terminal should show it: control and invisible characters as code points. */
function shownPath(path: string): string {
  return path.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => `[${codePointLabel(char)}]`);
}

function location(item: ContentIssue): string {
  return item.line === undefined ? shownPath(item.file) : `${shownPath(item.file)}:${item.line}`;
}

/** One readable report, grouped by file, in a stable order. `preview`: the dev server's wording, which keeps serving. */
export function formatIssues(issues: readonly ContentIssue[], preview = false): string {
  const sorted = [...issues].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message),
  );
  const lines = [
    `QTD found ${sorted.length} ${sorted.length === 1 ? 'problem' : 'problems'} in the content; ${preview ? 'the preview shows this report on the pages of the entries that have them.' : 'the build stopped.'}`,
    '',
  ];
  for (const item of sorted) {
    lines.push(`✖ ${location(item)}`);
    lines.push(`  ${item.field ? `${item.field}: ` : ''}${item.message}`);
    lines.push(`  Fix: ${item.fix}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * The pages of the preview (`npm run dev`) that would show something untrue while the
 * content has problems, each with the problems it must show instead: the page of every
 * entry with a problem (left out of the store, or stored without its checks passing),
 * and the pages drawn from it: a quote's page when its article, speaker or curator has
 * a problem (it would say "Source text not in the archive", or lack its speaker), an
 * article's when an author has one; every tag page when content/tags.yaml has one.
 * Paths are as `src/domain/urls.ts` builds them, the base path included.
 * `collectionPath` gives the file's path inside the content folder (`quotes/2021/x.md`).
 */
export function pagesWithProblems(
  issues: readonly ContentIssue[],
  content: ValidatedContent,
  collectionPath: (file: string) => string | undefined,
): { pages: Map<string, ContentIssue[]>; tagPages: ContentIssue[] } {
  const pages = new Map<string, ContentIssue[]>();
  const tagPages: ContentIssue[] = [];
  const add = (path: string, item: ContentIssue) => {
    const list = pages.get(path) ?? [];
    if (!list.includes(item)) list.push(item);
    pages.set(path, list);
  };
  for (const item of issues) {
    const inside = collectionPath(item.file);
    const collection = inside?.split('/')[0];
    const id = inside ? idFromPath(inside) : '';
    if (inside === 'tags.yaml') tagPages.push(item);
    if (collection === 'quotes') {
      add(quoteUrl(id), item);
      add(citationUrl(id), item);
    } else if (collection === 'articles') {
      add(articleUrl(id), item);
      for (const quote of content.quotes) if (quote.data.source?.id === id) add(quoteUrl(quote.id), item);
    } else if (collection === 'people') {
      add(personUrl(id), item);
      for (const quote of content.quotes) if (quote.data.speaker.id === id || quote.data.curator?.id === id) add(quoteUrl(quote.id), item);
      for (const article of content.articles) if (article.data.authors.some((author) => author.id === id)) add(articleUrl(article.id), item);
    }
  }
  return { pages, tagPages };
}

/** Whether a page of the preview is the tag index, a tag's page or feed. */
export function isTagPage(path: string): boolean {
  return path.startsWith(tagsIndexUrl());
}


/**
 * The preview's page in place of one whose content has problems: what is wrong, in
 * which file, field and line, and the fix, as the build would report it; never the
 * page itself, which would state what the checks did not confirm.
 */
export function problemPageHtml(path: string, issues: readonly ContentIssue[]): string {
  const report = formatIssues(issues, true).split('\n').slice(2).join('\n').trim();
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Content problem: ${escapeHtml(path)} · QTD preview</title></head>`,
    '<body>',
    '<main>',
    `<h1>${escapeHtml(path)} is not shown: its content has ${issues.length === 1 ? 'a problem' : 'problems'}</h1>`,
    '<p>The page would state what the checks did not confirm, so the preview shows what to fix instead. <code>npm run build</code> stops on the same report. Fix the file, save it, and reload this page.</p>',
    `<pre>${escapeHtml(report)}</pre>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
