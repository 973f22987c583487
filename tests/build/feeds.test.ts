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
  // Titles are compared as written: "Omar Example: “Courage…”", not turned into numbers or trimmed.
  parseTagValue: false,
});

interface RssItem {
  title?: unknown;
  link?: unknown;
  guid?: { '#text'?: unknown; '@_isPermaLink'?: unknown } | string;
  pubDate?: unknown;
  description?: unknown;
  'content:encoded'?: unknown;
  'dc:creator'?: unknown[];
  'dc:date'?: unknown;
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

    it('points to its XSLT, then to its CSS stylesheet, both of which exist', () => {
      const instructions =
        /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<\?xml-stylesheet type="text\/xsl" href="([^"]+)"\?>\s*<\?xml-stylesheet type="text\/css" href="([^"]+)"\?>/.exec(
          text,
        );
      expect(instructions, text.slice(0, 300)).not.toBeNull();
      for (const [index, file] of [
        [1, 'feed.xsl'],
        [2, 'feed.css'],
      ] as const) {
        const href = new URL(instructions?.[index] ?? '', selfUrl);
        expect(href.origin).toBe(origin);
        expect(href.pathname).toBe(`${basePath}${file}`);
        expect(existsSync(join(dist, href.pathname.slice(basePath.length)))).toBe(true);
      }
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

/**
 * The fixture archive has a withdrawn quote, quotes chosen by a curator and quotes chosen by
 * no one, an article with its original: what each item says of them, in RSS and JSON Feed.
 */
describe('what the items of the fixture site say', () => {
  const dist = distOf('fixture');
  const itemsOf = (file: string) => channelOf(readText(dist, file)).item ?? [];
  const itemOf = (file: string, id: string) => itemsOf(file).find((item) => guidOf(item) === `tag:qtd,2021:quotes/${id}`);
  const jsonItems = () =>
    (
      JSON.parse(readText(dist, 'feed.json')) as {
        items: { id: string; title: string; summary: string; content_html: string; date_modified?: string; authors?: { name: string }[] }[];
      }
    ).items;

  it('keeps a withdrawn quote in its feeds, under its guid, as the notice of its withdrawal', () => {
    for (const file of ['rss.xml', 'people/omar-example/rss.xml']) {
      const notice = itemOf(file, 'quote-withdrawn');
      expect(notice, file).toBeDefined();
      expect(notice?.title).toBe('Withdrawn: a quote of Omar Example, the quote of the day for June 1, 2025');
      expect(notice?.link).toBe('https://qtd.example/quotes/quote-withdrawn/');
      const content = String(notice?.['content:encoded']);
      expect(content).toContain('<strong>This quote was withdrawn</strong> on June 3, 2025.');
      expect(content).toContain('<strong>Why:</strong> The neighbour, not Omar Example, said it.');
      expect(content).not.toContain('We stay');
    }
    const json = jsonItems().find((item) => item.id === 'tag:qtd,2021:quotes/quote-withdrawn');
    expect(json).toMatchObject({
      title: 'Withdrawn: a quote of Omar Example, the quote of the day for June 1, 2025',
      summary: 'Withdrawn on June 3, 2025: The neighbour, not Omar Example, said it.',
    });
    expect(json?.date_modified).toMatch(/^2025-06-03T/);
  });

  it('titles a quote’s item with the speaker and the words in quotation marks, and names its curator as its author', () => {
    const chosen = itemOf('rss.xml', 'quote-emphasis');
    expect(chosen?.title).toBe('Omar Example: “Courage is the first of the virtues, because it makes…”');
    expect(chosen?.['dc:creator']).toEqual(['Curator One']);
    const unchosen = itemOf('rss.xml', 'quote-short');
    expect(unchosen?.['dc:creator']).toEqual([siteConfig.author.name]);
    expect(jsonItems().find((item) => item.id === 'tag:qtd,2021:quotes/quote-emphasis')?.authors).toEqual([{ name: 'Curator One' }]);
  });

  it('says the quote was verified against its article, names the article in quotation marks and links its original', () => {
    const content = String(itemOf('rss.xml', 'quote-emphasis')?.['content:encoded']);
    const $ = cheerio.load(content, null, false);
    expect(
      $('p')
        .filter((_, p) => $(p).text().startsWith('From '))
        .text(),
    ).toBe(
      'From “A Fixture Article About Courage” by Maria Fixture, The Fixture Times, Nov. 20, 2025, 9:30 a.m. ET. Read it in the original.',
    );
    expect($('cite').text()).toBe('The Fixture Times');
    expect($('a:contains("Read it in the original")').attr('href')).toBe('https://example.org/fixture-article-one');
    expect(content).toContain('<strong>Verified</strong> against the text of “A Fixture Article About Courage”');
    expect($('a:contains("marked at the passage")').attr('href')).toBe(
      'https://qtd.example/articles/fixture-article-one/#q-quote-emphasis',
    );
  });

  it('gives a curator who said nothing the quotes they chose: their page, their feed, their count in /people/', () => {
    const page = loadPage(dist, 'people/curator-one/index.html');
    const listed = page('#chosen-title')
      .closest('section')
      .find('.quote-item a')
      .map((_, a) => page(a).attr('href'))
      .get();
    expect(listed).toEqual(['/quotes/quote-emphasis/', '/quotes/quote-elided/']);
    expect(itemsOf('people/curator-one/rss.xml').map(guidOf)).toEqual([
      'tag:qtd,2021:quotes/quote-emphasis',
      'tag:qtd,2021:quotes/quote-elided',
    ]);
    expect(channelOf(readText(dist, 'people/curator-one/rss.xml'))).toMatchObject({
      description: 'Quotes chosen by Curator One in QTD, newest first.',
    });
    const people = loadPage(dist, 'people/index.html');
    expect(people('a[href="/people/curator-one/"]').closest('li').find('.people-list__counts').text()).toBe('chose 2 quotes');
  });

  it('lists every feed on /feeds/ as a link to it, with a Copy button the script shows', () => {
    const page = loadPage(dist, 'feeds/index.html');
    const links = page('a.feed-list__url')
      .map((_, a) => ({ href: page(a).attr('href') ?? '', text: page(a).text(), copy: page(a).next('button').attr('data-copy-feed') }))
      .get();
    expect(links.length).toBeGreaterThan(4);
    for (const link of links) {
      expect(link.text).toBe(link.href);
      expect(link.copy).toBe(link.href);
      expect(existsSync(join(dist, new URL(link.href).pathname))).toBe(true);
    }
    expect(links.map((link) => link.href)).toContain('https://qtd.example/people/curator-one/rss.xml');
    expect(page('button[data-copy-feed]:not([hidden])')).toHaveLength(0);
  });
});
