/**
 * Proving that a quote's text is in its source article.
 *
 * The article is an array of plain-text paragraphs; its text is
 * `paragraphs.join('\n\n')` and every offset here is a UTF-16 offset into that
 * joined string. Both sides are normalised once (white space, quote marks,
 * dashes), matched with indexOf, and mapped back to the original offsets, so a
 * match costs about one pass over the article per quote segment.
 *
 * What counts as the same text:
 * - any run of white space is one space, and white space next to a dash is
 *   ignored ("ANSF—the" is "ANSF — the"); soft hyphens and zero-width
 *   characters are ignored;
 * - all quote marks, apostrophes and primes are one class, all dashes another;
 * - the first letter of the quote may differ in case, nothing else may;
 * - a quote's words must start and end on the article's word boundaries
 *   ("war" does not match inside "warrior");
 * - an elision (`...`, `. . .` with any spaces, `…`) matches any run of the
 *   article's text, in order, within one paragraph. Punctuation and white space
 *   touching an elision are dropped from the quote, so the span of a segment
 *   covers the article's words up to, not including, that punctuation
 *   ("resistance. . . . You" gives the spans "resistance" and "You …"). At the
 *   quote's outer edges punctuation is kept and must match.
 */

export interface TextSpan {
  /** Inclusive start offset. */
  start: number;
  /** Exclusive end offset. */
  end: number;
}

export type QuoteMatchResult =
  | {
      found: true;
      /** One span per quote segment (segments are split at elisions), in order. */
      spans: TextSpan[];
      paragraphIndex: number;
    }
  | {
      found: false;
      /** The longest prefix of the quote, in its own words, that the article holds. */
      matchedPart: string;
      /** The next few words of the quote after `matchedPart`. */
      quoteContinues: string;
      /** The next few words of the article after the match of `matchedPart`; '' if nothing matched. */
      articleContinues: string;
    };

export const PARAGRAPH_SEPARATOR = '\n\n';

/** Text brought to its matching form, with where each of its characters came from. */
export interface NormalizedText {
  readonly text: string;
  /**
   * `starts[i]` is the original offset where normalised character i begins. A
   * normalised space stands for the whole run of white space from there. No
   * match ends on a space, so a match's original end is `starts[last] + 1`.
   */
  readonly starts: Int32Array;
}

export interface PreparedArticle {
  readonly paragraphs: readonly string[];
  /** `paragraphs.join('\n\n')`. */
  readonly text: string;
  /** Offset of each paragraph in `text`. */
  readonly paragraphStarts: readonly number[];
  /** Normalised paragraphs joined by '\n', which no normalised quote contains. */
  readonly normalized: NormalizedText;
  /** Offset of each paragraph in `normalized.text`. */
  readonly normalizedParagraphStarts: readonly number[];
}

const SPACE = 0x20;
const NORMAL_QUOTE = 0x27; // '
const NORMAL_DASH = 0x2d; // -
const NORMALIZED_PARAGRAPH_BREAK = 0x0a; // \n
// " “ ” „ ‟ « » ' ‘ ’ ‚ ‛ ‹ › ′ ″
const QUOTE_MARKS = new Set([
  0x22, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x2039, 0x203a, 0x2032,
  0x2033,
]);
// - ‐ ‑ ‒ – — ― −
const DASHES = new Set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]);
// Soft hyphen, zero-width spaces and joiners, word joiner, byte-order mark: PDF copies are full of them.
const INVISIBLE = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

const ELISION = /\.(?:\s*\.){2,}|…+/g;
// An elision mark counts as one word when quoting a few words back to the user.
const WORD_OR_ELISION = /\.(?:\s*\.){2,}|\S+/g;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /\p{L}/u;
const TRIMMED_AT_ELISION = /[\s\p{P}]/u;
const CONTINUATION_WORDS = 6;

/** What counts as white space when matching (JavaScript's `\s` without U+FEFF, which is ignored as invisible). */
export function isWhiteSpace(code: number): boolean {
  return (
    code === SPACE ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isWordCharacter(ch: string): boolean {
  return ch !== '' && WORD_CHARACTER.test(ch);
}

/** Normalised text being built: pieces of text, and the original offset of each character. */
interface NormalizedBuffer {
  pieces: string[];
  starts: Int32Array;
  length: number;
  lastCode: number;
}

function bufferFor(capacity: number): NormalizedBuffer {
  return { pieces: [], starts: new Int32Array(capacity), length: 0, lastCode: -1 };
}

function pushCharacter(buffer: NormalizedBuffer, code: number, start: number): void {
  buffer.pieces.push(String.fromCharCode(code));
  buffer.starts[buffer.length++] = start;
  buffer.lastCode = code;
}

function foldedCode(code: number): number {
  return QUOTE_MARKS.has(code) ? NORMAL_QUOTE : DASHES.has(code) ? NORMAL_DASH : code;
}

/** Appends the normalised form of `text`, whose first character is at `offset` in the original. */
function appendNormalized(buffer: NormalizedBuffer, text: string, offset: number): void {
  const firstIndex = buffer.length;
  // Characters that stay as they are (most of them) are copied as one slice.
  let runStart = 0;
  const flushRun = (to: number): void => {
    if (to > runStart) {
      buffer.pieces.push(text.slice(runStart, to));
      for (let k = runStart; k < to; k++) buffer.starts[buffer.length++] = offset + k;
      buffer.lastCode = text.charCodeAt(to - 1);
    }
    runStart = to;
  };
  const lastKeptBefore = (i: number): number =>
    runStart < i ? text.charCodeAt(i - 1) : buffer.length > firstIndex ? buffer.lastCode : -1;
  let spaceStart = -1;
  for (let i = 0; i < text.length; i++) {
    const original = text.charCodeAt(i);
    // Printable ASCII but '"' is already in normal form ('-' and "'" are the normal dash and quote).
    if (spaceStart < 0 && original > SPACE && original < 0x7f && original !== 0x22) continue;
    if (INVISIBLE.has(original)) {
      flushRun(i);
      runStart = i + 1;
      continue;
    }
    if (isWhiteSpace(original)) {
      if (spaceStart < 0) {
        const before = lastKeptBefore(i);
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
        const loneSpaceBetweenWords =
          original === SPACE &&
          before !== -1 &&
          before !== NORMAL_DASH &&
          next !== -1 &&
          !isWhiteSpace(next) &&
          !INVISIBLE.has(next) &&
          foldedCode(next) !== NORMAL_DASH;
        if (loneSpaceBetweenWords) continue;
        flushRun(i);
        spaceStart = i;
      }
      runStart = i + 1;
      continue;
    }
    const folded = foldedCode(original);
    if (spaceStart >= 0) {
      const before = buffer.length > firstIndex ? buffer.lastCode : -1;
      if (before !== -1 && before !== NORMAL_DASH && folded !== NORMAL_DASH) {
        pushCharacter(buffer, SPACE, offset + spaceStart);
      }
      spaceStart = -1;
    }
    if (folded !== original) {
      flushRun(i);
      pushCharacter(buffer, folded, offset + i);
      runStart = i + 1;
    }
  }
  if (spaceStart < 0) flushRun(text.length);
}

function finish(buffer: NormalizedBuffer): NormalizedText {
  return { text: buffer.pieces.join(''), starts: buffer.starts.slice(0, buffer.length) };
}

/**
 * Normalises text for matching: white space runs become one space (dropped at
 * the edges and next to a dash), quote marks become `'`, dashes become `-`,
 * invisible characters vanish. `offset` is added to every recorded position.
 */
export function normalizeForMatch(text: string, offset = 0): NormalizedText {
  const buffer = bufferFor(text.length);
  appendNormalized(buffer, text, offset);
  return finish(buffer);
}

export function prepareArticle(paragraphs: readonly string[]): PreparedArticle {
  const text = paragraphs.join(PARAGRAPH_SEPARATOR);
  const buffer = bufferFor(text.length);
  const paragraphStarts: number[] = [];
  const normalizedParagraphStarts: number[] = [];
  let offset = 0;
  paragraphs.forEach((paragraph, index) => {
    if (index > 0) {
      pushCharacter(buffer, NORMALIZED_PARAGRAPH_BREAK, offset);
      offset += PARAGRAPH_SEPARATOR.length;
    }
    paragraphStarts.push(offset);
    normalizedParagraphStarts.push(buffer.length);
    appendNormalized(buffer, paragraph, offset);
    offset += paragraph.length;
  });
  return { paragraphs, text, paragraphStarts, normalized: finish(buffer), normalizedParagraphStarts };
}

function isPrepared(article: readonly string[] | PreparedArticle): article is PreparedArticle {
  return !Array.isArray(article);
}

// Frozen paragraph lists (articleParagraphs shares one per article) are prepared once, however many quotes are matched against them.
const preparedByParagraphs = new WeakMap<readonly string[], PreparedArticle>();

function asPrepared(article: readonly string[] | PreparedArticle): PreparedArticle {
  if (isPrepared(article)) return article;
  if (!Object.isFrozen(article)) return prepareArticle(article);
  let prepared = preparedByParagraphs.get(article);
  if (!prepared) {
    prepared = prepareArticle(article);
    preparedByParagraphs.set(article, prepared);
  }
  return prepared;
}

/** The paragraph that holds `offset` in an ordered list of paragraph starts. */
function paragraphAt(paragraphStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = paragraphStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((paragraphStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Converts spans in the joined article text to offsets within one paragraph. */
export function toParagraphSpans(
  article: readonly string[] | PreparedArticle,
  paragraphIndex: number,
  spans: readonly TextSpan[],
): TextSpan[] {
  const paragraphs = isPrepared(article) ? article.paragraphs : article;
  let start = 0;
  for (let i = 0; i < paragraphIndex; i++) start += (paragraphs[i]?.length ?? 0) + PARAGRAPH_SEPARATOR.length;
  return spans.map((span) => ({ start: span.start - start, end: span.end - start }));
}

/** Where one quote segment lies in the quote text, trimmed as described above. */
interface SegmentRange {
  start: number;
  end: number;
}

function segmentRanges(quote: string): SegmentRange[] {
  const ranges: SegmentRange[] = [];
  const addPiece = (from: number, to: number, afterElision: boolean, beforeElision: boolean): void => {
    let start = from;
    let end = to;
    const trimmed = (ch: string, atElision: boolean): boolean =>
      atElision ? TRIMMED_AT_ELISION.test(ch) : isWhiteSpace(ch.charCodeAt(0));
    while (start < end && trimmed(quote.charAt(start), afterElision)) start++;
    while (end > start && trimmed(quote.charAt(end - 1), beforeElision)) end--;
    if (end > start && normalizeForMatch(quote.slice(start, end)).text !== '') ranges.push({ start, end });
  };
  let pieceStart = 0;
  let afterElision = false;
  for (const elision of quote.matchAll(ELISION)) {
    addPiece(pieceStart, elision.index, afterElision, true);
    pieceStart = elision.index + elision[0].length;
    afterElision = true;
  }
  addPiece(pieceStart, quote.length, afterElision, false);
  return ranges;
}

/** The quote's segments, split at elisions, with the punctuation touching each elision dropped. */
export function splitAtElisions(quote: string): string[] {
  return segmentRanges(quote).map((range) => quote.slice(range.start, range.end));
}

function onWordBoundaries(haystack: string, at: number, needle: string): boolean {
  if (isWordCharacter(needle.charAt(0)) && isWordCharacter(haystack.charAt(at - 1))) return false;
  const end = at + needle.length;
  return !(isWordCharacter(needle.charAt(needle.length - 1)) && isWordCharacter(haystack.charAt(end)));
}

type Finder = (from: number) => number;

/**
 * Finds the first occurrence of `needle` at or after `from` that sits on word
 * boundaries. It remembers its last answer, which stays valid for any later
 * `from` up to that answer: retrying paragraph after paragraph never searches
 * the same stretch of the article twice.
 */
function finderFor(haystack: string, needle: string): Finder {
  let cachedFrom = -1;
  let cachedAt = -1;
  return (from) => {
    if (cachedFrom >= 0 && from >= cachedFrom && (cachedAt < 0 || from <= cachedAt)) return cachedAt;
    let at = haystack.indexOf(needle, from);
    while (at >= 0 && !onWordBoundaries(haystack, at, needle)) at = haystack.indexOf(needle, at + 1);
    cachedFrom = from;
    cachedAt = at;
    return at;
  };
}

/** The needle with its first letter in either case, when that letter leads the text. */
function firstLetterVariants(needle: string): string[] {
  for (let i = 0; i < needle.length; i++) {
    const ch = needle.charAt(i);
    if (LETTER.test(ch)) {
      const variants = new Set([needle]);
      for (const cased of [ch.toLowerCase(), ch.toUpperCase()]) {
        if (cased.length === ch.length) variants.add(needle.slice(0, i) + cased + needle.slice(i + 1));
      }
      return [...variants];
    }
    if (isWordCharacter(ch)) break;
  }
  return [needle];
}

function earliestOf(finders: readonly Finder[]): Finder {
  return (from) => {
    let best = -1;
    for (const find of finders) {
      const at = find(from);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  };
}

interface Located {
  paragraphIndex: number;
  /** Spans in the normalised text. */
  spans: TextSpan[];
}

/**
 * The first place where the needles occur in order within one paragraph.
 * Taking each needle's earliest occurrence after the previous one is optimal
 * within a paragraph, so a paragraph that fails for the first occurrence of the
 * first needle fails for all of them, and the search moves to the next paragraph.
 */
function locate(article: PreparedArticle, needles: readonly string[]): Located | null {
  const [first, ...rest] = needles;
  if (first === undefined) return null;
  const haystack = article.normalized.text;
  const findFirst = earliestOf(firstLetterVariants(first).map((variant) => finderFor(haystack, variant)));
  const findRest = rest.map((needle) => finderFor(haystack, needle));
  const paragraphStarts = article.normalizedParagraphStarts;
  let from = 0;
  while (from <= haystack.length) {
    const at = findFirst(from);
    if (at < 0) return null;
    const paragraphIndex = paragraphAt(paragraphStarts, at);
    const paragraphEnd = (paragraphStarts[paragraphIndex + 1] ?? haystack.length + 1) - 1;
    const spans: TextSpan[] = [{ start: at, end: at + first.length }];
    let cursor = at + first.length;
    let complete = true;
    for (const [k, find] of findRest.entries()) {
      const next = find(cursor);
      // Not anywhere further on: no later paragraph can do better.
      if (next < 0) return null;
      if (next >= paragraphEnd) {
        complete = false;
        break;
      }
      const length = rest[k]?.length ?? 0;
      spans.push({ start: next, end: next + length });
      cursor = next + length;
    }
    if (complete) return { paragraphIndex, spans };
    from = paragraphEnd + 1;
  }
  return null;
}

function toOriginal(article: PreparedArticle, span: TextSpan): TextSpan {
  const { starts } = article.normalized;
  return { start: starts[span.start] ?? 0, end: (starts[span.end - 1] ?? -1) + 1 };
}

function takeWords(text: string, count: number): string {
  const words: string[] = [];
  for (const match of text.matchAll(WORD_OR_ELISION)) {
    if (words.length === count) break;
    words.push(match[0]);
  }
  return words.join(' ');
}

/** The end of the quote's n-th word, and the segment that word is in. */
interface Cut {
  segment: number;
  end: number;
}

function wordCuts(quote: string, segments: readonly SegmentRange[]): Cut[] {
  const cuts: Cut[] = [];
  segments.forEach((range, segment) => {
    for (const word of quote.slice(range.start, range.end).matchAll(/\S+/g)) {
      cuts.push({ segment, end: range.start + word.index + word[0].length });
    }
  });
  return cuts;
}

function needlesUpTo(quote: string, segments: readonly SegmentRange[], cut: Cut): string[] {
  return segments
    .slice(0, cut.segment + 1)
    .map((range, i) => normalizeForMatch(quote.slice(range.start, i === cut.segment ? cut.end : range.end)).text);
}

function explainMismatch(
  quote: string,
  segments: readonly SegmentRange[],
  article: PreparedArticle,
): Extract<QuoteMatchResult, { found: false }> {
  const cuts = wordCuts(quote, segments);
  // Whether the first n words match only ever goes from true to false as n grows.
  let good = 0;
  let bad = cuts.length;
  let bestMatch: Located | null = null;
  while (bad - good > 1) {
    const middle = (good + bad) >> 1;
    const cut = cuts[middle - 1];
    const located = cut ? locate(article, needlesUpTo(quote, segments, cut)) : null;
    if (located) {
      good = middle;
      bestMatch = located;
    } else {
      bad = middle;
    }
  }
  const lastGoodCut = good > 0 ? cuts[good - 1] : undefined;
  const quoteStart = segments[0]?.start ?? 0;
  if (!lastGoodCut || !bestMatch) {
    return {
      found: false,
      matchedPart: '',
      quoteContinues: takeWords(quote.slice(quoteStart), CONTINUATION_WORDS),
      articleContinues: '',
    };
  }
  const lastSpan = bestMatch.spans[bestMatch.spans.length - 1];
  const matchedEnd = lastSpan ? toOriginal(article, lastSpan).end : 0;
  const paragraph = bestMatch.paragraphIndex;
  const paragraphEnd = (article.paragraphStarts[paragraph] ?? 0) + (article.paragraphs[paragraph]?.length ?? 0);
  return {
    found: false,
    matchedPart: quote.slice(quoteStart, lastGoodCut.end),
    quoteContinues: takeWords(quote.slice(lastGoodCut.end), CONTINUATION_WORDS),
    articleContinues: takeWords(article.text.slice(matchedEnd, paragraphEnd), CONTINUATION_WORDS),
  };
}

/**
 * Finds the quote in the article (paragraphs, or an article prepared once with
 * `prepareArticle` when matching many quotes). The first match wins.
 */
export function matchQuote(quoteText: string, article: readonly string[] | PreparedArticle): QuoteMatchResult {
  const prepared = asPrepared(article);
  const segments = segmentRanges(quoteText);
  const needles = segments.map((range) => normalizeForMatch(quoteText.slice(range.start, range.end)).text);
  const located = locate(prepared, needles);
  if (located) {
    return {
      found: true,
      spans: located.spans.map((span) => toOriginal(prepared, span)),
      paragraphIndex: located.paragraphIndex,
    };
  }
  return explainMismatch(quoteText, segments, prepared);
}
