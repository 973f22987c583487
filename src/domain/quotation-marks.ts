/**
 * Quotation marks around titles and quoted words, as newspapers and citation manuals
 * set them: an article's title and a quote stand in double curly quotes (“…”), with
 * the double quotes inside them turned to single ones (‘…’); a shortened text closes
 * every mark it opens, so that no title, list or feed item reads as if a quotation ran
 * on past its end (firstWords in archive-order.ts and the heads' shortening use `unclosedQuotes`;
 * the two modules import each other's functions, used only when called).
 */
import { firstWords } from './archive-order.ts';

/** Inside a text set in double quotes, its own double quotes become single ones. */
export function nestQuotes(text: string): string {
  return text.replace(/“/g, '‘').replace(/”/g, '’');
}

/** “Title” or “words”, with the text's own double quotes turned to single ones. */
export function inQuotes(text: string): string {
  return `“${nestQuotes(text)}”`;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The closing marks a text lacks, innermost first: for each “ or ‘ it opens and does not
 * close, its ” or ’. An ’ between two letters is an apostrophe (won’t), not a closing mark.
 */
export function unclosedQuotes(text: string): string {
  const open: ('”' | '’')[] = [];
  const chars = [...text];
  chars.forEach((char, index) => {
    if (char === '“') open.push('”');
    else if (char === '‘') open.push('’');
    else if (char === '”') {
      const at = open.lastIndexOf('”');
      if (at >= 0) open.splice(at);
    } else if (char === '’' && open.at(-1) === '’') {
      const before = chars[index - 1] ?? '';
      const after = chars[index + 1] ?? '';
      if (!(LETTER_OR_DIGIT.test(before) && LETTER_OR_DIGIT.test(after))) open.pop();
    }
  });
  return open.reverse().join('');
}

/**
 * The first `count` words of a quote in quotation marks: “What makes a people strong…”.
 * Its own double quotes become single ones; firstWords closes those the cut leaves open.
 */
export function quotedWords(text: string, count: number): string {
  return inQuotes(firstWords(text, count));
}
