/**
 * What each kind of page puts in its head: title, description, canonical path,
 * feeds, share image and structured data, from the page's view model
 * (src/views/view-models.ts) alone, so that a page's key covers its head too. Pages
 * call one function and pass the result to the layout.
 */
import type { ArticlePageView, PersonPageView, PersonRef, QuotePageView, TagPageView, WithdrawnQuoteView } from './view-models.ts';
import { siteConfig } from '../site.config.ts';
import { describe, type HeadFeed, type ShareImage } from './head.ts';
import { absoluteUrl, articleUrl, cardUrl, feedUrl, homeUrl, personUrl, quoteUrl, tagUrl } from '../domain/urls.ts';
import { articleJsonLd, personJsonLd, quotationJsonLd, type PersonLink } from './jsonld.ts';
import { inQuotes, quotedWords } from '../domain/quotation-marks.ts';
import { formatDayLong, isoInZone } from '../domain/dates.ts';
import { referenceManagerMeta, type MetaTag } from '../domain/citation.ts';
import { quoteParagraphs } from '../domain/quote-text.ts';

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
  /** `<meta name content>` tags for reference managers (a quote page's citation: src/domain/citation.ts). */
  meta?: MetaTag[];
}

export const CARD_SIZE = { width: 1200, height: 630 } as const;

/** A quote's share card; `speakerName` is left empty when the speaker is unknown. */
export function quoteCard(quote: { id: string; displayText: string }, speakerName: string | undefined): ShareImage {
  return { url: cardUrl('quotes', quote.id), ...CARD_SIZE, alt: `${quotedWords(quote.displayText, 30)} — ${speakerName ?? ''}` };
}

export function articleCard(article: { id: string; title: string; dek?: string | undefined }): ShareImage {
  return { url: cardUrl('articles', article.id), ...CARD_SIZE, alt: `${article.title}${article.dek ? `: ${article.dek}` : ''}` };
}

function personLink(person: PersonRef): PersonLink {
  return { name: person.name, url: absoluteUrl(personUrl(person.id)), ...(person.url ? { sameAs: person.url } : {}) };
}

function website() {
  return { name: siteConfig.title, url: absoluteUrl(homeUrl()) };
}

export function personFeed(person: { id: string; name: string }): HeadFeed {
  return { title: `${siteConfig.title}: ${person.name}`, url: feedUrl({ kind: 'person', id: person.id }) };
}

export function tagFeed(tag: { id: string; name: string }): HeadFeed {
  return { title: `${siteConfig.title}: ${tag.name}`, url: feedUrl({ kind: 'tag', id: tag.id }) };
}

export const articlesFeed: HeadFeed = { title: `${siteConfig.title}: articles`, url: feedUrl({ kind: 'articles' }) };

export function quotePageHead(view: QuotePageView | WithdrawnQuoteView): PageHead {
  const path = quoteUrl(view.id);
  if (view.kind === 'withdrawn') {
    const speakerName = view.speakerName ?? view.speakerId;
    return {
      title: `Withdrawn quote of ${speakerName}`,
      description: `This quote of ${speakerName}, once the quote of the day for ${formatDayLong(view.date)}, was withdrawn.`,
      path,
      robots: 'noindex',
    };
  }
  const { speaker, article } = view;
  const speakerName = speaker?.name ?? view.speakerId;
  const displayText = view.figure.displayText;
  const image = quoteCard({ id: view.id, displayText }, speaker?.name);
  return {
    title: `${speakerName}: ${quotedWords(displayText, 12)}`,
    description: describe(
      `${inQuotes(displayText)} — ${speakerName}${article ? `, quoted in ${inQuotes(article.title)}` : ''}. Quote of the day for ${formatDayLong(view.date)}.`,
    ),
    path,
    image,
    ogType: 'article',
    feeds: speaker ? [personFeed(speaker)] : [],
    ...(view.status === 'scheduled' ? { robots: 'noindex' } : {}),
    // What Zotero's connector saves from the page: the article the words are quoted in.
    meta: referenceManagerMeta(view.citation),
    jsonLd: quotationJsonLd({
      // The words as stored, a paragraph break kept as a blank line and a wrapped line joined (src/domain/quote-text.ts).
      text: quoteParagraphs(view.text).join('\n\n'),
      url: absoluteUrl(path),
      date: view.date,
      inLanguage: view.lang ?? siteConfig.lang,
      speaker: speaker ? personLink(speaker) : { name: speakerName, url: absoluteUrl(personUrl(view.speakerId)) },
      ...(article
        ? {
            source: {
              url: absoluteUrl(articleUrl(article.id)),
              title: article.title,
              ...(article.section ? { section: article.section } : {}),
              published: isoInZone(article.publishedMs, article.timeZone),
              authors: article.authors.map(personLink),
              ...(article.publication ? { publication: article.publication } : {}),
              ...(article.sourceUrl ? { sourceUrl: article.sourceUrl } : {}),
              ...(article.archivedUrl ? { archivedUrl: article.archivedUrl } : {}),
            },
          }
        : {}),
      image: absoluteUrl(image.url),
    }),
  };
}

export function articlePageHead(view: ArticlePageView): PageHead {
  const { article, authors, firstParagraph } = view;
  const path = articleUrl(article.id);
  const image = articleCard(article);
  return {
    title: article.title,
    // Shown by search engines and share previews: of an excerpt, only what the page shows.
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
      ...(article.archivedUrl ? { archivedUrl: article.archivedUrl } : {}),
      inLanguage: siteConfig.lang,
      image: absoluteUrl(image.url),
      website: website(),
    }),
  };
}

export function personPageHead(view: PersonPageView): PageHead {
  const { person } = view;
  const quoteCount = view.quotes.length;
  const articleCount = view.articles.length;
  const counts = [
    quoteCount > 0 ? `${quoteCount} ${quoteCount === 1 ? 'quote' : 'quotes'}` : '',
    articleCount > 0 ? `${articleCount} ${articleCount === 1 ? 'article' : 'articles'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    title: person.name,
    description: describe(
      `${person.name}${person.description ? `, ${person.description}` : ''}${counts ? `: ${counts} in the ${siteConfig.title} archive.` : '.'}`,
    ),
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

export function tagPageHead(view: TagPageView): PageHead {
  const { tag } = view;
  return {
    title: `Tag: ${tag.name}`,
    description: describe(tag.description ?? `Quotes and articles tagged ${tag.name}.`),
    path: tagUrl(tag.id),
    feeds: [tagFeed(tag)],
  };
}
