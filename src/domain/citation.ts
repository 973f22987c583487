/**
 * "Cite this quote": Chicago (17th ed., notes and bibliography: the note, the short
 * note, the bibliography entry), MLA (9th ed.) and APA (7th ed.), each with its in-text
 * form; CSL-JSON and BibTeX for reference managers; and the embedded metadata Zotero's
 * connector reads from the quote page.
 *
 * What is cited. The words were spoken by the speaker and printed in the article, and
 * the reader found the article in this archive. So every style cites the article as a
 * secondary source of the speaker's words ("quoted in", "qtd. in", "as cited in"), gives
 * the original article's address when the archive has it (`url`, with an archived copy
 * beside it where the style has room for one), and names the archive as where the
 * article was found. The archive's page is never given as the newspaper's address. A
 * quote without an article is cited from the archive's page alone.
 *
 * Each citation is rich text: runs of text, some in italics (the periodical, MLA's
 * second container), so that a page can show it and "Copy" can put both HTML (`<i>`)
 * and plain text on the clipboard. Titles the styles set in quotation marks get curly
 * quotes (“…”, with quotes inside them turned to ‘…’).
 *
 * Every date comes from the data (no access date), so the text is the same on every
 * build. Unknown titles are never re-cased: APA's sentence case is given by the curator
 * (`sentenceCaseTitle`), since lowercasing a headline needs knowing its proper nouns.
 */
import { FULL_MONTHS, parseCalendarDay } from './dates.ts';
import { escapeHtml } from './html-escape.ts';
import { nestQuotes } from './quotation-marks.ts';

export interface CitedPerson {
  /** The name in reading order: "Bernard-Henri Lévy". */
  name: string;
  /** "Lévy, Bernard-Henri"; derived from `name` when absent (last word = family name). */
  sortName?: string;
}

export interface CitationInput {
  /** The quote's words, without outer quotation marks. */
  quoteText: string;
  /** Absolute URL of the quote page. */
  quoteUrl: string;
  /** 'YYYY-MM-DD': the day it was the quote of the day. */
  quoteDate: string;
  speaker: CitedPerson;
  /** "QTD". */
  siteName: string;
  /** The language the archive's texts are written in (a BCP 47 tag), for reference managers. */
  language?: string;
  /** The article the quote was pulled from, when there is one. */
  source?: {
    /** As written, e.g. "The Afghan Who Won’t Surrender to the Taliban". */
    title: string;
    /**
     * The title in sentence case with its proper nouns kept ("The Afghan who won’t
     * surrender to the Taliban"), for APA. Lowercasing a title needs knowing which
     * words are proper nouns ("Afghan", "Taliban"); a guess would misspell names, so
     * without this APA prints the title as written.
     */
    sentenceCaseTitle?: string;
    authors: CitedPerson[];
    /** "The Wall Street Journal". */
    publication?: string;
    /** "Opinion · Commentary": only reference managers keep it; the styles leave it out for newspapers. */
    section?: string;
    /** ISO date or datetime with offset; its calendar date is used as written. */
    published: string;
    /** The original article. */
    url?: string;
    /** An archived copy of the original (a Wayback Machine snapshot); only given with `url`. */
    archivedUrl?: string;
  };
}

// ---------------------------------------------------------------- rich text

/** A run of a citation's text, in italics or not. */
export interface CitationSpan {
  text: string;
  italic: boolean;
}

/** A citation as runs of text in reading order. */
export type RichText = readonly CitationSpan[];

type Piece = string | CitationSpan | RichText;

const italic = (text: string): CitationSpan => ({ text, italic: true });

/** The pieces as one rich text: neighbouring runs of one style merged, empty runs left out. */
function rich(...pieces: Piece[]): RichText {
  const spans: CitationSpan[] = [];
  for (const piece of pieces) {
    const runs = typeof piece === 'string' ? [{ text: piece, italic: false }] : 'text' in piece ? [piece] : piece;
    for (const run of runs) {
      if (run.text === '') continue;
      const last = spans.at(-1);
      if (last && last.italic === run.italic) spans[spans.length - 1] = { text: last.text + run.text, italic: last.italic };
      else spans.push({ text: run.text, italic: run.italic });
    }
  }
  return spans;
}

/** The pieces that are not empty, separated by `separator`. */
function joined(pieces: readonly Piece[], separator: string): RichText {
  const kept = pieces.map((piece) => rich(piece)).filter((piece) => piece.length > 0);
  return rich(...kept.flatMap((piece, index) => (index === 0 ? [piece] : [separator, piece])));
}

/** The citation as plain text: what a reader pastes where there is no formatting. */
export function plainText(text: RichText): string {
  return text.map((span) => span.text).join('');
}

/** The citation as HTML: its text escaped, the italic runs in `<i>` (the styles' italics are typographic, not emphasis). */
export function richTextHtml(text: RichText): string {
  return text
    .map((span) => {
      const escaped = escapeHtml(span.text);
      return span.italic ? `<i>${escaped}</i>` : escaped;
    })
    .join('');
}

// ---------------------------------------------------------------- dates

/** MLA abbreviates months longer than four letters (MLA Handbook 9, appendix 1, "Abbreviations"). */
const MLA_MONTHS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'] as const;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date at the start of a date or datetime, as written: an offset never moves it. */
function calendarDate(value: string, field: string): CalendarDate {
  const day = parseCalendarDay(value.trim().slice(0, 10));
  if (!day.ok) throw new Error(`citation: ${field} ${day.reason}`);
  const [year, month, date] = day.value.split('-').map(Number) as [number, number, number];
  return { year, month, day: date };
}

function monthName(date: CalendarDate, names: readonly string[]): string {
  return names[date.month - 1] ?? '';
}

const chicagoDate = (d: CalendarDate) => `${monthName(d, FULL_MONTHS)} ${d.day}, ${d.year}`;
const mlaDate = (d: CalendarDate) => `${d.day} ${monthName(d, MLA_MONTHS)} ${d.year}`;
const apaDate = (d: CalendarDate) => `${d.year}, ${monthName(d, FULL_MONTHS)} ${d.day}`;
const twoDigits = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: CalendarDate) => `${d.year}-${twoDigits(d.month)}-${twoDigits(d.day)}`;

const publishedDate = (source: ArticleSource) => calendarDate(source.published, 'source.published');
const quoteDay = (input: CitationInput) => calendarDate(input.quoteDate, 'quoteDate');

// ---------------------------------------------------------------- names

type ArticleSource = NonNullable<CitationInput['source']>;

interface NameParts {
  family: string;
  /** Given names, with any trailing lowercase particle ("Ludwig van"); '' for a single name. */
  given: string;
  /** "Jr.", "III"; '' when none. */
  suffix: string;
}

const NAME_SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

function nameParts(person: CitedPerson): NameParts {
  if (person.sortName && person.sortName.trim() !== '') {
    const [family = '', given = '', ...suffix] = person.sortName.split(',').map((s) => s.trim());
    return { family, given, suffix: suffix.join(', ') };
  }
  // "Martin Luther King, Jr." and "Martin Luther King Jr." alike.
  const words = person.name.replace(/,/g, ' ').trim().split(/\s+/);
  const suffix = words.length > 2 && NAME_SUFFIX.test(words.at(-1) ?? '') ? (words.pop() ?? '') : '';
  const family = words.pop() ?? '';
  return { family, given: words.join(' '), suffix };
}

/** "Lévy, Bernard-Henri", "King, Martin Luther, Jr.", "Plato". */
function invertedName(person: CitedPerson): string {
  const { family, given, suffix } = nameParts(person);
  return [family, given, suffix].filter((part) => part !== '').join(', ');
}

const isParticle = (word: string) => /^\p{Ll}/u.test(word);

/** The lowercase particles of the given names ("van" of "Ludwig van"), which some forms put before the family name. */
function particlesOf(given: string): string[] {
  return given.split(/\s+/).filter((word) => word !== '' && isParticle(word));
}

/** "Bernard-Henri" → "B.-H."; "J.R.R." → "J. R. R.". */
function initials(given: string): string {
  return given
    .normalize('NFC')
    .split(/\s+/)
    .filter((word) => word !== '' && !isParticle(word))
    .flatMap((word) => word.split('.').filter((piece) => piece !== ''))
    .map((word) =>
      word
        .split('-')
        .map((part) => `${Array.from(part)[0] ?? ''}.`)
        .join('-'),
    )
    .join(' ');
}

/** APA: "Lévy, B.-H.", "van Beethoven, L.", "King, M. L., Jr.". */
function apaName(person: CitedPerson): string {
  const { family, given, suffix } = nameParts(person);
  const surname = [...particlesOf(given), family].join(' ');
  return [surname, initials(given), suffix].filter((part) => part !== '').join(', ');
}

/** The family name alone, as short forms use it (particles dropped, as in "Beethoven"). */
const familyName = (person: CitedPerson) => nameParts(person).family;

// ---------------------------------------------------------------- punctuation

/** Straight quotes typed in a title become curly: opening after a space or bracket, closing otherwise. */
function curlyQuotes(text: string): string {
  return text
    .replace(/(^|[\s([{—–-])"/gu, '$1“')
    .replace(/"/g, '”')
    .replace(/(^|[\s([{—–-])'(?!\d)/gu, '$1‘')
    .replace(/'/g, '’');
}

const endsWithQuestionOrExclamation = (text: string) => /[?!][’”]?$/.test(text);
const endsWithTerminal = (text: string) => /[.?!][’”]?$/.test(text);

/** A period closes an element unless it already ends with one, or with ? or !. */
function closeWithPeriod(text: Piece): RichText {
  const value = rich(text);
  return endsWithTerminal(plainText(value)) ? value : rich(value, '.');
}

/**
 * A title in double quotes with the punctuation that follows it tucked inside, in
 * the American manner. A title ending in ? or ! takes neither comma nor period:
 * “Can He Hold Out?” The Wall Street Journal…
 */
function quotedTitle(title: string, punctuation: ',' | '.'): string {
  const text = nestQuotes(curlyQuotes(title.trim()));
  if (endsWithQuestionOrExclamation(text)) return `“${text}”`;
  // A quotation closing the title closes after the punctuation too (CMOS 17, 6.9): ‘Now.’”
  // A final ’ closes a quotation only when the title opens one; otherwise it is an apostrophe.
  const closing = text.includes('‘') ? (/’+$/.exec(text)?.[0] ?? '') : '';
  const words = text.slice(0, text.length - closing.length);
  if (punctuation === '.' && words.endsWith('.')) return `“${text}”`;
  return `“${words}${punctuation}${closing}”`;
}

/** "A", "A and B", "A, B, and C". */
function serialList(items: string[], conjunction: string): string {
  if (items.length <= 2) return items.join(` ${conjunction} `);
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items.at(-1)}`;
}

// ---------------------------------------------------------------- Chicago

/** Chicago omits an initial English "The" from a periodical's name (CMOS 17, 14.172 and 14.192). */
function chicagoPublication(publication: string): string {
  return publication.trim().replace(/^The\s+/, '');
}

/** Notes name up to three authors; four or more become "first et al." (CMOS 17, 14.76). */
function chicagoNoteAuthors(authors: CitedPerson[], name: (person: CitedPerson) => string): string {
  const names = authors.map(name);
  if (names.length >= 4) return `${names[0]} et al.`;
  return serialList(names, 'and');
}

/** The bibliography names up to ten authors, the first inverted; more than ten: the first seven and "et al." (CMOS 17, 14.76). */
function chicagoBibliographyAuthors(authors: CitedPerson[]): string {
  const [first, ...others] = authors;
  if (!first) return '';
  if (authors.length > 10)
    return `${invertedName(first)}, ${others
      .slice(0, 6)
      .map((author) => author.name.trim())
      .join(', ')}, et al.`;
  const names = [invertedName(first), ...others.map((author) => author.name.trim())];
  if (names.length === 2) return `${names[0]}, and ${names[1]}`;
  return serialList(names, 'and');
}

/** Function words a shortened title does not end on. */
const SHORT_TITLE_TRAILERS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'nor',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'by',
  'with',
  'from',
  'as',
]);

/**
 * A title in a short note: the main title (before a colon), without an initial "A",
 * "An" or "The", in at most four words (CMOS 17, 14.33), never ending on a function word.
 */
function chicagoShortTitle(title: string): string {
  const main = curlyQuotes(title.trim()).split(/:\s/)[0] ?? title;
  const words = main.split(/\s+/).filter((word) => word !== '');
  if (words.length > 1 && /^(?:A|An|The)$/.test(words[0] ?? '')) words.shift();
  if (words.length <= 4) return words.join(' ');
  const kept = words.slice(0, 4);
  while (kept.length > 1 && SHORT_TITLE_TRAILERS.has((kept.at(-1) ?? '').toLowerCase())) kept.pop();
  return kept.join(' ').replace(/[,;:—–-]+$/u, '');
}

/** The original article's address, its archived copy in parentheses after it. */
function originalWithArchive(source: ArticleSource): string {
  if (!source.url) return '';
  return source.archivedUrl ? `${source.url} (archived at ${source.archivedUrl})` : source.url;
}

/**
 * The note. The speaker is "quoted in" the article (CMOS 17, 14.260); the article is a
 * newspaper article consulted online (14.191: the periodical in italics, the date, the
 * URL), and the archive where it was found follows like a database, its name then its
 * address (14.11).
 */
function chicagoNote(input: CitationInput): RichText {
  const speaker = input.speaker.name.trim();
  const { source } = input;
  if (!source) return rich(`${speaker}, quoted in ${input.siteName}, ${chicagoDate(quoteDay(input))}, ${input.quoteUrl}.`);
  const authors = chicagoNoteAuthors(source.authors, (author) => author.name.trim());
  const title = quotedTitle(source.title, ',');
  const facts = joined(
    [
      source.publication ? italic(chicagoPublication(source.publication)) : '',
      chicagoDate(publishedDate(source)),
      originalWithArchive(source),
      input.siteName,
      input.quoteUrl,
    ],
    ', ',
  );
  return rich(`${speaker}, quoted in ${authors === '' ? title : `${authors}, ${title}`} `, facts, '.');
}

/** The short note: family names and a short title (CMOS 17, 14.29–14.33), the speaker still "quoted in". */
function chicagoShortNote(input: CitationInput): RichText {
  const speaker = familyName(input.speaker);
  const { source } = input;
  if (!source) return rich(`${speaker}, quoted in ${input.siteName}.`);
  const authors = chicagoNoteAuthors(source.authors, familyName);
  const title = quotedTitle(chicagoShortTitle(source.title), '.');
  return rich(`${speaker}, quoted in ${authors === '' ? title : `${authors}, ${title}`}`);
}

/**
 * The bibliography entry lists the work read, the article (CMOS 17, 14.260: the work
 * the words are quoted in), its elements closed by periods (14.191), the archive last.
 */
function chicagoBibliography(input: CitationInput): RichText {
  const { source } = input;
  if (!source) {
    return joined(
      [
        closeWithPeriod(invertedName(input.speaker)),
        'Quotation.',
        `${input.siteName}, ${chicagoDate(quoteDay(input))}.`,
        `${input.quoteUrl}.`,
      ],
      ' ',
    );
  }
  const authors = chicagoBibliographyAuthors(source.authors);
  const newspaper = joined(
    [source.publication ? italic(chicagoPublication(source.publication)) : '', chicagoDate(publishedDate(source))],
    ', ',
  );
  const original = originalWithArchive(source);
  return joined(
    [
      authors === '' ? '' : closeWithPeriod(authors),
      quotedTitle(source.title, '.'),
      rich(newspaper, '.'),
      original === '' ? '' : `${original}.`,
      `${input.siteName}, ${input.quoteUrl}.`,
    ],
    ' ',
  );
}

// ---------------------------------------------------------------- MLA

/** MLA shows a URL without http:// or https:// (MLA Handbook 9, ch. 5, "Location"). */
const mlaUrl = (url: string) => url.replace(/^https?:\/\//, '');

/** One author inverted; two as "Last, First, and First Last"; three or more as "Last, First, et al." (MLA Handbook 9, ch. 5, "Author"). */
function mlaAuthors(authors: CitedPerson[]): string {
  const [first, second] = authors;
  if (!first) return '';
  if (authors.length >= 3) return `${invertedName(first)}, et al.`;
  if (second) return `${invertedName(first)}, and ${second.name.trim()}`;
  return invertedName(first);
}

/** Web archives a reader would know by name; any other is named by its host. */
const WEB_ARCHIVES: Record<string, string> = {
  'web.archive.org': 'Internet Archive',
  'wayback.archive.org': 'Internet Archive',
  'archive.org': 'Internet Archive',
  'archive.today': 'archive.today',
  'archive.ph': 'archive.today',
  'archive.is': 'archive.today',
  'archive.li': 'archive.today',
  'archive.md': 'archive.today',
  'archive.vn': 'archive.today',
  'archive.fo': 'archive.today',
  'perma.cc': 'Perma.cc',
};

/** The name of the web archive holding a copy: "Internet Archive" for a Wayback Machine snapshot. */
function webArchiveName(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  return WEB_ARCHIVES[host] ?? host;
}

/**
 * The works-cited entry (MLA Handbook 9, ch. 5): the article in quotation marks; its
 * first container the newspaper, in italics, with the date and the original's address;
 * then each place holding the article, as a further container in italics: the web
 * archive's copy, then QTD with the date of its page and its address (a database as a
 * second container: ch. 5, "Title of Container").
 */
function mla(input: CitationInput): RichText {
  const onSite = rich(italic(input.siteName), `, ${mlaDate(quoteDay(input))}, ${mlaUrl(input.quoteUrl)}.`);
  const { source } = input;
  if (!source) {
    // No title: MLA's generic description, not italicized or quoted, stands in for one (ch. 5, "Title of Source").
    return joined([closeWithPeriod(invertedName(input.speaker)), 'Quotation.', onSite], ' ');
  }
  const newspaper = joined(
    [source.publication ? italic(source.publication.trim()) : '', mlaDate(publishedDate(source)), source.url ? mlaUrl(source.url) : ''],
    ', ',
  );
  const archived =
    source.url && source.archivedUrl ? rich(italic(webArchiveName(source.archivedUrl)), `, ${mlaUrl(source.archivedUrl)}.`) : [];
  const authors = mlaAuthors(source.authors);
  return joined(
    [authors === '' ? '' : closeWithPeriod(authors), quotedTitle(source.title, '.'), rich(newspaper, '.'), archived, onSite],
    ' ',
  );
}

// ---------------------------------------------------------------- APA

/** Up to 20 authors, all named with "&" before the last; past 20, the first 19, an ellipsis, the last (APA 7, 9.8). */
function apaAuthors(authors: CitedPerson[]): string {
  const names = authors.map(apaName);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0] ?? '';
  if (names.length > 20) return `${names.slice(0, 19).join(', ')}, . . . ${names.at(-1)}`;
  return `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`;
}

/**
 * The reference-list entry of the article read (APA 7, 8.6: the secondary source),
 * as a newspaper article (10.1): the title in sentence case and roman, the
 * newspaper in italics, then one address. The original's when the archive has it;
 * otherwise the archive's name and its page, as for a work found in an archive (9.30),
 * so that the archive's address never stands as the newspaper's. APA gives one address,
 * so an archived copy of the original is not given.
 */
function apa(input: CitationInput): RichText {
  const { source } = input;
  if (!source) {
    // The QTD page is the work read; author and site are the same, so the site is not repeated (10.16).
    return rich(
      closeWithPeriod(input.siteName),
      ` (${apaDate(quoteDay(input))}). [Quotation by ${input.speaker.name.trim()}]. ${input.quoteUrl}`,
    );
  }
  const date = `(${apaDate(publishedDate(source))}).`;
  const title = closeWithPeriod(curlyQuotes((source.sentenceCaseTitle ?? source.title).trim()));
  const authors = apaAuthors(source.authors);
  // With no author, the title moves to the author's place, before the date.
  const head = authors === '' ? [title, date] : [closeWithPeriod(authors), date, title];
  const publication = source.publication ? closeWithPeriod(italic(source.publication.trim())) : '';
  const location = source.url ?? `${input.siteName}. ${input.quoteUrl}`;
  return joined([...head, publication, location], ' ');
}

// ---------------------------------------------------------------- the citations

export interface Citations {
  /** A Chicago note (footnote or endnote), the first time the source is cited. */
  chicagoNote: RichText;
  /** A Chicago bibliography entry. */
  chicagoBibliography: RichText;
  /** An MLA works-cited entry. */
  mla: RichText;
  /** An APA reference-list entry. */
  apa: RichText;
}

/** The forms that go in the running text, or in a note after the first. */
export interface InTextCitations {
  /** Chicago's short note: "Massoud, quoted in Lévy, “Afghan Who Won’t Surrender.”" */
  chicago: RichText;
  /** "(qtd. in Lévy)": MLA names the speaker in the sentence itself (MLA Handbook 9, ch. 6, "Indirect Sources"). */
  mla: RichText;
  /** "(Massoud, as cited in Lévy, 2021)" (APA 7, 8.6). */
  apa: RichText;
}

export function citeQuote(input: CitationInput): Citations {
  return { chicagoNote: chicagoNote(input), chicagoBibliography: chicagoBibliography(input), mla: mla(input), apa: apa(input) };
}

/** "Lévy", "Lévy and Doe" (MLA) or "Lévy & Doe" (APA), "Lévy et al."; the title when there is no author. */
function inTextAuthors(source: ArticleSource, and: string): string {
  const [first, second, third] = source.authors.map(familyName);
  if (!first) return `“${nestQuotes(curlyQuotes(source.title.trim()))}”`;
  if (third) return `${first} et al.`;
  return second ? `${first} ${and} ${second}` : first;
}

export function citeQuoteInText(input: CitationInput): InTextCitations {
  const speaker = familyName(input.speaker);
  const { source } = input;
  const chicago = chicagoShortNote(input);
  if (!source) {
    return { chicago, mla: rich(`(${speaker})`), apa: rich(`(${speaker}, as cited in ${input.siteName}, ${quoteDay(input).year})`) };
  }
  return {
    chicago,
    mla: rich(`(qtd. in ${inTextAuthors(source, 'and')})`),
    apa: rich(`(${speaker}, as cited in ${inTextAuthors(source, '&')}, ${publishedDate(source).year})`),
  };
}

/** One form of a citation as the quote page offers it, with its copy button. */
export interface CitationForm {
  /** Stable and unique on a page: "chicago-note". */
  key: string;
  style: 'Chicago' | 'MLA' | 'APA';
  /** What the form is for: "Note", "In text"… */
  form: string;
  /** The form named in a sentence: "the Chicago note". */
  name: string;
  text: RichText;
}

/** Every form of a quote's citation, style by style: the full entries, then each style's short or in-text form. */
export function citationForms(input: CitationInput): CitationForm[] {
  const full = citeQuote(input);
  const inText = citeQuoteInText(input);
  return [
    { key: 'chicago-note', style: 'Chicago', form: 'Note', name: 'the Chicago note', text: full.chicagoNote },
    { key: 'chicago-short-note', style: 'Chicago', form: 'Short note', name: 'the Chicago short note', text: inText.chicago },
    {
      key: 'chicago-bibliography',
      style: 'Chicago',
      form: 'Bibliography',
      name: 'the Chicago bibliography entry',
      text: full.chicagoBibliography,
    },
    { key: 'mla', style: 'MLA', form: 'Works cited', name: 'the MLA works-cited entry', text: full.mla },
    { key: 'mla-in-text', style: 'MLA', form: 'In text', name: 'the MLA in-text citation', text: inText.mla },
    { key: 'apa', style: 'APA', form: 'Reference list', name: 'the APA reference', text: full.apa },
    { key: 'apa-in-text', style: 'APA', form: 'In text', name: 'the APA in-text citation', text: inText.apa },
  ];
}

// ---------------------------------------------------------------- CSL-JSON

type CslName = { family: string; given?: string; suffix?: string; 'non-dropping-particle'?: string } | { literal: string };

function cslName(person: CitedPerson): CslName {
  const { family, given, suffix } = nameParts(person);
  if (given === '') return { literal: person.name.trim() };
  return { family, given, ...(suffix ? { suffix } : {}) };
}

function cslDate(date: CalendarDate): { 'date-parts': [[number, number, number]] } {
  return { 'date-parts': [[date.year, date.month, date.day]] };
}

/** The last path segment of the quote page: the quote's id, stable across domains. */
function quoteId(quoteUrl: string): string {
  const segments = new URL(quoteUrl).pathname.split('/').filter((s) => s !== '');
  return segments.at(-1) ?? quoteUrl;
}

/**
 * One CSL-JSON item (in an array, as Zotero and Pandoc read it). The article is the
 * item: its `URL` is the original's, and only when the archive has it; the archive
 * where it was found is `archive`, the quote page `archive_location` (Zotero's
 * "Archive" and "Loc. in Archive"). The quote is in `abstract`; who said it, the
 * archive's page and an archived copy of the original are in `note`, since CSL has no
 * variable for a quoted speaker or an archived copy.
 */
export function cslJson(input: CitationInput): object[] {
  const quoteDate = quoteDay(input);
  const foundOn = `${input.siteName}, quote of the day for ${input.quoteDate}: ${input.quoteUrl}`;
  const language = input.language ? { language: input.language } : {};
  const { source } = input;
  if (!source) {
    return [
      {
        id: quoteId(input.quoteUrl),
        type: 'webpage',
        title: 'Quotation',
        author: [cslName(input.speaker)],
        'container-title': input.siteName,
        issued: cslDate(quoteDate),
        URL: input.quoteUrl,
        ...language,
        abstract: input.quoteText,
        note: `Quotation by ${input.speaker.name.trim()}. ${foundOn}`,
      },
    ];
  }
  const archived = source.url && source.archivedUrl ? ` Archived copy of the original: ${source.archivedUrl}` : '';
  return [
    {
      id: quoteId(input.quoteUrl),
      type: 'article-newspaper',
      title: curlyQuotes(source.title.trim()),
      ...(source.publication ? { 'container-title': source.publication.trim() } : {}),
      ...(source.section ? { section: source.section.trim() } : {}),
      author: source.authors.map(cslName),
      issued: cslDate(publishedDate(source)),
      ...(source.url ? { URL: source.url } : {}),
      archive: input.siteName,
      archive_location: input.quoteUrl,
      ...language,
      abstract: input.quoteText,
      note: `Quoting ${input.speaker.name.trim()}. Found in ${foundOn}.${archived}`,
    },
  ];
}

// ---------------------------------------------------------------- BibTeX

/** The characters TeX gives a meaning to, written so that they print as themselves. */
const TEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
  // Not special, but printed as other glyphs in TeX's default font encoding.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Typographic characters with their TeX input, which every engine and font encoding reads. */
const TEX_TYPOGRAPHY: Record<string, string> = {
  '‘': '`',
  '’': "'",
  '“': '``',
  '”': "''",
  '—': '---',
  '–': '--',
  '…': '\\ldots{}',
  '\u00A0': '~',
  '«': '\\guillemotleft{}',
  '»': '\\guillemotright{}',
  '·': '\\textperiodcentered{}',
  '€': '\\texteuro{}',
  '£': '\\pounds{}',
  '§': '\\S{}',
  '©': '\\copyright{}',
};

/** Letters that are not a base letter and an accent, as BibTeX's special characters. */
const TEX_LETTERS: Record<string, string> = {
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  ł: '{\\l}',
  Ł: '{\\L}',
  å: '{\\aa}',
  Å: '{\\AA}',
  ı: '{\\i}',
};

/** Combining accents and their TeX accent commands; a letter command takes its letter in braces. */
const TEX_ACCENTS: Record<string, { command: string; letter: boolean }> = {
  '\u0300': { command: '`', letter: false },
  '\u0301': { command: "'", letter: false },
  '\u0302': { command: '^', letter: false },
  '\u0303': { command: '~', letter: false },
  '\u0304': { command: '=', letter: false },
  '\u0306': { command: 'u', letter: true },
  '\u0307': { command: '.', letter: false },
  '\u0308': { command: '"', letter: false },
  '\u030A': { command: 'r', letter: true },
  '\u030B': { command: 'H', letter: true },
  '\u030C': { command: 'v', letter: true },
  '\u0323': { command: 'd', letter: true },
  '\u0327': { command: 'c', letter: true },
  '\u0328': { command: 'k', letter: true },
  '\u0331': { command: 'b', letter: true },
};

/**
 * A letter with accents as BibTeX's special character, `{\'e}`, `{\v{c}}`, `{\'\i}`,
 * which BibTeX sorts and abbreviates as the letter; undefined when it is not an ASCII
 * letter with accents TeX has commands for.
 */
function texAccented(char: string): string | undefined {
  const [base = '', ...marks] = Array.from(char.normalize('NFD'));
  if (!/^[A-Za-z]$/.test(base) || marks.length === 0) return undefined;
  const accents = marks.map((mark) => TEX_ACCENTS[mark]).filter((accent) => accent !== undefined);
  if (accents.length !== marks.length) return undefined;
  // Accents above an i or a j sit on the dotless letter.
  const allAbove = accents.every((accent) => !['c', 'k', 'd', 'b'].includes(accent.command));
  const letter = allAbove && (base === 'i' || base === 'j') ? `\\${base}` : base;
  const [only] = accents;
  if (only && accents.length === 1 && !only.letter) return `{\\${only.command}${letter}}`;
  return `{${accents.reduce((text, accent) => `\\${accent.command}{${text}}`, letter)}}`;
}

/**
 * Text as a BibTeX value: TeX's special characters escaped, typographic quotes and
 * dashes as TeX writes them, accented Latin letters as BibTeX's special characters.
 * Other characters (another script) stay as they are: the file is UTF-8, which
 * biber and LaTeX read.
 */
export function texText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    out +=
      TEX_SPECIALS[char] ?? TEX_TYPOGRAPHY[char] ?? TEX_LETTERS[char] ?? (char.charCodeAt(0) < 0x80 ? char : (texAccented(char) ?? char));
  }
  return out;
}

/**
 * A title whose capitals survive a style that changes case: each word capitalized in
 * the sentence-case title (a proper noun) in braces, or, without that title, the whole
 * title in braces, since no word of it is known to be a common noun.
 */
function bibtexTitle(title: string, sentenceCase: string | undefined): string {
  const words = curlyQuotes(title.trim()).split(/\s+/);
  const sentenceWords = sentenceCase ? curlyQuotes(sentenceCase.trim()).split(/\s+/) : [];
  if (sentenceWords.length !== words.length) return `{${texText(words.join(' '))}}`;
  return words
    .map((word, index) => (index > 0 && /^\P{L}*\p{Lu}/u.test(sentenceWords[index] ?? '') ? `{${texText(word)}}` : texText(word)))
    .join(' ');
}

/** "{van Beethoven}, Ludwig"-free form BibTeX reads: "van Beethoven, Ludwig", "King, Jr., Martin Luther", a single name alone. */
function bibtexName(person: CitedPerson): string {
  const { family, given, suffix } = nameParts(person);
  const last = [...particlesOf(given), family].join(' ');
  const first = given
    .split(/\s+/)
    .filter((word) => word !== '' && !isParticle(word))
    .join(' ');
  const name = first === '' ? last : suffix ? `${last}, ${suffix}, ${first}` : `${last}, ${first}`;
  // "and" inside a name would split it in two.
  return /\band\b/i.test(name) ? `{${texText(name)}}` : texText(name);
}

/** A URL inside braces, as biblatex's `url` field and `\url{}` take it: braces and backslashes percent-encoded. */
function bibtexUrl(url: string): string {
  return url.replace(/[{}\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A URL in `\\url{}` inside another field, where TeX reads `%` and `#` before `\\url` can: those escaped too. */
function noteUrl(url: string): string {
  return `\\url{${bibtexUrl(url).replace(/[%#]/g, '\\$&')}}`;
}

const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/**
 * The citation as one BibTeX entry, for BibTeX and biblatex. The article is an
 * `@article` in its newspaper (biblatex's `entrysubtype = {newspaper}`), its date both
 * as biblatex's `date` and BibTeX's `year` and `month` (a month macro, which each style
 * writes its own way), its `url` the original's, and only when the archive has it; the
 * speaker, the archive's page and an archived copy of the original are in `note`. A
 * quote without an article is a `@misc` page of the archive. The key is the quote's id.
 */
export function bibtex(input: CitationInput): string {
  const { source } = input;
  const date = source ? publishedDate(source) : quoteDay(input);
  const speaker = texText(input.speaker.name.trim());
  const foundOn = `${texText(input.siteName)}, quote of the day for ${input.quoteDate}: ${noteUrl(input.quoteUrl)}`;
  const archived = source?.url && source.archivedUrl ? ` Archived copy of the original: ${noteUrl(source.archivedUrl)}.` : '';
  const url = source ? source.url : input.quoteUrl;
  // [field, value, written without braces]
  const fields: [string, string, boolean?][] = [
    ...(source
      ? ([
          ['author', source.authors.map(bibtexName).join(' and ')],
          ['title', bibtexTitle(source.title, source.sentenceCaseTitle)],
          ...(source.publication ? [['journal', texText(source.publication.trim())]] : []),
          ['entrysubtype', 'newspaper'],
        ] as [string, string][])
      : ([
          ['author', bibtexName(input.speaker)],
          ['title', 'Quotation'],
          ['howpublished', texText(input.siteName)],
        ] as [string, string][])),
    ['date', isoDate(date)],
    ['year', String(date.year)],
    ['month', BIBTEX_MONTHS[date.month - 1] ?? '', true],
    ...(url ? [['url', bibtexUrl(url)] as [string, string]] : []),
    ['note', source ? `Quoting ${speaker}. Found in ${foundOn}.${archived}` : `Quotation by ${speaker}. ${foundOn}.`],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  const lines = fields.map(([name, value, bare]) => `  ${name.padEnd(width)} = ${bare ? value : `{${value}}`},`);
  return `@${source ? 'article' : 'misc'}{${quoteId(input.quoteUrl)},\n${lines.join('\n')}\n}\n`;
}

// ---------------------------------------------------------------- embedded metadata

/** A `<meta name content>` tag of the quote page's head. */
export interface MetaTag {
  name: string;
  content: string;
}

/**
 * The tags Zotero's connector reads from the quote page (its "Embedded Metadata"
 * translator), so that one click saves the article with every field: Highwire Press
 * `citation_*` tags (as Google Scholar reads them too) for the title, authors, date,
 * language, original URL and abstract (the quote, as in CSL-JSON); `prism.publicationName`
 * for the newspaper and `article:section` for its section, which Zotero reads from
 * these vocabularies only for a newspaper article; and `DC.type`, which makes the item
 * a newspaper article. The translator would guess a journal article from
 * `citation_title` alone, and `citation_journal_title` would force one, so it is not
 * given. Without `citation_public_url` Zotero takes the page's canonical URL: the
 * archive's page for an article whose original is not known. A quote without an
 * article is a web page of the archive by its speaker; its title is the page's.
 */
export function referenceManagerMeta(input: CitationInput): MetaTag[] {
  const tags: MetaTag[] = [];
  const add = (name: string, content: string | undefined) => {
    if (content !== undefined && content.trim() !== '') tags.push({ name, content: content.trim() });
  };
  const slashed = (date: CalendarDate) => isoDate(date).replace(/-/g, '/');
  const { source } = input;
  if (!source) {
    add('DC.type', 'webpage');
    add('citation_author', invertedName(input.speaker));
    add('citation_publication_date', slashed(quoteDay(input)));
  } else {
    add('DC.type', 'newspaperArticle');
    add('citation_title', curlyQuotes(source.title));
    for (const author of source.authors) add('citation_author', invertedName(author));
    add('citation_publication_date', slashed(publishedDate(source)));
    add('prism.publicationName', source.publication);
    add('article:section', source.section);
    add('citation_public_url', source.url);
  }
  add('citation_language', input.language);
  add('citation_abstract', input.quoteText);
  return tags;
}
