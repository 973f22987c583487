/**
 * Every site-wide setting of QTD, in one typed object. Pages, feeds, plugins and
 * scripts read these values; nothing else holds a site-wide constant.
 *
 * Environment variables override what changes between deployments:
 * - `SITE_URL`   the public origin, e.g. `https://quotes.example.org`
 * - `BASE_PATH`  the path the site is served under, e.g. `/qtd/` (default `/`)
 * - `CONTENT_DIR` the content folder (default `content`), for fixtures and benchmarks
 * - `BUILD_DATE` `YYYY-MM-DD`: pins "today" (which quotes are published) for tests and previews
 * - `SHOW_SCHEDULED=1` publishes quotes dated after today, marked as drafts (always on in `astro dev`)
 */

function normaliseBasePath(value: string | undefined): string {
  const trimmed = (value ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

function normaliseSiteUrl(value: string | undefined): string {
  const url = new URL(value && value.trim() !== '' ? value.trim() : 'https://qtd.example');
  return url.origin;
}

const env = typeof process === 'undefined' ? {} : process.env;

export const siteConfig = {
  /** Site name, shown in the header, titles, feeds and share cards. */
  title: 'QTD',
  /** The home page's headline and the share card of pages without their own. */
  tagline: 'The quote of the day and the article it comes from',
  /** One sentence for meta descriptions and feed channels. */
  description:
    'QTD keeps the quote of the day and the article it comes from: every quote attributed, verified against its source and linkable for good.',
  /** Public origin, without a trailing slash. */
  siteUrl: normaliseSiteUrl(env.SITE_URL),
  /** Path the site is served under, always with leading and trailing slashes. */
  basePath: normaliseBasePath(env.BASE_PATH),
  /** BCP 47 language of the site's own text and the default of quotes and articles. */
  lang: 'en',
  /** IANA zone that decides "today" and in which days and times are shown by default. */
  timeZone: 'America/New_York',
  /** Hour of the day (in `timeZone`) a quote of the day is dated in feeds. */
  feedHourOfDay: 8,
  /** Quotes per page on /quotes/ and its following pages. */
  quotesPerPage: 20,
  /** Items in each feed: feeds stay small whatever the archive's size. */
  feedItems: 50,
  /** Latest quotes and articles listed on the home page. */
  homeLatestQuotes: 7,
  homeLatestArticles: 5,
  /** Two quotes on one day are a mistake unless the archive allows several per day. */
  allowSeveralQuotesPerDay: false,
  /** Words of a quote used in its feed item title. */
  feedTitleWords: 10,
  /** Reading speed used for "N min read". */
  wordsPerMinute: 230,
  /** Content folder, relative to the project root. */
  contentDir: env.CONTENT_DIR && env.CONTENT_DIR.trim() !== '' ? env.CONTENT_DIR.trim() : 'content',
  /** `YYYY-MM-DD` pinning today's date, or undefined for the real day. */
  buildDate: env.BUILD_DATE && env.BUILD_DATE.trim() !== '' ? env.BUILD_DATE.trim() : undefined,
  /** Publish scheduled (future) quotes as drafts. */
  showScheduled: env.SHOW_SCHEDULED === '1' || env.SHOW_SCHEDULED === 'true',
  /**
   * Pages Astro renders at once. Writing a page is four awaited file operations
   * (folder and file, in dist/ and in the incremental cache): one page at a time
   * left the main thread idle a quarter of the rendering stage. At 10,000 quotes
   * rendering took 63 s at 1, 35 s at 4 and 31 s at 8 (share cards cached), with
   * the same peak memory (README, "What keeps builds short").
   */
  buildConcurrency: 8,
  /** Search results shown at once, and added by each "Show more results". */
  searchResultsPerPage: 10,
  /**
   * Bytes one search may download (Pagefind's client, index and the first results).
   * A word whose part of the index alone would pass it ("the" on nearly every page)
   * is searched only when the reader asks: src/lib/search/download-costs.ts.
   */
  searchDownloadBudget: 300 * 1024,
  /** The curator's address on the about page and in feeds, if any. */
  author: { name: 'Jenna Lee' },
} as const;

export type SiteConfig = typeof siteConfig;
