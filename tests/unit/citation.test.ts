/**
 * The citations of a quote (src/domain/citation.ts), checked against the manuals' own
 * examples, each test naming the section it follows: The Chicago Manual of Style, 17th
 * ed. (CMOS), the MLA Handbook, 9th ed., and the Publication Manual of the APA, 7th ed.
 * Each example is rebuilt as our input (the manual's article as the source) and the
 * manual's text must come out, with our secondary-source additions around it.
 */
import { describe, it, expect } from 'vitest';
import {
  citationForms,
  citeQuote,
  citeQuoteInText,
  cslJson,
  plainText,
  richTextHtml,
  type CitationInput,
  type RichText,
} from '../../src/domain/citation.ts';

const LEVY = { name: 'Bernard-Henri Lévy', sortName: 'Lévy, Bernard-Henri' };
const MASSOUD = { name: 'Ahmad Massoud', sortName: 'Massoud, Ahmad' };
const QUOTE_URL = 'https://qtd.example/quotes/spirit-of-resistance/';
const WSJ_URL = 'https://www.wsj.com/articles/the-afghan-who-wont-surrender-to-the-taliban-11629740519';
const WAYBACK_URL = `https://web.archive.org/web/20210823170000/${WSJ_URL}`;

/** The seed quote as content/ has it: no original URL, no sentence-case title. */
const seed: CitationInput = {
  quoteText:
    'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance. . . . You must believe with all your heart in your mission. And for me that mission is irrevocable, whatever the price.',
  quoteUrl: QUOTE_URL,
  quoteDate: '2021-08-23',
  speaker: MASSOUD,
  siteName: 'QTD',
  language: 'en',
  source: {
    title: 'The Afghan Who Won’t Surrender to the Taliban',
    authors: [LEVY],
    publication: 'The Wall Street Journal',
    section: 'Opinion · Commentary',
    published: '2021-08-23T12:56:00-04:00',
  },
};

/** The seed quote with every field a curator can give: the original, its archived copy, the sentence-case title. */
const complete = withSource({
  sentenceCaseTitle: 'The Afghan who won’t surrender to the Taliban',
  url: WSJ_URL,
  archivedUrl: WAYBACK_URL,
});

/** The seed quote with its article changed. */
function withSource(changes: Partial<NonNullable<CitationInput['source']>>, input: CitationInput = seed): CitationInput {
  return { ...input, source: { ...input.source!, ...changes } };
}

const plain = (input: CitationInput) => {
  const { chicagoNote, chicagoBibliography, mla, apa } = citeQuote(input);
  return {
    chicagoNote: plainText(chicagoNote),
    chicagoBibliography: plainText(chicagoBibliography),
    mla: plainText(mla),
    apa: plainText(apa),
  };
};
const plainInText = (input: CitationInput) => {
  const { chicago, mla, apa } = citeQuoteInText(input);
  return { chicago: plainText(chicago), mla: plainText(mla), apa: plainText(apa) };
};
const italics = (text: RichText) => text.filter((span) => span.italic).map((span) => span.text);

describe('the seed quote, as its page shows it', () => {
  it('cites it in every style, the archive named where the article was found', () => {
    expect(plain(seed)).toEqual({
      chicagoNote:
        'Ahmad Massoud, quoted in Bernard-Henri Lévy, “The Afghan Who Won’t Surrender to the Taliban,” Wall Street Journal, August 23, 2021, QTD, https://qtd.example/quotes/spirit-of-resistance/.',
      chicagoBibliography:
        'Lévy, Bernard-Henri. “The Afghan Who Won’t Surrender to the Taliban.” Wall Street Journal, August 23, 2021. QTD, https://qtd.example/quotes/spirit-of-resistance/.',
      mla: 'Lévy, Bernard-Henri. “The Afghan Who Won’t Surrender to the Taliban.” The Wall Street Journal, 23 Aug. 2021. QTD, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.',
      apa: 'Lévy, B.-H. (2021, August 23). The Afghan Who Won’t Surrender to the Taliban. The Wall Street Journal. QTD. https://qtd.example/quotes/spirit-of-resistance/',
    });
    expect(plainInText(seed)).toEqual({
      chicago: 'Massoud, quoted in Lévy, “Afghan Who Won’t Surrender.”',
      mla: '(qtd. in Lévy)',
      apa: '(Massoud, as cited in Lévy, 2021)',
    });
  });

  it('sets the periodical in italics, and MLA’s second container, in HTML', () => {
    const { chicagoNote, chicagoBibliography, mla, apa } = citeQuote(seed);
    expect(richTextHtml(chicagoNote)).toBe(
      'Ahmad Massoud, quoted in Bernard-Henri Lévy, “The Afghan Who Won’t Surrender to the Taliban,” <i>Wall Street Journal</i>, August 23, 2021, QTD, https://qtd.example/quotes/spirit-of-resistance/.',
    );
    expect(italics(chicagoBibliography)).toEqual(['Wall Street Journal']);
    expect(richTextHtml(mla)).toBe(
      'Lévy, Bernard-Henri. “The Afghan Who Won’t Surrender to the Taliban.” <i>The Wall Street Journal</i>, 23 Aug. 2021. <i>QTD</i>, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.',
    );
    // APA 7, 10.1: the newspaper in italics, the period after it in roman; the article's title in roman.
    expect(richTextHtml(apa)).toBe(
      'Lévy, B.-H. (2021, August 23). The Afghan Who Won’t Surrender to the Taliban. <i>The Wall Street Journal</i>. QTD. https://qtd.example/quotes/spirit-of-resistance/',
    );
  });

  it('never gives the archive’s page as the newspaper’s address', () => {
    const { chicagoNote, mla, apa } = plain(seed);
    expect(chicagoNote).not.toContain('Wall Street Journal, August 23, 2021, https://qtd');
    expect(mla).not.toContain('23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/. QTD');
    expect(apa).not.toContain('The Wall Street Journal. https://qtd');
  });
});

describe('the seed quote with its original, an archived copy and a sentence-case title', () => {
  it('gives the original address first and the archived copy where the style has room', () => {
    expect(plain(complete)).toEqual({
      chicagoNote: `Ahmad Massoud, quoted in Bernard-Henri Lévy, “The Afghan Who Won’t Surrender to the Taliban,” Wall Street Journal, August 23, 2021, ${WSJ_URL} (archived at ${WAYBACK_URL}), QTD, ${QUOTE_URL}.`,
      chicagoBibliography: `Lévy, Bernard-Henri. “The Afghan Who Won’t Surrender to the Taliban.” Wall Street Journal, August 23, 2021. ${WSJ_URL} (archived at ${WAYBACK_URL}). QTD, ${QUOTE_URL}.`,
      mla: `Lévy, Bernard-Henri. “The Afghan Who Won’t Surrender to the Taliban.” The Wall Street Journal, 23 Aug. 2021, ${WSJ_URL.slice(8)}. Internet Archive, ${WAYBACK_URL.slice(8)}. QTD, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.`,
      // APA 7, 9.34–9.35: one address, the original's.
      apa: `Lévy, B.-H. (2021, August 23). The Afghan who won’t surrender to the Taliban. The Wall Street Journal. ${WSJ_URL}`,
    });
    expect(italics(citeQuote(complete).mla)).toEqual(['The Wall Street Journal', 'Internet Archive', 'QTD']);
  });

  it('names a web archive other than the Wayback Machine by its host', () => {
    const archiveToday = withSource({ archivedUrl: 'https://archive.ph/AbCdE' }, complete);
    expect(plain(archiveToday).mla).toContain('. archive.today, archive.ph/AbCdE. QTD, 23 Aug. 2021,');
    const other = withSource({ archivedUrl: 'https://www.webcitation.org/6abc' }, complete);
    expect(plain(other).mla).toContain('. webcitation.org, www.webcitation.org/6abc. QTD,');
  });

  it('gives no archived copy without the original it copies', () => {
    const { url: _url, ...source } = complete.source!;
    const citations = plain({ ...complete, source });
    for (const text of Object.values(citations)) expect(text).not.toContain('web.archive.org');
  });
});

describe('Chicago (CMOS 17)', () => {
  // 14.191, newspapers and news sites consulted online: the quick guide's note,
  // short note and bibliography entry for Farhad Manjoo's New York Times article.
  const manjoo = withSource({
    title: 'Snap Makes a Bet on the Cultural Supremacy of the Camera',
    authors: [{ name: 'Farhad Manjoo' }],
    publication: 'The New York Times',
    published: '2017-03-08',
    url: 'https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html',
  });
  const manualNote =
    'Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York Times, March 8, 2017, https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html';
  const manualBibliography =
    'Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” New York Times, March 8, 2017. https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.';

  it('14.260 and 14.191: the speaker "quoted in" the manual’s newspaper note, the archive after it as a database (14.11)', () => {
    expect(plain(manjoo).chicagoNote).toBe(`Ahmad Massoud, quoted in ${manualNote}, QTD, ${QUOTE_URL}.`);
    expect(italics(citeQuote(manjoo).chicagoNote)).toEqual(['New York Times']);
  });

  it('14.191 and 14.260: the bibliography lists the article the words are quoted in, as the manual does, then the archive', () => {
    expect(plain(manjoo).chicagoBibliography).toBe(`${manualBibliography} QTD, ${QUOTE_URL}.`);
  });

  it('14.29–14.33: the short note shortens the title to four words, as the manual’s “Snap Makes a Bet”', () => {
    expect(plainInText(manjoo).chicago).toBe('Massoud, quoted in Manjoo, “Snap Makes a Bet.”');
    // An initial "The" goes, and a shortened title does not end on a function word.
    expect(plainInText(seed).chicago).toBe('Massoud, quoted in Lévy, “Afghan Who Won’t Surrender.”');
    expect(plainInText(withSource({ title: 'Resistance: The Long War in the Valley' })).chicago).toBe(
      'Massoud, quoted in Lévy, “Resistance.”',
    );
    expect(plainInText(withSource({ title: 'Can He Hold Out?' })).chicago).toBe('Massoud, quoted in Lévy, “Can He Hold Out?”');
  });

  it('14.76: notes name three authors and shorten four to "et al."; the bibliography names them all', () => {
    const three = withSource({ authors: [LEVY, { name: 'Jane Doe' }, { name: 'Richard Roe' }] });
    expect(plain(three).chicagoNote).toContain('quoted in Bernard-Henri Lévy, Jane Doe, and Richard Roe, “The');
    expect(plain(three).chicagoBibliography).toMatch(/^Lévy, Bernard-Henri, Jane Doe, and Richard Roe\. “The/);
    expect(plainInText(three).chicago).toBe('Massoud, quoted in Lévy, Doe, and Roe, “Afghan Who Won’t Surrender.”');
    const four = withSource({ authors: [LEVY, { name: 'Jane Doe' }, { name: 'Richard Roe' }, { name: 'Mary Major' }] });
    expect(plain(four).chicagoNote).toContain('quoted in Bernard-Henri Lévy et al., “The');
    expect(plainInText(four).chicago).toBe('Massoud, quoted in Lévy et al., “Afghan Who Won’t Surrender.”');
    const two = withSource({ authors: [LEVY, { name: 'Jane Doe' }] });
    expect(plain(two).chicagoBibliography).toMatch(/^Lévy, Bernard-Henri, and Jane Doe\. “The/);
  });
});

describe('MLA (MLA Handbook 9)', () => {
  // Ch. 6, the handbook's works-cited example for a newspaper article online.
  const parkerPope = withSource({
    title: 'How to Age Well',
    authors: [{ name: 'Tara Parker-Pope' }],
    publication: 'The New York Times',
    published: '2017-11-02',
    url: 'https://www.nytimes.com/guides/well/how-to-age-well',
  });

  it('ch. 5, "Title of Container": the manual’s newspaper entry, then the archive as a second container in italics', () => {
    const manualEntry =
      'Parker-Pope, Tara. “How to Age Well.” The New York Times, 2 Nov. 2017, www.nytimes.com/guides/well/how-to-age-well.';
    expect(plain(parkerPope).mla).toBe(`${manualEntry} QTD, 23 Aug. 2021, qtd.example/quotes/spirit-of-resistance/.`);
    expect(italics(citeQuote(parkerPope).mla)).toEqual(['The New York Times', 'QTD']);
  });

  it('ch. 6, "Indirect Sources": "qtd. in" and the author of the work read, as in the manual’s (qtd. in Boswell)', () => {
    const johnson = withSource({ authors: [{ name: 'James Boswell' }] }, { ...seed, speaker: { name: 'Samuel Johnson' } });
    expect(plainInText(johnson).mla).toBe('(qtd. in Boswell)');
  });

  it('ch. 5, "Author": two authors, then three or more as "et al."', () => {
    const two = withSource({ authors: [LEVY, { name: 'Jane Doe', sortName: 'Doe, Jane' }] });
    expect(plain(two).mla).toMatch(/^Lévy, Bernard-Henri, and Jane Doe\. “The/);
    expect(plainInText(two).mla).toBe('(qtd. in Lévy and Doe)');
    const three = withSource({ authors: [LEVY, { name: 'Jane Doe' }, { name: 'Richard Roe' }] });
    expect(plain(three).mla).toMatch(/^Lévy, Bernard-Henri, et al\. “The/);
    expect(plainInText(three).mla).toBe('(qtd. in Lévy et al.)');
  });
});

describe('APA (Publication Manual 7)', () => {
  it('10.1: the manual’s newspaper article, title in sentence case, the newspaper in italics, the original URL', () => {
    const carey = withSource({
      title: 'Can We Get Better at Forgetting?',
      sentenceCaseTitle: 'Can we get better at forgetting?',
      authors: [{ name: 'Benedict Carey' }],
      publication: 'The New York Times',
      published: '2019-03-22',
      url: 'https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html',
    });
    expect(plain(carey).apa).toBe(
      'Carey, B. (2019, March 22). Can we get better at forgetting? The New York Times. https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html',
    );
    expect(italics(citeQuote(carey).apa)).toEqual(['The New York Times']);
  });

  it('8.6: the secondary source in text, as the manual’s (Allport, as cited in Nicholson, 2003)', () => {
    const allport = withSource(
      { authors: [{ name: 'Ian Nicholson' }], published: '2003-05-01' },
      { ...seed, speaker: { name: 'Gordon Allport' } },
    );
    expect(plainInText(allport).apa).toBe('(Allport, as cited in Nicholson, 2003)');
  });

  it('9.30: without the original’s address, the archive’s name and page, never as the newspaper’s', () => {
    expect(plain(seed).apa).toMatch(/The Wall Street Journal\. QTD\. https:\/\/qtd\.example\/quotes\/spirit-of-resistance\/$/);
  });

  it('keeps the title as written when no sentence-case title is given (no guess at proper nouns)', () => {
    expect(plain(withSource({ url: WSJ_URL })).apa).toContain(
      '(2021, August 23). The Afghan Who Won’t Surrender to the Taliban. The Wall Street Journal.',
    );
  });

  it('9.8: names up to twenty authors with "&"; initials of hyphenated names keep the hyphen', () => {
    const two = withSource({ authors: [LEVY, { name: 'Jane Doe', sortName: 'Doe, Jane' }] });
    expect(plain(two).apa).toMatch(/^Lévy, B\.-H\., & Doe, J\. \(2021, August 23\)\./);
    expect(plainInText(two).apa).toBe('(Massoud, as cited in Lévy & Doe, 2021)');
    const three = withSource({ authors: [LEVY, { name: 'Jane Doe' }, { name: 'Richard Roe' }] });
    expect(plain(three).apa).toMatch(/^Lévy, B\.-H\., Doe, J\., & Roe, R\. \(2021/);
    expect(plainInText(three).apa).toBe('(Massoud, as cited in Lévy et al., 2021)');
  });
});

describe('names', () => {
  it('derives "Last, First" for an author without sortName', () => {
    const citations = plain(withSource({ authors: [{ name: 'Jenna Q. Lee' }] }));
    expect(citations.chicagoNote).toMatch(/^Ahmad Massoud, quoted in Jenna Q\. Lee, “The Afghan/);
    expect(citations.mla).toMatch(/^Lee, Jenna Q\. “The Afghan/);
    expect(citations.apa).toMatch(/^Lee, J\. Q\. \(2021, August 23\)\. The Afghan/);
  });

  it('keeps suffixes, particles and single names in their places', () => {
    const king = plain(withSource({ authors: [{ name: 'Martin Luther King Jr.' }] }));
    expect(king.mla).toMatch(/^King, Martin Luther, Jr\. “/);
    expect(king.apa).toMatch(/^King, M\. L\., Jr\. \(2021/);
    const beethoven = plain(withSource({ authors: [{ name: 'Ludwig van Beethoven' }] }));
    expect(beethoven.mla).toMatch(/^Beethoven, Ludwig van\. “/);
    expect(beethoven.apa).toMatch(/^van Beethoven, L\. \(2021/);
    const plato = plain(withSource({ authors: [{ name: 'Plato' }] }));
    expect(plato.mla).toMatch(/^Plato\. “/);
    expect(plato.apa).toMatch(/^Plato\. \(2021/);
  });
});

describe('titles and punctuation', () => {
  it('does not double the punctuation of a title ending in "?"', () => {
    const citations = plain(withSource({ title: 'Can He Hold Out?', sentenceCaseTitle: 'Can he hold out?' }));
    expect(citations.chicagoNote).toContain('Lévy, “Can He Hold Out?” Wall Street Journal, August 23, 2021,');
    expect(citations.chicagoBibliography).toContain('Lévy, Bernard-Henri. “Can He Hold Out?” Wall Street Journal, August 23, 2021.');
    expect(citations.mla).toContain('“Can He Hold Out?” The Wall Street Journal, 23 Aug. 2021.');
    expect(citations.apa).toContain('(2021, August 23). Can he hold out? The Wall Street Journal.');
  });

  it('curls straight quotes and nests them as single quotes inside a quoted title', () => {
    const citations = plain(withSource({ title: 'Why "Resistance" Isn\'t Over' }));
    expect(citations.chicagoNote).toContain('Lévy, “Why ‘Resistance’ Isn’t Over,” Wall Street Journal');
    expect(citations.mla).toContain('“Why ‘Resistance’ Isn’t Over.” The Wall Street Journal');
    expect(citations.apa).toContain('(2021, August 23). Why “Resistance” Isn’t Over. The Wall Street Journal.');
  });

  it('leaves out the newspaper when the article has none', () => {
    const citations = plain(withSource({ publication: undefined }));
    expect(citations.chicagoNote).toBe(
      `Ahmad Massoud, quoted in Bernard-Henri Lévy, “The Afghan Who Won’t Surrender to the Taliban,” August 23, 2021, QTD, ${QUOTE_URL}.`,
    );
    expect(citations.mla).toContain('Taliban.” 23 Aug. 2021. QTD, 23 Aug. 2021,');
    expect(citations.apa).toBe(`Lévy, B.-H. (2021, August 23). The Afghan Who Won’t Surrender to the Taliban. QTD. ${QUOTE_URL}`);
  });

  it('escapes markup in the HTML and keeps the plain text as written', () => {
    const input = withSource({ title: 'Tom & Jerry: <Live> "Now"', publication: 'A & B <Weekly>' });
    const html = richTextHtml(citeQuote(input).mla);
    expect(html).toContain('“Tom &amp; Jerry: &lt;Live&gt; ‘Now.’”');
    expect(html).toContain('<i>A &amp; B &lt;Weekly&gt;</i>');
    expect(plainText(citeQuote(input).mla)).toContain('A & B <Weekly>, 23 Aug. 2021.');
  });
});

describe('dates as written', () => {
  it('uses the calendar date of the datetime, whatever its offset', () => {
    const lateEvening = plain(withSource({ published: '2021-08-23T23:30:00-04:00' }));
    expect(lateEvening.chicagoNote).toContain('August 23, 2021');
    expect(lateEvening.mla).toContain('23 Aug. 2021.');
    expect(lateEvening.apa).toContain('(2021, August 23)');
    expect(plain(withSource({ published: '2021-08-24T01:00:00+09:00' })).chicagoNote).toContain('August 24, 2021');
  });

  it('abbreviates MLA’s long months', () => {
    expect(plain(withSource({ published: '2021-09-30' })).mla).toContain('30 Sept. 2021.');
  });

  it('refuses a date that is not a day of the calendar, naming the field', () => {
    expect(() => citeQuote(withSource({ published: '2021-02-30T10:00:00Z' }))).toThrow(/source\.published/);
    expect(() => citeQuote({ ...seed, quoteDate: 'Aug. 23, 2021' })).toThrow(/quoteDate/);
  });
});

describe('a quote without a source', () => {
  const unsourced: CitationInput = {
    quoteText: 'Surrender is not in my dictionary.',
    quoteUrl: 'https://qtd.example/quotes/no-surrender/',
    quoteDate: '2021-08-24',
    speaker: { name: 'Ahmad Massoud' },
    siteName: 'QTD',
  };

  it('cites the speaker and the archive’s page with its date', () => {
    expect(plain(unsourced)).toEqual({
      chicagoNote: 'Ahmad Massoud, quoted in QTD, August 24, 2021, https://qtd.example/quotes/no-surrender/.',
      chicagoBibliography: 'Massoud, Ahmad. Quotation. QTD, August 24, 2021. https://qtd.example/quotes/no-surrender/.',
      mla: 'Massoud, Ahmad. Quotation. QTD, 24 Aug. 2021, qtd.example/quotes/no-surrender/.',
      apa: 'QTD. (2021, August 24). [Quotation by Ahmad Massoud]. https://qtd.example/quotes/no-surrender/',
    });
    expect(italics(citeQuote(unsourced).mla)).toEqual(['QTD']);
  });

  it('gives the short forms naming the speaker', () => {
    expect(plainInText(unsourced)).toEqual({
      chicago: 'Massoud, quoted in QTD.',
      mla: '(Massoud)',
      apa: '(Massoud, as cited in QTD, 2021)',
    });
  });
});

describe('citationForms', () => {
  it('lists every form, style by style, each with a unique key and a name for its copy button', () => {
    const forms = citationForms(seed);
    expect(forms.map((form) => `${form.style}: ${form.form}`)).toEqual([
      'Chicago: Note',
      'Chicago: Short note',
      'Chicago: Bibliography',
      'MLA: Works cited',
      'MLA: In text',
      'APA: Reference list',
      'APA: In text',
    ]);
    expect(new Set(forms.map((form) => form.key)).size).toBe(forms.length);
    expect(forms.find((form) => form.key === 'apa-in-text')?.name).toBe('the APA in-text citation');
    expect(plainText(forms[1]!.text)).toBe(plainInText(seed).chicago);
  });
});

describe('cslJson', () => {
  const item = (input: CitationInput) => (JSON.parse(JSON.stringify(cslJson(input))) as Record<string, unknown>[])[0];

  it('describes the article as a newspaper article with its original URL, and the archive where it was found', () => {
    expect(item(complete)).toEqual({
      id: 'spirit-of-resistance',
      type: 'article-newspaper',
      title: 'The Afghan Who Won’t Surrender to the Taliban',
      'container-title': 'The Wall Street Journal',
      section: 'Opinion · Commentary',
      author: [{ family: 'Lévy', given: 'Bernard-Henri' }],
      issued: { 'date-parts': [[2021, 8, 23]] },
      URL: WSJ_URL,
      archive: 'QTD',
      archive_location: QUOTE_URL,
      language: 'en',
      abstract: seed.quoteText,
      note: `Quoting Ahmad Massoud. Found in QTD, quote of the day for 2021-08-23: ${QUOTE_URL}. Archived copy of the original: ${WAYBACK_URL}`,
    });
  });

  it('gives no URL when the original is not known, rather than the archive’s as the newspaper’s', () => {
    const seedItem = item(seed);
    expect(seedItem).not.toHaveProperty('URL');
    expect(seedItem).toMatchObject({ archive: 'QTD', archive_location: QUOTE_URL });
  });

  it('splits authors without sortName and keeps single names whole', () => {
    expect(item(withSource({ authors: [{ name: 'Martin Luther King Jr.' }, { name: 'Plato' }] }))).toMatchObject({
      author: [{ family: 'King', given: 'Martin Luther', suffix: 'Jr.' }, { literal: 'Plato' }],
    });
  });

  it('describes a quote without a source as a page of the archive by the speaker', () => {
    expect(
      item({
        quoteText: 'Surrender is not in my dictionary.',
        quoteUrl: 'https://qtd.example/quotes/no-surrender/',
        quoteDate: '2021-08-24',
        speaker: { name: 'Ahmad Massoud' },
        siteName: 'QTD',
      }),
    ).toMatchObject({
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
