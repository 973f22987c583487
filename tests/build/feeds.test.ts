/**
 * Every feed a built site publishes, read the way readers read them: with a real RSS
 * parser and a strict XML parser. Each feed names itself, its language and its last
 * build, keeps stable tag: guids, writes only absolute URLs, carries its stylesheet,
 * stays small, and never carries script; /feed.json holds the same items as /rss.xml.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as cheerio from 'cheerio';
import { siteConfig } from '../../src/site.config.ts';
import { distOf } from '../support/sites.ts';
import { DEPLOYMENTS, type DeployedSite } from '../support/sites.ts';
import { listFiles, loadPage, readText } from '../support/html.ts';
import { xmlWellFormednessErrors } from '../support/xml.ts';

type FeedSite = DeployedSite;

const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;

/** An RFC 822 date that also names the right weekday. */
function isRfc822(value: unknown): boolean {
  if (typeof value !== 'string' || !RFC_822.test(value)) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  const weekday = new Date(ms + zoneOffsetMs(value)).toUTCString().slice(0, 3);
  return weekday === value.slice(0, 3);
}

function zoneOffsetMs(value: string): number {
  const zone = /([+-])(\d{2})(\d{2})$/.exec(value);
  if (zone === null) return 0;
  const minutes = Number(zone[2]) * 60 + Number(zone[3]);
  return (zone[1] === '-' ? -1 : 1) * minutes * 60_000;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'category', 'dc:creator', 'atom:link'].includes(name),
});

interface RssItem {
  title?: unknown;
  link?: unknown;
  guid?: { '#text'?: unknown; '@_isPermaLink'?: unknown } | string;
  pubDate?: unknown;
  description?: unknown;
  'content:encoded'?: unknown;
}

interface RssChannel {
  title?: unknown;
  link?: unknown;
  language?: unknown;
  lastBuildDate?: unknown;
  'atom:link'?: { '@_href'?: unknown; '@_rel'?: unknown; '@_type'?: unknown }[];
  image?: { url?: unknown };
  item?: RssItem[];
}

function channelOf(text: string): RssChannel {
  return (xml.parse(text) as { rss: { channel: RssChannel } }).rss.channel;
}

function guidOf(item: RssItem): string {
  return typeof item.guid === 'string' ? item.guid : String(item.guid?.['#text'] ?? '');
}

const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster', 'action'];

/** URLs in a fragment of feed HTML that a reader could not resolve on its own. */
function relativeUrls(html: string): string[] {
  const $ = cheerio.load(html, null, false);
  const found: string[] = [];
  $('*').each((_, el) => {
    if (!('attribs' in el)) return;
    for (const name of URL_ATTRIBUTES) {
      const value = el.attribs[name];
      if (value !== undefined && !/^(https?|mailto):/i.test(value.trim())) found.push(`${name}="${value}"`);
    }
    const srcset = el.attribs.srcset;
    if (srcset !== undefined) {
      for (const candidate of srcset.split(',')) {
        const url = candidate.trim().split(/\s+/)[0] ?? '';
        if (!/^https?:/i.test(url)) found.push(`srcset candidate "${url}"`);
      }
    }
  });
  return found;
}

/** Script, handlers and `javascript:` URLs in a fragment of feed HTML. */
function activeContent(html: string): string[] {
  const $ = cheerio.load(html, null, false);
  const found: string[] = [];
  $('script').each((_, el) => {
    found.push(`script: ${$.html(el).slice(0, 120)}`);
  });
  $('*').each((_, el) => {
    if (!('attribs' in el)) return;
    for (const [name, value] of Object.entries(el.attribs)) {
      if (name.toLowerCase().startsWith('on')) found.push(`${name} on <${el.tagName}>`);
      if (/^(javascript|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ''))) found.push(`${name}="${value}" on <${el.tagName}>`);
    }
  });
  return found;
}

function feedFiles(dist: string): string[] {
  return listFiles(dist).filter((file) => file === 'rss.xml' || file.endsWith('/rss.xml'));
}

describe.each(Object.keys(DEPLOYMENTS) as FeedSite[])('feeds of the %s site', (site) => {
  const dist = distOf(site);
  const { siteUrl, basePath } = DEPLOYMENTS[site];
  const origin = new URL(siteUrl).origin;
  const absolute = (path: string) => `${origin}${basePath}${path}`;
  const feeds = feedFiles(dist);

  it('has the main feed, the articles feed and a feed for every person and every tag', () => {
    expect(feeds).toContain('rss.xml');
    expect(feeds).toContain('articles/rss.xml');
    const files = listFiles(dist);
    for (const page of files.filter((file) => /^(people|tags)\/[^/]+\/index\.html$/.test(file))) {
      if (loadPage(dist, page)('meta[http-equiv="refresh" i]').length > 0) continue;
      expect(feeds, page).toContain(page.replace(/index\.html$/, 'rss.xml'));
    }
    for (const feed of feeds) expect(feed).toMatch(/^(rss\.xml|articles\/rss\.xml|people\/[^/]+\/rss\.xml|tags\/[^/]+\/rss\.xml)$/);
  });

  describe.each(feeds)('%s', (file) => {
    const text = readText(dist, file);
    const selfUrl = absolute(file);

    it('is well-formed XML 1.0 for a strict parser, which rss-parser and fast-xml-parser both read, with the same items', async () => {
      // fast-xml-parser accepts characters XML forbids (a NUL, U+FFFF) that expat and libxml2 reject: saxes does not.
      expect(xmlWellFormednessErrors(readFileSync(join(dist, file)))).toEqual([]);
      expect(XMLValidator.validate(text)).toBe(true);
      const parsed = await new Parser().parseString(text);
      const channel = channelOf(text);
      expect(parsed.title).toBe(channel.title);
      expect(String(parsed.title ?? '').trim()).not.toBe('');
      expect(parsed.items.map((item) => item.guid)).toEqual((channel.item ?? []).map(guidOf));
      expect(parsed.items.map((item) => item.link)).toEqual((channel.item ?? []).map((item) => item.link));
      expect((xml.parse(text) as { rss: { '@_version': string } }).rss['@_version']).toBe('2.0');
    });

    it('names its own URL (atom:link rel=self), its language and its last build', () => {
      const channel = channelOf(text);
      const self = (channel['atom:link'] ?? []).filter((link) => link['@_rel'] === 'self');
      expect(self).toHaveLength(1);
      expect(self[0]?.['@_href']).toBe(selfUrl);
      expect(self[0]?.['@_type']).toBe('application/rss+xml');
      expect(channel.language).toBe(siteConfig.lang);
      expect(isRfc822(channel.lastBuildDate), `lastBuildDate ${String(channel.lastBuildDate)}`).toBe(true);
    });

    it('keeps one stable tag: guid per item, never a permalink', () => {
      const items = channel().item ?? [];
      const guids = items.map(guidOf);
      expect(new Set(guids).size).toBe(guids.length);
      for (const item of items) {
        expect(typeof item.guid === 'object' ? item.guid['@_isPermaLink'] : undefined, guidOf(item)).toBe('false');
        expect(guidOf(item)).toMatch(/^tag:[^,]+,\d{4}(-\d{2}(-\d{2})?)?:\S+$/);
      }
    });

    it('writes only absolute URLs on the site, in links and inside the content', () => {
      const data = channel();
      expect(String(data.link)).toMatch(new RegExp(`^${origin}${basePath}`));
      if (data.image !== undefined) expect(String(data.image.url)).toMatch(/^https:\/\//);
      const relative: string[] = [];
      for (const item of data.item ?? []) {
        expect(String(item.link), guidOf(item)).toMatch(new RegExp(`^${origin}${basePath}`));
        for (const url of relativeUrls(String(item['content:encoded'] ?? ''))) relative.push(`${guidOf(item)}: ${url}`);
        for (const url of relativeUrls(String(item.description ?? ''))) relative.push(`${guidOf(item)} description: ${url}`);
      }
      expect(relative, relative.join('\n')).toEqual([]);
    });

    it('points to its CSS stylesheet, which exists', () => {
      const instruction = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<\?xml-stylesheet type="text\/css" href="([^"]+)"\?>/.exec(text);
      expect(instruction, text.slice(0, 200)).not.toBeNull();
      const href = new URL(instruction?.[1] ?? '', selfUrl);
      expect(href.origin).toBe(origin);
      expect(href.pathname).toBe(`${basePath}feed.css`);
      expect(existsSync(join(dist, href.pathname.slice(basePath.length)))).toBe(true);
    });

    it('dates every item in RFC 822, newest first', () => {
      const dates = (channel().item ?? []).map((item) => item.pubDate);
      for (const date of dates) expect(isRfc822(date), String(date)).toBe(true);
      const times = dates.map((date) => Date.parse(String(date)));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it(`holds at most ${siteConfig.feedItems} items, none with script, handlers or javascript: links`, () => {
      const items = channel().item ?? [];
      expect(items.length).toBeLessThanOrEqual(siteConfig.feedItems);
      const found: string[] = [];
      for (const item of items) {
        for (const problem of activeContent(String(item['content:encoded'] ?? ''))) found.push(`${guidOf(item)}: ${problem}`);
      }
      expect(found, found.join('\n')).toEqual([]);
    });

    function channel(): RssChannel {
      return channelOf(text);
    }
  });

  it('keeps the main feed under 1 MB, with items', () => {
    expect(statSync(join(dist, 'rss.xml')).size).toBeLessThan(1024 * 1024);
    expect((channelOf(readText(dist, 'rss.xml')).item ?? []).length).toBeGreaterThan(0);
  });

  it('publishes /feed.json as JSON Feed 1.1 with the items of /rss.xml, in the same order', () => {
    const feed = JSON.parse(readText(dist, 'feed.json')) as {
      version?: unknown;
      title?: unknown;
      feed_url?: unknown;
      home_page_url?: unknown;
      items?: { id?: unknown; url?: unknown; content_html?: unknown }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof feed.title === 'string' && feed.title.trim() !== '').toBe(true);
    expect(feed.feed_url).toBe(absolute('feed.json'));
    expect(feed.home_page_url).toBe(absolute(''));
    expect(Array.isArray(feed.items)).toBe(true);
    const items = feed.items ?? [];
    for (const item of items) {
      expect(typeof item.id === 'string' && item.id !== '').toBe(true);
      expect(String(item.url)).toMatch(new RegExp(`^${origin}${basePath}`));
      expect(relativeUrls(String(item.content_html ?? ''))).toEqual([]);
      expect(activeContent(String(item.content_html ?? ''))).toEqual([]);
    }
    expect(items.map((item) => item.id)).toEqual((channelOf(readText(dist, 'rss.xml')).item ?? []).map(guidOf));
  });
});
