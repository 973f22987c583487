/**
 * Repairs for text copied out of a PDF: hard-wrapped lines, page breaks, orphaned
 * photo captions, ligature code points and characters the copy lost (U+FFFD).
 * Nothing here rewords text: every change is a whitespace join or a listed repair.
 */
import { ligatureLetters } from '../content/hygiene.ts';

export interface UnwrappedParagraph {
  /** The paragraph on one line, wrapped lines joined. */
  text: string;
  /** 1-based line of the input where the paragraph starts. */
  line: number;
  /**
   * `caption`: a lone short line that a page-break line follows, which is how a photo
   * caption reads once its photo is gone.
   */
  kind: 'paragraph' | 'caption';
  /** Line ends with a hyphen between letters; the hyphen was kept (see `joinWrappedLines`). */
  keptHyphens: { line: number; word: string }[];
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

const EDGE_SPACE = /^[ \t\f\v]+|[ \t\f\v]+$/g;
const LETTER_HYPHEN_AT_END = /\p{L}-$/u;

/**
 * Joins two wrapped lines with one space, except around an em dash (`barbarism` /
 * `—not only` → `barbarism—not only`) and after a hyphen between letters.
 * That hyphen is kept, never removed: `battle-` / `hardened` must stay
 * `battle-hardened`, and telling a soft hyphen from a compound needs a dictionary
 * this tool does not have. The curator is told about each one instead.
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

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

function isBlank(line: string): boolean {
  return /^\s*$/u.test(line);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The width the text was wrapped at: the usual length of a line that another line follows. */
function wrapWidth(lines: string[]): number {
  const wrapped: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!isBlank(line) && !isBlank(lines[i + 1] ?? '')) wrapped.push(line.trim().length);
  }
  // Too few wrapped lines to know the width: no line counts as short.
  return wrapped.length >= 3 ? median(wrapped) : 0;
}

// A caption is well short of a full line; a paragraph's first line never is.
const CAPTION_MAX_SHARE_OF_WIDTH = 0.75;

/**
 * Paragraphs of a PDF copy: blank lines separate paragraphs, wrapped lines are joined,
 * and a line starting with a space (the first line of a new page) continues its
 * paragraph — unless the line before it is a lone short line, a caption, which
 * interrupted the text between two paragraphs.
 */
export function unwrapParagraphs(text: string): UnwrappedParagraph[] {
  const lines = splitLines(text);
  const shortBelow = wrapWidth(lines) * CAPTION_MAX_SHARE_OF_WIDTH;
  const paragraphs: UnwrappedParagraph[] = [];
  let current: UnwrappedParagraph | undefined;

  const close = (): void => {
    if (current) {
      current.text = current.text.replace(/[ \t]+/g, ' ');
      paragraphs.push(current);
    }
    current = undefined;
  };

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (isBlank(raw)) {
      close();
      return;
    }
    const content = raw.replace(EDGE_SPACE, '');
    const startsNewPage = /^[ \t\f]/.test(raw);
    const previousIsLoneShortLine = current !== undefined && current.line === lineNumber - 1 && current.text.length < shortBelow;
    if (current && startsNewPage && previousIsLoneShortLine) {
      current.kind = 'caption';
      close();
    }
    if (!current) {
      current = { text: content, line: lineNumber, kind: 'paragraph', keptHyphens: [] };
    } else {
      if (LETTER_HYPHEN_AT_END.test(current.text)) {
        const before = /[\p{L}-]*$/u.exec(current.text)?.[0] ?? '';
        const after = /^[\p{L}\p{N}-]*/u.exec(content)?.[0] ?? '';
        current.keptHyphens.push({ line: lineNumber - 1, word: before + after });
      }
      current.text = joinWrappedLines(current.text, content);
    }
  });
  close();
  return paragraphs;
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
  let result = text;
  for (const finding of [...findings].sort((a, b) => b.offset - a.offset)) {
    if (finding.replacement === null) continue;
    if (result[finding.offset] !== '\uFFFD') {
      throw new Error(`line ${finding.line}, column ${finding.column} is not a U+FFFD: the text changed after it was scanned`);
    }
    result = result.slice(0, finding.offset) + finding.replacement + result.slice(finding.offset + 1);
  }
  return result;
}
