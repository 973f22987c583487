/**
 * An RSS 2.0 document from feed items, written with @astrojs/rss, plus what it
 * leaves out: a stable guid (isPermaLink="false"), `atom:link rel="self"`,
 * `dc:creator`, `dc:date` (the item's date in the zone its pages show it in, which the
 * styled view reads), channel language, image and last build date, and two style sheet
 * instructions: the XSLT that turns the feed into a page in a browser, then the CSS that
 * page uses, which also styles the raw feed where a browser no longer runs XSLT.
 */
import { randomUUID } from 'node:crypto';
import { getRssString } from '@astrojs/rss';
import type { FeedItem } from './feed-items.ts';
import { escapeHtml } from '../domain/html-escape.ts';
import { isoInZone, rfc822 } from '../domain/dates.ts';
import { replaceNonXmlChars } from '../domain/well-formed.ts';

export interface RssChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed belongs to. */
  link: string;
  /** Absolute URL of this feed. */
  self: string;
  language: string;
  /** Absolute URL of the channel's image and the stylesheets (root-relative is fine for the stylesheets). */
  imageUrl?: string;
  /** The CSS of the styled view. */
  stylesheet: string;
  /** The XSLT that makes the feed a page in a browser, when there is one. */
  transform?: string;
  /** lastBuildDate of a feed with no items yet (the newest item's date otherwise). */
  emptyBuildDateMs?: number;
}

export async function renderRss(channel: RssChannel, items: readonly FeedItem[]): Promise<string> {
  const lastBuild = items.reduce((latest, item) => Math.max(latest, item.pubDateMs), 0) || (channel.emptyBuildDateMs ?? 0);
  const channelExtra = [
    `<atom:link href="${escapeHtml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    `<language>${escapeHtml(channel.language)}</language>`,
    // The newest item's date, not the clock: two builds of the same content are identical.
    lastBuild > 0 ? `<lastBuildDate>${rfc822(lastBuild)}</lastBuildDate>` : '',
    channel.imageUrl
      ? `<image><url>${escapeHtml(channel.imageUrl)}</url><title>${escapeHtml(channel.title)}</title><link>${escapeHtml(channel.link)}</link></image>`
      : '',
  ].join('');
  // Each item's HTML is written as CDATA, as most feeds carry it, instead of escaped by
  // @astrojs/rss: every `<`, `>` and `"` of the markup escaped made a feed ~7 % larger.
  // The library writes a placeholder per item (a nonce no content can hold), replaced after.
  const nonce = randomUUID();
  const placeholder = (index: number): string => `qtd-content-${nonce}-${index}`;
  const xml = await getRssString({
    title: channel.title,
    description: channel.description,
    site: channel.link,
    stylesheet: channel.stylesheet,
    trailingSlash: true,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData: channelExtra,
    items: items.map((item, index) => ({
      title: item.title,
      link: item.link,
      pubDate: new Date(item.pubDateMs),
      // Readers render the description as HTML: the plain text is escaped once more so that it stays text.
      description: escapeHtml(item.summary),
      content: placeholder(index),
      categories: item.categories,
      customData:
        `<guid isPermaLink="false">${escapeHtml(item.guid)}</guid>` +
        item.creators.map((name) => `<dc:creator>${escapeHtml(name)}</dc:creator>`).join('') +
        `<dc:date>${isoInZone(item.pubDateMs, item.timeZone)}</dc:date>`,
    })),
  });
  const css = `<?xml-stylesheet type="text/css" href="${escapeHtml(channel.stylesheet)}"?>`;
  const instructions = channel.transform ? `<?xml-stylesheet type="text/xsl" href="${escapeHtml(channel.transform)}"?>${css}` : css;
  let placed = 0;
  const document = xml
    .replace(/<\?xml-stylesheet href="[^"]*"\?>/, () => instructions)
    .replace(new RegExp(`<content:encoded>qtd-content-${nonce}-(\\d+)</content:encoded>`, 'g'), (_, index: string) => {
      placed += 1;
      return `<content:encoded>${cdata(items[Number(index)]?.contentHtml ?? '')}</content:encoded>`;
    });
  if (placed !== items.length)
    throw new Error(`@astrojs/rss wrote ${placed} of ${items.length} items' content as given: the feed's HTML could not be placed`);
  // The content may hold characters XML forbids (a NUL, U+FFFF): one would make the whole feed unreadable.
  return replaceNonXmlChars(document);
}

/** Text as one or more CDATA sections: a `]]>` in it ends one section and starts the next. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
