/**
 * Feed items and channels, built from plain data. Every feed (RSS and JSON Feed)
 * takes its items from here, so titles, guids, dates and content read the same
 * everywhere.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { Root, Element } from 'hast';
import type { VFile, Options as VFileOptions } from 'vfile';
import { inQuotes, nestQuotes, quotedWords } from '../domain/quotation-marks.ts';
import { formatDayLong, formatDateTimeInZone, instantOfLocalTime } from '../domain/dates.ts';
import { describe } from './head.ts';
import { escapeHtml } from '../domain/html-escape.ts';
import { contentSanitizeSchema } from '../markdown/sanitize-schema.ts';

const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  video: ['src', 'poster'],
  audio: ['src'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};

function absolutize(value: string, base: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return value;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return value;
  }
}

function absolutizeSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      return url ? [absolutize(url, base), ...descriptor].join(' ') : '';
    })
    .filter(Boolean)
    .join(', ');
}

declare module 'vfile' {
  interface DataMap {
    /** The absolute URL of the page an HTML fragment belongs to, for `rehypeAbsoluteUrls`. */
    baseUrl: string;
  }
}

/** The base comes with each file, so that one processor, built once, serves every fragment. */
function rehypeAbsoluteUrls() {
  return (tree: Root, file: VFile) => {
    const base = file.data.baseUrl;
    if (base === undefined) return;
    visit(tree, 'element', (node: Element) => {
      const attributes = URL_ATTRIBUTES[node.tagName];
      if (!attributes) return;
      for (const name of attributes) {
        const value = node.properties[name];
        if (typeof value !== 'string') continue;
        node.properties[name] = name === 'srcSet' ? absolutizeSrcset(value, base) : absolutize(value, base);
      }
    });
  };
}

function fragmentAt(html: string, base: string): VFileOptions {
  return { value: html, data: { baseUrl: base } };
}

// Building and freezing a unified processor costs more than running it on a short
// fragment, and a build runs these on every feed item: each processor is built once.
const absoluteUrlsProcessor = unified().use(rehypeParse, { fragment: true }).use(rehypeAbsoluteUrls).use(rehypeStringify).freeze();

/**
 * Makes every URL in an HTML fragment absolute (links, images, srcset, cite), so a
 * feed reader, which has no page URL to resolve against, follows them right.
 * `base` is the absolute URL of the page the fragment belongs to.
 */
export function absoluteUrlsInHtml(html: string, base: string): string {
  return String(absoluteUrlsProcessor.processSync(fragmentAt(html, base)));
}

type AttributeRule = NonNullable<typeof contentSanitizeSchema.attributes>[string];

// Ids and names only mean something inside the page (and there the Markdown pipeline
// has already prefixed them): in a feed they could only clobber the reader's own DOM,
// and every fragment link has been made absolute to the page, so they go.
const pageOnlyAttributes = new Set(contentSanitizeSchema.clobber ?? []);
const withoutPageOnly = (rule: AttributeRule = []): AttributeRule =>
  rule.filter((definition) => !pageOnlyAttributes.has(typeof definition === 'string' ? definition : definition[0]));

/** What feed content may hold: the content schema, minus the page-only attributes. */
export const feedSanitizeSchema: typeof contentSanitizeSchema = {
  ...contentSanitizeSchema,
  attributes: Object.fromEntries(Object.entries(contentSanitizeSchema.attributes ?? {}).map(([tag, rule]) => [tag, withoutPageOnly(rule)])),
  clobber: [],
  // A style sheet's text is not content: drop it whole, as scripts are.
  strip: [...new Set([...(contentSanitizeSchema.strip ?? []), 'script', 'style'])],
};

/**
 * The last step of every item's HTML: URLs made absolute against the item's page,
 * then sanitised once more. The Markdown pipeline has sanitised the content already;
 * this pass makes sure no script, event handler or `javascript:` URL reaches a
 * feed reader even if that pipeline, or the HTML written here, changes.
 */
const feedHtmlProcessor = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeAbsoluteUrls)
  .use(rehypeSanitize, feedSanitizeSchema)
  .use(rehypeStringify)
  .freeze();

export function feedHtml(html: string, base: string): string {
  return String(feedHtmlProcessor.processSync(fragmentAt(html, base)));
}

/**
 * Text as the feed pass would write it after parsing it: the parser turns CR and CRLF into
 * LF and drops NUL from text (in an attribute it becomes U+FFFD); the serialiser
 * (hast-util-to-html) escapes only `&` and `<` in text, and `&` and `"` in a double-quoted
 * attribute, as uppercase hexadecimal references. Markup written with these reads back
 * through `feedHtml` unchanged (tests/unit/feed-items.test.ts holds quote items to that).
 */
const newlinesAsParsed = (text: string): string => text.replace(/\r\n?/g, '\n');
const reference = (char: string): string => `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
const feedText = (text: string): string => newlinesAsParsed(text).replace(/\0/g, '').replace(/[&<]/g, reference);
const feedAttribute = (value: string): string => newlinesAsParsed(value).replace(/\0/g, '\ufffd').replace(/[&"]/g, reference);
const feedHref = (url: string, base: string): string => feedAttribute(absolutize(url, base));

// ASCII white space only: the no-break spaces of a printed ellipsis (". . .") are part of the text.
const collapseSpaces = (text: string) => text.replace(/[\t\n\f\r ]+/g, ' ').trim();

/** HTML to plain text on one line, for a feed item's description and summaries. */
const fragmentParser = unified().use(rehypeParse, { fragment: true }).freeze();

export function plainText(html: string): string {
  return collapseSpaces(toText(fragmentParser.parse(html)));
}

export interface FeedItem {
  /** Stable id, never the URL: survives a move of the site. */
  guid: string;
  title: string;
  /** Absolute URL of the item's page. */
  link: string;
  pubDateMs: number;
  /** When the item last changed after it was published (a correction, a withdrawal). */
  updatedMs?: number | undefined;
  /** Plain text. */
  summary: string;
  /** Full HTML, absolute URLs only. */
  contentHtml: string;
  creators: string[];
  categories: string[];
  /** Absolute URL of the share card. */
  image?: string | undefined;
  /** IANA zone the item's date reads in (JSON Feed writes dates with its offset). */
  timeZone: string;
}

/** The article a feed item names: our copy of it, and the original when it is known. */
export interface FeedSource {
  title: string;
  /** Our article page. */
  url: string;
  /** The quote's passage, marked in our article page (quotes found in it only). */
  passageUrl?: string | undefined;
  authors: string[];
  publication?: string | undefined;
  publishedMs: number;
  timeZone: string;
  /** The original article (the article's `sourceUrl`). */
  originalUrl?: string | undefined;
  /** An archived copy of the original (the article's `archivedUrl`). */
  archivedUrl?: string | undefined;
}

export interface QuoteFeedInput {
  guid: string;
  text: string;
  date: string;
  link: string;
  speaker: { name: string; url: string; description?: string | undefined };
  source?: FeedSource | undefined;
  curator?: string | undefined;
  context?: string | undefined;
  verified: boolean;
  commentaryHtml: string;
  corrections: { date: string; note: string }[];
  /** A withdrawn quote's item stays, under the same guid, as the notice of its withdrawal. */
  withdrawn?: { date: string; reason: string } | undefined;
  tags: string[];
  image?: string | undefined;
  lang?: string | undefined;
  dir?: 'ltr' | 'rtl' | undefined;
}

export interface FeedSettings {
  siteTitle: string;
  timeZone: string;
  hourOfDay: number;
  titleWords: number;
  /** The site's curator: the author of a quote's item when the quote names none. */
  author: string;
}

/** "Ahmad Massoud: “What makes a people strong, above and beyond any…”": the words quoted, their marks closed. */
export function quoteItemTitle(speaker: string, text: string, words: number): string {
  return `${speaker}: ${quotedWords(text, words)}`;
}

/** "Withdrawn: a quote of Ahmad Massoud, the quote of the day for August 23, 2021": the words are not repeated. */
export function withdrawnItemTitle(speaker: string, day: string): string {
  return `Withdrawn: a quote of ${speaker}, the quote of the day for ${formatDayLong(day)}`;
}

/**
 * A quote of the day is dated at a fixed morning hour of its day in the site's zone:
 * a date-only value read as midnight UTC would show as the day before in the Americas.
 */
export function quotePubDate(day: string, settings: FeedSettings): number {
  return instantOfLocalTime(day, settings.hourOfDay, settings.timeZone);
}

/** The last day an entry changed after it was published: its latest correction or its withdrawal. */
function lastChange(corrections: readonly { date: string }[], withdrawn: { date: string } | undefined): string | undefined {
  const days = [...corrections.map((correction) => correction.date), ...(withdrawn ? [withdrawn.date] : [])];
  return days.length > 0 ? days.reduce((latest, day) => (day > latest ? day : latest)) : undefined;
}

type Writer = { text: (text: string) => string; href: (url: string) => string };

/** Writes what a feed item says of its article, escaping with the item's own writer. */
function sourceWriting(source: FeedSource, write: Writer) {
  const title = write.text(nestQuotes(source.title));
  const titleLink = `<a href="${write.href(source.url)}">${title}</a>`;
  const authors = source.authors.length ? ` by ${write.text(source.authors.join(' and '))}` : '';
  const publication = source.publication ? `<cite>${write.text(source.publication)}</cite>, ` : '';
  const date = write.text(formatDateTimeInZone(source.publishedMs, source.timeZone));
  // American usage: a comma that follows a title goes inside its closing quotation mark, unless it ends in ? or !.
  const quotedTitle = authors ? `“${titleLink}”${authors}, ` : /[?!]$/.test(source.title) ? `“${titleLink}” ` : `“${titleLink},” `;
  const archived = source.archivedUrl ? ` (<a href="${write.href(source.archivedUrl)}">archived copy</a>)` : '';
  const original = source.originalUrl ? ` <a href="${write.href(source.originalUrl)}">Read it in the original</a>${archived}.` : '';
  return {
    /** “Title” by A, <cite>Publication</cite>, date. Read it in the original (archived copy). */
    line: `${quotedTitle}${publication}${date}.${original}`,
    /** “Title”, as text. */
    title: `“${title}”`,
    /** “Title”, linked to our article page. */
    articleLink: `“${titleLink}”`,
  };
}

/** The item's corrections, each dated. */
function correctionsHtml(corrections: readonly { date: string; note: string }[], text: (text: string) => string): string {
  return corrections.length
    ? `<p><strong>Corrections:</strong> ${corrections.map((c) => `Corrected on ${text(formatDayLong(c.date))}: ${text(c.note)}`).join(' ')}</p>`
    : '';
}

export function quoteFeedItem(input: QuoteFeedInput, settings: FeedSettings): FeedItem {
  if (input.withdrawn) return withdrawnQuoteFeedItem(input, input.withdrawn, settings);
  // Written as the feed pass writes it (feedText, feedAttribute, feedHref) rather than run
  // through it: parsing and sanitising the whole item took ~60 % of a feed's work at 10,000
  // quotes. Only the commentary, HTML from the Markdown pipeline, goes through the pass.
  const base = input.link;
  const write: Writer = { text: feedText, href: (url) => feedHref(url, base) };
  const langAttributes = input.lang ? ` lang="${feedAttribute(input.lang)}"${input.dir === 'rtl' ? ' dir="rtl"' : ''}` : '';
  const source = input.source;
  const named = source && sourceWriting(source, write);
  const sourceLine = named ? `<p>From ${named.line}</p>` : '';
  const context = input.context ? `<p>${feedText(input.context)}</p>` : '';
  const provenance =
    input.verified && named
      ? `<p><small><strong>Verified</strong> against the text of ${named.title}: the words are in the article, ${source?.passageUrl ? `<a href="${write.href(source.passageUrl)}">marked at the passage</a>` : 'marked at the passage'}.</small></p>`
      : `<p><small>Source text not in the archive.</small></p>`;
  const commentary = input.commentaryHtml.trim()
    ? `<h3>Quote of the day for ${feedText(formatDayLong(input.date))}${input.curator ? `, chosen by ${feedText(input.curator)}` : ''}</h3>${feedHtml(input.commentaryHtml, base)}`
    : '';
  const contentHtml = [
    `<blockquote${langAttributes}><p>${feedText(input.text)}</p></blockquote>`,
    `<p>— <a href="${feedHref(input.speaker.url, base)}">${feedText(input.speaker.name)}</a>${input.speaker.description ? `, ${feedText(input.speaker.description)}` : ''}</p>`,
    sourceLine,
    context,
    provenance,
    commentary,
    correctionsHtml(input.corrections, feedText),
  ].join('');
  const summary = `${inQuotes(collapseSpaces(input.text))} — ${input.speaker.name}${source ? `, in ${inQuotes(source.title)}` : ''}`;
  const changed = lastChange(input.corrections, undefined);
  return {
    guid: input.guid,
    title: quoteItemTitle(input.speaker.name, input.text, settings.titleWords),
    link: input.link,
    pubDateMs: quotePubDate(input.date, settings),
    updatedMs: changed === undefined ? undefined : quotePubDate(changed, settings),
    summary,
    contentHtml,
    // The item is the curator's: they chose the quote and wrote its commentary. The speaker is in the title and the content.
    creators: [input.curator ?? settings.author],
    categories: input.tags,
    image: input.image,
    timeZone: settings.timeZone,
  };
}

/**
 * A withdrawn quote's item: same guid, link and date, so that a reader that showed the quote
 * replaces it with the notice: why and when it was withdrawn, not the words again.
 */
function withdrawnQuoteFeedItem(input: QuoteFeedInput, withdrawn: { date: string; reason: string }, settings: FeedSettings): FeedItem {
  const base = input.link;
  const write: Writer = { text: feedText, href: (url) => feedHref(url, base) };
  const source = input.source && sourceWriting(input.source, write);
  const contentHtml = [
    `<p><strong>This quote was withdrawn</strong> on ${feedText(formatDayLong(withdrawn.date))}.</p>`,
    `<p>A quote of <a href="${feedHref(input.speaker.url, base)}">${feedText(input.speaker.name)}</a>, the quote of the day for ${feedText(formatDayLong(input.date))}, was withdrawn from the archive; its page keeps this notice.</p>`,
    `<p><strong>Why:</strong> ${feedText(withdrawn.reason)}</p>`,
    source ? `<p>The article it came from is still in the archive: ${source.articleLink}.</p>` : '',
    correctionsHtml(input.corrections, feedText),
  ].join('');
  return {
    guid: input.guid,
    title: withdrawnItemTitle(input.speaker.name, input.date),
    link: input.link,
    pubDateMs: quotePubDate(input.date, settings),
    updatedMs: quotePubDate(lastChange(input.corrections, withdrawn) ?? withdrawn.date, settings),
    summary: `Withdrawn on ${formatDayLong(withdrawn.date)}: ${collapseSpaces(withdrawn.reason)}`,
    contentHtml,
    creators: [input.curator ?? settings.author],
    categories: input.tags,
    timeZone: settings.timeZone,
  };
}

export interface ArticleFeedInput {
  guid: string;
  title: string;
  dek?: string | undefined;
  link: string;
  authors: string[];
  publication?: string | undefined;
  publishedMs: number;
  timeZone: string;
  bodyHtml: string;
  tags: string[];
  image?: string | undefined;
  excerptOnly: boolean;
  sourceUrl?: string | undefined;
  archivedUrl?: string | undefined;
  corrections: { date: string; note: string }[];
}

/** Length of an article's summary when it has no dek: about two sentences. */
const SUMMARY_CHARACTERS = 300;

export function articleFeedItem(input: ArticleFeedInput, settings: FeedSettings): FeedItem {
  const byline = `<p>By ${escapeHtml(input.authors.join(' and '))}${input.publication ? `, <cite>${escapeHtml(input.publication)}</cite>` : ''}, ${escapeHtml(formatDateTimeInZone(input.publishedMs, input.timeZone))}</p>`;
  const dek = input.dek ? `<p><em>${escapeHtml(input.dek)}</em></p>` : '';
  const excerptNote = input.excerptOnly ? '<p><small>The archive publishes only excerpts of this article.</small></p>' : '';
  const archived = input.archivedUrl ? ` (<a href="${escapeHtml(input.archivedUrl)}">archived copy</a>)` : '';
  const original = input.sourceUrl ? `<p><a href="${escapeHtml(input.sourceUrl)}">The original article</a>${archived}</p>` : '';
  const changed = lastChange(input.corrections, undefined);
  return {
    guid: input.guid,
    title: input.title,
    link: input.link,
    pubDateMs: input.publishedMs,
    // A correction is dated by its day: at the feeds' hour of that day, and never before the article itself.
    updatedMs: changed === undefined ? undefined : Math.max(input.publishedMs, quotePubDate(changed, settings)),
    summary: input.dek ?? describe(plainText(input.bodyHtml), SUMMARY_CHARACTERS),
    contentHtml: feedHtml(
      `${dek}${byline}${input.bodyHtml}${excerptNote}${original}${correctionsHtml(input.corrections, escapeHtml)}`,
      input.link,
    ),
    creators: input.authors,
    categories: input.tags,
    image: input.image,
    timeZone: input.timeZone,
  };
}

/** The newest items first, at most `limit` of them: feeds stay bounded at any archive size. */
export function latestItems(items: readonly FeedItem[], limit: number): FeedItem[] {
  return [...items].sort((a, b) => b.pubDateMs - a.pubDateMs || (a.guid < b.guid ? -1 : 1)).slice(0, limit);
}

/**
 * Title and description of a person's feed, which holds the quotes they said, the quotes
 * they chose as curator, the articles they wrote, or some of these: the words say which.
 */
export function personFeedText(
  siteTitle: string,
  name: string,
  counts: { quotes: number; chosen?: number | undefined; articles: number },
): { title: string; description: string } {
  const parts = [
    counts.quotes > 0 ? `quotes of ${name}` : '',
    (counts.chosen ?? 0) > 0 ? `quotes chosen by ${name}` : '',
    counts.articles > 0 ? `articles by ${name}` : '',
  ].filter(Boolean);
  const listed =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? `quotes of and articles by ${name}`);
  const what = `${listed.charAt(0).toUpperCase()}${listed.slice(1)}`;
  return { title: `${siteTitle}: ${name}`, description: `${what} in ${siteTitle}, newest first.` };
}

export function articlesFeedDescription(siteTitle: string): string {
  return `The articles the quotes of the day come from, in ${siteTitle}, newest first.`;
}

export function tagFeedDescription(siteTitle: string, tag: { name: string; description?: string | undefined }): string {
  return tag.description ?? `Quotes and articles tagged ${tag.name} in ${siteTitle}, newest first.`;
}
