/**
 * Turns a pasted or PDF-copied article into a draft of `content/articles/<id>.md`:
 * the header (section, title, dek, byline, dateline) read into front matter, the
 * body repaired into paragraphs, and everything the curator must check listed.
 */
import type { Root } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { Document, Scalar, isScalar, isSeq } from 'yaml';
import { formatOffset, parseDateTime, zoneOffsetMinutes } from '../domain/dates.ts';
import {
  applyGuesses,
  findReplacementChars,
  fixLigatures,
  joinWrappedLines,
  unwrapParagraphs,
  type ReplacementFinding,
} from './clean-text.ts';

export interface ArticleFrontmatter {
  title: string;
  dek?: string;
  /** Suggested person ids, one per name of the byline. */
  authors: string[];
  publication?: string;
  section?: string;
  /** `2021-08-23T12:56:00-04:00`; without an offset when the zone is unknown (see warnings). */
  published?: string;
  timeZone?: string;
  sourceUrl?: string;
}

export interface ArticleDraft {
  frontmatter: ArticleFrontmatter;
  paragraphs: string[];
  caption?: string;
  authorNote?: string;
  /** The byline's names as printed, in the order of `frontmatter.authors`. */
  authorNames: string[];
  /** Every U+FFFD of the input with the guess applied (or not: `guess` null). */
  replacements: ReplacementFinding[];
  /** What the draft could not decide, each with its line and what to do. */
  warnings: string[];
}

export interface DraftOptions {
  /** Not in a PDF copy's text: given by the curator. */
  publication?: string;
  sourceUrl?: string;
}

const LETTER_EQUIVALENTS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Kebab-case ASCII id: "Bernard-Henri Lévy" → "bernard-henri-levy", "Won’t" → "wont". */
export function kebabId(text: string): string {
  return text
    .replace(/[’'ʼ‘]/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłæœßđðþı]/g, (char) => LETTER_EQUIVALENTS[char] ?? char)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// Zones newspapers print after a time, and the IANA zone whose rules give the offset.
const PRINTED_ZONES: Record<string, string> = {
  ET: 'America/New_York',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CT: 'America/Chicago',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MT: 'America/Denver',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PT: 'America/Los_Angeles',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
};

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const DATELINE =
  /^(?:(?:Published|Updated)\s+)?(\p{L}+)\.?\s+(\d{1,2}),\s*(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*([ap])\.?\s*m\.?)?(?:\s+([A-Za-z]{1,5}))?$/iu;

export interface Dateline {
  /** ISO 8601, with the offset when the zone is known. */
  published: string;
  timeZone?: string;
  warnings: string[];
}

function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * "Aug. 23, 2021 12:56 pm ET" → `2021-08-23T12:56:00-04:00` in America/New_York; the
 * offset comes from the zone's rules on that day (EDT in August, EST in January).
 */
export function parseDateline(line: string): Dateline | undefined {
  const match = DATELINE.exec(line.trim());
  if (!match) return undefined;
  const [, monthWord = '', dayText = '', yearText = '', hourText, minuteText, meridiem, zoneText] = match;
  const month = monthNumber(monthWord);
  if (month === undefined) return undefined;
  const warnings: string[] = [];
  const [year, day] = [Number(yearText), Number(dayText)];
  let hour = 0;
  let minute = 0;
  if (hourText !== undefined && minuteText !== undefined) {
    hour = (Number(hourText) % 12) + (meridiem?.toLowerCase() === 'p' ? 12 : 0);
    minute = Number(minuteText);
  } else {
    warnings.push(`the dateline "${line.trim()}" has no time: published is set to midnight; correct it if the time is known`);
  }
  const local = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00`;
  const timeZone = zoneText ? PRINTED_ZONES[zoneText.toUpperCase()] : undefined;
  if (!timeZone) {
    warnings.push(
      zoneText
        ? `the dateline's zone "${zoneText}" is not one of ET, CT, MT, PT: add the UTC offset to published (${local}) and a timeZone by hand`
        : `the dateline "${line.trim()}" names no time zone: add the UTC offset to published (${local}) and a timeZone by hand`,
    );
    return { published: local, warnings };
  }
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the wall-clock time read as UTC can be the other side of a DST change: look again at the real instant.
  const firstOffset = zoneOffsetMinutes(wallClockAsUtc, timeZone);
  const offset = zoneOffsetMinutes(wallClockAsUtc - firstOffset * 60_000, timeZone);
  const published = `${local}${formatOffset(offset)}`;
  const check = parseDateTime(published);
  if (!check.ok) warnings.push(`the dateline "${line.trim()}" is not a real date: ${check.reason}`);
  return { published, timeZone, warnings };
}

function titleCaseIfShouted(word: string): string {
  if (!/\p{Lu}/u.test(word) || /\p{Ll}/u.test(word) || word.includes('.')) return word;
  return word
    .split('-')
    .map((part) => part.charAt(0) + part.slice(1).toLowerCase())
    .join('-');
}

/** "OPINION |  COMMENTARY" → "Opinion · Commentary". */
export function formatSection(line: string): string {
  return line
    .split('|')
    .map((part) => part.trim().split(/\s+/).map(titleCaseIfShouted).join(' '))
    .filter((part) => part !== '')
    .join(' · ');
}

function isSectionLine(line: string): boolean {
  return line.includes('|') || (/\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line));
}

const BYLINE = /^By\s+(\S.*)$/i;

function bylineNames(line: string): string[] {
  const names = BYLINE.exec(line.trim())?.[1] ?? '';
  return names
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "Mr. Lévy is author of …", "Bernard-Henri Lévy, a philosopher, …": the note printed after an article. */
function isAuthorNote(paragraph: string, names: readonly string[]): boolean {
  return names.some((name) => {
    const surname = name.split(/\s+/).pop() ?? name;
    const who = `(?:${escapeRegExp(name)}|${escapeRegExp(surname)})`;
    const pattern = new RegExp(
      `^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Sen|Rep)\\.?\\s+)?${who}(?:,|\\s+(?:is|was|has|teaches|served|serves|writes|works)\\b)`,
      'u',
    );
    return pattern.test(paragraph);
  });
}

// The header is read from the first lines only; a byline deep in the body is text.
const HEADER_SCAN_LINES = 12;

interface Header {
  title: string;
  dek?: string;
  section?: string;
  names: string[];
  dateline?: Dateline;
  /** Index of the header's last line; the body starts after it. */
  lastLine: number;
  warnings: string[];
}

function readHeader(lines: readonly string[]): Header {
  const warnings: string[] = [];
  const scanned = lines
    .map((text, index) => ({ text: text.trim(), index }))
    .filter((line) => line.text !== '')
    .slice(0, HEADER_SCAN_LINES);
  const byline = scanned.find((line) => BYLINE.test(line.text));
  let dateline: Dateline | undefined;
  let datelineLine: (typeof scanned)[number] | undefined;
  for (const line of scanned) {
    dateline = parseDateline(line.text);
    if (dateline) {
      datelineLine = line;
      break;
    }
  }
  if (!byline) warnings.push('no byline ("By …") in the first lines: add the authors by hand');
  if (!datelineLine) warnings.push('no dateline ("Aug. 23, 2021 12:56 pm ET") in the first lines: add published by hand');

  const markers = [byline, datelineLine].filter((line) => line !== undefined);
  const firstMarker = Math.min(...markers.map((line) => line.index));
  const before = markers.length > 0 ? scanned.filter((line) => line.index < firstMarker) : scanned.slice(0, 1);
  let lastLine = Math.max(-1, ...markers.map((line) => line.index));

  const sectionLine = before.length > 1 && isSectionLine(before[0]?.text ?? '') ? before[0] : undefined;
  const titleAndDek = sectionLine ? before.slice(1) : before;
  const title = titleAndDek[0]?.text ?? '';
  if (title === '') warnings.push('no title found before the byline: add it by hand');
  const dekLines = titleAndDek.slice(1).map((line) => line.text);
  const dek = dekLines.length > 0 ? dekLines.reduce(joinWrappedLines) : undefined;
  if (markers.length === 0) lastLine = titleAndDek[0]?.index ?? -1;

  return {
    title,
    ...(dek !== undefined ? { dek } : {}),
    ...(sectionLine ? { section: formatSection(sectionLine.text) } : {}),
    names: byline ? bylineNames(byline.text) : [],
    ...(dateline ? { dateline } : {}),
    lastLine,
    warnings,
  };
}

export function draftArticle(rawText: string, options: DraftOptions = {}): ArticleDraft {
  const replacements = findReplacementChars(rawText);
  const repaired = fixLigatures(applyGuesses(rawText, replacements)).replace(/\r\n?/g, '\n');
  const lines = repaired.split('\n');
  const header = readHeader(lines);
  const warnings = [...header.warnings];

  for (const finding of replacements) {
    if (finding.guess === null) {
      warnings.push(
        `line ${finding.line}, column ${finding.column}: a lost character (U+FFFD) in "${finding.context}" could not be guessed (${finding.reason}); type the right character(s) in its place`,
      );
    }
  }

  const bodyStart = header.lastLine + 1;
  const unwrapped = unwrapParagraphs(lines.slice(bodyStart).join('\n')).map((paragraph) => ({
    ...paragraph,
    line: paragraph.line + bodyStart,
  }));

  const captionIndex = unwrapped.findIndex((paragraph) => paragraph.kind === 'caption');
  const caption = unwrapped[captionIndex];
  const last = unwrapped.at(-1);
  const authorNote = last && last !== caption && isAuthorNote(last.text, header.names) ? last : undefined;
  const body = unwrapped.filter((paragraph) => paragraph !== caption && paragraph !== authorNote);

  for (const paragraph of body) {
    if (paragraph.kind === 'caption') {
      warnings.push(
        `line ${paragraph.line}: "${paragraph.text}" also reads like a photo caption; it was left in the body: delete or move it`,
      );
    }
    for (const hyphen of paragraph.keptHyphens) {
      warnings.push(
        `line ${hyphen.line} ends with a hyphen: joined as "${hyphen.word}" with the hyphen kept; remove it if it only broke the word`,
      );
    }
  }
  if (!options.publication) warnings.push('publication is not in the copied text: add it');
  if (!options.sourceUrl) warnings.push('sourceUrl is not in the copied text: add the link to the original if there is one');

  const frontmatter: ArticleFrontmatter = {
    title: header.title,
    ...(header.dek !== undefined ? { dek: header.dek } : {}),
    authors: header.names.map(kebabId),
    ...(options.publication ? { publication: options.publication } : {}),
    ...(header.section !== undefined ? { section: header.section } : {}),
    ...(header.dateline ? { published: header.dateline.published } : {}),
    ...(header.dateline?.timeZone ? { timeZone: header.dateline.timeZone } : {}),
    ...(options.sourceUrl ? { sourceUrl: options.sourceUrl } : {}),
  };
  warnings.push(...(header.dateline?.warnings ?? []));

  return {
    frontmatter,
    paragraphs: body.map((paragraph) => paragraph.text),
    ...(caption ? { caption: caption.text } : {}),
    ...(authorNote ? { authorNote: authorNote.text } : {}),
    authorNames: header.names,
    replacements,
    warnings,
  };
}

/**
 * The article file: front matter written by `yaml`, the body by remark from a syntax
 * tree, so that `*`, `_`, `#`, `[`, a leading `1.` or `>` stay text instead of
 * becoming emphasis, headings, links, lists or quotes.
 */
export function toMarkdown(draft: ArticleDraft): string {
  const data: Record<string, unknown> = { ...draft.frontmatter };
  if (draft.caption !== undefined) data.caption = draft.caption;
  if (draft.authorNote !== undefined) data.authorNote = draft.authorNote;
  const document = new Document(data);
  const published = document.get('published', true);
  // Quoted, so that no YAML reader turns it into a Date and loses the written offset.
  if (isScalar(published)) published.type = Scalar.QUOTE_DOUBLE;
  const authors = document.get('authors', true);
  if (isSeq(authors)) authors.flow = true;
  const frontmatter = document.toString({ lineWidth: 0, flowCollectionPadding: false });

  const tree: Root = {
    type: 'root',
    children: draft.paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', value: text }] })),
  };
  const body = unified().use(remarkStringify).stringify(tree);
  return `---\n${frontmatter}---\n\n${body}`;
}
