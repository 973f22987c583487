/**
 * English-like and Persian-like prose for the benchmark corpus: grammatical enough
 * to read like a newspaper at a glance, varied enough (speech with curly quotes,
 * abbreviations, dashes, numbers, questions) that Markdown, smart punctuation and
 * quote matching meet the cases real articles bring.
 */
import type { Random } from './random.ts';
import {
  ABSTRACT_NOUNS,
  ADJECTIVES,
  CONNECTIVES,
  MANNER_ADVERBS,
  NOUNS,
  PERSIAN_VERBS,
  PERSIAN_WORDS,
  PLACE_PREPOSITIONS,
  PLACES,
  SPEECH_VERBS,
  TIME_NOUNS,
  TIME_PREPOSITIONS,
  VERBS_BASE,
  VERBS_INTRANSITIVE_PAST,
  VERBS_TRANSITIVE_PAST,
} from './words.ts';

/** Someone the prose can name: "Ms. Karimi". */
export interface Named {
  honorific: string;
  lastName: string;
}

export interface ProseContext {
  random: Random;
  /** People the text talks about and quotes; the first is its main subject. */
  cast: readonly Named[];
}

/** A paragraph as sentences; a sentence's words are separated by single spaces. */
export type Paragraph = string[];

const AP_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function titleCase(text: string): string {
  const small = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'for', 'to', 'at', 'by', 'near', 'with']);
  return text
    .split(' ')
    .map((word, index) => (index > 0 && small.has(word) ? word : capitalize(word)))
    .join(' ');
}

export function plural(noun: string): string {
  if (noun === 'crisis') return 'crises';
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

interface Subject {
  text: string;
  plural: boolean;
}

function person(context: ProseContext): Named {
  return context.random.pick(context.cast);
}

function nameOf(named: Named): string {
  return `${named.honorific} ${named.lastName}`;
}

function nounPhrase(context: ProseContext): string {
  const r = context.random;
  switch (r.int(0, 6)) {
    case 0:
      return `the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`;
    case 1:
      return `the ${r.pick(NOUNS)} of ${r.pick(PLACES)}`;
    case 2:
      return `${r.pick(PLACES)}’s ${r.pick(NOUNS)}`;
    case 3:
      return `the ${plural(r.pick(NOUNS))}`;
    case 4:
      return `${nameOf(person(context))}’s ${r.pick(NOUNS)}`;
    case 5:
      return `the U.S. ${r.pick(NOUNS)}`;
    default:
      return `their ${r.pick(ABSTRACT_NOUNS)}`;
  }
}

function subject(context: ProseContext, allowPronoun: boolean): Subject {
  const r = context.random;
  const choice = r.int(0, allowPronoun ? 7 : 5);
  switch (choice) {
    case 0:
      return { text: `the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`, plural: false };
    case 1:
      return { text: `the ${r.pick(NOUNS)} of ${r.pick(PLACES)}`, plural: false };
    case 2:
      return { text: `the ${plural(r.pick(NOUNS))}`, plural: true };
    case 3:
      return { text: `${r.pick(PLACES)}’s ${r.pick(NOUNS)}`, plural: false };
    case 4:
    case 5:
      return { text: nameOf(person(context)), plural: false };
    case 6:
      return { text: r.pick(['he', 'she', 'it']), plural: false };
    default:
      return { text: r.pick(['they', 'we']), plural: true };
  }
}

function adverbial(context: ProseContext): string {
  const r = context.random;
  switch (r.int(0, 5)) {
    case 0:
      return `${r.pick(PLACE_PREPOSITIONS)} ${r.pick(PLACES)}`;
    case 1:
      return `${r.pick(TIME_PREPOSITIONS)} ${r.pick(TIME_NOUNS)}`;
    case 2:
      return `on ${r.pick(AP_MONTHS)} ${r.int(1, 28)}`;
    case 3:
      return `in ${r.int(1948, 2025)}`;
    case 4:
      return r.pick(['last year', 'this week', 'that summer', 'for decades', 'at dawn', 'a week before the vote']);
    default:
      return `${r.pick(PLACE_PREPOSITIONS)} the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`;
  }
}

function verbPhrase(context: ProseContext, isPlural: boolean): string {
  const r = context.random;
  const be = isPlural ? 'were' : 'was';
  let phrase: string;
  switch (r.int(0, 7)) {
    case 0:
    case 1:
      phrase = `${r.pick(VERBS_TRANSITIVE_PAST)} ${nounPhrase(context)}`;
      break;
    case 2:
      phrase = `${r.pick(VERBS_INTRANSITIVE_PAST)} ${r.pick(MANNER_ADVERBS)}`;
      break;
    case 3:
      phrase = `${be} ${r.pick(['never', 'always', 'still', 'once', 'rarely'])} ${r.pick(ADJECTIVES)}`;
      break;
    case 4:
      phrase = `${r.pick(['would', 'could', 'must', 'will'])} ${r.pick(VERBS_BASE)} ${nounPhrase(context)}`;
      break;
    case 5:
      phrase = `${r.pick(['didn’t', 'couldn’t', 'won’t', 'wouldn’t'])} ${r.pick(VERBS_BASE)} ${nounPhrase(context)}`;
      break;
    case 6:
      phrase = `${r.pick(VERBS_TRANSITIVE_PAST)} the ${r.pick(NOUNS)} and ${r.pick(VERBS_TRANSITIVE_PAST)} ${nounPhrase(context)}`;
      break;
    default:
      phrase = `${be} ${r.pick(['part of', 'the heart of', 'a symbol of', 'no match for'])} ${nounPhrase(context)}`;
  }
  return r.chance(0.45) ? `${phrase} ${adverbial(context)}` : phrase;
}

function clause(context: ProseContext, allowPronoun = true): string {
  const who = subject(context, allowPronoun);
  return `${who.text} ${verbPhrase(context, who.plural)}`;
}

function sentenceOf(context: ProseContext, first: boolean): string {
  const r = context.random;
  const speaker = person(context);
  switch (r.int(0, 11)) {
    case 0:
    case 1:
      return `${capitalize(clause(context, !first))}.`;
    case 2:
      return `${capitalize(clause(context, !first))}, ${r.pick(['and', 'but', 'yet'])} ${clause(context)}.`;
    case 3:
      return first ? `${capitalize(clause(context, false))}.` : `${r.pick(CONNECTIVES)} ${clause(context)}.`;
    case 4:
      return `On ${r.pick(AP_MONTHS)} ${r.int(1, 28)}, ${clause(context, false)}.`;
    case 5:
      return `“${capitalize(clause(context))},” ${nameOf(speaker)} ${r.pick(SPEECH_VERBS)}.`;
    case 6:
      return `${nameOf(speaker)} ${r.pick(SPEECH_VERBS)}: “${capitalize(clause(context))}. ${capitalize(clause(context))}.”`;
    case 7: {
      const who = subject(context, false);
      return `${capitalize(who.text)} — ${nounPhrase(context)}, ${r.pick(['some say', 'by most accounts', 'as ever'])} — ${verbPhrase(context, who.plural)}.`;
    }
    case 8:
      return first
        ? `${capitalize(clause(context, false))}.`
        : r.pick([
            `Why ${r.pick(['did', 'would'])} ${nounPhrase(context)} ${r.pick(VERBS_BASE)} ${nounPhrase(context)}?`,
            `What about ${nounPhrase(context)}?`,
            `Is ${r.pick(ABSTRACT_NOUNS)} ${r.pick(['enough', 'a choice', 'still possible'])}?`,
          ]);
    case 9:
      return `${r.pick(['Nearly', 'About', 'More than', 'Fewer than'])} ${thousands(r.int(2, 9500))} ${plural(r.pick(NOUNS))} ${r.pick(VERBS_INTRANSITIVE_PAST)} ${adverbial(context)}.`;
    case 10:
      return `${capitalize(clause(context, false))} ${adverbial(context)}; ${clause(context)}.`;
    default:
      return `“I ${r.pick(['prefer', 'believe in', 'remember', 'will never accept'])} ${r.pick(ABSTRACT_NOUNS)},” ${nameOf(speaker)} ${r.pick(SPEECH_VERBS)}, “and I ${r.pick(['will', 'cannot', 'must'])} ${r.pick(VERBS_BASE)} ${nounPhrase(context)}.”`;
  }
}

/** A paragraph of about `targetWords` words (whole sentences, so a little more). */
export function englishParagraph(context: ProseContext, targetWords: number): Paragraph {
  const sentences: string[] = [];
  let words = 0;
  while (words < targetWords) {
    const sentence = sentenceOf(context, sentences.length === 0);
    sentences.push(sentence);
    words += sentence.split(' ').length;
  }
  return sentences;
}

export function englishHeadline(context: ProseContext): string {
  const r = context.random;
  const subject = context.cast[0];
  switch (r.int(0, 5)) {
    case 0:
      return titleCase(`the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} of ${r.pick(PLACES)}`);
    case 1:
      return titleCase(`${r.pick(PLACES)}’s ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`);
    case 2:
      return titleCase(`what ${r.pick(PLACES)} taught me about ${r.pick(ABSTRACT_NOUNS)}`);
    case 3:
      return titleCase(`the last ${r.pick(NOUNS)} in ${r.pick(PLACES)}`);
    case 4:
      return subject
        ? `${nameOf(subject)} Won’t Give Up on ${r.pick(PLACES)}`
        : titleCase(`a ${r.pick(NOUNS)} for ${r.pick(ABSTRACT_NOUNS)}`);
    default:
      return titleCase(`a ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} for ${r.pick(ABSTRACT_NOUNS)}`);
  }
}

/** One sentence, for a subtitle, a caption or a commentary. */
export function englishSentence(context: ProseContext): string {
  return sentenceOf(context, true);
}

function persianSentence(r: Random): string {
  const words: string[] = [];
  const length = r.int(5, 14);
  for (let i = 0; i < length; i++) {
    let word: string = r.pick(PERSIAN_WORDS);
    // The Arabic comma, now and then, after a word mid-sentence.
    if (i > 1 && i < length - 2 && r.chance(0.08)) word = `${word}،`;
    words.push(word);
  }
  if (r.chance(0.2)) {
    const at = r.int(1, words.length - 2);
    words[at] = `«${words[at]}`;
    words[at + 1] = `${words[at + 1]}»`;
  }
  words.push(`${r.pick(PERSIAN_VERBS)}${r.chance(0.1) ? '؟' : '.'}`);
  return words.join(' ');
}

export function persianParagraph(r: Random, targetWords: number): Paragraph {
  const sentences: string[] = [];
  let words = 0;
  while (words < targetWords) {
    const sentence = persianSentence(r);
    sentences.push(sentence);
    words += sentence.split(' ').length;
  }
  return sentences;
}

export function persianHeadline(r: Random): string {
  const words: string[] = [];
  for (let i = r.int(3, 6); i > 0; i--) words.push(r.pick(PERSIAN_WORDS));
  return words.join(' ');
}
