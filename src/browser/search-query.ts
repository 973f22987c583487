/**
 * What the search page asks Pagefind for, given what the reader typed.
 *
 * Pagefind keeps every position of a word in the index chunk of that word, and it
 * has no stop words: at 10,000 quotes the chunk of "the" alone is ~235 kB, more than
 * everything else a search downloads. Pagefind returns the pages that hold every word
 * of a query, and a word as common as "the" is on nearly every page, so in a query
 * with other words it narrows nothing and only costs its chunk. Those words are left
 * out of a query when at least half of it is other words ("the river" → "river"). A
 * query made mostly of such words is likely the wording of a quote ("to be or not to
 * be") and is searched as typed, as is an exact phrase in double quotes (curly
 * quotes, as phones type them, made straight for Pagefind).
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
