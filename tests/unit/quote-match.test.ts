import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  describeLookalikeDifference,
  matchQuote,
  normalizeForMatch,
  paragraphSpans,
  prepareArticle,
  searchWork,
  splitAtElisions,
  toParagraphSpans,
  type QuoteMatchResult,
} from '../../src/domain/quote-match.ts';
import { seededRandom } from '../support/random.ts';

// The source documents of the first content, copied into the repository.
const SEEDS_DIR = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const readSeed = (name: string): string => readFileSync(join(SEEDS_DIR, name), 'utf8');

/** The article of seed 001 (copied from a PDF) as plain paragraphs. */
function seedArticleParagraphs(): string[] {
  const lines = readSeed('001_fd795551776f3598.txt').split('\n');
  const firstLine = lines.findIndex((line) => line.startsWith('Ahmad Massoud is in a remote base'));
  const blocks: string[][] = [[]];
  for (const line of lines.slice(firstLine)) {
    if (line.trim() === '') blocks.push([]);
    else blocks[blocks.length - 1]?.push(line.trimStart());
  }
  return blocks
    .map((block) => block.filter((line) => line !== 'Ahmad Massoud in Panjshir province, September 2020.'))
    .filter((block) => block.length > 0 && !block[0]?.startsWith('Mr. Lévy is author of'))
    .map((block) =>
      block.reduce((text, line) => (text === '' || text.endsWith('—') || line.startsWith('—') ? text + line : `${text} ${line}`), ''),
    );
}

/** The two quotes of seed 000, exactly as written there, without their outer quote marks. */
function seedQuotes(): { pulled: string; commentary: string } {
  const lines = readSeed('000_70825e9b99ccf998.txt').split('\n');
  const pulledLine = lines[3] ?? '';
  const commentaryLine = lines[5] ?? '';
  return {
    pulled: pulledLine.slice(1, -1),
    commentary: commentaryLine.slice(commentaryLine.indexOf('“') + 1, commentaryLine.lastIndexOf('”')),
  };
}

function expectFound(result: QuoteMatchResult): Extract<QuoteMatchResult, { found: true }> {
  if (!result.found) throw new Error(`expected a match, got ${JSON.stringify(result)}`);
  return result;
}

function expectNotFound(result: QuoteMatchResult): Extract<QuoteMatchResult, { found: false }> {
  if (result.found) throw new Error(`expected no match, got ${JSON.stringify(result)}`);
  return result;
}

function spanTexts(paragraphs: readonly string[], result: QuoteMatchResult): string[] {
  const text = paragraphs.join('\n\n');
  return expectFound(result).spans.map((span) => text.slice(span.start, span.end));
}

const paragraphs = seedArticleParagraphs();
const article = prepareArticle(paragraphs);

describe('the seed article, built as the build would', () => {
  it('has the paragraphs we expect', () => {
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs[0]).toMatch(/^Ahmad Massoud is in a remote base/);
    expect(paragraphs[2]).toMatch(/^I visited Mr\. Massoud in Panjshir/);
    expect(paragraphs[4]).toMatch(/^Mr\. Massoud may seem an unlikely warrior\./);
    expect(paragraphs[10]).toMatch(/barbarism—not only for the Afghan people/);
    expect(paragraphs.join('\n')).not.toContain('September 2020.');
  });
});

describe('matchQuote on the seed quotes', () => {
  it('finds the pulled quote, with its no-break-space elision, re-capitalised, across the elided gap', () => {
    const { pulled } = seedQuotes();
    expect(pulled.startsWith('What makes')).toBe(true);
    expect(pulled).toContain('resistance. .\u00a0.\u00a0. You must');
    const result = matchQuote(pulled, article);
    expect(expectFound(result).paragraphIndex).toBe(4);
    expect(spanTexts(paragraphs, result)).toEqual([
      'what makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance',
      'You must believe with all your heart in your mission. And for me that mission is irrevocable, whatever the price.',
    ]);
  });

  it('finds the commentary quote although the article puts a comma before its elision', () => {
    const { commentary } = seedQuotes();
    expect(commentary).toContain('But, once again .\u00a0.\u00a0. I will');
    const result = matchQuote(commentary, article);
    expect(expectFound(result).paragraphIndex).toBe(6);
    expect(spanTexts(paragraphs, result)).toEqual([
      'I prefer peace over war, and if the Taliban were willing to solve Afghanistan’s underlying problems and ' +
        'create a just system that guarantees the rights and freedoms of all citizens, then I would accept those ' +
        'terms and we would live in a peaceful Afghanistan. But, once again',
      'I will never accept an imposed peace for the sake of stability. Freedom and rights are much more important ' +
        'for us than being in a prison with stability.',
    ]);
  });

  it('gives the same answer for the paragraphs and for the prepared article', () => {
    const { pulled, commentary } = seedQuotes();
    expect(matchQuote(pulled, paragraphs)).toEqual(matchQuote(pulled, article));
    expect(matchQuote(commentary, paragraphs)).toEqual(matchQuote(commentary, article));
  });
});

describe('matchQuote: what counts as the same text', () => {
  it('matches an exact quote with one span', () => {
    const result = matchQuote('His voice was clear and resonant but choppy.', article);
    expect(expectFound(result).paragraphIndex).toBe(2);
    expect(spanTexts(paragraphs, result)).toEqual(['His voice was clear and resonant but choppy.']);
  });

  it('matches an elided quote with one span per segment, leaving the gap out', () => {
    const result = matchQuote('I learned . . . at King’s College London', article);
    expect(spanTexts(paragraphs, result)).toEqual(['I learned', 'at King’s College London']);
    const [first, second] = expectFound(result).spans;
    expect(first && second && second.start > first.end).toBe(true);
  });

  it('accepts every way of writing an elision, including none of the elided text', () => {
    for (const elision of ['...', '…', '. . .', '.\u00a0.\u00a0.', '.\u202f.\u202f.']) {
      const quote = `Here in Panjshir, ${elision} just beginning.`;
      expect(spanTexts(paragraphs, matchQuote(quote, article))).toEqual(['Here in Panjshir', 'just beginning.']);
    }
    // The gap may be empty: the article has "war, and if".
    expect(spanTexts(paragraphs, matchQuote('I prefer peace over war … and if the Taliban', article))).toEqual([
      'I prefer peace over war',
      'and if the Taliban',
    ]);
  });

  it('ignores punctuation and white space touching an elision, on both sides', () => {
    const result = matchQuote('But, once again . . . I will never accept', article);
    expect(spanTexts(paragraphs, result)).toEqual(['But, once again', 'I will never accept']);
    const fourDots = matchQuote('the spirit of resistance. . . . You must believe', article);
    expect(spanTexts(paragraphs, fourDots)).toEqual(['the spirit of resistance', 'You must believe']);
    const fullStopThenElision = matchQuote('Only we remain standing. . . . I visited Mr. Massoud', [
      'Only we remain standing. And we will never yield. I visited Mr. Massoud in Panjshir.',
    ]);
    expect(
      spanTexts(['Only we remain standing. And we will never yield. I visited Mr. Massoud in Panjshir.'], fullStopThenElision),
    ).toEqual(['Only we remain standing', 'I visited Mr. Massoud']);
  });

  it('lets the first letter change case, and only the first letter', () => {
    expect(spanTexts(paragraphs, matchQuote('What makes a people strong', article))).toEqual(['what makes a people strong']);
    expect(spanTexts(paragraphs, matchQuote('instilled in me the habit', article))).toEqual(['instilled in me the habit']);
    expect(spanTexts(paragraphs, matchQuote('Instilled in me the habit', article))).toEqual(['instilled in me the habit']);
    expect(matchQuote('What Makes a people strong', article).found).toBe(false);
    expect(matchQuote('what makes a People strong', article).found).toBe(false);
  });

  it('treats straight and curly quote marks and apostrophes as the same', () => {
    expect(spanTexts(paragraphs, matchQuote(`"That's propaganda," he says.`, article))).toEqual(['“That’s propaganda,” he says.']);
    expect(spanTexts(paragraphs, matchQuote('he told the British people: "I have nothing to offer', article))).toEqual([
      'he told the British people: ‘I have nothing to offer',
    ]);
    expect(spanTexts(paragraphs, matchQuote('Mr. Massoud‘s words', article))).toEqual(['Mr. Massoud’s words']);
  });

  it('treats dash variants as the same, with or without spaces around them', () => {
    expect(spanTexts(paragraphs, matchQuote('officers of the ANSF" – the Afghan National Security Forces', article))).toEqual([
      'officers of the ANSF”—the Afghan National Security Forces',
    ]);
    expect(spanTexts(paragraphs, matchQuote('Neither the pre–2001 Taliban', article))).toEqual(['Neither the pre-2001 Taliban']);
    expect(spanTexts(paragraphs, matchQuote('a shield against barbarism \u2014 not only for the Afghan people', article))).toEqual([
      'a shield against barbarism—not only for the Afghan people',
    ]);
  });

  it('treats every run of white space, no-break spaces and newlines included, as one space', () => {
    const quote = 'His\u00a0voice  was clear\nand\u202fresonant \t but choppy.';
    expect(spanTexts(paragraphs, matchQuote(quote, article))).toEqual(['His voice was clear and resonant but choppy.']);
    const wrapped = ['The Afghan  who\u00a0won’t\n surrender.'];
    expect(spanTexts(wrapped, matchQuote('The Afghan who won’t surrender.', wrapped))).toEqual(['The Afghan  who\u00a0won’t\n surrender.']);
  });

  it('matches words only on word boundaries', () => {
    expect(matchQuote('may seem an unlikely war', article).found).toBe(false);
    expect(matchQuote('eem an unlikely warrior', article).found).toBe(false);
    expect(spanTexts(paragraphs, matchQuote('Mr. Massoud’s fate', article))).toEqual(['Mr. Massoud’s fate']);
  });

  it('takes the first of several places the quote matches', () => {
    const result = expectFound(matchQuote('Mr. Massoud', article));
    expect(result.paragraphIndex).toBe(1);
    expect(result.spans[0]?.start).toBe(article.text.indexOf('Mr. Massoud'));
  });

  it('keeps a broken character of the article as it is', () => {
    const broken = ['Can he and his \ufffdighters hold out?'];
    expect(spanTexts(broken, matchQuote('his \ufffdighters hold out?', broken))).toEqual(['his \ufffdighters hold out?']);
    expect(matchQuote('his fighters hold out?', broken).found).toBe(false);
  });
});

describe('matchQuote: misquotes fail and say where', () => {
  it('reports one changed word', () => {
    const result = expectNotFound(matchQuote('What makes a people strong, above or beyond any imbalance of forces', article));
    expect(result).toEqual({
      found: false,
      matchedPart: 'What makes a people strong, above',
      quoteContinues: 'or beyond any imbalance of forces',
      articleContinues: 'and beyond any imbalance of forces,',
    });
  });

  it('reports reordered words', () => {
    const result = expectNotFound(matchQuote('I love this world and three things in it', article));
    expect(result.matchedPart).toBe('I love');
    expect(result.quoteContinues).toBe('this world and three things in');
    expect(result.articleContinues).toBe('three things in this world,” he');
  });

  it('reports a sentence from another article', () => {
    expect(matchQuote('Ask not what your country can do for you', article)).toEqual({
      found: false,
      matchedPart: '',
      quoteContinues: 'Ask not what your country can',
      articleContinues: '',
    });
    const partly = expectNotFound(matchQuote('I have a dream that one day this nation will rise up', article));
    expect(partly.matchedPart).toBe('I have');
    expect(partly.quoteContinues).toBe('a dream that one day this');
    expect(partly.articleContinues).toBe('nothing to offer but blood, toil,');
  });

  it('rejects elided segments that the article has only in the reverse order', () => {
    const result = expectNotFound(matchQuote('You must believe with all your heart . . . what makes a people strong', article));
    expect(result.matchedPart).toBe('You must believe with all your heart');
    expect(result.quoteContinues).toBe('. . . what makes a people strong');
    expect(result.articleContinues).toBe('in your mission. And for me');
  });

  it('rejects elided segments that lie in two different paragraphs', () => {
    const result = expectNotFound(
      matchQuote('Surrender is not in my dictionary. . . . Mr. Massoud may seem an unlikely warrior.', article),
    );
    expect(result.matchedPart).toBe('Surrender is not in my dictionary');
    expect(result.quoteContinues).toBe('. . . . Mr. Massoud may seem an');
    // The article's paragraph ends there (only its closing quotation mark is left): the message shows how the next one begins.
    expect(result.paragraphBreak).toBe('article');
    expect(result.articleContinues).toBe('Mr. Massoud may seem an unlikely');
    // Without a blank line a quote cannot run over a paragraph break either.
    expect(matchQuote('not in my dictionary.” Mr. Massoud may seem', article)).toMatchObject({ found: false, paragraphBreak: 'article' });
    expect(matchQuote('not in my dictionary.”\n\nMr. Massoud may seem', article).found).toBe(true);
  });

  it('says nothing matched for an empty quote', () => {
    expect(matchQuote(' . . . ', article)).toEqual({
      found: false,
      matchedPart: '',
      quoteContinues: '. . .',
      articleContinues: '',
    });
  });
});

describe('matchQuote: a quote that runs over a paragraph break', () => {
  // A newspaper opens each paragraph of a quotation that runs on with a quotation mark, and closes only the last.
  const interview = [
    'He answered at length. “We will not leave the valley. Our families are here,',
    '“and our dead are here. Whoever comes will find us waiting.”',
    'The Taliban said nothing.',
    'He walked away.',
  ];
  const prepared = prepareArticle(interview);

  function partsOf(quote: string): { paragraphIndex: number; texts: string[] }[] {
    const result = expectFound(matchQuote(quote, prepared));
    return paragraphSpans(prepared, result.spans).map((group) => ({
      paragraphIndex: group.paragraphIndex,
      texts: group.spans.map((span) => interview[group.paragraphIndex]?.slice(span.start, span.end) ?? ''),
    }));
  }

  it('finds the quote’s paragraphs in consecutive paragraphs, one span each, the quotation marks around the break left out', () => {
    expect(partsOf('We will not leave the valley. Our families are here,\n\nand our dead are here.')).toEqual([
      { paragraphIndex: 0, texts: ['We will not leave the valley. Our families are here,'] },
      { paragraphIndex: 1, texts: ['and our dead are here.'] },
    ]);
    // The same with the blank line written with spaces on it, and CRLF line ends.
    expect(partsOf('Our families are here,\r\n   \r\nand our dead')).toEqual([
      { paragraphIndex: 0, texts: ['Our families are here,'] },
      { paragraphIndex: 1, texts: ['and our dead'] },
    ]);
    // A quote may run over several breaks.
    expect(partsOf('Our families are here,\n\nand our dead are here. Whoever comes will find us waiting.\n\nThe Taliban said')).toEqual([
      { paragraphIndex: 0, texts: ['Our families are here,'] },
      { paragraphIndex: 1, texts: ['and our dead are here. Whoever comes will find us waiting.'] },
      { paragraphIndex: 2, texts: ['The Taliban said'] },
    ]);
    expect(matchQuote('Our families are here,\n\nand our dead are here.', interview)).toEqual(
      matchQuote('Our families are here,\n\nand our dead are here.', prepared),
    );
  });

  it('keeps elisions working within each paragraph, and lets one leave out the rest of a paragraph at the break', () => {
    expect(partsOf('We will not leave . . . are here,\n\nand our dead . . . find us waiting.')).toEqual([
      { paragraphIndex: 0, texts: ['We will not leave', 'are here,'] },
      { paragraphIndex: 1, texts: ['and our dead', 'find us waiting.'] },
    ]);
    expect(partsOf('We will not leave the valley. . . .\n\n. . . Whoever comes will find us waiting.')).toEqual([
      { paragraphIndex: 0, texts: ['We will not leave the valley'] },
      { paragraphIndex: 1, texts: ['Whoever comes will find us waiting.'] },
    ]);
    // A paragraph of only an elision leaves out a whole paragraph.
    expect(partsOf('and our dead are here. Whoever comes will find us waiting.\n\n. . .\n\nHe walked away.')).toEqual([
      { paragraphIndex: 1, texts: ['and our dead are here. Whoever comes will find us waiting.'] },
      { paragraphIndex: 3, texts: ['He walked away.'] },
    ]);
  });

  it('treats a single line break as a space, as Markdown does: it marks no paragraph break', () => {
    expect(partsOf('We will not leave\nthe valley.')).toEqual([{ paragraphIndex: 0, texts: ['We will not leave the valley.'] }]);
    expect(matchQuote('Our families are here,\nand our dead', prepared)).toMatchObject({ found: false, paragraphBreak: 'article' });
  });

  it('holds each side of the break to its paragraph’s edge: no words may be skipped there without an elision', () => {
    // The article's paragraph goes on after "leave".
    expect(matchQuote('We will not leave\n\nand our dead', prepared)).toEqual({
      found: false,
      matchedPart: 'We will not leave',
      quoteContinues: 'and our dead',
      articleContinues: 'the valley. Our families are here,',
      paragraphBreak: 'quote',
    });
    // Also when the quote's first paragraph is one word.
    expect(matchQuote('Whoever\n\nThe Taliban', prepared)).toEqual({
      found: false,
      matchedPart: 'Whoever',
      quoteContinues: 'The Taliban',
      articleContinues: 'comes will find us waiting.”',
      paragraphBreak: 'quote',
    });
    // The quote's second paragraph is not how the article's next one begins.
    expect(matchQuote('Our families are here,\n\nour dead are here.', prepared)).toEqual({
      found: false,
      matchedPart: 'Our families are here,',
      quoteContinues: 'our dead are here.',
      articleContinues: '“and our dead are here. Whoever',
    });
    // Two paragraphs that are not consecutive.
    expect(matchQuote('Our families are here,\n\nThe Taliban said nothing.', prepared).found).toBe(false);
    // A break after the article's last paragraph.
    expect(matchQuote('He walked away.\n\nThe end.', prepared).found).toBe(false);
  });

  it('says that the article’s paragraph ends where a quote runs on without a blank line', () => {
    expect(matchQuote('Our families are here, and our dead are here.', prepared)).toEqual({
      found: false,
      matchedPart: 'Our families are here,',
      quoteContinues: 'and our dead are here.',
      articleContinues: '“and our dead are here. Whoever',
      paragraphBreak: 'article',
    });
    // Not at the article's last paragraph: there is no next one.
    expect(matchQuote('He walked away. Then he ran.', prepared)).not.toHaveProperty('paragraphBreak');
  });

  it('finds random passages over two paragraphs of the seed article, written with a blank line', () => {
    const random = seededRandom(18610304);
    for (let n = 0; n < 200; n++) {
      const index = Math.floor(random() * (paragraphs.length - 1));
      const firstWords = (paragraphs[index] ?? '').split(' ');
      const nextWords = (paragraphs[index + 1] ?? '').split(' ');
      const tail = firstWords.slice(1 + Math.floor(random() * (firstWords.length - 1))).join(' ');
      const head = nextWords.slice(0, 1 + Math.floor(random() * nextWords.length)).join(' ');
      // An elision at the quote's outer edge is not part of its match.
      if (/^(?:\.(?:\s*\.){2,}|…)/.test(tail) || /(?:\.(?:\s*\.){2,}|…)$/.test(head)) continue;
      const result = expectFound(matchQuote(`${tail}\n\n${head}`, article));
      const groups = paragraphSpans(article, result.spans);
      expect(groups.map((group) => group.paragraphIndex)).toEqual([index, index + 1]);
      const lastGroup = groups[1]?.spans ?? [];
      expect((paragraphs[index] ?? '').slice(groups[0]?.spans[0]?.start)).toBe(tail);
      expect((paragraphs[index + 1] ?? '').slice(0, lastGroup[lastGroup.length - 1]?.end)).toBe(head);
    }
  });
});

describe('helpers', () => {
  it('splitAtElisions drops the elisions and the punctuation touching them', () => {
    expect(splitAtElisions('once again, . . . I will')).toEqual(['once again', 'I will']);
    expect(splitAtElisions('resistance. .\u00a0.\u00a0. You must')).toEqual(['resistance', 'You must']);
    expect(splitAtElisions('… and then... “it ended.”')).toEqual(['and then', 'it ended.”']);
    expect(splitAtElisions(' A whole sentence. ')).toEqual(['A whole sentence.']);
    expect(splitAtElisions('One paragraph.\n\n“And the next . . . goes on')).toEqual(['One paragraph.', '“And the next', 'goes on']);
  });

  it('normalizeForMatch keeps the original offsets of every character', () => {
    const source = 'It’s  a\u00a0test — “really”';
    const normalized = normalizeForMatch(source);
    expect(normalized.text).toBe("It's a test-'really'");
    expect([...normalized.starts]).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 13, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(source.charAt(normalized.starts[normalized.text.indexOf('-')] ?? -1)).toBe('—');
    expect(normalizeForMatch('a\u00ad-\u200bb', 10).starts).toEqual(Int32Array.from([10, 12, 14]));
  });

  it('normalizeForMatch agrees with the plain statement of its rules on random strings', () => {
    const alphabet = ['a', 'b', 'é', '.', ',', ' ', ' ', '\u00a0', '\n', '-', '—', '"', '“', "'", '’', '\u00ad', '\u200b'];
    const isSpace = (ch: string): boolean => /\s/.test(ch);
    const fold = (ch: string): string => ('"“\'’'.includes(ch) ? "'" : '-—'.includes(ch) ? '-' : ch);
    const random = seededRandom(42);
    for (let n = 0; n < 3000; n++) {
      const chars = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)] ?? '');
      const expected: string[] = [];
      const expectedStarts: number[] = [];
      let spaceStart = -1;
      chars.forEach((ch, i) => {
        if (ch === '\u00ad' || ch === '\u200b') return;
        if (isSpace(ch)) {
          if (spaceStart < 0) spaceStart = i;
          return;
        }
        const previous = expected[expected.length - 1];
        if (spaceStart >= 0 && previous !== undefined && previous !== '-' && fold(ch) !== '-') {
          expected.push(' ');
          expectedStarts.push(100 + spaceStart);
        }
        spaceStart = -1;
        expected.push(fold(ch));
        expectedStarts.push(100 + i);
      });
      const normalized = normalizeForMatch(chars.join(''), 100);
      expect(normalized.text, JSON.stringify(chars.join(''))).toBe(expected.join(''));
      expect([...normalized.starts], JSON.stringify(chars.join(''))).toEqual(expectedStarts);
    }
  });

  it('toParagraphSpans turns joined-text offsets into paragraph offsets', () => {
    const { pulled } = seedQuotes();
    const result = expectFound(matchQuote(pulled, article));
    const paragraph = paragraphs[result.paragraphIndex] ?? '';
    const local = toParagraphSpans(paragraphs, result.paragraphIndex, result.spans);
    expect(local).toEqual(toParagraphSpans(article, result.paragraphIndex, result.spans));
    expect(local.map((span) => paragraph.slice(span.start, span.end))).toEqual(spanTexts(paragraphs, result));
  });
});

const ARTICLE_ELISION = /\.\s*\.\s*\.|…/;
const AT_ELISION_EDGE_START = /^[\s\p{P}]+/u;
const AT_ELISION_EDGE_END = /[\s\p{P}]+$/u;

function withFirstLetterLowered(text: string): string {
  return text.replace(/\p{L}/u, (letter) => letter.toLowerCase());
}

describe('matchQuote on random passages of the seed article', () => {
  it('finds ~300 random word-aligned passages with 0–2 elisions, and reads back the kept pieces', () => {
    const random = seededRandom(20210823);
    const pick = (below: number): number => Math.floor(random() * below);
    let checked = 0;
    for (let attempt = 0; checked < 300 && attempt < 5000; attempt++) {
      const paragraphIndex = pick(paragraphs.length);
      const paragraph = paragraphs[paragraphIndex] ?? '';
      const words = [...paragraph.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      const first = pick(words.length);
      const count = 1 + pick(Math.min(40, words.length - first));
      const elisions = pick(3);
      if (count - 1 < 2 * elisions) continue;
      const chosen = words.slice(first, first + count);
      // Cuts between words, strictly inside the passage: kept, elided, kept, … each at least one word.
      const cuts = new Set<number>();
      while (cuts.size < 2 * elisions) cuts.add(1 + pick(count - 1));
      const bounds = [0, ...[...cuts].sort((a, b) => a - b), count];
      const kept: string[] = [];
      for (let k = 0; k + 1 < bounds.length; k += 2) {
        const from = chosen[bounds[k] ?? 0];
        const to = chosen[(bounds[k + 1] ?? 0) - 1];
        if (from && to) kept.push(paragraph.slice(from.start, to.end));
      }
      // The article's own elisions would be read as the quote's; draw again.
      if (kept.some((piece) => ARTICLE_ELISION.test(piece))) continue;
      const expected = kept.map((piece, k) => {
        let text = piece;
        if (k > 0) text = text.replace(AT_ELISION_EDGE_START, '');
        if (k < kept.length - 1) text = text.replace(AT_ELISION_EDGE_END, '');
        return text;
      });
      if (expected.some((piece) => piece === '')) continue;

      const quote = kept.join(' . . . ');
      const result = matchQuote(quote, article);
      if (!result.found) throw new Error(`no match for ${JSON.stringify(quote)}: ${JSON.stringify(result)}`);
      const texts = result.spans.map((span) => article.text.slice(span.start, span.end));
      expect(texts.length, quote).toBe(expected.length);
      expect(withFirstLetterLowered(texts[0] ?? ''), quote).toBe(withFirstLetterLowered(expected[0] ?? ''));
      expect(texts.slice(1), quote).toEqual(expected.slice(1));
      // The first match wins: never later than where the passage was taken from.
      const takenFrom = article.paragraphStarts[paragraphIndex] ?? 0;
      expect(result.spans[0]?.start ?? Infinity, quote).toBeLessThanOrEqual(takenFrom + (chosen[0]?.start ?? 0));
      checked++;
    }
    expect(checked).toBe(300);
  });
});

describe('matchQuote: canonically equivalent text (NFC)', () => {
  const NFD_E_ACUTE = 'e\u0301';
  const NFC_E_ACUTE = '\u00e9';

  it('finds a quote written in NFD in an article written in NFC, and the other way round', () => {
    const nfcArticle = [`Il dit : le caf${NFC_E_ACUTE} est noir.`];
    expect(spanTexts(nfcArticle, matchQuote(`le caf${NFD_E_ACUTE} est noir`, nfcArticle))).toEqual([`le caf${NFC_E_ACUTE} est noir`]);
    const nfdArticle = [`Il dit : le caf${NFD_E_ACUTE} est noir.`];
    expect(spanTexts(nfdArticle, matchQuote(`le caf${NFC_E_ACUTE} est noir`, nfdArticle))).toEqual([`le caf${NFD_E_ACUTE} est noir`]);
  });

  it('ends a span after the accents of its last letter, and starts it before those of its first', () => {
    const article = [`Un caf${NFD_E_ACUTE}\u0323, noir. ${'E\u0301'}t${NFD_E_ACUTE} chaud.`];
    expect(spanTexts(article, matchQuote(`un caf\u1EB9\u0301`, article))).toEqual([`Un caf${NFD_E_ACUTE}\u0323`]);
    expect(spanTexts(article, matchQuote(`\u00c9t\u00e9 chaud.`, article))).toEqual([`E\u0301t${NFD_E_ACUTE} chaud.`]);
    // The mark is part of the letter: "cafe" is not a word of "café".
    expect(matchQuote('un cafe', article).found).toBe(false);
  });

  it('maps spans back across characters that NFC lengthens or shortens, in later paragraphs too', () => {
    // U+FB2C is three code units in NFC, U+212B (Ångström sign) becomes U+00C5, and NFD doubles é.
    const paragraphs = [`\uFB2C \u212Bngstr\u00f6m caf${NFD_E_ACUTE}`, `Then the caf${NFD_E_ACUTE} closed.`];
    const result = expectFound(matchQuote(`the caf${NFC_E_ACUTE} closed.`, paragraphs));
    expect(result.paragraphIndex).toBe(1);
    expect(spanTexts(paragraphs, result)).toEqual([`the caf${NFD_E_ACUTE} closed.`]);
    const local = toParagraphSpans(paragraphs, 1, result.spans);
    expect(local.map((span) => paragraphs[1]?.slice(span.start, span.end))).toEqual([`the caf${NFD_E_ACUTE} closed.`]);
    expect(spanTexts(paragraphs, matchQuote('\u05e9\u05bc\u05c1 \u00c5ngstr\u00f6m', paragraphs))).toEqual(['\uFB2C \u212Bngstr\u00f6m']);
  });

  it('records where characters end only when NFC changed the text', () => {
    expect(normalizeForMatch(`caf${NFC_E_ACUTE}`).ends).toBeUndefined();
    const changed = normalizeForMatch(`caf${NFD_E_ACUTE} x`, 10);
    expect(changed.text).toBe(`caf${NFC_E_ACUTE} x`);
    expect([...changed.starts]).toEqual([10, 11, 12, 13, 15, 16]);
    expect([...(changed.ends ?? [])]).toEqual([11, 12, 13, 15, 16, 17]);
  });

  it('finds random passages whichever form each side has, and reads back the article’s own form', () => {
    const random = seededRandom(15);
    const letters = ['a', 'n', 't', 'é', 'ñ', 'ü', 'ệ', 'Å', '한', '글', 'ǖ', 'ṩ', '—', '’'];
    const form = (text: string): string => (random() < 0.5 ? text.normalize('NFD') : text.normalize('NFC'));
    for (let n = 0; n < 300; n++) {
      // Numbered words: the passage is in the article once.
      const words = Array.from(
        { length: 30 },
        (_, k) =>
          `${Array.from({ length: 1 + Math.floor(random() * 6) }, () => letters[Math.floor(random() * letters.length)] ?? '').join('')}${k}`,
      );
      const written = words.map(form);
      const paragraphs = [written.slice(0, 15).join(' '), written.slice(15).join(' ')];
      const count = 1 + Math.floor(random() * 5);
      // Within one paragraph: words 0–14 or 15–29.
      const first = (random() < 0.5 ? 0 : 15) + Math.floor(random() * (16 - count));
      const quote = words
        .slice(first, first + count)
        .map(form)
        .join(' ');
      const result = expectFound(matchQuote(quote, paragraphs));
      const inArticle = written.slice(first, first + count);
      expect(result.paragraphIndex, quote).toBe(first < 15 ? 0 : 1);
      expect(spanTexts(paragraphs, result), quote).toEqual([inArticle.join(' ')]);
    }
  });

  it('brings a text to NFC stretch by stretch exactly as NFC of the whole, for every code point', () => {
    // A stretch starts at any code point NFC never attaches to the character before it;
    // when a Unicode version adds one that it does, this names it (see JOINS_PREVIOUS).
    const wrong: string[] = [];
    for (let point = 0x300; point <= 0x10ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const character = String.fromCodePoint(point);
      const decomposed = character.normalize('NFD');
      // A composition (every canonical decomposition recomposed) and a reordering after U+0345 (the highest class).
      const samples = decomposed === character ? [`a\u0345${character}`] : [decomposed, `a\u0345${decomposed}\u0301`];
      for (const sample of samples) {
        const whole = sample.normalize('NFC');
        if (whole !== sample && normalizeForMatch(sample).text !== normalizeForMatch(whole).text) {
          wrong.push(`U+${point.toString(16).toUpperCase()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('describeLookalikeDifference', () => {
  it('shows the code points of the part that differs, on each side', () => {
    expect(describeLookalikeDifference('le cafe\u0301 noir', 'le caf\u00e9 noir')).toBe(
      '“e\u0301” (U+0065 U+0301) where the article has “\u00e9” (U+00E9)',
    );
    expect(describeLookalikeDifference('p\u0430rty', 'party')).toBe('“а” (U+0430) where the article has “a” (U+0061)');
    expect(describeLookalikeDifference('😀 yes', '😁 yes')).toBe('“😀” (U+1F600) where the article has “😁” (U+1F601)');
  });

  it('widens the part to whole letters with their accents', () => {
    expect(describeLookalikeDifference('\u00e9e', '\u00e9e\u0301')).toBe('“e” (U+0065) where the article has “e\u0301” (U+0065 U+0301)');
    expect(describeLookalikeDifference('xe\u0301\u0323', 'xe\u0323\u0301')).toBe(
      '“e\u0301\u0323” (U+0065 U+0301 U+0323) where the article has “e\u0323\u0301” (U+0065 U+0323 U+0301)',
    );
  });

  it('says “nothing” for a side with nothing there, and nothing at all for the same string', () => {
    expect(describeLookalikeDifference('no\u200bbody', 'nobody')).toBe('“\u200b” (U+200B) where the article has “” (nothing)');
    expect(describeLookalikeDifference('the war', 'the war')).toBeUndefined();
  });
});

describe('matchQuote: the work grows linearly with the article, whatever it repeats', () => {
  // [quote, paragraphs] for an article of about n characters and a quote of m.
  const ADVERSARIAL: Record<string, (n: number, m: number) => [string, string[]]> = {
    'one long word, the quote everywhere but never on word boundaries': (n, m) => ['a'.repeat(m), ['a'.repeat(n)]],
    'the quote’s first m-1 characters everywhere, its last nowhere': (n, m) => [`${'a'.repeat(m - 1)}b`, ['a'.repeat(n)]],
    'the quote’s last m-1 characters everywhere, its first nowhere': (n, m) => [`b${'a'.repeat(m - 1)}`, ['a'.repeat(n)]],
    'repeated words, the quote’s last word different': (n, m) => [`${'ab '.repeat(m / 3 - 1)}ac`, ['ab '.repeat(n / 3)]],
    'repeated words, the quote’s first word different': (n, m) => [`ac ${'ab '.repeat(m / 3 - 1)}ab`, ['ab '.repeat(n / 3)]],
    'an elided quote in one long word': (n, m) => [`${'a'.repeat(m / 2)} … ${'a'.repeat(m / 2 - 3)}`, ['a'.repeat(n)]],
    'many paragraphs, each ending with the quote’s first paragraph, none beginning with its second': (n, m) => [
      `${'a '.repeat(m / 4)}a\n\nb`,
      Array.from({ length: Math.round(n / (m / 2 + 2)) }, () => `${'a '.repeat(m / 4)}a`),
    ],
    'many paragraphs, each ending with the quote’s first paragraph and beginning with its second but the last word': (n, m) => [
      `${'a '.repeat(m / 4)}b\n\n${'a '.repeat(m / 4)}c`,
      Array.from({ length: Math.round(n / (m + 4)) }, () => `${'a '.repeat(m / 4)}d ${'a '.repeat(m / 4)}b`),
    ],
    'many paragraphs, each with the first segment but not the second': (n, m) => [
      `${'a'.repeat(m / 2)} … b`,
      Array.from({ length: Math.round(n / (m / 2 + 2)) }, () => `${'a'.repeat(m / 2)} c`),
    ],
  };

  function workOf(quote: string, paragraphs: readonly string[]): number {
    const article = prepareArticle(paragraphs);
    const before = searchWork();
    matchQuote(quote, article);
    return searchWork() - before;
  }

  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    it(name, () => {
      const n = 240_000;
      const m = 2_400;
      const base = workOf(...make(n, m));
      const twiceTheArticle = workOf(...make(2 * n, m));
      const twiceTheQuote = workOf(...make(n, 2 * m));
      const words = make(n, m)[0].split(' ').length;
      // The counter counts: no match is decided without reading the article once.
      expect(base).toBeGreaterThanOrEqual(n);
      // Finding is one read of the article per segment; explaining a misquote, one per step of a binary search over its words.
      expect(base).toBeLessThanOrEqual(4 * (n + m) * (Math.log2(words + 1) + 2));
      expect(twiceTheArticle / base).toBeLessThan(2.2);
      // A search comparing the quote to its end at every place it nearly occurs would double its work here.
      expect(twiceTheQuote / base).toBeLessThan(1.3);
    });
  }

  it('compares a 10,000-character quote to a 2 MB paragraph in a few reads of the paragraph', () => {
    const n = 2_000_000;
    const work = workOf('a'.repeat(10_000), ['a'.repeat(n)]);
    // Comparing the quote at every place it nearly occurs would take n × 10,000 comparisons (15 s).
    expect(work).toBeLessThanOrEqual(3 * n);
    expect(matchQuote('a'.repeat(10_000), ['a'.repeat(n)]).found).toBe(false);
    expect(expectFound(matchQuote('a'.repeat(10_000), [`${'a '.repeat(n / 2)}${'a'.repeat(10_000)}`])).spans).toEqual([
      { start: n, end: n + 10_000 },
    ]);
  });
});
