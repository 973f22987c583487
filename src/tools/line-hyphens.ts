/**
 * A hyphen at the end of a printed line is either the printer's (a word broken to fit:
 * "free-" / "dom" is "freedom") or the word's own ("self-" / "determination" stays
 * "self-determination"). The text cannot show which; the decision here is taken only on
 * evidence, in this order: the shape of the two parts, the text's own spelling elsewhere,
 * then a word list. Without evidence the hyphen stays as printed and the decision is
 * left to the curator (`undecided`).
 */

export type HyphenOutcome = 'removed' | 'kept' | 'undecided';

export interface HyphenDecision {
  /** The word as it is written into the draft. */
  word: string;
  outcome: HyphenOutcome;
  /** Why, in words the curator can check. */
  why: string;
}

/** Every word of a text with its count, lower case, possessive "’s" left out. */
export type TextWords = ReadonlyMap<string, number>;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

function baseForm(word: string): string {
  return word.toLowerCase().replace(/['’]s$/u, '');
}

/** The words of a text as it is spelled in it, for `decideLineEndHyphen`. */
export function textWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    // A word broken at this line's end is not a spelling the text uses.
    const whole = line.replace(/[\p{L}\p{N}]+-\s*$/u, '');
    for (const word of whole.match(WORD) ?? []) {
      const base = baseForm(word);
      counts.set(base, (counts.get(base) ?? 0) + 1);
    }
  }
  return counts;
}

export interface HyphenEvidence {
  /** The text's own words (see `textWords`). */
  text: TextWords;
  /** A list of English words in lower case; without it only the text's spelling decides. */
  words?: ReadonlySet<string> | undefined;
}

const quoted = (word: string): string => `“${word}”`;

/**
 * Decides the hyphen between `before` (the letters up to the line-end hyphen, without
 * it) and `after` (the letters the next line starts with).
 */
export function decideLineEndHyphen(before: string, after: string, evidence: HyphenEvidence): HyphenDecision {
  const hyphenated = `${before}-${after}`;
  const joined = before + after;
  if (after === '') return { word: hyphenated, outcome: 'undecided', why: 'the next line does not start with a word' };
  if (/^\p{N}/u.test(after)) return { word: hyphenated, outcome: 'kept', why: 'a number follows the hyphen' };
  if (before.includes('-')) return { word: hyphenated, outcome: 'kept', why: `${quoted(before)} is already a hyphenated compound` };
  if (/^\p{Lu}/u.test(after)) return { word: hyphenated, outcome: 'kept', why: 'the word after the hyphen starts with a capital' };

  const asJoined = evidence.text.get(baseForm(joined)) ?? 0;
  const asHyphenated = evidence.text.get(baseForm(hyphenated)) ?? 0;
  if (asJoined > asHyphenated) return { word: joined, outcome: 'removed', why: `the text writes ${quoted(baseForm(joined))} elsewhere` };
  if (asHyphenated > asJoined)
    return { word: hyphenated, outcome: 'kept', why: `the text writes ${quoted(baseForm(hyphenated))} elsewhere` };

  const list = evidence.words;
  if (!list) return { word: hyphenated, outcome: 'undecided', why: 'no word list was given' };
  const lowerJoined = baseForm(joined);
  if (list.has(lowerJoined)) return { word: joined, outcome: 'removed', why: `the word list has ${quoted(lowerJoined)}` };
  const parts = [before.toLowerCase(), baseForm(after)];
  // A capital starts a name, which the word list does not know: "Sand-" / "hurst" is one word.
  if (!/^\p{Lu}/u.test(before) && parts.every((part) => list.has(part))) {
    return {
      word: hyphenated,
      outcome: 'kept',
      why: `${parts.map(quoted).join(' and ')} are words, ${quoted(lowerJoined)} is not`,
    };
  }
  return {
    word: hyphenated,
    outcome: 'undecided',
    why: `neither ${quoted(lowerJoined)} nor ${quoted(baseForm(hyphenated))} is in the word list or elsewhere in the text`,
  };
}
