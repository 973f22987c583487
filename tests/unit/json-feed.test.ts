import { describe, it, expect } from 'vitest';
import { JSON_FEED_VERSION, jsonFeed, jsonFeedItem, type JsonFeedChannel } from '../../src/views/json-feed.ts';
import { quoteFeedItem, type FeedItem, type QuoteFeedInput } from '../../src/views/feed-items.ts';

const channel: JsonFeedChannel = {
  title: 'QTD: quotes of the day',
  description: 'Quotes of the day.',
  homePageUrl: 'https://qtd.example/',
  feedUrl: 'https://qtd.example/feed.json',
  language: 'en',
  icon: 'https://qtd.example/icon-144.png',
  favicon: 'https://qtd.example/icon-144.png',
  authors: [{ name: 'Jenna Lee' }],
};

const settings = { siteTitle: 'QTD', timeZone: 'America/New_York', hourOfDay: 8, titleWords: 10, author: 'Jenna Lee' };

const quoteInput: QuoteFeedInput = {
  guid: 'tag:qtd,2021:quotes/spirit-of-resistance',
  text: 'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance.',
  date: '2021-08-23',
  link: 'https://qtd.example/quotes/spirit-of-resistance/',
  speaker: { name: 'Ahmad Massoud', url: 'https://qtd.example/people/ahmad-massoud/' },
  verified: false,
  commentaryHtml: '',
  corrections: [],
  tags: ['Afghanistan'],
  image: 'https://qtd.example/og/quotes/spirit-of-resistance.png',
};
const quote: FeedItem = quoteFeedItem(quoteInput, settings);

describe('jsonFeed', () => {
  const feed = jsonFeed(channel, [quote]);

  it('describes the feed as JSON Feed 1.1 asks', () => {
    expect(feed).toMatchObject({
      version: JSON_FEED_VERSION,
      title: 'QTD: quotes of the day',
      home_page_url: 'https://qtd.example/',
      feed_url: 'https://qtd.example/feed.json',
      description: 'Quotes of the day.',
      language: 'en',
      icon: 'https://qtd.example/icon-144.png',
      favicon: 'https://qtd.example/icon-144.png',
      authors: [{ name: 'Jenna Lee' }],
    });
    expect(JSON_FEED_VERSION).toBe('https://jsonfeed.org/version/1.1');
  });

  it('gives each item the RSS guid as id, and the same title, link, content and summary', () => {
    expect(feed.items).toStrictEqual([
      {
        id: 'tag:qtd,2021:quotes/spirit-of-resistance',
        url: 'https://qtd.example/quotes/spirit-of-resistance/',
        title: quote.title,
        content_html: quote.contentHtml,
        summary: quote.summary,
        date_published: '2021-08-23T08:00:00-04:00',
        authors: [{ name: 'Jenna Lee' }],
        tags: ['Afghanistan'],
        image: 'https://qtd.example/og/quotes/spirit-of-resistance.png',
      },
    ]);
  });

  it('leaves out what is unknown rather than writing it empty', () => {
    const bare = jsonFeed({ ...channel, icon: undefined, favicon: undefined, authors: [] }, []);
    expect(Object.keys(bare)).toEqual(['version', 'title', 'home_page_url', 'feed_url', 'description', 'language', 'items']);
    const item = jsonFeedItem({ ...quote, creators: [], categories: [], image: undefined });
    expect(Object.keys(item)).toEqual(['id', 'url', 'title', 'content_html', 'summary', 'date_published']);
  });

  it('writes dates in RFC 3339 with the offset of the item’s zone, across a daylight-saving change', () => {
    const winter = jsonFeedItem({ ...quote, pubDateMs: Date.parse('2021-12-01T13:00:00Z') });
    expect(winter.date_published).toBe('2021-12-01T08:00:00-05:00');
    const utc = jsonFeedItem({ ...quote, pubDateMs: Date.parse('2021-12-01T13:00:00Z'), timeZone: 'UTC' });
    expect(utc.date_published).toBe('2021-12-01T13:00:00+00:00');
    expect(Date.parse(winter.date_published)).toBe(Date.parse(utc.date_published));
  });

  it('keeps a withdrawn quote as a notice under the same id, modified on the day of its withdrawal', () => {
    const [notice] = jsonFeed(channel, [
      quoteFeedItem({ ...quoteInput, withdrawn: { date: '2021-09-01', reason: 'Misattributed.' } }, settings),
    ]).items;
    expect(notice).toMatchObject({
      id: 'tag:qtd,2021:quotes/spirit-of-resistance',
      url: 'https://qtd.example/quotes/spirit-of-resistance/',
      title: 'Withdrawn: a quote of Ahmad Massoud, the quote of the day for August 23, 2021',
      summary: 'Withdrawn on September 1, 2021: Misattributed.',
      date_published: '2021-08-23T08:00:00-04:00',
      date_modified: '2021-09-01T08:00:00-04:00',
    });
    expect(notice?.content_html).toContain('<strong>Why:</strong> Misattributed.');
  });

  it('dates a corrected item’s change, and no change where there is none', () => {
    const corrected = jsonFeedItem(
      quoteFeedItem({ ...quoteInput, corrections: [{ date: '2021-08-30', note: 'Fixed a word.' }] }, settings),
    );
    expect(corrected.date_modified).toBe('2021-08-30T08:00:00-04:00');
    expect(corrected.content_html).toContain('Corrected on August 30, 2021: Fixed a word.');
    expect(jsonFeedItem(quote)).not.toHaveProperty('date_modified');
  });

  it('survives a round trip through JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(feed))).toEqual(feed);
  });
});
