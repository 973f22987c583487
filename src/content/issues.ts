/**
 * A problem found in the content, told to the curator: which file, which field,
 * what is wrong and what to do. The build prints all of them at once and stops.
 */
import { codePointLabel } from './hygiene.ts';
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
    `QTD found ${sorted.length} ${sorted.length === 1 ? 'problem' : 'problems'} in the content; ${preview ? 'the preview leaves out the entries that have them.' : 'the build stopped.'}`,
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
