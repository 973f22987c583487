/**
 * What each kind of page puts in its head: title, description, canonical path,
 * feeds, share image and structured data. Pages call one function and pass the
 * result to the layout.
 */
import type { Archive, Article, Person, Quote } from '../data/archive.ts';
import { siteConfig } from '../site.config.ts';
import { describe, type HeadFeed, type ShareImage } from './head.ts';
import { absoluteUrl, articleUrl, cardUrl, feedUrl, homeUrl, personUrl, quoteUrl, tagUrl } from './urls.ts';
import { articleJsonLd, personJsonLd, quotationJsonLd, type PersonLink } from './jsonld.ts';
import { firstWords, resolveIds } from './archive.ts';
import { formatDayLong, isoInZone } from './dates.ts';
import { publishedArticleText } from './article-excerpt.ts';
import { articlePageRelations } from '../data/relations.ts';

export interface PageHead {
  /** The page's own title; the site name is added unless this is the home page. */
  title: string;
  description: string;
  /** Root-relative path of the page, for the canonical URL. */
  path: string;
  /** Feeds the page links to in its head, after the main feed. */
  feeds?: HeadFeed[];
  /** Share card; pages without one get the site's card. */
  image?: ShareImage | undefined;
  ogType?: 'website' | 'article' | 'profile';
  jsonLd?: object | undefined;
  robots?: string;
}

export const CARD_SIZE = { width: 1200, height: 630 } as const;

export function quoteCard(quote: Quote, speaker: Person | undefined): ShareImage {
  return { url: cardUrl('quotes', quote.id), ...CARD_SIZE, alt: `“${firstWords(quote.displayText, 30)}” — ${speaker?.name ?? ''}` };
}

export function articleCard(article: Article): ShareImage {
  return { url: cardUrl('articles', article.id), ...CARD_SIZE, alt: `${article.title}${article.dek ? `: ${article.dek}` : ''}` };
}

function personLink(person: Person): PersonLink {
  return { name: person.name, url: absoluteUrl(personUrl(person.id)), ...(person.url ? { sameAs: person.url } : {}) };
}

function website() {
  return { name: siteConfig.title, url: absoluteUrl(homeUrl()) };
}

export function personFeed(person: Person): HeadFeed {
  return { title: `${siteConfig.title}: ${person.name}`, url: feedUrl({ kind: 'person', id: person.id }) };
}

export function tagFeed(tag: { id: string; name: string }): HeadFeed {
  return { title: `${siteConfig.title}: ${tag.name}`, url: feedUrl({ kind: 'tag', id: tag.id }) };
}

export const articlesFeed: HeadFeed = { title: `${siteConfig.title}: articles`, url: feedUrl({ kind: 'articles' }) };

export function quotePageHead(quote: Quote, archive: Archive): PageHead {
  const speaker = archive.personById.get(quote.speakerId);
  const article = quote.sourceId ? archive.articleById.get(quote.sourceId) : undefined;
  const speakerName = speaker?.name ?? quote.speakerId;
  const path = quoteUrl(quote.id);
  if (quote.status === 'withdrawn') {
    return {
      title: `Withdrawn quote of ${speakerName}`,
      description: `This quote of ${speakerName}, once the quote of the day for ${formatDayLong(quote.date)}, was withdrawn.`,
      path,
      robots: 'noindex',
    };
  }
  const authors = article ? resolveIds(article.authorIds, archive.personById) : [];
  const image = quoteCard(quote, speaker);
  return {
    title: `${speakerName}: “${firstWords(quote.displayText, 12)}”`,
    description: describe(`“${quote.displayText}” — ${speakerName}${article ? `, quoted in “${article.title}”` : ''}. Quote of the day for ${formatDayLong(quote.date)}.`),
    path,
    image,
    ogType: 'article',
    feeds: speaker ? [personFeed(speaker)] : [],
    ...(quote.status === 'scheduled' ? { robots: 'noindex' } : {}),
    jsonLd: quotationJsonLd({
      text: quote.text,
      url: absoluteUrl(path),
      date: quote.date,
      inLanguage: quote.lang ?? siteConfig.lang,
      speaker: speaker ? personLink(speaker) : { name: speakerName, url: absoluteUrl(personUrl(quote.speakerId)) },
      ...(article
        ? {
            source: {
              url: absoluteUrl(articleUrl(article.id)),
              title: article.title,
              ...(article.section ? { section: article.section } : {}),
              published: isoInZone(article.publishedMs, article.timeZone),
              authors: authors.map(personLink),
            },
          }
        : {}),
      image: absoluteUrl(image.url),
    }),
  };
}

export function articlePageHead(article: Article, archive: Archive): PageHead {
  const { authors, pulled } = articlePageRelations(article, archive);
  const path = articleUrl(article.id);
  const image = articleCard(article);
  // The description is shown by search engines and share previews: of an excerpt, only what the page shows.
  const firstParagraph = publishedArticleText(article, pulled).paragraphs[0];
  return {
    title: article.title,
    description: describe(article.dek ?? firstParagraph ?? article.title),
    path,
    image,
    ogType: 'article',
    feeds: [articlesFeed, ...authors.map(personFeed)],
    jsonLd: articleJsonLd({
      url: absoluteUrl(path),
      title: article.title,
      ...(article.dek ? { dek: article.dek } : {}),
      ...(article.section ? { section: article.section } : {}),
      authors: authors.map(personLink),
      ...(article.publication ? { publication: article.publication } : {}),
      published: isoInZone(article.publishedMs, article.timeZone),
      ...(article.updatedMs ? { updated: isoInZone(article.updatedMs, article.timeZone) } : {}),
      ...(article.sourceUrl ? { sourceUrl: article.sourceUrl } : {}),
      inLanguage: siteConfig.lang,
      image: absoluteUrl(image.url),
      website: website(),
    }),
  };
}

export function personPageHead(person: Person, archive: Archive): PageHead {
  const quoteCount = archive.quotesBySpeaker.get(person.id)?.length ?? 0;
  const articleCount = archive.articlesByAuthor.get(person.id)?.length ?? 0;
  const counts = [
    quoteCount > 0 ? `${quoteCount} ${quoteCount === 1 ? 'quote' : 'quotes'}` : '',
    articleCount > 0 ? `${articleCount} ${articleCount === 1 ? 'article' : 'articles'}` : '',
  ].filter(Boolean).join(' and ');
  return {
    title: person.name,
    description: describe(`${person.name}${person.description ? `, ${person.description}` : ''}${counts ? `: ${counts} in the ${siteConfig.title} archive.` : '.'}`),
    path: personUrl(person.id),
    ogType: 'profile',
    feeds: [personFeed(person)],
    jsonLd: personJsonLd({
      name: person.name,
      url: absoluteUrl(personUrl(person.id)),
      ...(person.description ? { description: person.description } : {}),
      ...(person.url ? { sameAs: person.url } : {}),
    }),
  };
}

export function tagPageHead(tag: { id: string; name: string; description?: string | undefined }): PageHead {
  return {
    title: `Tag: ${tag.name}`,
    description: describe(tag.description ?? `Quotes and articles tagged ${tag.name}.`),
    path: tagUrl(tag.id),
    feeds: [tagFeed(tag)],
  };
}

