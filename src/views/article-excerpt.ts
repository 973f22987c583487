/**
 * The text of an article that an output built from it may publish: meta and share
 * descriptions, feed items, reading time. For an article published whole, all of it;
 * for one published as an excerpt (`display: excerpt`), only what its page shows, the
 * blocks that hold a pulled passage (src/views/article-body.ts). Every output takes an
 * article's text from here, so none publishes more of an excerpt than its page does.
 */
import type { Article, Quote } from './archive.ts';
import { renderArticleBody } from './article-body.ts';
import { visibleParagraphs, wordCount } from '../content/article-text.ts';

export type PublishableArticle = Pick<Article, 'html' | 'paragraphs' | 'words' | 'display'>;
export type PulledQuote = Pick<Quote, 'id' | 'text' | 'status'>;

export interface PublishedArticleText {
  /** The article's HTML without marks or links to the quote pages, as a feed carries it. */
  html: string;
  /** Its blocks of plain text, in order, white space collapsed. */
  paragraphs: readonly string[];
  /** How many words those blocks hold. */
  words: number;
}

// An article's head, its page and its feed item each ask, with the same list of quotes
// (the archive's quotesByArticle entry): an excerpt is cut once per article and list.
const excerpts = new WeakMap<PublishableArticle, { quotes: readonly PulledQuote[]; text: PublishedArticleText }>();

/**
 * What outputs may use of `article`, given the quotes pulled from it (those its page
 * marks: withdrawn ones are left out, as on the page). An excerpt keeps only the blocks
 * that hold a pulled passage, and nothing when no passage is pulled.
 */
export function publishedArticleText(article: PublishableArticle, quotes: readonly PulledQuote[]): PublishedArticleText {
  if (article.display !== 'excerpt') return { html: article.html, paragraphs: article.paragraphs, words: article.words };
  const known = excerpts.get(article);
  if (known && known.quotes === quotes) return known.text;
  const { html } = renderArticleBody(article, quotes, { forFeed: true });
  const paragraphs = visibleParagraphs(html);
  const text = { html, paragraphs, words: wordCount(paragraphs) };
  excerpts.set(article, { quotes, text });
  return text;
}
