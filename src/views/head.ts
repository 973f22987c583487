/** Small decisions about a page's head, kept out of the layout. */
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

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.\-–—“‘]+$/u, '')}…`;
}

/** A meta description: the text on one line, cut at a word boundary near `max` characters. */
export function describe(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
