/**
 * Page furniture in a copied article: what a PDF prints on every page (running headers,
 * page numbers, form feeds) and what a web page puts around the text (skip links, menus,
 * advertisements, share bars, newsletter boxes, photo credits, copyright lines, cookie
 * notices). Each line found is named with the reason, so that the curator sees every
 * line the import left out: nothing is dropped in silence.
 */

export type FurnitureKind =
  | 'page number'
  | 'running header'
  | 'skip link'
  | 'navigation menu'
  | 'advertisement'
  | 'share bar'
  | 'newsletter box'
  | 'photo credit'
  | 'copyright line'
  | 'print-edition note'
  | 'cookie notice'
  | 'site button'
  | 'reading time'
  /** A line in capitals above the section and title: the paper's or site's name (read by the header). */
  | 'masthead';

export interface FurnitureLine {
  /** 1-based line of the input. */
  line: number;
  /** The line as copied, form feeds taken out and runs of spaces made one. */
  text: string;
  kind: FurnitureKind;
}

export interface FurnitureScan {
  removed: FurnitureLine[];
  /**
   * 1-based lines where a new page starts: a line with a form feed, or the first line
   * after a page number. Text before and after one was printed on two pages.
   */
  pageStarts: number[];
}

/** What a PDF prints on every page: text on either side of it may belong to one paragraph. */
export function isPageFurniture(kind: FurnitureKind): boolean {
  return kind === 'page number' || kind === 'running header';
}

const clean = (line: string): string => line.replace(/\f/g, '').trim();
const wordsOf = (line: string): string[] => line.split(/\s+/).filter((word) => word !== '');

// "Page 3 of 7", "Page 3", "p. 3", "3 of 7", "3/7", "- 3 -", "3".
const PAGE_NUMBER = /^(?:(?:page|pg\.?|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/)\s*\d{1,4})$/i;
const BARE_NUMBER = /^[-–—]?\s*\d{1,4}\s*[-–—]?$/;

const SKIP_LINK = /^skip\s+(?:to\b|navigation\b|nav\b|links?\b)/i;
const ADVERTISEMENT =
  /^(?:advertisement|advertising|sponsored(?:\s+content)?|paid\s+content|ad)(?:\s*[-–—:|]\s*(?:scroll|continue|story)\b.*)?$|^(?:story|article)\s+continues\s+(?:below|after)\s+(?:this\s+)?(?:advertisement|ad)\.?$/i;
/** The verbs of a share bar: a line of furniture names at least one of them. */
const SHARE_VERBS = new Set([
  'share',
  'tweet',
  'email',
  'e-mail',
  'print',
  'save',
  'facebook',
  'twitter',
  'linkedin',
  'whatsapp',
  'reddit',
  'pinterest',
  'telegram',
  'copy',
  'gift',
]);
/** Every word a share bar's line may hold: its verbs, and the words and separators around them. */
const SHARE_WORDS = new Set([...SHARE_VERBS, 'x', 'link', 'article', 'this', 'on', 'comments', 'comment', '|', '·', '•']);
const NEWSLETTER_HEADING = /\bnewsletters?\b|^sign\s+up\b|^get\s+(?:our|the)\b.*\b(?:email|briefing|digest)\b/i;
const NEWSLETTER_BUTTON = /^(?:subscribe|sign\s*up|sign\s+me\s+up|submit|join)(?:\s+now)?[.!]?$/i;
const PHOTO_CREDIT =
  /^(?:(?:photo|photograph|image|illustration|video|graphic)s?(?:\s+credit)?\s*:\s*\S|\(?(?:photo|image)\s+(?:by|credit|courtesy)\b|credit\s*:\s*\S)/i;
const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s*\d{4})|\bcopyright\s*(?:©|\(c\))|©\s*\d{4}|^all\s+rights\s+reserved\.?$/i;
const PRINT_EDITION = /^appeared\s+in\s+the\s+.*\bprint\s+edition\b/i;
const COOKIE = /\bcookies?\b/i;
const COOKIE_CONTEXT = /\b(?:accept|consent|policy|settings|preferences|we\s+use|uses|manage|reject|agree)\b/i;
const SITE_BUTTON =
  /^(?:follow|unfollow|menu|search|sign\s+in|sign\s+out|log\s*in|log\s*out|register|subscribe(?:\s+now|\s+today)?|home|close|open|back\s+to\s+top|listen(?:\s+to\s+(?:this\s+)?article)?(?:\s*\(\d+\s*min(?:ute)?s?\))?|accept(?:\s+all)?(?:\s+cookies)?|reject\s+all|manage\s+preferences|share\s+your\s+thoughts|join\s+the\s+conversation|(?:view\s+|show\s+)?(?:\d+\s+)?comments(?:\s+\(\d+\))?|leave\s+a\s+comment)$/i;
const READING_TIME = /^\d{1,3}\s*min(?:ute)?s?\s+read$/i;
const TERMINAL = /[.!?…:;,]["”’)\]]*$/;

function isShareBar(text: string): boolean {
  const words = wordsOf(text.toLowerCase());
  if (words.length === 0 || words.length > 12 || !/^\p{Lu}/u.test(text)) return false;
  return words.every((word) => SHARE_WORDS.has(word)) && words.some((word) => SHARE_VERBS.has(word));
}

function isCookieNotice(text: string): boolean {
  return COOKIE.test(text) && COOKIE_CONTEXT.test(text) && wordsOf(text).length <= 50;
}

/** A line that is furniture whatever surrounds it. */
function kindOfLine(text: string): FurnitureKind | undefined {
  if (text === '') return undefined;
  if (PAGE_NUMBER.test(text)) return 'page number';
  if (SKIP_LINK.test(text) && wordsOf(text).length <= 6) return 'skip link';
  if (ADVERTISEMENT.test(text)) return 'advertisement';
  if (isShareBar(text)) return 'share bar';
  if (PHOTO_CREDIT.test(text) && wordsOf(text).length <= 20) return 'photo credit';
  if (COPYRIGHT.test(text) && wordsOf(text).length <= 30) return 'copyright line';
  if (PRINT_EDITION.test(text) && wordsOf(text).length <= 40) return 'print-edition note';
  if (isCookieNotice(text)) return 'cookie notice';
  if (SITE_BUTTON.test(text)) return 'site button';
  if (READING_TIME.test(text)) return 'reading time';
  return undefined;
}

// A menu: several short lines in a row, none of them a sentence.
const MENU_MIN_LINES = 4;
const MENU_ITEM_MAX_WORDS = 4;
const MENU_ITEM_MAX_LENGTH = 30;
const BYLINE_OR_DATE = /^by\s|\d{4}/i;

function isMenuItem(text: string): boolean {
  return (
    text !== '' &&
    text.length <= MENU_ITEM_MAX_LENGTH &&
    wordsOf(text).length <= MENU_ITEM_MAX_WORDS &&
    !BYLINE_OR_DATE.test(text) &&
    !/[!?…:;,]["”’)\]]*$/.test(text) &&
    // "U.S." is a menu item; "Always." is a sentence.
    !/\p{Ll}{2}\.["”’]*$/u.test(text)
  );
}

// The newsletter box: its heading, then its lines down to its button or a blank line.
const NEWSLETTER_MAX_LINES = 6;

// Running headers are read at the edges of pages: the first and last lines of each.
const EDGE_LINES = 2;
const RUNNING_HEADER_MAX_LENGTH = 120;

/** A running header's text with its page number left out, to match it across pages. */
function headerKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

/**
 * Every furniture line of a copy. A line is furniture by what it says (a page number,
 * "Advertisement", a share bar…), by where it is (a short line repeated at the edge of
 * two pages or more: a running header), or by its neighbours (a run of short lines
 * that are not sentences: a menu; the lines of a newsletter box under its heading).
 */
export function findFurniture(lines: readonly string[]): FurnitureScan {
  const kinds = new Map<number, FurnitureKind>();
  const texts = lines.map(clean);

  texts.forEach((text, index) => {
    const kind = kindOfLine(text);
    if (kind) kinds.set(index, kind);
    // Wrapped prose never leaves a number alone on a line: a sentence ends after it.
    else if (BARE_NUMBER.test(text)) kinds.set(index, 'page number');
  });

  // Newsletter boxes.
  texts.forEach((text, index) => {
    if (kinds.has(index) || !NEWSLETTER_HEADING.test(text) || wordsOf(text).length > 8 || TERMINAL.test(text)) return;
    const box = [index];
    for (let next = index + 1; next < texts.length && box.length < NEWSLETTER_MAX_LINES; next++) {
      const line = texts[next] ?? '';
      if (line === '') break;
      box.push(next);
      if (NEWSLETTER_BUTTON.test(line)) break;
    }
    for (const member of box) kinds.set(member, 'newsletter box');
  });

  // Menus: runs of short non-sentence lines, furniture lines counting as part of the run.
  let run: number[] = [];
  const closeRun = (): void => {
    if (run.filter((index) => !kinds.has(index)).length > 0 && run.length >= MENU_MIN_LINES) {
      for (const index of run) if (!kinds.has(index)) kinds.set(index, 'navigation menu');
    }
    run = [];
  };
  texts.forEach((text, index) => {
    const kind = kinds.get(index);
    const partOfMenu = kind === 'site button' || kind === 'skip link' || (kind === undefined && isMenuItem(text));
    if (partOfMenu) run.push(index);
    else closeRun();
  });
  closeRun();

  // Pages: a form feed starts one, and so does the line after a page number.
  const pageStartIndexes = new Set<number>();
  lines.forEach((line, index) => {
    if (line.includes('\f') && index > 0) pageStartIndexes.add(index);
    if (kinds.get(index) === 'page number' && index + 1 < lines.length) {
      const nextText = texts.findIndex((text, at) => at > index && text !== '');
      if (nextText !== -1 && !lines[nextText]?.includes('\f')) pageStartIndexes.add(nextText);
    }
  });
  const starts = [0, ...[...pageStartIndexes].sort((a, b) => a - b)];
  const pages = starts.map((start, at) => ({ start, end: (starts[at + 1] ?? lines.length) - 1 }));

  if (pages.length >= 2) {
    const seen = new Map<string, { pages: Set<number>; indexes: number[] }>();
    pages.forEach((page, pageIndex) => {
      const contentLines: number[] = [];
      for (let index = page.start; index <= page.end; index++) {
        const text = texts[index] ?? '';
        if (text !== '' && kinds.get(index) !== 'page number') contentLines.push(index);
      }
      const edges = new Set([...contentLines.slice(0, EDGE_LINES), ...contentLines.slice(-EDGE_LINES)]);
      for (const index of edges) {
        const text = texts[index] ?? '';
        if (kinds.has(index) || text.length > RUNNING_HEADER_MAX_LENGTH) continue;
        const key = headerKey(text);
        const entry = seen.get(key) ?? { pages: new Set<number>(), indexes: [] };
        entry.pages.add(pageIndex);
        entry.indexes.push(index);
        seen.set(key, entry);
      }
    });
    for (const entry of seen.values()) {
      if (entry.pages.size >= 2) for (const index of entry.indexes) kinds.set(index, 'running header');
    }
  }

  const removed = [...kinds.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, kind]) => ({ line: index + 1, text: (texts[index] ?? '').replace(/\s+/g, ' '), kind }));
  return { removed, pageStarts: [...pageStartIndexes].sort((a, b) => a - b).map((index) => index + 1) };
}
