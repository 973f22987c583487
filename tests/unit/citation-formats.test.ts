/**
 * What reference managers get from a quote (src/domain/citation.ts): the BibTeX entry
 * of `citation.bib`, and the meta tags Zotero's connector reads from the quote page,
 * checked against what its "Embedded Metadata" translator (zotero/translators) does
 * with them.
 */
import { describe, it, expect } from 'vitest';
import { bibtex, referenceManagerMeta, texText, type CitationInput } from '../../src/domain/citation.ts';

const QUOTE_URL = 'https://qtd.example/quotes/spirit-of-resistance/';
const WSJ_URL = 'https://www.wsj.com/articles/the-afghan-who-wont-surrender-to-the-taliban-11629740519';
const WAYBACK_URL = `https://web.archive.org/web/20210823170000/${WSJ_URL}`;

const seed: CitationInput = {
  quoteText: 'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance.',
  quoteUrl: QUOTE_URL,
  quoteDate: '2021-08-23',
  speaker: { name: 'Ahmad Massoud', sortName: 'Massoud, Ahmad' },
  siteName: 'QTD',
  language: 'en',
  source: {
    title: 'The Afghan Who Won’t Surrender to the Taliban',
    authors: [{ name: 'Bernard-Henri Lévy', sortName: 'Lévy, Bernard-Henri' }],
    publication: 'The Wall Street Journal',
    section: 'Opinion · Commentary',
    published: '2021-08-23T12:56:00-04:00',
  },
};

function withSource(changes: Partial<NonNullable<CitationInput['source']>>): CitationInput {
  return { ...seed, source: { ...seed.source!, ...changes } };
}

const complete = withSource({ sentenceCaseTitle: 'The Afghan who won’t surrender to the Taliban', url: WSJ_URL, archivedUrl: WAYBACK_URL });

/** The fields of a BibTeX entry, read back: name → value as written between the braces. */
function fieldsOf(entry: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [, name = '', braced, bare] of entry.matchAll(/^ {2}(\w+)\s*= (?:\{(.*)\}|(\w+)),$/gmu))
    fields.set(name, braced ?? bare ?? '');
  return fields;
}

describe('bibtex', () => {
  it('writes the article as an @article in its newspaper, keyed by the quote’s id, for BibTeX and biblatex', () => {
    expect(bibtex(complete)).toBe(
      [
        '@article{spirit-of-resistance,',
        "  author       = {L{\\'e}vy, Bernard-Henri},",
        "  title        = {The {Afghan} Who Won't Surrender to the {Taliban}},",
        '  journal      = {The Wall Street Journal},',
        '  entrysubtype = {newspaper},',
        '  date         = {2021-08-23},',
        '  year         = {2021},',
        '  month        = aug,',
        `  url          = {${WSJ_URL}},`,
        `  note         = {Quoting Ahmad Massoud. Found in QTD, quote of the day for 2021-08-23: \\url{${QUOTE_URL}}. Archived copy of the original: \\url{${WAYBACK_URL}}.},`,
        '}',
        '',
      ].join('\n'),
    );
  });

  it('gives no url when the original is not known, and protects a whole title it cannot re-case', () => {
    const fields = fieldsOf(bibtex(seed));
    expect(fields.has('url')).toBe(false);
    expect(fields.get('title')).toBe("{The Afghan Who Won't Surrender to the Taliban}");
    expect(fields.get('note')).toBe(`Quoting Ahmad Massoud. Found in QTD, quote of the day for 2021-08-23: \\url{${QUOTE_URL}}.`);
  });

  it('keeps braces balanced whatever the title and names hold', () => {
    const entry = bibtex(withSource({ title: 'Costs {rose} 50% & more_than $5 #1 ^~\\', authors: [{ name: 'Anna Lee and Co' }] }));
    let depth = 0;
    for (const [index, char] of Array.from(entry).entries()) {
      if (entry[index - 1] === '\\') continue;
      if (char === '{') depth += 1;
      if (char === '}') depth -= 1;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    expect(fieldsOf(entry).get('title')).toBe('{Costs \\{rose\\} 50\\% \\& more\\_than \\$5 \\#1 \\^{}\\~{}\\textbackslash{}}');
    // An "and" inside a name would split it into two: the name is braced whole.
    expect(fieldsOf(entry).get('author')).toMatch(/^\{[^{}]*\band\b[^{}]*\}$/);
  });

  it('writes a quote without an article as a @misc page of the archive', () => {
    const entry = bibtex({
      quoteText: 'No surrender.',
      quoteUrl: 'https://qtd.example/quotes/no-surrender/',
      quoteDate: '2021-08-24',
      speaker: { name: 'Ahmad Massoud' },
      siteName: 'QTD',
    });
    expect(entry.startsWith('@misc{no-surrender,\n')).toBe(true);
    expect(Object.fromEntries(fieldsOf(entry))).toEqual({
      author: 'Massoud, Ahmad',
      title: 'Quotation',
      howpublished: 'QTD',
      date: '2021-08-24',
      year: '2021',
      month: 'aug',
      url: 'https://qtd.example/quotes/no-surrender/',
      note: 'Quotation by Ahmad Massoud. QTD, quote of the day for 2021-08-24: \\url{https://qtd.example/quotes/no-surrender/}.',
    });
  });

  it('escapes %, # and braces of a URL inside a note, where TeX reads them before \\url can', () => {
    const archived = 'https://web.archive.org/web/2021/https://example.org/a%20b#c';
    const fields = fieldsOf(bibtex(withSource({ url: 'https://example.org/a%20b?q={x}', archivedUrl: archived })));
    expect(fields.get('url')).toBe('https://example.org/a%20b?q=%7Bx%7D');
    expect(fields.get('note')).toContain('\\url{https://web.archive.org/web/2021/https://example.org/a\\%20b\\#c}');
  });
});

describe('texText', () => {
  it('writes accented Latin letters as BibTeX’s special characters', () => {
    expect(texText('Lévy, Müller, Čapek, Ñúñez, Ångström, Łódź, Straße, Søren, naïve, ï')).toBe(
      'L{\\\'e}vy, M{\\"u}ller, {\\v{C}}apek, {\\~N}{\\\'u}{\\~n}ez, {\\AA}ngstr{\\"o}m, {\\L}{\\\'o}d{\\\'z}, Stra{\\ss}e, S{\\o}ren, na{\\"\\i}ve, {\\"\\i}',
    );
    // The same letter however it is composed.
    expect(texText('e\u0301')).toBe("{\\'e}");
    expect(texText('ç')).toBe('{\\c{c}}');
  });

  it('writes the characters TeX reads otherwise so that they print as themselves', () => {
    expect(texText('50% & $5 #1 a_b ^ ~ \\ {x} <y> |')).toBe(
      '50\\% \\& \\$5 \\#1 a\\_b \\^{} \\~{} \\textbackslash{} \\{x\\} \\textless{}y\\textgreater{} \\textbar{}',
    );
  });

  it('writes typographic punctuation as TeX input', () => {
    expect(texText('“Won’t” — ‘maybe’ – 1…2 a\u00A0b')).toBe("``Won't'' --- `maybe' -- 1\\ldots{}2 a~b");
  });

  it('keeps another script as it is, in the UTF-8 file', () => {
    expect(texText('احمد مسعود')).toBe('احمد مسعود');
  });
});

describe('referenceManagerMeta (Zotero’s Embedded Metadata translator)', () => {
  const tags = (input: CitationInput) => referenceManagerMeta(input).map((tag) => [tag.name, tag.content]);

  it('describes the article so that Zotero saves a newspaper article with every field', () => {
    expect(tags(complete)).toEqual([
      ['DC.type', 'newspaperArticle'],
      ['citation_title', 'The Afghan Who Won’t Surrender to the Taliban'],
      ['citation_author', 'Lévy, Bernard-Henri'],
      ['citation_publication_date', '2021/08/23'],
      ['prism.publicationName', 'The Wall Street Journal'],
      ['article:section', 'Opinion · Commentary'],
      ['citation_public_url', WSJ_URL],
      ['citation_language', 'en'],
      ['citation_abstract', seed.quoteText],
    ]);
  });

  it('never gives a tag that makes the translator choose another item type', () => {
    // citation_journal_title → journalArticle, citation_book_title and citation_inbook_title →
    // bookSection, citation_isbn → book, citation_conference* → conferencePaper: each overrides DC.type.
    const names = referenceManagerMeta(complete).map((tag) => tag.name);
    for (const name of [
      'citation_journal_title',
      'citation_book_title',
      'citation_inbook_title',
      'citation_isbn',
      'citation_conference_title',
      'citation_conference',
    ]) {
      expect(names).not.toContain(name);
    }
  });

  it('gives one citation_author per author, inverted so that Zotero splits family and given names', () => {
    const two = withSource({ authors: [{ name: 'Bernard-Henri Lévy', sortName: 'Lévy, Bernard-Henri' }, { name: 'Jane Doe' }] });
    expect(tags(two).filter(([name]) => name === 'citation_author')).toEqual([
      ['citation_author', 'Lévy, Bernard-Henri'],
      ['citation_author', 'Doe, Jane'],
    ]);
  });

  it('leaves the URL to the page’s canonical address when the original is not known', () => {
    expect(tags(seed).map(([name]) => name)).not.toContain('citation_public_url');
  });

  it('describes a quote without an article as a web page by its speaker', () => {
    expect(
      tags({
        quoteText: 'No surrender.',
        quoteUrl: 'https://qtd.example/quotes/no-surrender/',
        quoteDate: '2021-08-24',
        speaker: { name: 'Ahmad Massoud' },
        siteName: 'QTD',
      }),
    ).toEqual([
      ['DC.type', 'webpage'],
      ['citation_author', 'Massoud, Ahmad'],
      ['citation_publication_date', '2021/08/24'],
      ['citation_abstract', 'No surrender.'],
    ]);
  });
});
