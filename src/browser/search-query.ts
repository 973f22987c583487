/**
 * What the search page asks Pagefind for, given what the reader typed, and which
 * queries it asks the reader about first.
 *
 * Pagefind keeps every position of a word in the index chunk of that word, and it
 * has no stop words: at 10,000 quotes the chunk of "the" alone is ~235 kB, more than
 * everything else a search downloads. Pagefind returns the pages that hold every word
 * of a query, and a word as common as "the" is on nearly every page, so in a query
 * with other words it narrows nothing and only costs its chunk. Those words are left
 * out of a query when at least half of it is other words ("the river" → "river"). A
 * query made mostly of such words is likely the wording of a quote ("to be or not to
 * be") and is searched as typed, as is an exact phrase in double quotes (curly
 * quotes, as phones type them, made straight for Pagefind). A query made only of such
 * words ("the", "of the") would download their chunks and match nearly every page, so
 * the page asks before searching it (`onlyCommonWords`).
 */

/**
 * The commonest function words of a language: each is on nearly every page of the
 * archive. Kept short on purpose: a word that can carry the meaning of a query
 * ("not", "never", "no") is never dropped.
 */
const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set([
    'a',
    'an',
    'and',
    'are',
    'as',
    'at',
    'be',
    'by',
    'for',
    'from',
    'in',
    'is',
    'it',
    'of',
    'on',
    'or',
    'that',
    'the',
    'this',
    'to',
    'was',
    'with',
  ]),
};

/** The stop words of a page language (`en`, `en-GB`); none for a language without a list. */
export function stopWordsFor(lang: string): ReadonlySet<string> {
  return STOP_WORDS[lang.toLowerCase().split('-')[0] ?? ''] ?? new Set();
}

/** The words of a query as Pagefind splits them: on white space, punctuation around a word ignored. */
function bareWord(word: string): string {
  return word.toLowerCase().replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
}

/** The bare words of `text`, in order; a word of punctuation alone is none. */
function bareWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map(bareWord)
    .filter((word) => word !== '');
}

/**
 * The query to search for: `query` without its stop words when at least half of its
 * words are other words and it holds no exact phrase; otherwise `query` unchanged
 * (but for curly quotes made straight).
 */
export function searchTerms(query: string, lang: string): string {
  // Pagefind takes only straight quotes for a phrase; phones type curly ones.
  if (/["“”]/.test(query)) return query.replace(/[“”]/g, '"');
  const stopWords = stopWordsFor(lang);
  const words = query.split(/\s+/).filter((word) => word !== '');
  const kept = words.filter((word) => !stopWords.has(bareWord(word)));
  if (kept.length === words.length || kept.length * 2 < words.length) return query;
  return kept.join(' ');
}

/**
 * The words of `query`, lower-cased and each once, when every one of them is a stop
 * word of `lang`; otherwise undefined. Such a query narrows nothing and downloads the
 * largest parts of the index, so the search page asks before searching it. An exact
 * phrase of two words or more ("“to be or”") is the wording of a quote and is never
 * asked about; a phrase of one word ("“the”") finds and downloads what the word does.
 */
export function onlyCommonWords(query: string, lang: string): string[] | undefined {
  const phrases = Array.from(query.matchAll(/["“”]([^"“”]*)["“”]/g), (match) => match[1] ?? '');
  if (phrases.some((phrase) => bareWords(phrase).length > 1)) return undefined;
  const words = bareWords(query.replace(/["“”]/g, ' '));
  const stopWords = stopWordsFor(lang);
  if (words.length === 0 || !words.every((word) => stopWords.has(word))) return undefined;
  return [...new Set(words)];
}

/** “a”, “a” and “b”, “a”, “b” and “c”. */
function quotedList(words: readonly string[]): string {
  const quoted = words.map((word) => `“${word}”`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}

/** What the search page says instead of searching a query of `onlyCommonWords` (`words` not empty). */
export function commonWordsMessage(words: readonly string[]): string {
  const one = words.length === 1;
  return (
    `${quotedList(words)} ${one ? 'is' : 'are'} on nearly every page, so searching for ${one ? 'it' : 'them'} alone ` +
    'would download a large part of the index and match everything. Add a word to narrow the search, or search anyway.'
  );
}
