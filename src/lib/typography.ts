/**
 * Smart punctuation for text that does not pass through the Markdown pipeline
 * (titles, deks, captions, names, a quote's words on its page): straight quotes
 * become curly, `--`/`---` become dashes, three unspaced dots an ellipsis. The
 * stored text is never changed; only what is shown. Spaced ellipses (". . .") are
 * kept as written, as newspapers print them.
 */
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/]|^$/u;

export function smartPunctuation(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const before = i === 0 ? '' : text[i - 1] ?? '';
    if (char === '"') {
      out += OPENING_CONTEXT.test(before) ? '“' : '”';
    } else if (char === "'") {
      // An apostrophe inside or at the end of a word (don't, Massouds'), else an opening quote.
      out += OPENING_CONTEXT.test(before) && !/\d/.test(text[i + 1] ?? '') ? '‘' : '’';
    } else {
      out += char;
    }
  }
  return out
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/(^|[^.])\.\.\.(?!\.)/g, '$1…');
}
