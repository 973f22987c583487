/**
 * Every site-wide setting of QTD, in one typed object. Pages, feeds, plugins and
 * scripts read these values; nothing else holds a site-wide constant.
 *
 * Environment variables override what changes between deployments:
 * - `SITE_URL`   the site's public address, e.g. `https://quotes.example.org`; a path
 *                (`https://example.org/qtd`) is the base path, unless `BASE_PATH` is set
 * - `BASE_PATH`  the path the site is served under, e.g. `/qtd/` (default `/`)
 * - `CONTENT_DIR` the content folder (default `content`), for fixtures and benchmarks
 * - `BUILD_DATE` `YYYY-MM-DD`: pins "today" (which quotes are published) for tests and previews
 * - `SHOW_SCHEDULED=1` publishes quotes dated after today, marked as drafts (always on in `astro dev`)
 *
 * A value that cannot be right stops the build before anything is built: one message
 * names each such variable, its value and what to write instead, and the process exits
 * with status 1 without a stack trace (`astro build`, `npm run build`, `astro dev` and
 * the scripts all load this file first).
 */
import { parseCalendarDay } from './domain/dates.ts';

const DEFAULT_SITE_URL = 'https://qtd.example';

/** The settings read from the environment, or what is wrong with it. */
export interface SiteEnvironment {
  /** Public origin, without a trailing slash. */
  siteUrl: string;
  /** Always with leading and trailing slashes. */
  basePath: string;
  contentDir: string;
  buildDate: string | undefined;
  showScheduled: boolean;
  /** One line per bad variable: its name, its value, what is wrong and what to write. */
  problems: string[];
}

type Environment = Readonly<Record<string, string | undefined>>;

function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** `/qtd/` for `qtd`, `/qtd`, `/qtd/` or `//qtd//`; `/` for nothing. */
function normaliseBasePath(value: string): string {
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * A base path is written into every link as it is: it must be a URL path already in
 * the form browsers write it (no space, `?`, `#`, a backslash or `..`), or links would lead elsewhere.
 */
function basePathProblem(basePath: string): string | undefined {
  const resolved = new URL(basePath, 'https://qtd.example').pathname;
  if (resolved === basePath) return undefined;
  return `is not a URL path as browsers write it (they would read ${resolved}); set it to a path of plain words, e.g. BASE_PATH=/qtd/ (percent-encode anything else)`;
}

const quoted = (value: string): string => JSON.stringify(value);

/**
 * Reads the deployment settings from `env`. Never throws: each bad variable adds a
 * line to `problems` and its default is used in its place.
 */
export function readSiteEnvironment(env: Environment): SiteEnvironment {
  const problems: string[] = [];
  const explicitBase = given(env.BASE_PATH);
  let basePath = '/';
  if (explicitBase !== undefined) {
    const normalised = normaliseBasePath(explicitBase);
    const problem = basePathProblem(normalised);
    if (problem) problems.push(`BASE_PATH=${quoted(env.BASE_PATH ?? '')} ${problem}.`);
    else basePath = normalised;
  }

  let siteUrl = DEFAULT_SITE_URL;
  const rawSiteUrl = given(env.SITE_URL);
  if (rawSiteUrl !== undefined) {
    const fix =
      "set it to the site's public address, e.g. SITE_URL=https://quotes.example.org (or https://example.org/qtd for a site under a path)";
    const bad = (what: string) => problems.push(`SITE_URL=${quoted(env.SITE_URL ?? '')} ${what}; ${fix}.`);
    let url: URL | undefined;
    try {
      url = new URL(rawSiteUrl);
    } catch {
      bad('is not a web address');
    }
    if (url) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') bad(`starts with ${url.protocol}, not https: or http:`);
      else if (url.username !== '' || url.password !== '') bad('holds a user name or password, which would be published in every page');
      else if (url.search !== '' || url.hash !== '')
        bad(`has a ${url.search !== '' ? 'query (?…)' : 'fragment (#…)'}, which no page address can carry`);
      else {
        siteUrl = url.origin;
        // The public address may name the path the site is served under: it is the base path.
        const pathOfUrl = normaliseBasePath(url.pathname);
        if (pathOfUrl !== '/') {
          if (explicitBase === undefined) basePath = pathOfUrl;
          else if (normaliseBasePath(explicitBase) !== pathOfUrl) {
            problems.push(
              `SITE_URL=${quoted(env.SITE_URL ?? '')} has the path ${pathOfUrl}, but BASE_PATH=${quoted(env.BASE_PATH ?? '')} says ${normaliseBasePath(explicitBase)}; ` +
                `give the path once: SITE_URL=${url.origin} with BASE_PATH=${normaliseBasePath(explicitBase)}, or SITE_URL=${url.origin}${pathOfUrl} without BASE_PATH.`,
            );
          }
        }
      }
    }
  }

  let buildDate: string | undefined;
  const rawBuildDate = given(env.BUILD_DATE);
  if (rawBuildDate !== undefined) {
    const parsed = parseCalendarDay(rawBuildDate);
    if (parsed.ok) buildDate = parsed.value;
    else
      problems.push(
        `BUILD_DATE=${quoted(env.BUILD_DATE ?? '')}: ${parsed.reason}; set it to a day written as YYYY-MM-DD, e.g. BUILD_DATE=2021-08-23, or leave it unset for today.`,
      );
  }

  let showScheduled = false;
  const rawShowScheduled = given(env.SHOW_SCHEDULED);
  if (rawShowScheduled !== undefined) {
    const flag = rawShowScheduled.toLowerCase();
    if (flag === '1' || flag === 'true') showScheduled = true;
    else if (flag !== '0' && flag !== 'false') {
      problems.push(
        `SHOW_SCHEDULED=${quoted(env.SHOW_SCHEDULED ?? '')} is neither on nor off; write SHOW_SCHEDULED=1 to publish scheduled quotes as drafts, or leave it unset.`,
      );
    }
  }

  return { siteUrl, basePath, contentDir: given(env.CONTENT_DIR) ?? 'content', buildDate, showScheduled, problems };
}

/** The report printed when the environment is bad: one line per variable, then where they are described. */
export function environmentReport(problems: readonly string[]): string {
  return [
    `QTD cannot build with ${problems.length === 1 ? 'this environment variable' : 'these environment variables'}:`,
    ...problems.map((problem) => `  - ${problem}`),
    'The variables are described in README.md ("Environment variables the build reads") and src/site.config.ts.',
  ].join('\n');
}

// In a browser (the search page's script) there is no environment: the defaults apply.
const environment = readSiteEnvironment(typeof process === 'undefined' ? {} : process.env);
if (environment.problems.length > 0 && typeof process !== 'undefined') {
  // Thrown, the error would reach the reader as Astro's "Unable to load your Astro config"
  // with a stack trace, or as Node's; the report alone says everything there is to fix.
  console.error(environmentReport(environment.problems));
  process.exit(1);
}

export const siteConfig = {
  /** Site name, shown in the header, titles, feeds and share cards. */
  title: 'QTD',
  /** The home page's headline and the share card of pages without their own. */
  tagline: 'The quote of the day and the article it comes from',
  /** One sentence for meta descriptions and feed channels. */
  description:
    'QTD keeps the quote of the day and the article it comes from: every quote attributed, verified against its source and linkable for good.',
  /** Public origin, without a trailing slash. */
  siteUrl: environment.siteUrl,
  /** Path the site is served under, always with leading and trailing slashes. */
  basePath: environment.basePath,
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
  /** Two quotes on one day are a mistake unless the archive allows several per day (one day at a time: `sharesDay: true` on a quote). */
  allowSeveralQuotesPerDay: false,
  /** Words of a quote used in its feed item title. */
  feedTitleWords: 10,
  /** Reading speed used for "N min read". */
  wordsPerMinute: 230,
  /** Content folder, relative to the project root. */
  contentDir: environment.contentDir,
  /** `YYYY-MM-DD` pinning today's date, or undefined for the real day. */
  buildDate: environment.buildDate,
  /** Publish scheduled (future) quotes as drafts. */
  showScheduled: environment.showScheduled,
  /**
   * Pages Astro renders at once. Writing a page is four awaited file operations
   * (folder and file, in dist/ and in the incremental cache): one page at a time
   * leaves the main thread idle much of the rendering stage; eight at once keep it
   * busy at no cost in memory (figures in docs/build.md, "What keeps builds short").
   */
  buildConcurrency: 8,
  /** Search results shown at once, and added by each "Show more results". */
  searchResultsPerPage: 10,
  /** The curator's address on the about page and in feeds, if any. */
  author: { name: 'Jenna Lee' },
} as const;

export type SiteConfig = typeof siteConfig;
