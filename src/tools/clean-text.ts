/**
 * Repairs for text copied out of a PDF or a web page: hard-wrapped lines, page breaks,
 * line-end hyphens, orphaned photo captions, ligature code points, invisible characters
 * and characters the copy lost (U+FFFD). Nothing here rewords text: every change is a
 * whitespace join, a hyphen decided on evidence (`line-hyphens.ts`) or a listed repair.
 */
import { codePointLabel, ligatureLetters } from '../content/hygiene.ts';
import { decideLineEndHyphen, type HyphenEvidence, type HyphenOutcome } from './line-hyphens.ts';

/** A hyphen that ended a line of the input, and what became of it. */
export interface LineEndHyphen {
  /** 1-based line of the input that ends with the hyphen. */
  line: number;
  /** The word as written into the paragraph. */
  word: string;
  outcome: HyphenOutcome | 'soft';
  why: string;
}

export interface UnwrappedParagraph {
  /** The paragraph on one line, wrapped lines joined. */
  text: string;
  /** 1-based lines of the input where the paragraph starts and ends. */
  line: number;
  lastLine: number;
  /**
   * `caption`: a lone short line that a page-break line follows (or, in `draftArticle`,
   * a photo credit), which is how a photo caption reads once its photo is gone.
   */
  kind: 'paragraph' | 'caption';
  /** The line-end hyphens inside the paragraph, each with its decision. */
  hyphens: LineEndHyphen[];
  /** Furniture was taken out between the previous paragraph and this one. */
  afterFurniture?: 'page break' | 'other';
}

/** A line of the input: its text and its 1-based number. */
export interface SourceLine {
  text: string;
  line: number;
  /**
   * The line was page furniture and is left out: `page` (a page number or running
   * header, which may stand inside a paragraph), `block` (web page furniture, which
   * stands between paragraphs).
   */
  removed?: 'page' | 'block';
}

export interface ReplacementFinding {
  /** 1-based line and column (UTF-16 units, as the build's hygiene check counts them). */
  line: number;
  column: number;
  /** Index of the U+FFFD in the scanned text. */
  offset: number;
  /** The line around the character, the character itself left in. */
  context: string;
  /** What the copy most likely lost ("fi", ":"), or null when nothing fits. */
  guess: string | null;
  /**
   * What goes in place of the U+FFFD. It can be shorter than `guess`: `�ighters`
   * lost the "fi" ligature but kept its "i", so only "f" goes back.
   */
  replacement: string | null;
  /** Why this guess, for the curator to check. */
  reason: string;
}

export function fixLigatures(text: string): string {
  return text.replace(/[\uFB00-\uFB06]/g, (char) => ligatureLetters(char) ?? char);
}

/** An invisible character of the input, which the draft leaves out. */
export interface InvisibleFinding {
  /** 1-based line and column in the input. */
  line: number;
  column: number;
  offset: number;
  codePoint: string;
  name: string;
  /** The words around it, the character shown as its code point. */
  context: string;
  /** A soft hyphen at a line end: the word was broken there, and the two halves are joined. */
  atLineEnd: boolean;
}

const INVISIBLE_NAMES: Record<string, string> = {
  '\u00AD': 'soft hyphen',
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u2060': 'word joiner',
  '\uFEFF': 'zero-width no-break space',
  '\u180E': 'Mongolian vowel separator',
};
// An alternation, not a class: a class holding ZWJ reads as one joined sequence.
const INVISIBLE = /\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF|\u180E/g;
// Persian, Indic scripts and emoji sequences need ZWNJ and ZWJ: those are left in.
const NEEDS_JOINERS = /[\p{L}\p{M}\p{Extended_Pictographic}\uFE0F]/u;
const LATIN_OR_COMMON = /[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/** The whole character (a surrogate pair for an emoji) that ends just before `offset`, or starts at it. */
function characterBefore(text: string, offset: number): string | undefined {
  if (offset === 0) return undefined;
  const start = /[\uDC00-\uDFFF]/.test(text[offset - 1] ?? '') && offset >= 2 ? offset - 2 : offset - 1;
  return characterAt(text, start);
}

function characterAt(text: string, offset: number): string | undefined {
  const code = text.codePointAt(offset);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

function needsJoiner(neighbour: string | undefined): boolean {
  return (
    neighbour !== undefined &&
    NEEDS_JOINERS.test(neighbour) &&
    (!LATIN_OR_COMMON.test(neighbour) || /\p{Extended_Pictographic}|\uFE0F/u.test(neighbour))
  );
}

/**
 * Soft hyphens, zero-width spaces and joiners, word joiners and stray byte-order marks:
 * characters that show nothing and break words for search and quote matching. A ZWNJ
 * or ZWJ next to a letter of a script that needs it (Persian, Devanagari…) or inside
 * an emoji sequence is not one of them.
 */
export function findInvisibleChars(text: string): InvisibleFinding[] {
  const findings: InvisibleFinding[] = [];
  for (const match of text.matchAll(INVISIBLE)) {
    const offset = match.index;
    const char = match[0];
    if (char === '\u200C' || char === '\u200D') {
      if (needsJoiner(characterBefore(text, offset)) || needsJoiner(characterAt(text, offset + 1))) continue;
    }
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEndAt = text.indexOf('\n', offset);
    const restOfLine = text.slice(offset + 1, lineEndAt === -1 ? undefined : lineEndAt);
    const shown = (part: string): string => part.replace(/[\r\n\f]+/g, ' ').replace(INVISIBLE, (other) => `[${codePointLabel(other)}]`);
    findings.push({
      line: text.slice(0, offset).split('\n').length,
      column: offset - lineStart + 1,
      offset,
      codePoint: codePointLabel(char),
      name: INVISIBLE_NAMES[char] ?? 'invisible character',
      context: `${shown(text.slice(Math.max(lineStart, offset - 20), offset))}[${codePointLabel(char)}]${shown(restOfLine.slice(0, 20))}`,
      atLineEnd: char === '\u00AD' && /^[ \t]*\r?$/.test(restOfLine),
    });
  }
  return findings;
}

/** Each edit replaces one character at its offset; offsets are those of `text`. */
function applyCharacterEdits(text: string, edits: readonly { offset: number; replacement: string }[]): string {
  let result = '';
  let from = 0;
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset)) {
    result += text.slice(from, edit.offset) + edit.replacement;
    from = edit.offset + 1;
  }
  return result + text.slice(from);
}

/**
 * The input with every guessed U+FFFD replaced and every invisible character found
 * taken out, from findings made on that same input. A soft hyphen at a line end stays,
 * as the mark `unwrapParagraphs` joins the word at.
 */
export function repairCharacters(
  text: string,
  replacements: readonly ReplacementFinding[],
  invisibles: readonly InvisibleFinding[],
): string {
  const edits: { offset: number; replacement: string }[] = [];
  for (const finding of replacements) {
    if (finding.replacement === null) continue;
    if (text[finding.offset] !== '\uFFFD') {
      throw new Error(`line ${finding.line}, column ${finding.column} is not a U+FFFD: the text changed after it was scanned`);
    }
    edits.push({ offset: finding.offset, replacement: finding.replacement });
  }
  for (const finding of invisibles) {
    if (!finding.atLineEnd) edits.push({ offset: finding.offset, replacement: '' });
  }
  return applyCharacterEdits(text, edits);
}

const EDGE_SPACE = /^[ \t\f\v]+|[ \t\f\v]+$/g;
const LETTER_HYPHEN_AT_END = /\p{L}-$/u;
const SOFT_HYPHEN_AT_END = /\u00AD$/u;

/**
 * Joins two wrapped lines with one space, except around an em dash (`barbarism` /
 * `—not only` → `barbarism—not only`) and after a hyphen between letters, which is kept
 * here: whether it only broke the word is `joinAtHyphen`'s decision.
 */
export function joinWrappedLines(previous: string, next: string): string {
  if (previous === '') return next;
  if (next === '') return previous;
  if (previous.endsWith('—') || next.startsWith('—')) return previous + next;
  if (LETTER_HYPHEN_AT_END.test(previous)) return previous + next;
  // A no-break space at the edge is already the space between the words.
  if (/\s$/u.test(previous) || /^\s/u.test(next)) return previous + next;
  return `${previous} ${next}`;
}

/** How a join decides a line-end hyphen; without one every hyphen stays, undecided. */
export type HyphenResolver = (before: string, after: string) => { word: string; outcome: HyphenOutcome; why: string };

export function hyphenResolver(evidence: HyphenEvidence): HyphenResolver {
  return (before, after) => decideLineEndHyphen(before, after, evidence);
}

const keepEveryHyphen: HyphenResolver = (before, after) => ({
  word: `${before}-${after}`,
  outcome: 'undecided',
  why: 'no word list was given',
});

/**
 * Joins `next` to `previous` (a line or a paragraph so far), deciding a hyphen or a
 * soft hyphen that ends `previous`; `line` is the input line that ends with it.
 */
export function joinAtLineEnd(
  previous: string,
  next: string,
  line: number,
  resolve: HyphenResolver = keepEveryHyphen,
): { text: string; hyphen?: LineEndHyphen } {
  const after = /^[\p{L}\p{N}]*/u.exec(next)?.[0] ?? '';
  if (SOFT_HYPHEN_AT_END.test(previous)) {
    const head = previous.slice(0, -1);
    const before = /[\p{L}\p{N}-]*$/u.exec(head)?.[0] ?? '';
    return {
      text: head + next,
      hyphen: { line, word: before + after, outcome: 'soft', why: 'a soft hyphen (U+00AD) marked where the word was broken' },
    };
  }
  if (!LETTER_HYPHEN_AT_END.test(previous)) return { text: joinWrappedLines(previous, next) };
  const head = previous.slice(0, -1);
  const before = /[\p{L}\p{N}'’-]*$/u.exec(head)?.[0] ?? '';
  const decision = resolve(before.replace(/^['’-]+/u, ''), after);
  const text = decision.outcome === 'removed' ? head + next : previous + next;
  return { text, hyphen: { line, ...decision } };
}

function isBlank(line: string): boolean {
  return /^\s*$/u.test(line);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The width the text was wrapped at: the usual length of a line that another line follows. */
function wrapWidth(lines: readonly SourceLine[]): number {
  const wrapped: number[] = [];
  const kept = lines.filter((line) => line.removed !== 'page');
  for (let i = 0; i + 1 < kept.length; i++) {
    const line = kept[i];
    const next = kept[i + 1];
    if (line && next && !line.removed && !next.removed && !isBlank(line.text) && !isBlank(next.text)) wrapped.push(line.text.trim().length);
  }
  // Too few wrapped lines to know the width: no line counts as short.
  return wrapped.length >= 3 ? median(wrapped) : 0;
}

// A caption is well short of a full line; a paragraph's first line never is.
const CAPTION_MAX_SHARE_OF_WIDTH = 0.75;

/** The lines of a text, numbered from 1. */
export function sourceLines(text: string): SourceLine[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, index) => ({ text: line, line: index + 1 }));
}

export interface UnwrapOptions {
  /** Decides line-end hyphens; without it each is kept and reported undecided. */
  resolveHyphen?: HyphenResolver;
}

/**
 * Paragraphs of a copy: blank lines (and web furniture) separate paragraphs, wrapped
 * lines are joined, page furniture inside a paragraph is stepped over, and a line
 * starting with a space (the first line of a new page in a PDF viewer's copy) continues
 * its paragraph — unless the line before it is a lone short line, a caption, which
 * interrupted the text between two paragraphs.
 */
export function unwrapParagraphs(input: string | readonly SourceLine[], options: UnwrapOptions = {}): UnwrappedParagraph[] {
  const lines = typeof input === 'string' ? sourceLines(input) : input;
  const shortBelow = wrapWidth(lines) * CAPTION_MAX_SHARE_OF_WIDTH;
  const paragraphs: UnwrappedParagraph[] = [];
  let current: UnwrappedParagraph | undefined;
  let furniture: UnwrappedParagraph['afterFurniture'];

  const close = (): void => {
    if (current) {
      current.text = current.text.replace(/[ \t]+/g, ' ').replace(SOFT_HYPHEN_AT_END, '');
      paragraphs.push(current);
    }
    current = undefined;
  };

  for (const source of lines) {
    if (source.removed) {
      if (source.removed === 'block') close();
      furniture = source.removed === 'page' || furniture === 'page break' ? 'page break' : 'other';
      continue;
    }
    if (isBlank(source.text)) {
      close();
      continue;
    }
    const content = source.text.replace(EDGE_SPACE, '');
    const startsNewPage = /^[ \t\f]/.test(source.text);
    const previousIsLoneShortLine = current !== undefined && current.line === current.lastLine && current.text.length < shortBelow;
    if (current && startsNewPage && previousIsLoneShortLine) {
      current.kind = 'caption';
      close();
    }
    if (!current) {
      current = {
        text: content,
        line: source.line,
        lastLine: source.line,
        kind: 'paragraph',
        hyphens: [],
        ...(furniture ? { afterFurniture: furniture } : {}),
      };
      furniture = undefined;
    } else {
      // Furniture stepped over inside a paragraph stood between none of them.
      furniture = undefined;
      const joined = joinAtLineEnd(current.text, content, current.lastLine, options.resolveHyphen);
      current.text = joined.text;
      if (joined.hyphen) current.hyphens.push(joined.hyphen);
      current.lastLine = source.line;
    }
  }
  close();
  return paragraphs;
}

// Sentence ends: . ! ? … and an ellipsis, with closing quotes or brackets after them.
const ENDS_SENTENCE = /[.!?…]["”’)\]]*$/u;
const STARTS_LOWERCASE = /^["“‘([]*\p{Ll}/u;

export interface ParagraphJoin {
  /** Input lines where the first part ends and the second starts. */
  fromLine: number;
  toLine: number;
  /** What stood between them. */
  across: 'page break' | 'other';
  /** The last words before and the first words after, for the report. */
  end: string;
  start: string;
}

/**
 * One paragraph broken in two by furniture: the first part ends without a sentence's
 * end, and the second starts in lower case. Both together: a heading or a list item
 * ends without punctuation too, but is not followed by lower case.
 */
export function joinSplitParagraphs(
  paragraphs: readonly UnwrappedParagraph[],
  resolve?: HyphenResolver,
): { paragraphs: UnwrappedParagraph[]; joins: ParagraphJoin[] } {
  const result: UnwrappedParagraph[] = [];
  const joins: ParagraphJoin[] = [];
  for (const paragraph of paragraphs) {
    const previous = result.at(-1);
    if (
      previous &&
      previous.kind === 'paragraph' &&
      paragraph.afterFurniture !== undefined &&
      !ENDS_SENTENCE.test(previous.text) &&
      STARTS_LOWERCASE.test(paragraph.text)
    ) {
      const joined = joinAtLineEnd(previous.text, paragraph.text, previous.lastLine, resolve);
      joins.push({
        fromLine: previous.lastLine,
        toLine: paragraph.line,
        across: paragraph.afterFurniture,
        end: previous.text.split(' ').slice(-4).join(' '),
        start: paragraph.text.split(' ').slice(0, 4).join(' '),
      });
      result[result.length - 1] = {
        ...previous,
        text: joined.text,
        lastLine: paragraph.lastLine,
        hyphens: [...previous.hyphens, ...(joined.hyphen ? [joined.hyphen] : []), ...paragraph.hyphens],
      };
      continue;
    }
    result.push({ ...paragraph });
  }
  return { paragraphs: result, joins };
}

// Words with the letters PDF fonts set as ligatures, for when the text itself has no
// other form of the damaged word. Small on purpose: the text's own words come first.
const COMMON_LIGATURE_WORDS = new Set(
  `affair afford affect afraid after baffle benefit cliff coffee conference confidence
  confident confirm conflict define definite definition difference different difficult
  difficulty effect effective efficient effort field fierce fifteen fifth fifty fight
  fighter figure file fill film filter final finally finance financial find fine finger
  finish fire firm first fiscal fish fit five fix flag flame flat fled flee fleet flesh
  flew flexible flight float flood floor flour flow flower fluid flung fly influence
  inflation justify magnificent modify notify off offense offend offer office officer
  official often profile profit qualify reflect reflection sacrifice satisfied scaffold
  scientific shuffle significant specific staff stiff stuff suffer sufficient traffic
  unified verify waffle affirm afflict affluent artificial beneficial classified
  identify identified satisfy sniff snuff baffled rifle stifle trifle`
    .split(/\s+/)
    .filter((word) => /^\p{L}+$/u.test(word)),
);

const LIGATURE_SEQUENCES = ['fi', 'ff', 'fl', 'ffi', 'ffl'] as const;

/** The word with common endings taken off, so "fighters" meets "fight". */
function stemsOf(word: string): string[] {
  const stems = [word];
  for (const [ending, restore] of [
    ['ers', ''],
    ['er', ''],
    ['es', ''],
    ['s', ''],
    ['ies', 'y'],
    ['ied', 'y'],
    ['ed', ''],
    ['ed', 'e'],
    ['d', ''],
    ['ing', ''],
    ['ing', 'e'],
    ['ly', ''],
  ] as const) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) {
      stems.push(word.slice(0, -ending.length) + restore);
    }
  }
  return stems;
}

interface Vocabulary {
  counts: Map<string, number>;
  stems: Set<string>;
}

function vocabularyOf(text: string): Vocabulary {
  const counts = new Map<string, number>();
  const stems = new Set<string>();
  for (const token of fixLigatures(text)
    .toLowerCase()
    .match(/[\p{L}\uFFFD]+/gu) ?? []) {
    if (token.includes('\uFFFD')) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const stem of stemsOf(token)) stems.add(stem);
  }
  return { counts, stems };
}

const builtinStems = new Set([...COMMON_LIGATURE_WORDS].flatMap(stemsOf));

interface Candidate {
  sequence: string;
  replacement: string;
  word: string;
}

function ligatureCandidates(before: string, after: string): Candidate[] {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const sequence of LIGATURE_SEQUENCES) {
    // The copy may have kept the ligature's last letters after the U+FFFD ("�ighters").
    for (let kept = 0; kept < sequence.length; kept++) {
      if (kept > 0 && !after.toLowerCase().startsWith(sequence.slice(sequence.length - kept))) continue;
      const replacement = sequence.slice(0, sequence.length - kept);
      const word = before + replacement + after;
      if (seen.has(word.toLowerCase())) continue;
      seen.add(word.toLowerCase());
      candidates.push({ sequence, replacement, word });
    }
  }
  return candidates;
}

// Best first: the word itself elsewhere in the text, then in the built-in list, then
// another form of it (fight/fighters) in the text, then in the list.
function rankOf(word: string, vocabulary: Vocabulary): { rank: number; why: string } | undefined {
  const lower = word.toLowerCase();
  const count = vocabulary.counts.get(lower) ?? 0;
  if (count > 0) return { rank: 4 + count / 1000, why: `"${word}" appears ${count}× elsewhere in the text` };
  if (COMMON_LIGATURE_WORDS.has(lower)) return { rank: 3, why: `"${word}" is a common English word` };
  const stems = stemsOf(lower);
  const inText = stems.find((stem) => vocabulary.stems.has(stem));
  if (inText) return { rank: 2, why: `"${word}" is a form of "${inText}", which the text uses` };
  const inList = stems.find((stem) => builtinStems.has(stem));
  if (inList) return { rank: 1, why: `"${word}" is a form of the common word "${inList}"` };
  return undefined;
}

/**
 * Every U+FFFD with a guess of what it was. Between digits it was a colon (`12�56`).
 * Next to letters it was a ligature (fi, ff, fl, ffi, ffl) the font could not map:
 * each is tried, and the one whose word is known wins — known first from the rest of
 * the same text (its own vocabulary, names and spelling included), then from a short
 * built-in list of common words. A guess that nothing supports is left out (null).
 */
export function findReplacementChars(text: string): ReplacementFinding[] {
  const vocabulary = vocabularyOf(text);
  const findings: ReplacementFinding[] = [];
  for (const match of text.matchAll(/\uFFFD/g)) {
    const offset = match.index;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEndAt = text.indexOf('\n', offset);
    const lineText = text.slice(lineStart, lineEndAt === -1 ? undefined : lineEndAt).replace(/\r$/, '');
    const column = offset - lineStart + 1;
    const line = text.slice(0, offset).split('\n').length;
    const from = Math.max(0, column - 1 - 30);
    const to = Math.min(lineText.length, column + 30);
    const context = `${from > 0 ? '…' : ''}${lineText.slice(from, to).trim()}${to < lineText.length ? '…' : ''}`;
    const previous = text[offset - 1] ?? '';
    const next = text[offset + 1] ?? '';
    const position = { line, column, offset, context };

    if (/\d/.test(previous) && /\d/.test(next)) {
      findings.push({ ...position, guess: ':', replacement: ':', reason: 'between digits, as in a time (12:56)' });
      continue;
    }
    if (!/\p{L}/u.test(previous) && !/\p{L}/u.test(next)) {
      findings.push({ ...position, guess: null, replacement: null, reason: 'no letters or digits on either side' });
      continue;
    }
    const before = /\p{L}*$/u.exec(text.slice(0, offset))?.[0] ?? '';
    const after = /^\p{L}*/u.exec(text.slice(offset + 1))?.[0] ?? '';
    const ranked = ligatureCandidates(before, after)
      .map((candidate) => ({ candidate, known: rankOf(candidate.word, vocabulary) }))
      .filter((entry): entry is { candidate: Candidate; known: { rank: number; why: string } } => entry.known !== undefined)
      .sort((a, b) => b.known.rank - a.known.rank);
    const best = ranked[0];
    if (!best) {
      findings.push({
        ...position,
        guess: null,
        replacement: null,
        reason: `no ligature (${LIGATURE_SEQUENCES.join(', ')}) makes a known word of "${before}�${after}"`,
      });
      continue;
    }
    const others = ranked.slice(1).map((entry) => entry.candidate.word);
    findings.push({
      ...position,
      guess: best.candidate.sequence,
      replacement: best.candidate.replacement,
      reason: `${best.known.why}${others.length > 0 ? `; also possible: ${others.join(', ')}` : ''}`,
    });
  }
  return findings;
}

/** Puts each guessed replacement in place of its U+FFFD; unguessed ones stay. */
export function applyGuesses(text: string, findings: readonly ReplacementFinding[]): string {
  return repairCharacters(text, findings, []);
}
