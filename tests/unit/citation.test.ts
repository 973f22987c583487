import { describe, it, expect } from 'vitest';
import { citeQuote, citeQuoteInText, cslJson, type CitationInput } from '../../src/domain/citation.ts';

const LEVY = { name: 'Bernard-Henri Lévy', sortName: 'Lévy, Bernard-Henri' };
const MASSOUD = { name: 'Ahmad Massoud', sortName: 'Massoud, Ahmad' };

const seed: CitationInput = {
  quoteText:
    'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance. . . . You must believe with all your heart in your mission. And for me that mission is irrevocable, whatever the price.',
  quoteUrl: 'https://qtd.example/quotes/spirit-of-resistance/',
  quoteDate: '2021-08-23',
  speaker: MASSOUD,
  siteName: 'QTD',
  source: {
    title: 'The Afghan Who Won’t Surrender to the Taliban',
    sentenceCaseTitle: 'The Afghan who won’t surrender to the Taliban',
    authors: [LEVY],
    publication: 'The Wall Street Journal',
    published: '2021-08-23T12:56:00-04:00',
    url: 'https://news.example/articles/the-afghan-who-wont-surrender',
  },
};

/** The seed quote with its article changed. */
function withSource(changes: Partial<NonNullable<CitationInput['source']>>, quoteUrl = seed.quoteUrl): CitationInput {
  const source = { ...seed.source!, ...changes };
  return { ...seed, quoteUrl, source };
}

describe('citeQuote: the seed quote', () => {
  const citations = citeQuote(seed);

  it('gives a Chicago note citing the speaker as quoted in the article, found on the QTD page', () => {
    // CMOS 17 drops an initial "The" from newspaper names in notes.
    expect(citations.chicago).toBe(
      'Ahmad Massoud, quoted in Bernard-Henri Lévy, “The Afghan Who Won’t Surrender to the Taliban,” Wall Street Journal, August 23, 2021, https://qtd.example/quotes/spirit-of-resistance/.',
    );
  });

  it('gives an MLA entry with the newspaper as first container and QTD as second', () => {
    expect(citations.mla).toBe(
      'Lévy, Bernard-Henri. “The Afghan Who Won’t Surrender to the Taliban.” The Wall Street Journal, 23 Aug. 2021. QTD, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.',
    );
  });

  it('gives an APA reference with hyphenated initials and the sentence-case title', () => {
    expect(citations.apa).toBe(
      'Lévy, B.-H. (2021, August 23). The Afghan who won’t surrender to the Taliban. The Wall Street Journal. https://qtd.example/quotes/spirit-of-resistance/',
    );
  });

  it('gives the secondary-source parentheticals for running text', () => {
    expect(citeQuoteInText(seed)).toEqual({
      mla: '(qtd. in Lévy)',
      apa: '(Massoud, as cited in Lévy, 2021)',
    });
  });

  it('is plain text: no markup, no straight quotes', () => {
    for (const text of Object.values(citations)) {
      expect(text).not.toMatch(/[<>*_"]/);
    }
  });

  it('keeps the APA title as written when no sentence-case form is given', () => {
    const { sentenceCaseTitle: _unused, ...source } = seed.source!;
    expect(citeQuote({ ...seed, source }).apa).toBe(
      'Lévy, B.-H. (2021, August 23). The Afghan Who Won’t Surrender to the Taliban. The Wall Street Journal. https://qtd.example/quotes/spirit-of-resistance/',
    );
  });
});

describe('citeQuote: dates as written', () => {
  it('uses the calendar date of the datetime, whatever its offset', () => {
    const lateEvening = citeQuote(withSource({ published: '2021-08-23T23:30:00-04:00' }));
    expect(lateEvening.chicago).toContain('August 23, 2021');
    expect(lateEvening.mla).toContain('23 Aug. 2021.');
    expect(lateEvening.apa).toContain('(2021, August 23)');

    const tokyoMorning = citeQuote(withSource({ published: '2021-08-24T01:00:00+09:00' }));
    expect(tokyoMorning.chicago).toContain('August 24, 2021');
  });

  it('accepts a bare date', () => {
    expect(citeQuote(withSource({ published: '2021-09-30' })).mla).toContain('30 Sept. 2021.');
  });

  it('refuses a date that is not a day of the calendar, naming the field', () => {
    expect(() => citeQuote(withSource({ published: '2021-02-30T10:00:00Z' }))).toThrow(/source\.published/);
    expect(() => citeQuote({ ...seed, quoteDate: 'Aug. 23, 2021' })).toThrow(/quoteDate/);
  });
});

describe('citeQuote: a quote without a source', () => {
  const unsourced: CitationInput = {
    quoteText: 'Surrender is not in my dictionary.',
    quoteUrl: 'https://qtd.example/quotes/no-surrender/',
    quoteDate: '2021-08-24',
    speaker: { name: 'Ahmad Massoud' },
    siteName: 'QTD',
  };

  it('cites the speaker and the QTD page with its date', () => {
    expect(citeQuote(unsourced)).toEqual({
      chicago: 'Ahmad Massoud, quoted in QTD, August 24, 2021, https://qtd.example/quotes/no-surrender/.',
      mla: 'Massoud, Ahmad. Quotation. QTD, 24 Aug. 2021, qtd.example/quotes/no-surrender/.',
      apa: 'QTD. (2021, August 24). [Quotation by Ahmad Massoud]. https://qtd.example/quotes/no-surrender/',
    });
  });

  it('gives parentheticals naming the speaker', () => {
    expect(citeQuoteInText(unsourced)).toEqual({
      mla: '(Massoud)',
      apa: '(Massoud, as cited in QTD, 2021)',
    });
  });
});

describe('citeQuote: authors', () => {
  it('names two authors', () => {
    const input = withSource({ authors: [LEVY, { name: 'Jane Doe', sortName: 'Doe, Jane' }] });
    expect(citeQuote(input)).toEqual({
      chicago:
        'Ahmad Massoud, quoted in Bernard-Henri Lévy and Jane Doe, “The Afghan Who Won’t Surrender to the Taliban,” Wall Street Journal, August 23, 2021, https://qtd.example/quotes/spirit-of-resistance/.',
      mla: 'Lévy, Bernard-Henri, and Jane Doe. “The Afghan Who Won’t Surrender to the Taliban.” The Wall Street Journal, 23 Aug. 2021. QTD, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.',
      apa: 'Lévy, B.-H., & Doe, J. (2021, August 23). The Afghan who won’t surrender to the Taliban. The Wall Street Journal. https://qtd.example/quotes/spirit-of-resistance/',
    });
    expect(citeQuoteInText(input)).toEqual({
      mla: '(qtd. in Lévy and Doe)',
      apa: '(Massoud, as cited in Lévy & Doe, 2021)',
    });
  });

  it('derives "Last, First" for an author without sortName', () => {
    const input = withSource({ authors: [{ name: 'Jenna Q. Lee' }] });
    const citations = citeQuote(input);
    expect(citations.chicago).toMatch(/^Ahmad Massoud, quoted in Jenna Q\. Lee, “The Afghan/);
    expect(citations.mla).toMatch(/^Lee, Jenna Q\. “The Afghan/);
    expect(citations.apa).toMatch(/^Lee, J\. Q\. \(2021, August 23\)\. The Afghan/);
    expect(citeQuoteInText(input).apa).toBe('(Massoud, as cited in Lee, 2021)');
  });

  it('keeps suffixes, particles and single names in their places', () => {
    const king = citeQuote(withSource({ authors: [{ name: 'Martin Luther King Jr.' }] }));
    expect(king.mla).toMatch(/^King, Martin Luther, Jr\. “/);
    expect(king.apa).toMatch(/^King, M\. L\., Jr\. \(2021/);

    const beethoven = citeQuote(withSource({ authors: [{ name: 'Ludwig van Beethoven' }] }));
    expect(beethoven.mla).toMatch(/^Beethoven, Ludwig van\. “/);
    expect(beethoven.apa).toMatch(/^van Beethoven, L\. \(2021/);

    const plato = citeQuote(withSource({ authors: [{ name: 'Plato' }] }));
    expect(plato.mla).toMatch(/^Plato\. “/);
    expect(plato.apa).toMatch(/^Plato\. \(2021/);
  });

  it('shortens long author lists as each style asks', () => {
    const three = [LEVY, { name: 'Jane Doe' }, { name: 'Richard Roe' }];
    const citations = citeQuote(withSource({ authors: three }));
    expect(citations.chicago).toContain('quoted in Bernard-Henri Lévy, Jane Doe, and Richard Roe, “The');
    expect(citations.mla).toMatch(/^Lévy, Bernard-Henri, et al\. “The/);
    expect(citations.apa).toMatch(/^Lévy, B\.-H\., Doe, J\., & Roe, R\. \(2021/);
    expect(citeQuoteInText(withSource({ authors: three }))).toEqual({
      mla: '(qtd. in Lévy et al.)',
      apa: '(Massoud, as cited in Lévy et al., 2021)',
    });

    const four = citeQuote(withSource({ authors: [...three, { name: 'Mary Major' }] }));
    expect(four.chicago).toContain('quoted in Bernard-Henri Lévy et al., “The');
  });
});

describe('citeQuote: titles', () => {
  it('does not double the punctuation of a title ending in "?"', () => {
    const input = withSource({ title: 'Can He Hold Out?', sentenceCaseTitle: 'Can he hold out?' });
    expect(citeQuote(input)).toEqual({
      chicago:
        'Ahmad Massoud, quoted in Bernard-Henri Lévy, “Can He Hold Out?” Wall Street Journal, August 23, 2021, https://qtd.example/quotes/spirit-of-resistance/.',
      mla: 'Lévy, Bernard-Henri. “Can He Hold Out?” The Wall Street Journal, 23 Aug. 2021. QTD, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.',
      apa: 'Lévy, B.-H. (2021, August 23). Can he hold out? The Wall Street Journal. https://qtd.example/quotes/spirit-of-resistance/',
    });
  });

  it('curls straight quotes and nests them as single quotes inside a quoted title', () => {
    const input = withSource({ title: 'Why "Resistance" Isn\'t Over', sentenceCaseTitle: undefined });
    const citations = citeQuote(input);
    expect(citations.chicago).toContain('Lévy, “Why ‘Resistance’ Isn’t Over,” Wall Street Journal');
    expect(citations.mla).toContain('“Why ‘Resistance’ Isn’t Over.” The Wall Street Journal');
    expect(citations.apa).toContain('(2021, August 23). Why “Resistance” Isn’t Over. The Wall Street Journal.');
  });

  it('leaves out the newspaper when the article has none', () => {
    const citations = citeQuote(withSource({ publication: undefined }));
    expect(citations.chicago).toBe(
      'Ahmad Massoud, quoted in Bernard-Henri Lévy, “The Afghan Who Won’t Surrender to the Taliban,” August 23, 2021, https://qtd.example/quotes/spirit-of-resistance/.',
    );
    expect(citations.mla).toContain('Taliban.” 23 Aug. 2021. QTD, 23 Aug. 2021,');
    expect(citations.apa).toBe(
      'Lévy, B.-H. (2021, August 23). The Afghan who won’t surrender to the Taliban. https://qtd.example/quotes/spirit-of-resistance/',
    );
  });
});

describe('cslJson', () => {
  it('describes the article as a newspaper article, with the quote in its abstract', () => {
    const items = JSON.parse(JSON.stringify(cslJson(seed))) as Record<string, unknown>[];
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({
      id: 'spirit-of-resistance',
      type: 'article-newspaper',
      title: 'The Afghan Who Won’t Surrender to the Taliban',
      'container-title': 'The Wall Street Journal',
      author: [{ family: 'Lévy', given: 'Bernard-Henri' }],
      issued: { 'date-parts': [[2021, 8, 23]] },
      URL: 'https://qtd.example/quotes/spirit-of-resistance/',
      abstract: seed.quoteText,
      note: 'Quoting Ahmad Massoud. QTD, quote of the day for 2021-08-23. Original article: https://news.example/articles/the-afghan-who-wont-surrender',
    });
  });

  it('splits authors without sortName and keeps single names whole', () => {
    const items = cslJson(withSource({ authors: [{ name: 'Martin Luther King Jr.' }, { name: 'Plato' }] }));
    expect(items[0]).toMatchObject({
      author: [{ family: 'King', given: 'Martin Luther', suffix: 'Jr.' }, { literal: 'Plato' }],
    });
  });

  it('describes a quote without a source as a QTD web page by the speaker', () => {
    const items = JSON.parse(
      JSON.stringify(
        cslJson({
          quoteText: 'Surrender is not in my dictionary.',
          quoteUrl: 'https://qtd.example/quotes/no-surrender/',
          quoteDate: '2021-08-24',
          speaker: { name: 'Ahmad Massoud' },
          siteName: 'QTD',
        }),
      ),
    ) as Record<string, unknown>[];
    expect(items[0]).toMatchObject({
      id: 'no-surrender',
      type: 'webpage',
      title: 'Quotation',
      'container-title': 'QTD',
      author: [{ family: 'Massoud', given: 'Ahmad' }],
      issued: { 'date-parts': [[2021, 8, 24]] },
      URL: 'https://qtd.example/quotes/no-surrender/',
      abstract: 'Surrender is not in my dictionary.',
    });
  });
});
