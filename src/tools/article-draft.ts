/**
 * Turns a pasted, PDF-copied or web-copied article into a draft of
 * `content/articles/<id>.md`: page furniture left out, the header (section, title, dek,
 * byline, dateline) read into front matter, the body repaired into paragraphs, and
 * everything the curator must check listed with the line of the draft it concerns.
 */
import type { Root } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { Document, Scalar, isScalar, isSeq } from 'yaml';
import { formatOffset, parseDateTime, zoneOffsetMinutes } from '../domain/dates.ts';
import {
  findInvisibleChars,
  findReplacementChars,
  fixLigatures,
  hyphenResolver,
  joinSplitParagraphs,
  joinWrappedLines,
  repairCharacters,
  sourceLines,
  unwrapParagraphs,
  type InvisibleFinding,
  type LineEndHyphen,
  type ParagraphJoin,
  type ReplacementFinding,
  type SourceLine,
  type UnwrappedParagraph,
} from './clean-text.ts';
import { textWords } from './line-hyphens.ts';
import { findFurniture, isPageFurniture, type FurnitureLine } from './page-furniture.ts';

export interface ArticleFrontmatter {
  title: string;
  dek?: string;
  /** Suggested person ids, one per name of the byline. */
  authors: string[];
  publication?: string;
  section?: string;
  /**
   * `2021-08-23T12:56:00-04:00`; when the copy does not tell, a placeholder the build
   * refuses (`PUBLISHED_PLACEHOLDER`, or the local time and a request for the offset).
   */
  published: string;
  timeZone?: string;
  sourceUrl?: string;
}

/** Where in the written file a check points: a front-matter field, a paragraph of the body (from 0), or the end of the front matter. */
export type DraftPlace = { field: string } | { paragraph: number } | { frontmatterEnd: true };

/** Something the curator must check or do, at its place in the draft. */
export interface DraftCheck {
  message: string;
  at?: DraftPlace;
}

export interface ArticleDraft {
  frontmatter: ArticleFrontmatter;
  paragraphs: string[];
  caption?: string;
  authorNote?: string;
  /** The byline's names as printed, in the order of `frontmatter.authors`. */
  authorNames: string[];
  /** Lines of the input left out as page furniture, each with its kind. */
  removed: FurnitureLine[];
  /** Every U+FFFD of the input with the guess applied (or not: `guess` null). */
  replacements: ReplacementFinding[];
  /** Invisible characters of the input, all left out. */
  invisibles: InvisibleFinding[];
  /** Paragraphs split by furniture and joined again, with the paragraph they make. */
  joins: (ParagraphJoin & { paragraph: number })[];
  /** Every line-end hyphen of the body, with its decision and its paragraph. */
  hyphens: (LineEndHyphen & { paragraph: number })[];
  /** What the draft could not decide, each with its place and what to do. */
  checks: DraftCheck[];
}

export interface DraftOptions {
  /** Not in a PDF copy's text: given by the curator. */
  publication?: string;
  sourceUrl?: string;
  /** English words in lower case, to decide line-end hyphens (see `line-hyphens.ts`). */
  words?: ReadonlySet<string>;
}

/**
 * What `published:` holds when the copy has no dateline: not a datetime, so the build
 * stops on it and quotes it back ("… is not a datetime with an offset, like
 * 2021-08-23T12:56:00-04:00"), which says what to write.
 */
export const PUBLISHED_PLACEHOLDER = 'FILL IN: the date, time and UTC offset of publication, like 2021-08-23T12:56:00-04:00';

/** The same for a dateline without a zone: the local time is known, the offset is not. */
export function offsetPlaceholder(localTime: string): string {
  return `${localTime} FILL IN: add the UTC offset at the end, like ${localTime}-04:00`;
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
  /** 1-based input lines of each front-matter field read from the header. */
  fieldLines: Map<string, number[]>;
  /** Lines above the section and title, left out: a masthead (the site's or paper's name). */
  mastheads: { line: number; text: string }[];
  checks: DraftCheck[];
}

function readHeader(lines: readonly string[]): Header {
  const checks: DraftCheck[] = [];
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
  if (!byline)
    checks.push({ message: 'no byline ("By …") in the first lines of the copy: add the authors by hand', at: { field: 'authors' } });
  if (!datelineLine) {
    checks.push({
      message:
        'no dateline ("Aug. 23, 2021 12:56 pm ET") in the first lines of the copy: replace the placeholder with the date, time and UTC offset of publication; the build refuses the placeholder',
      at: { field: 'published' },
    });
  }

  const markers = [byline, datelineLine].filter((line) => line !== undefined);
  const firstMarker = Math.min(...markers.map((line) => line.index));
  // Without a byline or dateline, the header is its first line that is not a section or masthead.
  const firstPlain = scanned.findIndex((line) => !isSectionLine(line.text));
  const before = markers.length > 0 ? scanned.filter((line) => line.index < firstMarker) : scanned.slice(0, firstPlain + 1);
  let lastLine = Math.max(-1, ...markers.map((line) => line.index));

  // Lines in capitals or with "|" above the title: the nearest is the section, any above it a masthead.
  let titleAt = before.findIndex((line) => !isSectionLine(line.text));
  if (titleAt === -1) titleAt = before.length - 1;
  const above = before.slice(0, titleAt);
  const sectionLine = above.at(-1);
  const mastheads = above.slice(0, -1).map((line) => ({ line: line.index + 1, text: line.text }));
  const titleLine = before[titleAt];
  const title = titleLine?.text ?? '';
  if (title === '') checks.push({ message: 'no title found before the byline: write it by hand', at: { field: 'title' } });
  else if (isSectionLine(title)) {
    checks.push({
      message: `the title "${title}" is in capitals or holds "|", as a masthead or a section does: make sure it is the article's title`,
      at: { field: 'title' },
    });
  }
  const dekLines = before.slice(titleAt + 1);
  const dek = dekLines.length > 0 ? dekLines.map((line) => line.text).reduce(joinWrappedLines) : undefined;
  if (markers.length === 0) lastLine = titleLine?.index ?? -1;

  const fieldLines = new Map<string, number[]>();
  const note = (field: string, ...indexes: number[]): void => {
    if (indexes.length > 0)
      fieldLines.set(
        field,
        indexes.map((index) => index + 1),
      );
  };
  if (titleLine) note('title', titleLine.index);
  note('dek', ...dekLines.map((line) => line.index));
  if (sectionLine) note('section', sectionLine.index);
  if (byline) note('authors', byline.index);
  if (datelineLine) note('published', datelineLine.index);

  return {
    title,
    ...(dek !== undefined ? { dek } : {}),
    ...(sectionLine ? { section: formatSection(sectionLine.text) } : {}),
    names: byline ? bylineNames(byline.text) : [],
    ...(dateline ? { dateline } : {}),
    lastLine,
    fieldLines,
    mastheads,
    checks,
  };
}

/** The input's lines with furniture marked: page furniture is stepped over, web furniture ends a paragraph. */
function markRemoved(lines: readonly SourceLine[], removed: readonly FurnitureLine[]): SourceLine[] {
  const kinds = new Map(removed.map((entry) => [entry.line, entry.kind]));
  return lines.map((source) => {
    const kind = kinds.get(source.line);
    return kind === undefined ? source : { ...source, removed: isPageFurniture(kind) ? 'page' : 'block' };
  });
}

// A one-line paragraph at most this long may be a photo caption (web copies have no wrap width to compare with).
const CAPTION_MAX_WORDS = 40;

/**
 * Photo captions the unwrapping cannot see: a lone line just above a photo credit (web
 * copies), or just before a page break in a copy whose pages start without a space.
 */
function markCaptions(paragraphs: UnwrappedParagraph[], removed: readonly FurnitureLine[], sources: readonly SourceLine[]): void {
  const creditLines = new Set(removed.filter((entry) => entry.kind === 'photo credit').map((entry) => entry.line));
  const byLine = new Map(sources.map((source) => [source.line, source]));
  paragraphs.forEach((paragraph, index) => {
    if (paragraph.kind !== 'paragraph' || paragraph.line !== paragraph.lastLine) return;
    if (paragraph.text.split(' ').length > CAPTION_MAX_WORDS) return;
    // The next line that is not blank.
    let next = paragraph.lastLine + 1;
    while (byLine.has(next) && (byLine.get(next)?.text.trim() ?? '') === '' && !byLine.get(next)?.removed) next++;
    if (creditLines.has(next)) {
      paragraph.kind = 'caption';
      return;
    }
    const following = paragraphs[index + 1];
    if (following?.afterFurniture === 'page break' && following.line > paragraph.lastLine && isShortAgainst(paragraph, paragraphs)) {
      paragraph.kind = 'caption';
    }
  });
}

/** As in unwrapParagraphs: a caption is well short of the text's wrapped lines (their average length in the widest paragraph). */
function isShortAgainst(paragraph: UnwrappedParagraph, paragraphs: readonly UnwrappedParagraph[]): boolean {
  const longest = Math.max(
    0,
    ...paragraphs.filter((other) => other.lastLine > other.line).map((other) => other.text.length / (other.lastLine - other.line + 1)),
  );
  return longest > 0 && paragraph.text.length < longest * 0.75;
}

/**
 * The draft of an article from its copy. Characters are repaired first (positions are
 * those of the copy), then furniture is found on the repaired lines, the header read
 * from what is left, and the body unwrapped, joined across page breaks and stripped of
 * its caption and author's note. Every line left out and every change is in the draft,
 * and everything it could not decide is a check at its place in the file.
 */
export function draftArticle(rawText: string, options: DraftOptions = {}): ArticleDraft {
  const replacements = findReplacementChars(rawText);
  const invisibles = findInvisibleChars(rawText);
  const repaired = fixLigatures(repairCharacters(rawText, replacements, invisibles));
  const sources = sourceLines(repaired);
  const furniture = findFurniture(sources.map((source) => source.text));
  const furnitureLines = new Set(furniture.removed.map((entry) => entry.line));
  const header = readHeader(sources.map((source) => (furnitureLines.has(source.line) ? '' : source.text)));
  const removed = [...furniture.removed, ...header.mastheads.map((masthead) => ({ ...masthead, kind: 'masthead' as const }))].sort(
    (a, b) => a.line - b.line,
  );
  const checks: DraftCheck[] = [...header.checks];

  const bodyStart = header.lastLine + 1;
  const bodySources = markRemoved(sources, removed).slice(bodyStart);
  const resolveHyphen = hyphenResolver({
    text: textWords(
      bodySources
        .filter((source) => !source.removed)
        .map((source) => source.text)
        .join('\n'),
    ),
    words: options.words,
  });
  const unwrapped = unwrapParagraphs(bodySources, { resolveHyphen });
  markCaptions(unwrapped, removed, bodySources);
  const { paragraphs: joinedParagraphs, joins } = joinSplitParagraphs(unwrapped, resolveHyphen);

  const captionIndex = joinedParagraphs.findIndex((paragraph) => paragraph.kind === 'caption');
  const caption = joinedParagraphs[captionIndex];
  const last = joinedParagraphs.at(-1);
  const authorNote = last && last !== caption && isAuthorNote(last.text, header.names) ? last : undefined;
  const body = joinedParagraphs.filter((paragraph) => paragraph !== caption && paragraph !== authorNote);

  // Where an input line ended up in the draft, for the checks about it.
  const placeOfInputLine = (line: number): DraftPlace | undefined => {
    for (const [field, lines] of header.fieldLines) if (lines.includes(line)) return { field };
    if (caption && line >= caption.line && line <= caption.lastLine) return { field: 'caption' };
    if (authorNote && line >= authorNote.line && line <= authorNote.lastLine) return { field: 'authorNote' };
    const paragraph = body.findIndex((entry) => line >= entry.line && line <= entry.lastLine);
    return paragraph === -1 ? undefined : { paragraph };
  };

  for (const finding of replacements) {
    if (finding.guess === null) {
      const at = placeOfInputLine(finding.line);
      checks.push({
        message: `a lost character (U+FFFD) at line ${finding.line}, column ${finding.column} of the copy, in "${finding.context}", could not be guessed (${finding.reason}): type the right character(s) in its place`,
        ...(at ? { at } : {}),
      });
    }
  }

  if (caption)
    checks.push({
      message: 'caption: a lone short line, taken out of the body as the photo caption: check it is one',
      at: { field: 'caption' },
    });
  if (authorNote)
    checks.push({
      message: 'authorNote: the last paragraph, taken out of the body as the note about the author',
      at: { field: 'authorNote' },
    });

  const hyphens: ArticleDraft['hyphens'] = [];
  body.forEach((paragraph, index) => {
    if (paragraph.kind === 'caption') {
      checks.push({
        message: `"${paragraph.text}" also reads like a photo caption; it was left in the body: delete or move it`,
        at: { paragraph: index },
      });
    }
    for (const hyphen of paragraph.hyphens) {
      hyphens.push({ ...hyphen, paragraph: index });
      if (hyphen.outcome === 'undecided') {
        checks.push({
          message: `"${hyphen.word}": line ${hyphen.line} of the copy ends with its hyphen, kept as printed (${hyphen.why}); remove it if it only broke the word`,
          at: { paragraph: index },
        });
      }
    }
    // A caption before the break is not text the page could have broken.
    const previous = joinedParagraphs[joinedParagraphs.indexOf(paragraph) - 1];
    if (paragraph.afterFurniture === 'page break' && previous?.kind === 'paragraph') {
      checks.push({
        message: `a page break of the copy (lines ${previous.lastLine + 1}–${paragraph.line - 1}) stands between this paragraph and the one before: join them if the page broke one paragraph`,
        at: { paragraph: index },
      });
    }
  });
  const joinsPlaced = joins.map((join) => ({
    ...join,
    paragraph: body.findIndex((entry) => join.fromLine >= entry.line && join.toLine <= entry.lastLine),
  }));

  const published = header.dateline?.timeZone
    ? header.dateline.published
    : header.dateline
      ? offsetPlaceholder(header.dateline.published)
      : PUBLISHED_PLACEHOLDER;
  for (const warning of header.dateline?.warnings ?? []) checks.push({ message: warning, at: { field: 'published' } });
  if (!options.publication) {
    const masthead = header.mastheads[0]?.text;
    checks.push({
      message: `publication is not in the copied text: add \`publication:\` above this line${masthead ? ` (the copy's masthead reads "${masthead}")` : ''}`,
      at: { frontmatterEnd: true },
    });
  }
  if (!options.sourceUrl)
    checks.push({
      message: 'sourceUrl is not in the copied text: add `sourceUrl:` above this line, the link to the original, if there is one',
      at: { frontmatterEnd: true },
    });

  const frontmatter: ArticleFrontmatter = {
    title: header.title,
    ...(header.dek !== undefined ? { dek: header.dek } : {}),
    authors: header.names.map(kebabId),
    ...(options.publication ? { publication: options.publication } : {}),
    ...(header.section !== undefined ? { section: header.section } : {}),
    published,
    ...(header.dateline?.timeZone ? { timeZone: header.dateline.timeZone } : {}),
    ...(options.sourceUrl ? { sourceUrl: options.sourceUrl } : {}),
  };

  return {
    frontmatter,
    paragraphs: body.map((paragraph) => paragraph.text),
    ...(caption ? { caption: caption.text } : {}),
    ...(authorNote ? { authorNote: authorNote.text } : {}),
    authorNames: header.names,
    removed,
    replacements,
    invisibles,
    joins: joinsPlaced,
    hyphens,
    checks,
  };
}

export interface RenderedDraft {
  markdown: string;
  /** The 1-based line of the file a place of the draft is on. */
  lineOf(place: DraftPlace): number;
}

/**
 * The article file: front matter written by `yaml`, the body by remark from a syntax
 * tree, so that `*`, `_`, `#`, `[`, a leading `1.` or `>` stay text instead of
 * becoming emphasis, headings, links, lists or quotes. Each paragraph is one line, so
 * that every check can name the line it is about.
 */
export function renderDraft(draft: ArticleDraft): RenderedDraft {
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
  const markdown = `---\n${frontmatter}---\n\n${body}`;

  const frontmatterLines = frontmatter.split('\n');
  const fieldLine = new Map<string, number>();
  frontmatterLines.forEach((line, index) => {
    const key = /^([A-Za-z]+):/.exec(line)?.[1];
    // Line 1 is the opening `---`.
    if (key !== undefined && !fieldLine.has(key)) fieldLine.set(key, index + 2);
  });
  const closingLine = frontmatterLines.length + 1;
  const paragraphLines: number[] = [];
  let line = closingLine + 2;
  for (const block of body.replace(/\n$/, '').split('\n\n')) {
    paragraphLines.push(line);
    line += block.split('\n').length + 1;
  }
  return {
    markdown,
    lineOf(place: DraftPlace): number {
      if ('field' in place) return fieldLine.get(place.field) ?? closingLine;
      if ('paragraph' in place) return paragraphLines[place.paragraph] ?? closingLine;
      return closingLine;
    },
  };
}

export function toMarkdown(draft: ArticleDraft): string {
  return renderDraft(draft).markdown;
}

export interface ReportContext {
  /** The written file as the curator's terminal should show it. */
  file: string;
  /** The id the file is named after. */
  id: string;
  /** Authors with no file in content/people/ yet: id, printed name and the file to create. */
  missingAuthors: { id: string; name: string; file: string }[];
}

const excerpt = (text: string, length = 60): string => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * What `npm run import` prints: what it left out and repaired, by line of the copy, then
 * what the curator must check, by line of the written file (`file:line: …`, which
 * terminals and editors open at that line).
 */
export function formatReport(draft: ArticleDraft, rendered: RenderedDraft, context: ReportContext): string {
  const out: string[] = [`Wrote ${context.file}: ${draft.paragraphs.length} paragraphs.`];
  const section = (heading: string, items: string[]): void => {
    if (items.length > 0) out.push('', heading, ...items.map((item) => `  ${item}`));
  };
  section(
    'Left out of the copy (page furniture, not article text), by line of the copy:',
    draft.removed.map((entry) => `line ${entry.line}: ${entry.kind}: "${excerpt(entry.text)}"`),
  );
  section(
    'Lost characters (U+FFFD) and the guess applied:',
    draft.replacements.map((finding) => {
      const applied = finding.guess === null ? 'NOT GUESSED, left as U+FFFD' : `"${finding.guess}"`;
      return `line ${finding.line}, column ${finding.column}: "${finding.context}" → ${applied} (${finding.reason})`;
    }),
  );
  section(
    'Invisible characters taken out:',
    draft.invisibles.map(
      (finding) =>
        `line ${finding.line}, column ${finding.column}: ${finding.name} ${finding.codePoint} in "${finding.context}"${finding.atLineEnd ? ' (at the line end: the word is joined there)' : ''}`,
    ),
  );
  section(
    'Paragraphs split by page furniture, joined again:',
    draft.joins.map(
      (join) =>
        `lines ${join.fromLine}–${join.toLine}: "…${join.end}" + "${join.start}…" (across a ${join.across === 'page break' ? 'page break' : 'removed block'})`,
    ),
  );
  const outcomes = {
    removed: 'hyphen removed',
    kept: 'hyphen kept',
    undecided: 'NOT DECIDED, hyphen kept as printed',
    soft: 'soft hyphen removed',
  } as const;
  section(
    'Hyphens at line ends:',
    draft.hyphens.map((hyphen) => `line ${hyphen.line}: "${hyphen.word}": ${outcomes[hyphen.outcome]} (${hyphen.why})`),
  );

  const checks: { line: number; message: string }[] = [
    {
      line: rendered.lineOf({ field: 'title' }),
      message: `title "${draft.frontmatter.title}" names the file and the article's address (/articles/${context.id}/), which never change once published: make sure it is the article's title`,
    },
  ];
  for (const author of context.missingAuthors) {
    checks.push({
      line: rendered.lineOf({ field: 'authors' }),
      message: `author "${author.id}" does not exist yet: create ${author.file} (name: ${author.name})`,
    });
  }
  for (const check of draft.checks) checks.push({ line: check.at ? rendered.lineOf(check.at) : 1, message: check.message });
  checks.sort((a, b) => a.line - b.line);
  section(
    `Check before publishing, by line of ${context.file}:`,
    checks.map((check) => `${context.file}:${check.line}: ${check.message}`),
  );
  return `${out.join('\n')}\n`;
}
