/**
 * Proving that a quote's text is in its source article.
 *
 * The article is an array of plain-text paragraphs; its text is
 * `paragraphs.join('\n\n')` and every offset here is a UTF-16 offset into that
 * joined string. Both sides are normalised once (Unicode NFC, white space, quote
 * marks, dashes), searched, and mapped back to the original offsets.
 *
 * Cost, in the worst case too: a search is Knuth–Morris–Pratt (with native
 * shortcuts for the common case, see `finderFor`), so each quote segment reads the
 * article about once, whatever repetitions the two hold. Finding a quote is
 * O(n + m) for an article of n characters and a quote of m; explaining a misquote,
 * a binary search over the quote's words, is O((n + m) log w) for w words.
 * `String.prototype.indexOf` with a whole segment is not linear: V8 compares a long
 * pattern character by character at every place its last 250 characters occur, and
 * each retry after a place off word boundaries reads that stretch again (15 s for a
 * 10,000-character quote against a 2 MB paragraph of its first letter).
 * `searchWork()` counts the characters the searches examine.
 *
 * What counts as the same text:
 * - canonically equivalent text (Unicode NFC): "é" written as e + U+0301 is "é";
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
 * - a blank line in the quote (src/domain/quote-text.ts) is a paragraph break of
 *   the article: the quote's paragraphs are found in consecutive paragraphs of the
 *   article, each running to its paragraph's end and from the next one's start,
 *   where the article may hold only punctuation beyond the quote's words (the
 *   quotation marks a newspaper opens each quoted paragraph with). An elision at
 *   either side of the break leaves out the rest of that paragraph instead. Any
 *   other white space in the quote, a single line break too, is a space.
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
      /**
       * One span per quote segment (segments are split at elisions and paragraph
       * breaks), in order; each lies within one paragraph (see `paragraphSpans`).
       */
      spans: TextSpan[];
      /** The paragraph of the first span. */
      paragraphIndex: number;
    }
  | {
      found: false;
      /** The longest prefix of the quote, in its own words, that the article holds. */
      matchedPart: string;
      /** The next few words of the quote after `matchedPart`. */
      quoteContinues: string;
      /**
       * The next few words of the article after the match of `matchedPart`; '' if
       * nothing matched. With `paragraphBreak: 'article'`, the first words of the
       * article's next paragraph ('' when there is none).
       */
      articleContinues: string;
      /**
       * Where quote and article part ways at a paragraph break: `article` when the
       * article's paragraph ends after `matchedPart` but the quote runs on without
       * a blank line; `quote` when the quote's paragraph ends after `matchedPart` (a
       * blank line) but the article's goes on with `articleContinues`.
       */
      paragraphBreak?: 'article' | 'quote';
    };

export const PARAGRAPH_SEPARATOR = '\n\n';

/**
 * A paragraph break in a quote's text (src/domain/quote-text.ts): a blank line, that is
 * a line break, then a line holding nothing but spaces and another line break (and any
 * white space after it). The white space around it belongs to the break, so that the
 * parts it separates have none at their edges.
 */
export const PARAGRAPH_BREAK = /[^\S\r\n]*(?:\r\n?|\n)[^\S\r\n]*(?:\r\n?|\n)\s*/g;

/** Text brought to its matching form, with where each of its characters came from. */
export interface NormalizedText {
  readonly text: string;
  /**
   * `starts[i]` is the original offset where normalised character i begins. A
   * normalised space stands for the whole run of white space from there. No
   * match ends on a space, so a match's original end is where its last
   * character ends: `ends[last]`, or `starts[last] + 1` without `ends`.
   */
  readonly starts: Int32Array;
  /**
   * `ends[i]` is the original offset where normalised character i ends, present only
   * when NFC changed the text (a character composed from several, or split in
   * several); otherwise it ends at `starts[i] + 1`. Every character NFC produced
   * from a changed stretch starts and ends with the whole stretch, so a span never
   * separates a letter from its accents.
   */
  readonly ends?: Int32Array;
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
  0x22, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x2039, 0x203a, 0x2032, 0x2033,
]);
// - ‐ ‑ ‒ – — ― −
const DASHES = new Set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]);
// Soft hyphen, zero-width spaces and joiners, word joiner, byte-order mark: PDF copies are full of them.
const INVISIBLE = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

// Code points NFC may attach to the character before them (composing with it, or
// reordering among its marks): the marks, the Hangul vowel and final jamo (which
// compose with a leading jamo or syllable before them) and Kirat Rai's vowel sign E
// (U+16D67, not a mark but composing). Before any other code point, NFC of a text is
// NFC of the text before it followed by NFC of the rest: a unit test checks this
// against every code point of the running Unicode version.
const JOINS_PREVIOUS = /[\p{M}\u1160-\u11FF\uD7B0-\uD7FF\u{16D67}]/u;

const ELISION = /\.(?:\s*\.){2,}|…+/g;
// An elision mark counts as one word when quoting a few words back to the user.
const WORD_OR_ELISION = /\.(?:\s*\.){2,}|\S+/g;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /\p{L}/u;
const TRIMMED_AT_ELISION = /[\s\p{P}]/u;
const CONTINUATION_WORDS = 6;
// What the article may hold between a quote's words and a paragraph break: quotation marks, a full stop… at most this many.
const EDGE_PUNCTUATION = /[\p{P}\s]/u;
const MAX_EDGE_PUNCTUATION = 8;
const ONLY_EDGE_PUNCTUATION = /^[\p{P}\s]*$/u;

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

/** Whether NFC may attach the code point at `index` of `text` to what comes before it. */
function joinsPrevious(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x300) return false;
  if (code >= 0xdc00 && code <= 0xdfff) return true; // the second half of a surrogate pair
  return JOINS_PREVIOUS.test(String.fromCodePoint(text.codePointAt(index) ?? code));
}

/** Text in NFC, with the original stretch each of its UTF-16 units comes from. */
interface Composed {
  readonly text: string;
  /** Original start and end of each unit; null when `text` is the original (already NFC). */
  readonly starts: Int32Array | null;
  readonly ends: Int32Array | null;
}

/**
 * Brings `text` to NFC, stretch by stretch: a stretch is a character with the marks
 * and jamo NFC may attach to it, normalised on its own (which gives NFC of the
 * whole). A stretch NFC leaves alone maps unit to unit; every unit of a changed
 * stretch maps to the whole stretch.
 */
function composeForMatch(text: string): Composed {
  if (text.normalize('NFC') === text) return { text, starts: null, ends: null };
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let stretchStart = 0;
  const closeStretch = (end: number): void => {
    const original = text.slice(stretchStart, end);
    const composed = original.normalize('NFC');
    pieces.push(composed);
    for (let k = 0; k < composed.length; k++) {
      const same = composed === original;
      starts.push(same ? stretchStart + k : stretchStart);
      ends.push(same ? stretchStart + k + 1 : end);
    }
    stretchStart = end;
  };
  for (let i = 1; i < text.length; i++) {
    if (!joinsPrevious(text, i)) closeStretch(i);
  }
  closeStretch(text.length);
  return { text: pieces.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Normalised text being built: pieces of text, and the original stretch of each character. */
interface NormalizedBuffer {
  pieces: string[];
  starts: Int32Array;
  /** Where each character ends; null until text NFC changed is appended (then not always `start + 1`). */
  ends: Int32Array | null;
  length: number;
  lastCode: number;
}

function bufferFor(capacity: number): NormalizedBuffer {
  return { pieces: [], starts: new Int32Array(capacity), ends: null, length: 0, lastCode: -1 };
}

/** Starts recording where each character ends, as text NFC changed is appended. */
function recordEnds(buffer: NormalizedBuffer): Int32Array {
  if (!buffer.ends) {
    buffer.ends = new Int32Array(buffer.starts.length);
    for (let i = 0; i < buffer.length; i++) buffer.ends[i] = (buffer.starts[i] ?? 0) + 1;
  }
  return buffer.ends;
}

function pushCharacter(buffer: NormalizedBuffer, code: number, start: number, end: number): void {
  buffer.pieces.push(String.fromCharCode(code));
  if (buffer.ends) buffer.ends[buffer.length] = end;
  buffer.starts[buffer.length++] = start;
  buffer.lastCode = code;
}

function foldedCode(code: number): number {
  return QUOTE_MARKS.has(code) ? NORMAL_QUOTE : DASHES.has(code) ? NORMAL_DASH : code;
}

/** Appends the normalised form of `source`, whose original text starts at `offset`. */
function appendNormalized(buffer: NormalizedBuffer, source: Composed, offset: number): void {
  const { text } = source;
  const startOf = source.starts ? (i: number): number => offset + (source.starts?.[i] ?? 0) : (i: number): number => offset + i;
  const endOf = source.ends ? (i: number): number => offset + (source.ends?.[i] ?? 0) : (i: number): number => offset + i + 1;
  if (source.ends) recordEnds(buffer);
  const firstIndex = buffer.length;
  // Characters that stay as they are (most of them) are copied as one slice.
  let runStart = 0;
  const flushRun = (to: number): void => {
    if (to > runStart) {
      buffer.pieces.push(text.slice(runStart, to));
      const { ends } = buffer;
      for (let k = runStart; k < to; k++) {
        if (ends) ends[buffer.length] = endOf(k);
        buffer.starts[buffer.length++] = startOf(k);
      }
      buffer.lastCode = text.charCodeAt(to - 1);
    }
    runStart = to;
  };
  const lastKeptBefore = (i: number): number => (runStart < i ? text.charCodeAt(i - 1) : buffer.length > firstIndex ? buffer.lastCode : -1);
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
        pushCharacter(buffer, SPACE, startOf(spaceStart), endOf(spaceStart));
      }
      spaceStart = -1;
    }
    if (folded !== original) {
      flushRun(i);
      pushCharacter(buffer, folded, startOf(i), endOf(i));
      runStart = i + 1;
    }
  }
  if (spaceStart < 0) flushRun(text.length);
}

function finish(buffer: NormalizedBuffer): NormalizedText {
  const text = buffer.pieces.join('');
  const starts = buffer.starts.slice(0, buffer.length);
  return buffer.ends ? { text, starts, ends: buffer.ends.slice(0, buffer.length) } : { text, starts };
}

/** The original offset where normalised character `index` ends. */
function originalEnd(normalized: NormalizedText, index: number): number {
  return normalized.ends ? (normalized.ends[index] ?? 0) : (normalized.starts[index] ?? -1) + 1;
}

/**
 * Normalises text for matching: NFC, white space runs become one space (dropped
 * at the edges and next to a dash), quote marks become `'`, dashes become `-`,
 * invisible characters vanish. `offset` is added to every recorded position.
 */
export function normalizeForMatch(text: string, offset = 0): NormalizedText {
  const composed = composeForMatch(text);
  const buffer = bufferFor(composed.text.length);
  appendNormalized(buffer, composed, offset);
  return finish(buffer);
}

export function prepareArticle(paragraphs: readonly string[]): PreparedArticle {
  const text = paragraphs.join(PARAGRAPH_SEPARATOR);
  const composed = paragraphs.map(composeForMatch);
  const capacity = composed.reduce((sum, paragraph) => sum + paragraph.text.length + 1, 0);
  const buffer = bufferFor(capacity);
  const paragraphStarts: number[] = [];
  const normalizedParagraphStarts: number[] = [];
  let offset = 0;
  paragraphs.forEach((paragraph, index) => {
    if (index > 0) {
      pushCharacter(buffer, NORMALIZED_PARAGRAPH_BREAK, offset, offset + PARAGRAPH_SEPARATOR.length);
      offset += PARAGRAPH_SEPARATOR.length;
    }
    paragraphStarts.push(offset);
    normalizedParagraphStarts.push(buffer.length);
    appendNormalized(buffer, composed[index] ?? composeForMatch(paragraph), offset);
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
  /** The quote's paragraph it is in (0 in a quote without a paragraph break). */
  part: number;
  /** It follows a paragraph break (no elision between): it begins its article paragraph. */
  opensParagraph: boolean;
  /** A paragraph break follows it (no elision between): it ends its article paragraph. */
  closesParagraph: boolean;
}

/** The quote's segments, and how many paragraphs it runs over (a paragraph of only "…" counts, with no segment). */
interface QuoteLayout {
  segments: SegmentRange[];
  parts: number;
}

function quoteLayout(quote: string): QuoteLayout {
  const segments: SegmentRange[] = [];
  // The quote's paragraphs, as ranges of `quote`; white space alone at its edges is no paragraph.
  const partRanges: { start: number; end: number }[] = [];
  let partStart = 0;
  for (const paragraphBreak of quote.matchAll(PARAGRAPH_BREAK)) {
    partRanges.push({ start: partStart, end: paragraphBreak.index });
    partStart = paragraphBreak.index + paragraphBreak[0].length;
  }
  partRanges.push({ start: partStart, end: quote.length });
  const parts = partRanges.filter((range) => quote.slice(range.start, range.end).trim() !== '');
  parts.forEach((range, part) => {
    const pieces: SegmentRange[] = [];
    const addPiece = (from: number, to: number, afterElision: boolean, beforeElision: boolean): void => {
      let start = from;
      let end = to;
      const trimmed = (ch: string, atElision: boolean): boolean =>
        atElision ? TRIMMED_AT_ELISION.test(ch) : isWhiteSpace(ch.charCodeAt(0));
      while (start < end && trimmed(quote.charAt(start), afterElision)) start++;
      while (end > start && trimmed(quote.charAt(end - 1), beforeElision)) end--;
      if (end > start && normalizeForMatch(quote.slice(start, end)).text !== '') {
        pieces.push({ start, end, part, opensParagraph: !afterElision, closesParagraph: !beforeElision });
      }
    };
    const text = quote.slice(range.start, range.end);
    let pieceStart = 0;
    let afterElision = false;
    for (const elision of text.matchAll(ELISION)) {
      addPiece(range.start + pieceStart, range.start + elision.index, afterElision, true);
      pieceStart = elision.index + elision[0].length;
      afterElision = true;
    }
    addPiece(range.start + pieceStart, range.end, afterElision, false);
    // Only a piece at a break is held to its article paragraph's edge; the quote's own edges are not.
    pieces.forEach((piece, index) => {
      piece.opensParagraph &&= index === 0 && part > 0;
      piece.closesParagraph &&= index === pieces.length - 1 && part < parts.length - 1;
    });
    segments.push(...pieces);
  });
  return { segments, parts: parts.length };
}

/** The quote's segments, split at elisions and paragraph breaks, with the punctuation touching each elision dropped. */
export function splitAtElisions(quote: string): string[] {
  return quoteLayout(quote).segments.map((range) => quote.slice(range.start, range.end));
}

function onWordBoundaries(haystack: string, at: number, needle: string): boolean {
  if (isWordCharacter(needle.charAt(0)) && isWordCharacter(haystack.charAt(at - 1))) return false;
  const end = at + needle.length;
  return !(isWordCharacter(needle.charAt(needle.length - 1)) && isWordCharacter(haystack.charAt(end)));
}

type Finder = (from: number) => number;

// How many of the needle's first characters the search skips to natively (see finderFor).
const HEAD_LENGTH = 4;

// Characters examined by the searches of this module (see searchWork).
let examined = 0;

/**
 * How many characters the searches of this module have examined since the process
 * started: the article's characters read, each step back along the needle's
 * borders, and each border computed. It grows linearly with the article and the
 * quote whatever they repeat; tests bound a match's work with it.
 */
export function searchWork(): number {
  return examined;
}

/** `borders[i]`: the length of the longest proper prefix of `needle[0..i]` that is also its suffix. */
function bordersOf(needle: string): Int32Array {
  const borders = new Int32Array(needle.length);
  let length = 0;
  let steps = 0;
  for (let i = 1; i < needle.length; i++) {
    const code = needle.charCodeAt(i);
    while (length > 0 && needle.charCodeAt(length) !== code) {
      length = borders[length - 1] ?? 0;
      steps++;
    }
    if (needle.charCodeAt(length) === code) length++;
    borders[i] = length;
    steps++;
  }
  examined += steps;
  return borders;
}

/**
 * Finds the first occurrence of `needle` at or after `from` that sits on word
 * boundaries. It reads the haystack with Knuth–Morris–Pratt, keeping its place
 * between calls: called with `from` never decreasing, as `locate` does, it reads
 * each character of the haystack about once (plus at most the needle's length
 * again after each call that jumps ahead), whatever the two repeat. It remembers
 * its last answer, which stays valid for any later `from` up to that answer.
 *
 * Two native shortcuts keep the common case as fast as `indexOf`: while nothing
 * matches, it jumps to the next place the needle's first HEAD_LENGTH characters
 * are (a pattern that short is found in linear time); there it compares the whole
 * needle at once, as long as those comparisons have not cost more than the
 * haystack's length, after which the loop here reads on.
 */
function finderFor(haystack: string, needle: string): Finder {
  const length = needle.length;
  // Needed only once a partial match fails or a match is off word boundaries: often never.
  let borders: Int32Array | undefined;
  const border = (matchedLength: number): number => (borders ??= bordersOf(needle))[matchedLength - 1] ?? 0;
  const head = needle.slice(0, HEAD_LENGTH);
  const firstCode = needle.charCodeAt(0);
  let wholeComparisonsLeft = haystack.length + length;
  let cachedFrom = -1;
  let cachedAt = -1;
  // Where reading started and has got to, and how much of the needle the text just before `position` matches.
  let readFrom = 0;
  let position = 0;
  let matched = 0;
  return (from) => {
    if (cachedFrom >= 0 && from >= cachedFrom && (cachedAt < 0 || from <= cachedAt)) return cachedAt;
    cachedFrom = from;
    if (length === 0) {
      cachedAt = from <= haystack.length ? from : -1;
      return cachedAt;
    }
    let steps = 0;
    if (from < readFrom || from >= position) {
      position = from;
      matched = 0;
    } else {
      // Keep only the partial matches that start at `from` or later.
      while (matched > 0 && position - matched < from) {
        matched = border(matched);
        steps++;
      }
    }
    readFrom = from;
    let found = -1;
    while (found < 0) {
      if (matched === length) matched = border(length);
      if (matched === 0) {
        // No occurrence starts before the head's next place, and there the needle matches the head.
        const next = haystack.indexOf(head, position);
        steps += (next < 0 ? haystack.length : next + head.length) - position;
        if (next < 0) {
          position = haystack.length;
          break;
        }
        position = next + head.length;
        matched = head.length;
        if (matched < length && wholeComparisonsLeft >= length) {
          wholeComparisonsLeft -= length;
          steps += length;
          if (haystack.startsWith(needle, next)) {
            position = next + length;
            matched = length;
          }
        }
      } else {
        if (position >= haystack.length) break;
        const code = haystack.charCodeAt(position++);
        steps++;
        while (matched > 0 && needle.charCodeAt(matched) !== code) {
          matched = border(matched);
          steps++;
        }
        if (matched > 0 || code === firstCode) matched++;
      }
      if (matched === length && onWordBoundaries(haystack, position - length, needle)) found = position - length;
    }
    examined += steps;
    cachedAt = found;
    return found;
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
  /** The paragraph of the first span. */
  paragraphIndex: number;
  /** Spans in the normalised text. */
  spans: TextSpan[];
}

/** A quote segment to find, in its normalised form, with where it must stand. */
interface Needle {
  text: string;
  part: number;
  opensParagraph: boolean;
  closesParagraph: boolean;
}

function needlesOf(quote: string, segments: readonly SegmentRange[]): Needle[] {
  return segments.map((range) => ({
    text: normalizeForMatch(quote.slice(range.start, range.end)).text,
    part: range.part,
    opensParagraph: range.opensParagraph,
    closesParagraph: range.closesParagraph,
  }));
}

/**
 * Where `needle` stands when it begins the paragraph `[start, end)` of the
 * haystack: at its start, or after a few punctuation marks; -1 when it does not.
 */
function openingAt(haystack: string, needle: string, start: number, end: number): number {
  for (let at = start; at + needle.length <= end && at <= start + MAX_EDGE_PUNCTUATION; at++) {
    examined += needle.length;
    if (haystack.startsWith(needle, at) && onWordBoundaries(haystack, at, needle)) return at;
    if (!EDGE_PUNCTUATION.test(haystack.charAt(at))) break;
  }
  return -1;
}

/** Where `needle` stands when it ends the paragraph `[start, end)`: before its end, or a few punctuation marks; -1 when it does not. */
function closingAt(haystack: string, needle: string, start: number, end: number): number {
  for (let close = end; close - needle.length >= start && close >= end - MAX_EDGE_PUNCTUATION; close--) {
    examined += needle.length;
    const at = close - needle.length;
    if (haystack.startsWith(needle, at) && onWordBoundaries(haystack, at, needle)) return at;
    if (!EDGE_PUNCTUATION.test(haystack.charAt(close - 1))) break;
  }
  return -1;
}

/** Where a needle held to its paragraph's edges stands in `[from, end)`, or -1. */
function heldAt(haystack: string, needle: Needle, text: string, from: number, end: number): number {
  const opening = needle.opensParagraph ? openingAt(haystack, text, from, end) : -1;
  if (!needle.closesParagraph) return opening;
  const closing = closingAt(haystack, text, from, end);
  return needle.opensParagraph && opening !== closing ? -1 : closing;
}

/**
 * The first place where the needles occur in order, each quote paragraph (`part`)
 * within one article paragraph and the parts in consecutive paragraphs, a needle
 * at a paragraph break standing at its paragraph's edge (`heldAt`). Taking each
 * free needle's earliest occurrence after the previous one is optimal within a
 * paragraph (a needle held at an edge has one place), so a paragraph that fails
 * for the first occurrence of the first needle fails for all of them, and the
 * search moves to the next paragraph. Every free needle is searched with
 * `from` never decreasing, so each reads the article about once.
 */
function locate(article: PreparedArticle, needles: readonly Needle[], parts: number): Located | null {
  const first = needles[0];
  if (first === undefined) return null;
  const haystack = article.normalized.text;
  const paragraphStarts = article.normalizedParagraphStarts;
  const lastParagraph = paragraphStarts.length - 1;
  const paragraphStart = (q: number): number => paragraphStarts[q] ?? haystack.length + 1;
  const paragraphEnd = (q: number): number => paragraphStart(q + 1) - 1;
  const firstVariants = firstLetterVariants(first.text);
  const finders = needles.map((needle, k) =>
    k === 0 || needle.opensParagraph || needle.closesParagraph ? undefined : finderFor(haystack, needle.text),
  );

  // The other needles, with the first at `firstAt` in paragraph `q`; 'never' when no later paragraph can do better.
  const placeRest = (q: number, firstAt: number): TextSpan[] | null | 'never' => {
    const spans: TextSpan[] = [{ start: firstAt, end: firstAt + first.text.length }];
    let cursor = firstAt + first.text.length;
    for (let k = 1; k < needles.length; k++) {
      const needle = needles[k] as Needle;
      const paragraph = q + needle.part - first.part;
      if (needle.part !== needles[k - 1]?.part) cursor = paragraphStart(paragraph);
      const end = paragraphEnd(paragraph);
      let at: number;
      if (needle.opensParagraph || needle.closesParagraph) {
        at = heldAt(haystack, needle, needle.text, cursor, end);
      } else {
        at = finders[k]?.(cursor) ?? -1;
        // Not anywhere further on: no later paragraph can do better.
        if (at < 0) return 'never';
      }
      if (at < cursor || at + needle.text.length > end) return null;
      spans.push({ start: at, end: at + needle.text.length });
      cursor = at + needle.text.length;
    }
    return spans;
  };
  // The quote's paragraphs before and after the first needle's must exist around its paragraph.
  const fits = (q: number): boolean => q - first.part >= 0 && q - first.part + parts - 1 <= lastParagraph;

  if (first.opensParagraph || first.closesParagraph) {
    for (let q = first.part; fits(q); q++) {
      let at = -1;
      for (const variant of firstVariants) {
        at = heldAt(haystack, first, variant, paragraphStart(q), paragraphEnd(q));
        if (at >= 0) break;
      }
      if (at < 0) continue;
      const spans = placeRest(q, at);
      if (spans === 'never') return null;
      if (spans) return { paragraphIndex: q, spans };
    }
    return null;
  }
  const findFirst = earliestOf(firstVariants.map((variant) => finderFor(haystack, variant)));
  let from = paragraphStart(first.part);
  while (from <= haystack.length) {
    const at = findFirst(from);
    if (at < 0) return null;
    const q = paragraphAt(paragraphStarts, at);
    if (!fits(q)) return null;
    const spans = placeRest(q, at);
    if (spans === 'never') return null;
    if (spans) return { paragraphIndex: q, spans };
    from = paragraphEnd(q) + 1;
  }
  return null;
}

function toOriginal(article: PreparedArticle, span: TextSpan): TextSpan {
  return { start: article.normalized.starts[span.start] ?? 0, end: originalEnd(article.normalized, span.end - 1) };
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

/** The needles of the quote's first words, up to `cut`; `loose` frees the last one from a paragraph break after it. */
function needlesUpTo(quote: string, segments: readonly SegmentRange[], cut: Cut, loose = false): Needle[] {
  return segments.slice(0, cut.segment + 1).map((range, i) => {
    const end = i === cut.segment ? cut.end : range.end;
    return {
      text: normalizeForMatch(quote.slice(range.start, end)).text,
      part: range.part,
      opensParagraph: range.opensParagraph,
      closesParagraph: range.closesParagraph && end === range.end && !(loose && i === cut.segment),
    };
  });
}

function locateUpTo(quote: string, segments: readonly SegmentRange[], cut: Cut, article: PreparedArticle, loose = false): Located | null {
  return locate(article, needlesUpTo(quote, segments, cut, loose), (segments[cut.segment]?.part ?? 0) + 1);
}

/** Where the last span of a match ends in the article's text, and where that paragraph ends. */
function matchEnd(article: PreparedArticle, located: Located): { end: number; paragraph: number; paragraphEnd: number } {
  const lastSpan = located.spans[located.spans.length - 1];
  const end = lastSpan ? toOriginal(article, lastSpan).end : 0;
  const paragraph = paragraphAt(article.paragraphStarts, Math.max(0, end - 1));
  return { end, paragraph, paragraphEnd: (article.paragraphStarts[paragraph] ?? 0) + (article.paragraphs[paragraph]?.length ?? 0) };
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
    const located = cut ? locateUpTo(quote, segments, cut, article) : null;
    if (located) {
      good = middle;
      bestMatch = located;
    } else {
      bad = middle;
    }
  }
  const quoteStart = segments[0]?.start ?? 0;
  const failingCut = cuts[good];
  const failingSegment = failingCut ? segments[failingCut.segment] : undefined;
  // The quote ends its paragraph with the failing word (a blank line follows), where the article's goes on.
  if (failingCut && failingSegment?.closesParagraph && failingCut.end === failingSegment.end) {
    const loose = locateUpTo(quote, segments, failingCut, article, true);
    if (loose) {
      const { end, paragraphEnd } = matchEnd(article, loose);
      return {
        found: false,
        matchedPart: quote.slice(quoteStart, failingCut.end),
        quoteContinues: takeWords(quote.slice(failingCut.end), CONTINUATION_WORDS),
        articleContinues: takeWords(article.text.slice(end, paragraphEnd), CONTINUATION_WORDS),
        paragraphBreak: 'quote',
      };
    }
  }
  const lastGoodCut = good > 0 ? cuts[good - 1] : undefined;
  if (!lastGoodCut || !bestMatch) {
    return {
      found: false,
      matchedPart: '',
      quoteContinues: takeWords(quote.slice(quoteStart), CONTINUATION_WORDS),
      articleContinues: '',
    };
  }
  const firstWordsOf = (paragraph: number): string => takeWords(article.paragraphs[paragraph] ?? '', CONTINUATION_WORDS);
  const { end, paragraph, paragraphEnd } = matchEnd(article, bestMatch);
  const failure = {
    found: false as const,
    matchedPart: quote.slice(quoteStart, lastGoodCut.end),
    quoteContinues: takeWords(quote.slice(lastGoodCut.end), CONTINUATION_WORDS),
    articleContinues: takeWords(article.text.slice(end, paragraphEnd), CONTINUATION_WORDS),
  };
  const hasNext = paragraph + 1 < article.paragraphs.length;
  // The quote's next paragraph does not begin the article's next paragraph: show how that one begins.
  if (failingSegment && failingSegment.part !== segments[lastGoodCut.segment]?.part) {
    return { ...failure, articleContinues: hasNext ? firstWordsOf(paragraph + 1) : '' };
  }
  // The article's paragraph ends where the quote runs on without a blank line.
  if (hasNext && ONLY_EDGE_PUNCTUATION.test(article.text.slice(end, paragraphEnd))) {
    return { ...failure, articleContinues: firstWordsOf(paragraph + 1), paragraphBreak: 'article' };
  }
  return failure;
}

/**
 * Finds the quote in the article (paragraphs, or an article prepared once with
 * `prepareArticle` when matching many quotes). The first match wins.
 */
export function matchQuote(quoteText: string, article: readonly string[] | PreparedArticle): QuoteMatchResult {
  const prepared = asPrepared(article);
  const { segments, parts } = quoteLayout(quoteText);
  const located = locate(prepared, needlesOf(quoteText, segments), parts);
  if (located) {
    return {
      found: true,
      spans: located.spans.map((span) => toOriginal(prepared, span)),
      paragraphIndex: located.paragraphIndex,
    };
  }
  return explainMismatch(quoteText, segments, prepared);
}

/**
 * The spans of a match grouped by the paragraph each lies in, with offsets within
 * that paragraph, in order: one group for a quote within one paragraph, one for
 * each paragraph a quote runs over.
 */
export function paragraphSpans(
  article: readonly string[] | PreparedArticle,
  spans: readonly TextSpan[],
): { paragraphIndex: number; spans: TextSpan[] }[] {
  const paragraphStarts = isPrepared(article) ? article.paragraphStarts : startsOf(article);
  const groups: { paragraphIndex: number; spans: TextSpan[] }[] = [];
  for (const span of spans) {
    const paragraphIndex = paragraphAt(paragraphStarts, span.start);
    const start = paragraphStarts[paragraphIndex] ?? 0;
    const local = { start: span.start - start, end: span.end - start };
    const group = groups[groups.length - 1];
    if (group?.paragraphIndex === paragraphIndex) group.spans.push(local);
    else groups.push({ paragraphIndex, spans: [local] });
  }
  return groups;
}

function startsOf(paragraphs: readonly string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    starts.push(offset);
    offset += paragraph.length + PARAGRAPH_SEPARATOR.length;
  }
  return starts;
}

/** The code points of `text` as `U+0065 U+0301`, or `nothing`. */
export function codePoints(text: string): string {
  const points = [...text].map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  return points.length > 0 ? points.join(' ') : 'nothing';
}

/** Whether `index` of `text` starts a character (not a mark or jamo NFC attaches, not half a surrogate pair). */
function startsCharacter(text: string, index: number): boolean {
  return index >= text.length || !joinsPrevious(text, index);
}

/**
 * Says where two texts that read alike differ, by the code points of the part that
 * differs: `“é” (U+0065 U+0301) where the article has “é” (U+00E9)`; undefined when
 * the two are the same string. For a verification message whose quote and article
 * words look identical on screen (a Cyrillic “а” for a Latin “a”, a micro sign for
 * a mu, an invisible character; matching already takes canonically equivalent text,
 * as in the example, as the same): the reader sees which characters to retype.
 *
 * The differing part runs from the first to the last code unit that differs, widened
 * to whole characters (a letter with its accents, both halves of a surrogate pair),
 * so each side shows something that can be read; a side with nothing there shows
 * `“” (nothing)`. `quoteText` is the quote's side, `articleText` the article's.
 */
export function describeLookalikeDifference(quoteText: string, articleText: string): string | undefined {
  if (quoteText === articleText) return undefined;
  const shorter = Math.min(quoteText.length, articleText.length);
  let start = 0;
  while (start < shorter && quoteText.charCodeAt(start) === articleText.charCodeAt(start)) start++;
  while (start > 0 && !(startsCharacter(quoteText, start) && startsCharacter(articleText, start))) start--;
  let common = 0;
  while (
    common < shorter - start &&
    quoteText.charCodeAt(quoteText.length - 1 - common) === articleText.charCodeAt(articleText.length - 1 - common)
  ) {
    common++;
  }
  while (
    common > 0 &&
    !(startsCharacter(quoteText, quoteText.length - common) && startsCharacter(articleText, articleText.length - common))
  ) {
    common--;
  }
  const quotePart = quoteText.slice(start, quoteText.length - common);
  const articlePart = articleText.slice(start, articleText.length - common);
  return `“${quotePart}” (${codePoints(quotePart)}) where the article has “${articlePart}” (${codePoints(articlePart)})`;
}
