/**
 * "Cite this quote": Chicago (17th ed., notes-bibliography), MLA 9 and APA 7, and
 * CSL-JSON for reference managers.
 *
 * What is cited: the words were spoken by the speaker and printed in the article, so
 * every style cites them as a secondary source ("quoted in", "qtd. in", "as cited
 * in") and gives the QTD quote page as the place the reader found them. A quote
 * without an article is cited from the QTD page alone.
 *
 * Output is plain text. The styles italicize some titles (the newspaper; APA's page
 * description is bracketed instead), and plain text cannot show italics: those titles
 * are left unmarked rather than wrapped in *asterisks* or _underscores_ that a reader
 * would paste into a bibliography. Titles the styles set in quotation marks get curly
 * quotes (“…”, with quotes inside them turned to ‘…’).
 *
 * Every date comes from the data (no access date), so the text is the same on every
 * build.
 */
import { FULL_MONTHS, parseCalendarDay } from './dates.ts';

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
    /** ISO date or datetime with offset; its calendar date is used as written. */
    published: string;
    /** The original article. Not printed: the citations point to the QTD page the reader used. */
    url?: string;
  };
}

export interface Citations {
  /** A Chicago note. */
  chicago: string;
  /** An MLA works-cited entry. */
  mla: string;
  /** An APA reference-list entry. */
  apa: string;
}

/** The parenthetical citations that go with the MLA and APA entries in running text. */
export interface InTextCitations {
  /** "(qtd. in Lévy)": MLA names the speaker in the sentence itself. */
  mla: string;
  /** "(Massoud, as cited in Lévy, 2021)". */
  apa: string;
}

/** MLA abbreviates months longer than four letters. */
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

// ---------------------------------------------------------------- names

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
  const particles = given.split(/\s+/).filter((word) => word !== '' && isParticle(word));
  const surname = [...particles, family].join(' ');
  return [surname, initials(given), suffix].filter((part) => part !== '').join(', ');
}

/** The family name alone, as in-text citations use it (particles dropped, as in "Beethoven"). */
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

/** Inside a title set in double quotes, its own double quotes become single. */
function nestedQuotes(text: string): string {
  return text.replace(/“/g, '‘').replace(/”/g, '’');
}

const endsWithQuestionOrExclamation = (text: string) => /[?!][’”]?$/.test(text);
const endsWithTerminal = (text: string) => /[.?!][’”]?$/.test(text);

/** A period closes an element unless it already ends with one, or with ? or !. */
function closeWithPeriod(text: string): string {
  return endsWithTerminal(text) ? text : `${text}.`;
}

/**
 * A title in double quotes with the punctuation that follows it tucked inside, in
 * the American manner. A title ending in ? or ! takes neither comma nor period:
 * “Can He Hold Out?” The Wall Street Journal…
 */
function quotedTitle(title: string, punctuation: ',' | '.'): string {
  const text = nestedQuotes(curlyQuotes(title.trim()));
  if (endsWithQuestionOrExclamation(text)) return `“${text}”`;
  if (punctuation === '.' && text.endsWith('.')) return `“${text}”`;
  return `“${text}${punctuation}”`;
}

/** "A", "A and B", "A, B, and C". */
function serialList(items: string[], conjunction: string): string {
  if (items.length <= 2) return items.join(` ${conjunction} `);
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items.at(-1)}`;
}

// ---------------------------------------------------------------- Chicago

/** Chicago omits an initial English "The" from a newspaper's name in notes (CMOS 14.172). */
function chicagoPublication(publication: string): string {
  return publication.trim().replace(/^The\s+/, '');
}

/** Notes name up to three authors; four or more become "first et al." (CMOS 14.76). */
function chicagoNoteAuthors(authors: CitedPerson[]): string {
  const names = authors.map((author) => author.name.trim());
  if (names.length >= 4) return `${names[0]} et al.`;
  return serialList(names, 'and');
}

function chicago(input: CitationInput): string {
  const speaker = input.speaker.name.trim();
  const { source } = input;
  if (!source) {
    const date = chicagoDate(calendarDate(input.quoteDate, 'quoteDate'));
    return `${speaker}, quoted in ${input.siteName}, ${date}, ${input.quoteUrl}.`;
  }
  const authors = chicagoNoteAuthors(source.authors);
  const title = quotedTitle(source.title, ',');
  const rest = [
    source.publication ? chicagoPublication(source.publication) : '',
    chicagoDate(calendarDate(source.published, 'source.published')),
    input.quoteUrl,
  ].filter((part) => part !== '');
  const work = authors === '' ? title : `${authors}, ${title}`;
  return `${speaker}, quoted in ${work} ${rest.join(', ')}.`;
}

// ---------------------------------------------------------------- MLA

/** MLA shows the URL without http:// or https:// (MLA Handbook 9, 5.95). */
const mlaUrl = (url: string) => url.replace(/^https?:\/\//, '');

/** One author inverted; two as "Last, First, and First Last"; three or more as "Last, First, et al." */
function mlaAuthors(authors: CitedPerson[]): string {
  const [first, second] = authors;
  if (!first) return '';
  if (authors.length >= 3) return `${invertedName(first)}, et al.`;
  if (second) return closeWithPeriod(`${invertedName(first)}, and ${second.name.trim()}`);
  return closeWithPeriod(invertedName(first));
}

function mla(input: CitationInput): string {
  const quoteDate = mlaDate(calendarDate(input.quoteDate, 'quoteDate'));
  const onSite = `${input.siteName}, ${quoteDate}, ${mlaUrl(input.quoteUrl)}.`;
  const { source } = input;
  if (!source) {
    // No title: MLA's generic description, not italicized or quoted, stands in for one.
    return `${closeWithPeriod(invertedName(input.speaker))} Quotation. ${onSite}`;
  }
  const newspaper = [source.publication?.trim() ?? '', mlaDate(calendarDate(source.published, 'source.published'))].filter(
    (part) => part !== '',
  );
  return [mlaAuthors(source.authors), quotedTitle(source.title, '.'), `${newspaper.join(', ')}.`, onSite]
    .filter((part) => part !== '')
    .join(' ');
}

// ---------------------------------------------------------------- APA

/** Up to 20 authors, all named with "&" before the last; past 20, the first 19, an ellipsis, the last (APA 9.8). */
function apaAuthors(authors: CitedPerson[]): string {
  const names = authors.map(apaName);
  if (names.length === 0) return '';
  if (names.length === 1) return closeWithPeriod(names[0] ?? '');
  if (names.length > 20) return closeWithPeriod(`${names.slice(0, 19).join(', ')}, . . . ${names.at(-1)}`);
  return closeWithPeriod(`${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`);
}

function apa(input: CitationInput): string {
  const { source } = input;
  if (!source) {
    // The QTD page is the work read; author and site are the same, so the site is not repeated.
    const date = apaDate(calendarDate(input.quoteDate, 'quoteDate'));
    return `${closeWithPeriod(input.siteName)} (${date}). [Quotation by ${input.speaker.name.trim()}]. ${input.quoteUrl}`;
  }
  const date = `(${apaDate(calendarDate(source.published, 'source.published'))}).`;
  const title = closeWithPeriod(curlyQuotes((source.sentenceCaseTitle ?? source.title).trim()));
  const authors = apaAuthors(source.authors);
  // With no author, the title moves to the author's place, before the date.
  const head = authors === '' ? [title, date] : [authors, date, title];
  const publication = source.publication ? closeWithPeriod(source.publication.trim()) : '';
  return [...head, publication, input.quoteUrl].filter((part) => part !== '').join(' ');
}

// ---------------------------------------------------------------- public API

export function citeQuote(input: CitationInput): Citations {
  return { chicago: chicago(input), mla: mla(input), apa: apa(input) };
}

/** "Lévy", "Lévy and Doe" (MLA) or "Lévy & Doe" (APA), "Lévy et al."; the title when there is no author. */
function inTextAuthors(source: NonNullable<CitationInput['source']>, and: string): string {
  const [first, second, third] = source.authors.map(familyName);
  if (!first) return `“${nestedQuotes(curlyQuotes(source.title.trim()))}”`;
  if (third) return `${first} et al.`;
  return second ? `${first} ${and} ${second}` : first;
}

export function citeQuoteInText(input: CitationInput): InTextCitations {
  const speaker = familyName(input.speaker);
  const { source } = input;
  if (!source) {
    const year = calendarDate(input.quoteDate, 'quoteDate').year;
    return { mla: `(${speaker})`, apa: `(${speaker}, as cited in ${input.siteName}, ${year})` };
  }
  const year = calendarDate(source.published, 'source.published').year;
  return {
    mla: `(qtd. in ${inTextAuthors(source, 'and')})`,
    apa: `(${speaker}, as cited in ${inTextAuthors(source, '&')}, ${year})`,
  };
}

// ---------------------------------------------------------------- CSL-JSON

type CslName = { family: string; given?: string; suffix?: string } | { literal: string };

function cslName(person: CitedPerson): CslName {
  const { family, given, suffix } = nameParts(person);
  if (given === '') return { literal: person.name.trim() };
  return { family, given, ...(suffix ? { suffix } : {}) };
}

function cslDate(date: CalendarDate): { 'date-parts': [[number, number, number]] } {
  return { 'date-parts': [[date.year, date.month, date.day]] };
}

/** The last path segment of the quote page: the quote's id, stable across domains. */
function cslId(quoteUrl: string): string {
  const segments = new URL(quoteUrl).pathname.split('/').filter((s) => s !== '');
  return segments.at(-1) ?? quoteUrl;
}

/**
 * One CSL-JSON item (in an array, as Zotero and Pandoc read it). The quote is in
 * `abstract`; who said it and where it was found are in `note`, since CSL has no
 * role for a quoted speaker.
 */
export function cslJson(input: CitationInput): object[] {
  const quoteDate = calendarDate(input.quoteDate, 'quoteDate');
  const foundOn = `${input.siteName}, quote of the day for ${input.quoteDate}`;
  const { source } = input;
  if (!source) {
    return [
      {
        id: cslId(input.quoteUrl),
        type: 'webpage',
        title: 'Quotation',
        author: [cslName(input.speaker)],
        'container-title': input.siteName,
        issued: cslDate(quoteDate),
        URL: input.quoteUrl,
        abstract: input.quoteText,
        note: `Quotation by ${input.speaker.name.trim()}. ${foundOn}.`,
      },
    ];
  }
  const original = source.url ? ` Original article: ${source.url}` : '';
  return [
    {
      id: cslId(input.quoteUrl),
      type: 'article-newspaper',
      title: curlyQuotes(source.title.trim()),
      ...(source.publication ? { 'container-title': source.publication.trim() } : {}),
      author: source.authors.map(cslName),
      issued: cslDate(calendarDate(source.published, 'source.published')),
      URL: input.quoteUrl,
      abstract: input.quoteText,
      note: `Quoting ${input.speaker.name.trim()}. ${foundOn}.${original}`,
    },
  ];
}
