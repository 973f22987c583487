/**
 * /quotes.json: every published quote with its full attribution, as open data.
 * The document depends on the content only (no build time, a fixed order), so two
 * builds of the same archive write the same bytes and a diff shows real changes.
 */
import type { Archive, Article, Quote } from './archive.ts';
import { isoInZone } from '../domain/dates.ts';
import { absoluteUrl, articleUrl, cardUrl, homeUrl, personUrl, quoteUrl, tagUrl, type UrlSettings } from '../domain/urls.ts';

/** Bumped only when a field changes meaning or disappears; new fields keep the version. */
export const OPEN_DATA_VERSION = 1;

export interface OpenDataPerson {
  id: string;
  name: string;
  /** Absolute URL of the person's page. */
  url: string;
}

export interface OpenDataSpeaker extends OpenDataPerson {
  description?: string;
}

export interface OpenDataSource {
  id: string;
  title: string;
  authors: OpenDataPerson[];
  publication?: string;
  section?: string;
  /** ISO 8601 with the offset the article was published with: '2021-08-23T12:56:00-04:00'. */
  published: string;
  /** Absolute URL of the article's page in the archive. */
  url: string;
  /** The article where it was first published, when known. */
  originalUrl?: string;
}

export interface OpenDataTag {
  id: string;
  name: string;
  url: string;
}

export interface OpenDataQuote {
  id: string;
  text: string;
  /** The day it was the quote of the day, 'YYYY-MM-DD'. */
  date: string;
  url: string;
  /** Absolute URL of the 1200×630 PNG share card. */
  card: string;
  lang: string;
  /** The words were found in the source article's text. */
  verified: boolean;
  speaker: OpenDataSpeaker;
  source?: OpenDataSource;
  curator?: OpenDataPerson;
  context?: string;
  tags: OpenDataTag[];
}

export interface OpenDataDocument {
  version: typeof OPEN_DATA_VERSION;
  generatedFrom: string;
  homePageUrl: string;
  quotes: OpenDataQuote[];
}

export interface OpenDataSettings {
  siteTitle: string;
  /** Language of quotes that name none. */
  defaultLang: string;
  urls?: UrlSettings;
}

export type OpenDataArchive = Pick<Archive, 'allQuotes' | 'personById' | 'articleById' | 'tagById'>;

/** Newest day first; quotes of the same day by id, so the order never depends on file order. */
export function compareQuotesForOpenData(a: Pick<Quote, 'date' | 'id'>, b: Pick<Quote, 'date' | 'id'>): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function personRef(id: string, archive: OpenDataArchive, urls: UrlSettings | undefined): OpenDataPerson {
  return { id, name: archive.personById.get(id)?.name ?? id, url: absoluteUrl(personUrl(id, urls), urls) };
}

function speakerRef(id: string, archive: OpenDataArchive, urls: UrlSettings | undefined): OpenDataSpeaker {
  const description = archive.personById.get(id)?.description;
  return { ...personRef(id, archive, urls), ...(description ? { description } : {}) };
}

function sourceRef(article: Article, archive: OpenDataArchive, urls: UrlSettings | undefined): OpenDataSource {
  return {
    id: article.id,
    title: article.title,
    authors: article.authorIds.map((id) => personRef(id, archive, urls)),
    ...(article.publication ? { publication: article.publication } : {}),
    ...(article.section ? { section: article.section } : {}),
    published: isoInZone(article.publishedMs, article.timeZone),
    url: absoluteUrl(articleUrl(article.id, urls), urls),
    ...(article.sourceUrl ? { originalUrl: article.sourceUrl } : {}),
  };
}

export function openDataQuote(quote: Quote, archive: OpenDataArchive, settings: OpenDataSettings): OpenDataQuote {
  const urls = settings.urls;
  const article = quote.sourceId ? archive.articleById.get(quote.sourceId) : undefined;
  return {
    id: quote.id,
    text: quote.text,
    date: quote.date,
    url: absoluteUrl(quoteUrl(quote.id, urls), urls),
    card: absoluteUrl(cardUrl('quotes', quote.id, urls), urls),
    lang: quote.lang ?? settings.defaultLang,
    verified: article !== undefined && quote.match !== undefined,
    speaker: speakerRef(quote.speakerId, archive, urls),
    ...(article ? { source: sourceRef(article, archive, urls) } : {}),
    ...(quote.curatorId ? { curator: personRef(quote.curatorId, archive, urls) } : {}),
    ...(quote.context ? { context: quote.context } : {}),
    tags: quote.tags.map((id) => ({
      id,
      name: archive.tagById.get(id)?.name ?? id,
      url: absoluteUrl(tagUrl(id, urls), urls),
    })),
  };
}

/** Published quotes only: scheduled ones are not public yet, withdrawn ones no longer are. */
export function openDataDocument(archive: OpenDataArchive, settings: OpenDataSettings): OpenDataDocument {
  return {
    version: OPEN_DATA_VERSION,
    generatedFrom: settings.siteTitle,
    homePageUrl: absoluteUrl(homeUrl(settings.urls), settings.urls),
    quotes: archive.allQuotes
      .filter((quote) => quote.status === 'published')
      .sort(compareQuotesForOpenData)
      .map((quote) => openDataQuote(quote, archive, settings)),
  };
}
