/**
 * schema.org JSON-LD for the quote, article and person pages, and its safe
 * serialization into a `<script type="application/ld+json">` element.
 *
 * Builders take plain strings: URLs absolute (the caller builds them with the URL
 * helpers) and dates as written in the content, offsets included, never reformatted.
 * Optional fields are left out rather than set to undefined or empty.
 */
import { wellFormedJson } from '../domain/well-formed.ts';

const CONTEXT = 'https://schema.org';

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/;
const UNSAFE_IN_SCRIPT_ALL = /[<>&\u2028\u2029]/g;

/**
 * JSON that cannot end the script element it sits in. A string containing
 * "</script>" would otherwise close the element and let what follows run as HTML;
 * "<!--" would switch the parser into its script-comment states. Escaping <, > and &
 * as \u003c, \u003e, \u0026 keeps the same JSON value. U+2028 and U+2029 are valid
 * in JSON strings but were line terminators in JavaScript before ES2019, so they are
 * escaped too, for any consumer that evaluates the text as a script. Lone surrogates
 * become U+FFFD, as in every JSON the site writes (src/domain/well-formed.ts).
 */
export function serializeJsonLd(data: unknown): string {
  const json = wellFormedJson(data);
  // Most pages have none of these characters: a test is far cheaper than a replace with a callback.
  if (!UNSAFE_IN_SCRIPT.test(json)) return json;
  return json.replace(UNSAFE_IN_SCRIPT_ALL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A person as our site shows them. */
export interface PersonLink {
  name: string;
  /** Our page about them. */
  url: string;
  /** Their authoritative page elsewhere (Wikipedia, an official site), when known. */
  sameAs?: string;
}

export interface PersonJsonLdInput extends PersonLink {
  /** One line: who they are ("Afghan resistance leader"). */
  description?: string;
}

/** The site the pages belong to. */
export interface WebSiteLink {
  name: string;
  /** The site's home page. */
  url: string;
}

export interface ArticleJsonLdInput {
  /** Our article page. */
  url: string;
  title: string;
  /** The subtitle, used as the description. */
  dek?: string;
  /** "Opinion · Commentary": an opinion section makes the article an OpinionNewsArticle. */
  section?: string;
  authors: PersonLink[];
  /** The newspaper or magazine that published it: "The Wall Street Journal". */
  publication?: string;
  /** Datetime with offset, as written: '2021-08-23T12:56:00-04:00'. */
  published: string;
  /** Datetime with offset, as written, when the article was updated. */
  updated?: string;
  /** The original article, when known. */
  sourceUrl?: string;
  /** An archived copy of the original (a Wayback Machine snapshot), when known. */
  archivedUrl?: string;
  /** BCP 47 language of the article. */
  inLanguage?: string;
  /** Absolute URL of the share card. */
  image?: string;
  website: WebSiteLink;
}

export interface QuotationJsonLdInput {
  /** The quote's words. */
  text: string;
  /** Our quote page. */
  url: string;
  /** 'YYYY-MM-DD': the day it was the quote of the day. */
  date: string;
  /** BCP 47 language of the quote. */
  inLanguage: string;
  speaker: PersonLink;
  /** The article the quote was pulled from, when there is one. */
  source?: {
    /** Our article page. */
    url: string;
    title: string;
    section?: string;
    /** Datetime with offset, as written. */
    published?: string;
    authors?: PersonLink[];
    /** The newspaper or magazine that published it. */
    publication?: string;
    /** The original article, when known. */
    sourceUrl?: string;
    /** An archived copy of the original, when known. */
    archivedUrl?: string;
  };
  /** Absolute URL of the share card. */
  image?: string;
}

type JsonLdNode = Record<string, unknown>;

/** schema.org has a type for opinion pieces; the section name is where the newspaper says so. */
function newsArticleType(section: string | undefined): 'OpinionNewsArticle' | 'NewsArticle' {
  return section !== undefined && /\bopinion\b/i.test(section) ? 'OpinionNewsArticle' : 'NewsArticle';
}

function personNode(person: PersonLink): JsonLdNode {
  return {
    '@type': 'Person',
    name: person.name,
    url: person.url,
    ...(person.sameAs ? { sameAs: person.sameAs } : {}),
  };
}

/**
 * Where our copy of an article comes from: the original is the same article (sameAs) and
 * what our copy is made from (isBasedOn); an archived copy of it is where it is kept
 * (archivedAt, which schema.org gives every CreativeWork).
 */
function originalOf(article: { sourceUrl?: string | undefined; archivedUrl?: string | undefined }): JsonLdNode {
  return {
    ...(article.sourceUrl ? { sameAs: article.sourceUrl, isBasedOn: article.sourceUrl } : {}),
    ...(article.archivedUrl ? { archivedAt: article.archivedUrl } : {}),
  };
}

function publisherNode(publication: string | undefined): JsonLdNode {
  return publication ? { publisher: { '@type': 'Organization', name: publication } } : {};
}

function webSiteNode(site: WebSiteLink): JsonLdNode {
  return { '@type': 'WebSite', name: site.name, url: site.url };
}

export function personJsonLd(input: PersonJsonLdInput): object {
  return {
    '@context': CONTEXT,
    ...personNode(input),
    ...(input.description ? { description: input.description } : {}),
  };
}

export function articleJsonLd(input: ArticleJsonLdInput): object {
  return {
    '@context': CONTEXT,
    '@type': newsArticleType(input.section),
    headline: input.title,
    ...(input.dek ? { description: input.dek } : {}),
    ...(input.section ? { articleSection: input.section } : {}),
    author: input.authors.map(personNode),
    ...publisherNode(input.publication),
    datePublished: input.published,
    ...(input.updated ? { dateModified: input.updated } : {}),
    url: input.url,
    ...originalOf(input),
    ...(input.inLanguage ? { inLanguage: input.inLanguage } : {}),
    ...(input.image ? { image: input.image } : {}),
    isPartOf: webSiteNode(input.website),
  };
}

export function quotationJsonLd(input: QuotationJsonLdInput): object {
  const speaker = personNode(input.speaker);
  const { source } = input;
  return {
    '@context': CONTEXT,
    '@type': 'Quotation',
    text: input.text,
    creator: speaker,
    spokenByCharacter: speaker,
    ...(source
      ? {
          isPartOf: {
            '@type': newsArticleType(source.section),
            headline: source.title,
            url: source.url,
            ...(source.published ? { datePublished: source.published } : {}),
            ...(source.authors && source.authors.length > 0 ? { author: source.authors.map(personNode) } : {}),
            ...publisherNode(source.publication),
            ...originalOf(source),
          },
        }
      : {}),
    datePublished: input.date,
    url: input.url,
    inLanguage: input.inLanguage,
    ...(input.image ? { image: input.image } : {}),
  };
}
