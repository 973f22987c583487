/**
 * A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/) from the same
 * feed items as the RSS feeds: same ids (the guids), titles, links and content, so a
 * reader that switches format sees nothing new and nothing repeated.
 */
import type { FeedItem } from './feed-items.ts';
import { isoInZone } from '../domain/dates.ts';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export interface JsonFeedAuthor {
  name: string;
  url?: string;
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary: string;
  /** RFC 3339, with the offset of the zone the item is dated in. */
  date_published: string;
  /** RFC 3339: when a correction or a withdrawal changed the item. */
  date_modified?: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  image?: string;
}

export interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  icon?: string;
  favicon?: string;
  authors?: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

export interface JsonFeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed belongs to. */
  homePageUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  language: string;
  /** Absolute URLs of square images: a large one for the feed, a small one beside its items. */
  icon?: string | undefined;
  favicon?: string | undefined;
  authors?: JsonFeedAuthor[] | undefined;
}

export function jsonFeedItem(item: FeedItem): JsonFeedItem {
  return {
    id: item.guid,
    url: item.link,
    title: item.title,
    content_html: item.contentHtml,
    summary: item.summary,
    date_published: isoInZone(item.pubDateMs, item.timeZone),
    ...(item.updatedMs !== undefined ? { date_modified: isoInZone(item.updatedMs, item.timeZone) } : {}),
    // JSON Feed forbids empty author objects and lists nothing but what is known.
    ...(item.creators.length > 0 ? { authors: item.creators.map((name) => ({ name })) } : {}),
    ...(item.categories.length > 0 ? { tags: [...item.categories] } : {}),
    ...(item.image ? { image: item.image } : {}),
  };
}

export function jsonFeed(channel: JsonFeedChannel, items: readonly FeedItem[]): JsonFeed {
  return {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: channel.homePageUrl,
    feed_url: channel.feedUrl,
    description: channel.description,
    language: channel.language,
    ...(channel.icon ? { icon: channel.icon } : {}),
    ...(channel.favicon ? { favicon: channel.favicon } : {}),
    ...(channel.authors && channel.authors.length > 0 ? { authors: channel.authors } : {}),
    items: items.map(jsonFeedItem),
  };
}
