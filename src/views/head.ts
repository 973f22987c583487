/** Small decisions about a page's head, kept out of the layout. */
import { unclosedQuotes } from '../domain/quotation-marks.ts';

export interface HeadFeed {
  title: string;
  /** Root-relative feed URL. */
  url: string;
}

export interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** "Page · QTD"; the home page is just the site's name and tagline. */
/** Search engines show about 70 characters of a title. */
export const MAX_TITLE_LENGTH = 70;

/** "Page · QTD", within MAX_TITLE_LENGTH (the page's part cut at a word); the home page is its own title. */
export function pageTitle(title: string, siteName: string, isHome: boolean): string {
  if (isHome || title === siteName) return shorten(title, MAX_TITLE_LENGTH);
  const suffix = ` · ${siteName}`;
  return `${shorten(title, MAX_TITLE_LENGTH - suffix.length)}${suffix}`;
}

/**
 * The text within `max` characters: cut at a word (unless the first space is too early),
 * the punctuation left at the cut dropped, then an ellipsis and the closing marks of the
 * quotations the kept words open ("Ahmad Massoud: “What makes a people strong…”"), so a
 * title never reads as if the quotation ran on.
 */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let room = max - 1;
  for (;;) {
    const cut = text.slice(0, room);
    const lastSpace = cut.lastIndexOf(' ');
    const kept = (lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.\-–—“‘]+$/u, '');
    const closing = unclosedQuotes(kept);
    const length = kept.length + 1 + closing.length;
    if (length <= max || room <= 1) return `${kept}…${closing}`;
    room -= length - max;
  }
}

/** A meta description: the text on one line, cut at a word boundary near `max` characters, its quotations closed. */
export function describe(text: string, max = 160): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), max);
}
