/**
 * Every public URL of the site is built here, once. Pages, feeds, the sitemap,
 * JSON-LD and share cards all call these functions, so a URL pattern exists in
 * one place and a base path (a site served under `/qtd/`) is honoured everywhere.
 *
 * Functions return root-relative paths that include the base path; `absoluteUrl`
 * turns one into a full URL for feeds, canonical links and Open Graph tags.
 */
import { siteConfig } from '../site.config.ts';

export interface UrlSettings {
  siteUrl: string;
  basePath: string;
}

const defaults: UrlSettings = { siteUrl: siteConfig.siteUrl, basePath: siteConfig.basePath };

/** Joins path segments under the base path; each segment is percent-encoded as needed. */
export function sitePath(
  segments: readonly (string | number)[],
  options: { file?: boolean } = {},
  settings: UrlSettings = defaults,
): string {
  const encoded = segments.map((segment) => encodeURIComponent(String(segment)));
  const path = encoded.join('/');
  if (path === '') return settings.basePath;
  return `${settings.basePath}${path}${options.file ? '' : '/'}`;
}

export function homeUrl(settings?: UrlSettings): string {
  return sitePath([], {}, settings);
}

export function quoteUrl(id: string, settings?: UrlSettings): string {
  return sitePath(['quotes', id], {}, settings);
}

/** The quote's marked passage inside its article. */
export function quoteInArticleUrl(articleId: string, quoteId: string, settings?: UrlSettings): string {
  return `${articleUrl(articleId, settings)}#${quoteAnchorId(quoteId)}`;
}

/** The id of the `<mark>` that starts a pulled passage in an article. */
export function quoteAnchorId(quoteId: string): string {
  return `q-${quoteId}`;
}

export function quotesIndexUrl(page = 1, settings?: UrlSettings): string {
  return page <= 1 ? sitePath(['quotes'], {}, settings) : sitePath(['quotes', 'page', page], {}, settings);
}

export function quotesYearUrl(year: number, settings?: UrlSettings): string {
  return sitePath(['quotes', String(year)], {}, settings);
}

export function quotesMonthUrl(year: number, month: number, settings?: UrlSettings): string {
  return sitePath(['quotes', String(year), String(month).padStart(2, '0')], {}, settings);
}

export function articleUrl(id: string, settings?: UrlSettings): string {
  return sitePath(['articles', id], {}, settings);
}

export function articlesIndexUrl(settings?: UrlSettings): string {
  return sitePath(['articles'], {}, settings);
}

export function personUrl(id: string, settings?: UrlSettings): string {
  return sitePath(['people', id], {}, settings);
}

export function peopleIndexUrl(settings?: UrlSettings): string {
  return sitePath(['people'], {}, settings);
}

export function tagUrl(id: string, settings?: UrlSettings): string {
  return sitePath(['tags', id], {}, settings);
}

export function tagsIndexUrl(settings?: UrlSettings): string {
  return sitePath(['tags'], {}, settings);
}

export type FeedScope = { kind: 'quotes' } | { kind: 'articles' } | { kind: 'person'; id: string } | { kind: 'tag'; id: string };

export function feedUrl(scope: FeedScope = { kind: 'quotes' }, settings?: UrlSettings): string {
  switch (scope.kind) {
    case 'quotes':
      return sitePath(['rss.xml'], { file: true }, settings);
    case 'articles':
      return sitePath(['articles', 'rss.xml'], { file: true }, settings);
    case 'person':
      return sitePath(['people', scope.id, 'rss.xml'], { file: true }, settings);
    case 'tag':
      return sitePath(['tags', scope.id, 'rss.xml'], { file: true }, settings);
  }
}

export function jsonFeedUrl(settings?: UrlSettings): string {
  return sitePath(['feed.json'], { file: true }, settings);
}

export function feedStylesheetUrl(settings?: UrlSettings): string {
  return sitePath(['feed.css'], { file: true }, settings);
}

export function feedsPageUrl(settings?: UrlSettings): string {
  return sitePath(['feeds'], {}, settings);
}

export function quotesJsonUrl(settings?: UrlSettings): string {
  return sitePath(['quotes.json'], { file: true }, settings);
}

export function aboutUrl(settings?: UrlSettings): string {
  return sitePath(['about'], {}, settings);
}

export function searchUrl(settings?: UrlSettings): string {
  return sitePath(['search'], {}, settings);
}

export function cardUrl(kind: 'quotes' | 'articles', id: string, settings?: UrlSettings): string {
  return sitePath(['og', kind, `${id}.png`], { file: true }, settings);
}

/** The share card of pages that have none of their own. */
export function siteCardUrl(settings?: UrlSettings): string {
  return sitePath(['og', 'site.png'], { file: true }, settings);
}

export function citationUrl(quoteId: string, settings?: UrlSettings): string {
  return sitePath(['quotes', quoteId, 'citation.json'], { file: true }, settings);
}

export function assetUrl(file: string, settings?: UrlSettings): string {
  return sitePath(file.split('/'), { file: true }, settings);
}

// Every page asks for a dozen absolute URLs, most of them asked for by many pages (a
// speaker's page, a card, an article): each is parsed once per origin.
const absoluteUrls = new Map<string, Map<string, string>>();

/** A root-relative path (as returned above) as an absolute URL on the public origin. */
export function absoluteUrl(path: string, settings: UrlSettings = defaults): string {
  let cache = absoluteUrls.get(settings.siteUrl);
  if (!cache) {
    cache = new Map();
    absoluteUrls.set(settings.siteUrl, cache);
  }
  let url = cache.get(path);
  if (url === undefined) {
    url = new URL(path, `${settings.siteUrl}/`).href;
    cache.set(path, url);
  }
  return url;
}

/**
 * A feed guid that survives a move to another domain or base path: it names the
 * collection and the id, never the URL (`tag:` URI scheme, RFC 4151, with a fixed
 * authority and date so it never changes).
 */
export function itemGuid(collection: 'quotes' | 'articles', id: string): string {
  return `tag:qtd,2021:${collection}/${id}`;
}

/**
 * A text-fragment link (`#:~:text=start,end`) into an original article, so a browser
 * scrolls to and highlights the passage. Characters with a meaning in the directive
 * syntax (`-`, `,`, `&`) are percent-encoded as the spec asks.
 */
export function textFragmentUrl(pageUrl: string, start: string, end?: string): string {
  const encode = (text: string) => encodeURIComponent(text.replace(/\s+/g, ' ').trim()).replace(/-/g, '%2D').replace(/,/g, '%2C');
  const directive = end ? `${encode(start)},${encode(end)}` : encode(start);
  const base = pageUrl.split('#')[0];
  return `${base}#:~:text=${directive}`;
}
