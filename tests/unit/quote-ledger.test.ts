/**
 * The ledger of published words (src/content/quote-ledger.ts): its file, the chain
 * "words as published → corrections → text" the content pass checks, and what the build
 * says when an article changed since its quotes were published.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  articleTextDigest,
  checkPublishedWords,
  formatQuoteTexts,
  parseQuoteTexts,
  traceArticleChanges,
  type LedgerQuote,
  type QuoteTextLedger,
} from '../../src/content/quote-ledger.ts';
import { firstPublishedWords, sameWords, whereTextsDiffer, wordsHistory } from '../../src/domain/published-words.ts';
import { plainRef, quoteSchema } from '../../src/content/schema.ts';
import { validateContent, type SourceFile } from '../../src/content/validate.ts';
import { readAndValidate } from '../../src/content/content-pass.ts';
import { formatIssues, issue } from '../../src/content/issues.ts';

const PATH = 'content/quote-texts.yaml';
const DIGEST = articleTextDigest(['The river rose in the night.', 'Nobody had warned them, the mayor said.']);

function ledgerOf(entries: Record<string, LedgerQuote>): QuoteTextLedger {
  return { path: PATH, quotes: new Map(Object.entries(entries)), lines: new Map() };
}

/** Quotes validated as the build validates them, from front-matter lines. */
function quotes(files: Record<string, string[]>) {
  const sources: SourceFile[] = [
    { path: 'content/people/ada.md', collection: 'people', text: '---\nname: Ada\n---\n' },
    {
      path: 'content/articles/flood.md',
      collection: 'articles',
      text: '---\ntitle: Flood\nauthors: [ada]\npublished: 2024-05-06T10:00:00Z\n---\n\nText.\n',
    },
    ...Object.entries(files).map(([id, lines]): SourceFile => ({
      path: `content/quotes/${id}.md`,
      collection: 'quotes',
      text: ['---', 'speaker: ada', 'source: flood', 'date: 2024-05-07', ...lines, '---', ''].join('\n'),
    })),
  ];
  const { issues, content } = validateContent(sources, { siteTimeZone: 'UTC', allowSeveralQuotesPerDay: true });
  return { issues, content };
}

describe('the ledger file', () => {
  it('is written one entry per quote, sorted by id, each value on one line, and reads back the same', () => {
    const entries = new Map<string, LedgerQuote>([
      ['spirit-of-resistance', { text: 'What makes a people “strong”,\n\nand: this', article: 'the-afghan', articleText: DIGEST }],
      ['a-context-quote', { text: 'Said on the phone' }],
    ]);
    const text = formatQuoteTexts(entries);
    const body = text.split('\n').filter((line) => !line.startsWith('#'));
    expect(body).toEqual([
      'a-context-quote:',
      '  text: "Said on the phone"',
      'spirit-of-resistance:',
      '  text: "What makes a people “strong”,\\n\\nand: this"',
      '  article: the-afghan',
      `  articleText: ${DIGEST}`,
      '',
    ]);
    const { ledger, issues } = parseQuoteTexts(text, PATH);
    expect(issues).toEqual([]);
    expect(ledger.quotes).toEqual(
      new Map([...entries].map(([id, entry]) => [id, { article: undefined, articleText: undefined, ...entry }])),
    );
    expect(ledger.lines.get('spirit-of-resistance')).toBe(7);
    expect(formatQuoteTexts(ledger.quotes)).toBe(text);
  });

  it('is empty when the file holds only comments', () => {
    expect(parseQuoteTexts('# nothing yet\n', PATH)).toEqual({ ledger: { path: PATH, quotes: new Map(), lines: new Map() }, issues: [] });
  });

  it('names the line and field of every entry it cannot read', () => {
    const { ledger, issues } = parseQuoteTexts(
      [
        'good-one:',
        '  text: "Words"',
        'Bad_Id:',
        '  text: "x"',
        'no-text:',
        '  article: flood',
        'odd-digest:',
        '  text: "y"',
        '  articleText: abc',
        'extra:',
        '  text: "z"',
        '  note: hi',
      ].join('\n'),
      PATH,
    );
    expect([...ledger.quotes.keys()]).toEqual(['good-one']);
    expect(issues.map(({ field, line, message }) => `${line} ${field}: ${message}`)).toEqual([
      '3 Bad_Id: is not a quote id (kebab-case, the file name of a quote).',
      '5 no-text.text: is missing: the entry must give the words as published.',
      '9 odd-digest.articleText: is not a digest such as sha256-0123456789abcdef.',
      '12 extra.note: is not a field of the ledger.',
    ]);
    expect(issues.every((item) => item.file === PATH && item.fix.includes('npm run permalinks'))).toBe(true);
  });

  it('reports YAML that does not parse, at its line', () => {
    const { issues } = parseQuoteTexts('a-quote:\n  text: "open\n', PATH);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/^is not valid YAML/);
  });

  it('takes a digest that changes with any visible character and with the blocks', () => {
    expect(DIGEST).toMatch(/^sha256-[0-9a-f]{16}$/);
    expect(articleTextDigest(['The river rose in the night.', 'Nobody had warned them, the mayor said.'])).toBe(DIGEST);
    expect(articleTextDigest(['The river rose in the night!', 'Nobody had warned them, the mayor said.'])).not.toBe(DIGEST);
    expect(articleTextDigest(['The river rose in the night. Nobody had warned them, the mayor said.'])).not.toBe(DIGEST);
  });
});

describe('a text correction (`from:`)', () => {
  const schema = quoteSchema(plainRef);
  const base = { speaker: 'ada', date: '2024-05-07' };

  it('gives the history of the words: each `from` in order, then `text`', () => {
    const corrections = [
      { date: '2024-05-08', note: 'A note only.' },
      { date: '2024-05-09', note: 'Fixed a word.', from: 'One' },
      { date: '2024-05-10', note: 'Fixed another.', from: 'Two' },
    ];
    expect(wordsHistory('Three', corrections)).toEqual(['One', 'Two', 'Three']);
    expect(firstPublishedWords('Three', corrections)).toBe('One');
    expect(firstPublishedWords('Three', [{ date: '2024-05-08', note: 'A note only.' }])).toBe('Three');
  });

  it('is accepted beside notes without words, and refused when it changes nothing or goes back in time', () => {
    expect(
      schema.safeParse({
        ...base,
        text: 'New',
        corrections: [
          { date: '2024-05-08', note: 'n' },
          { date: '2024-05-09', note: 'n', from: 'Old' },
        ],
      }).success,
    ).toBe(true);
    const same = schema.safeParse({ ...base, text: 'Same', corrections: [{ date: '2024-05-09', note: 'n', from: 'Same' }] });
    expect(same.error?.issues.map((item) => `${item.path.join('.')}: ${item.message}`)).toEqual([
      'corrections.0.from: is the same as the words after this correction (`text`): `from` gives the words as they were before the correction changed them',
    ]);
    const backwards = schema.safeParse({
      ...base,
      text: 'C',
      corrections: [
        { date: '2024-05-10', note: 'n', from: 'A' },
        { date: '2024-05-09', note: 'n', from: 'B' },
      ],
    });
    expect(backwards.error?.issues.map((item) => item.path.join('.'))).toEqual(['corrections.1.date']);
    const empty = schema.safeParse({ ...base, text: 'C', corrections: [{ date: '2024-05-10', note: 'n', from: '  ' }] });
    expect(empty.success).toBe(false);
  });
});

describe('checkPublishedWords', () => {
  const ledger = ledgerOf({ 'the-quote': { text: 'Nobody had warned them', article: 'flood', articleText: DIGEST } });

  it('passes words as published, and words changed by corrections that start from them', () => {
    const { content } = quotes({
      'the-quote': [
        'text: "Nobody, he said, had warned them"',
        'corrections:',
        '  - { date: 2024-05-08, note: "Fixed a word.", from: "Nobody had warned us" }',
        '  - { date: 2024-05-09, note: "A typo in the commentary." }',
        '  - { date: 2024-05-10, note: "Restored the aside.", from: "Nobody had warned them" }',
      ],
      'a-new-quote': ['text: "Not in the ledger yet"'],
    });
    const unchanged = quotes({ 'the-quote': ['text: "Nobody had warned them"'] }).content;
    expect(checkPublishedWords(unchanged.quotes, ledger)).toEqual([]);
    // The chain starts from other words than the ledger's: reported on the first `from`.
    const issues = checkPublishedWords(content.quotes, ledger);
    expect(issues.map(({ field }) => field)).toEqual(['corrections[0].from']);
    const good = quotes({
      'the-quote': [
        'text: "Nobody, he said, had warned them"',
        'corrections: [{ date: 2024-05-10, note: "Restored the aside.", from: "Nobody had warned them" }]',
      ],
    }).content;
    expect(checkPublishedWords(good.quotes, ledger)).toEqual([]);
    expect(checkPublishedWords(good.quotes, undefined)).toEqual([]);
  });

  it('fails changed words without a correction, saying where they differ and what to add', () => {
    const { content } = quotes({
      'the-quote': ['text: "Nobody had warned us"', 'corrections: [{ date: 2024-05-08, note: "A note only." }]'],
    });
    expect(checkPublishedWords(content.quotes, ledger)).toEqual([
      {
        file: 'content/quotes/the-quote.md',
        field: 'text',
        line: 5,
        message:
          'differs from the words as published, which content/quote-texts.yaml records: after “Nobody had warned” the published words say “them” where `text` now says “us”. Published words change only with a correction.',
        fix: 'restore the published words, or add to `corrections` an entry that gives them in `from`: { date: YYYY-MM-DD, note: "What was corrected.", from: "Nobody had warned them" }.',
      },
    ]);
  });

  it('says where two texts part, in whole words, a few words before', () => {
    expect(whereTextsDiffer('a b c d e f', 'a b c d X f')).toBe('after “a b c d” the published words say “e” where `text` now says “X”');
    expect(whereTextsDiffer('zero a b c d e f', 'zero a b c d ex f')).toBe(
      'after “a b c d” the published words say “e” where `text` now says “ex”',
    );
    expect(whereTextsDiffer('The words', 'Those words')).toBe('at the start the published words say “The” where `text` now says “Those”');
    expect(whereTextsDiffer('a b c', 'a b X c')).toBe('after “a b” the published words say “…” where `text` now says “X”');
    expect(whereTextsDiffer('a b', 'a b c')).toBe('after “a b” the published words say “…” where `text` now says “c”');
    expect(whereTextsDiffer('a strong people', 'a strоng people')).toBe(
      'after “a” the published words say “strong” where `text` now says “strоng” (by code point: U+006F where it now has U+043E)',
    );
  });

  it('takes the same words for the same, white space and Unicode normalization aside', () => {
    expect(sameWords('resistance.\u00a0. . You', 'resistance. . .  You')).toBe(true);
    expect(sameWords('caf\u00e9', 'cafe\u0301')).toBe(true);
    expect(sameWords('resistance', 'resistance.')).toBe(false);
    expect(sameWords('Resistance', 'resistance')).toBe(false);
  });
});

describe('traceArticleChanges', () => {
  const content = quotes({
    'quote-a': ['text: "Nobody had warned them"'],
    'quote-b': ['text: "The river rose"'],
    'quote-c': ['text: "In the night"'],
    'quote-gone': ['text: "Withdrawn words"', 'withdrawn: { date: 2024-06-01, reason: "Retracted." }'],
  }).content;
  const ledger = ledgerOf({
    'quote-a': { text: 'Nobody had warned them', article: 'flood', articleText: 'sha256-0000000000000000' },
    'quote-b': { text: 'The river rose', article: 'flood', articleText: 'sha256-0000000000000000' },
    'quote-c': { text: 'In the night', article: 'flood', articleText: 'sha256-0000000000000000' },
    'quote-gone': { text: 'Withdrawn words', article: 'flood', articleText: 'sha256-0000000000000000' },
  });
  const misquote = issue(
    'content/quotes/quote-c.md',
    'text',
    'is not found in the article content/articles/flood.md.',
    'copy the words exactly.',
    5,
  );

  it('names the quotes verified against the old text that still match, in one line per article', () => {
    const traced = traceArticleChanges(content, ledger, () => DIGEST, [misquote]);
    expect(traced.notes).toEqual([
      'article content/articles/flood.md changed since quotes quote-a and quote-b were published; they still match (`npm run permalinks` records its new text)',
    ]);
  });

  it('tells a quote that no longer matches that its article changed, not the quote', () => {
    const traced = traceArticleChanges(content, ledger, () => DIGEST, [misquote]);
    expect(traced.issues).toHaveLength(1);
    expect(traced.issues[0]?.message).toBe(
      'is not found in the article content/articles/flood.md. The article changed since this quote was published: content/quote-texts.yaml records the text the words were verified against then.',
    );
    expect(traced.issues[0]?.fix).toMatch(
      /restore its text; if the words were corrected at the source, correct `text` and add a correction whose `from:`/,
    );
  });

  it('says nothing when the article is the one recorded, or there is no ledger', () => {
    expect(traceArticleChanges(content, ledger, () => 'sha256-0000000000000000', [misquote])).toEqual({ issues: [misquote], notes: [] });
    expect(traceArticleChanges(content, undefined, () => DIGEST, [misquote])).toEqual({ issues: [misquote], notes: [] });
  });
});

describe('the content pass reads the ledger', () => {
  it('reports a changed published quote and a broken ledger line in the one report, with file, field and fix', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qtd-words-'));
    try {
      const files: Record<string, string> = {
        'content/people/ada.md': '---\nname: Ada\n---\n',
        'content/quotes/the-quote.md': '---\ntext: "Nobody had warned us"\nspeaker: ada\ndate: 2024-05-07\n---\n',
        'content/quotes/other.md': '---\ntext: "Other words"\nspeaker: ada\ndate: 2024-05-08\n---\n',
        'content/quote-texts.yaml': `${formatQuoteTexts(
          new Map([
            ['the-quote', { text: 'Nobody had warned them' }],
            ['other', { text: 'Other words' }],
          ]),
        )}Broken: 1\n`,
      };
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
      }
      const { issues, ledger } = await readAndValidate(root, 'content', { siteTimeZone: 'UTC', allowSeveralQuotesPerDay: false });
      expect(ledger?.quotes.size).toBe(2);
      const report = formatIssues(issues);
      expect(report).toContain('QTD found 2 problems in the content; the build stopped.');
      expect(report).toContain('✖ content/quotes/the-quote.md:2\n  text: differs from the words as published');
      expect(report).toContain('✖ content/quote-texts.yaml:');
      expect(report).toContain('Broken: is not a quote id');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
