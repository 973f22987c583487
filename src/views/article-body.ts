/**
 * The article's HTML as a page or feed shows it: the pulled passages marked (on
 * pages), and for an article published as an excerpt, only the blocks that hold
 * them.
 *
 * Marking runs here, on the rendered HTML, at every build rather than inside the
 * Markdown pipeline: Astro caches an article's rendered HTML by the digest of the
 * article file, so marks made there would miss a quote added later.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import type { Article, Quote } from './archive.ts';
import { rehypeMarkQuotes } from '../markdown/rehype-mark-quotes.ts';
import { quoteUrl } from '../domain/urls.ts';

export interface ArticleBodyOptions {
  /** Feed readers get the text plain: no marks, no links to the quote pages. */
  forFeed?: boolean;
}

export interface ArticleBody {
  html: string;
  /** Ids of the quotes found in the text (marked, unless for a feed). */
  markedQuoteIds: string[];
}

export function renderArticleBody(
  article: Pick<Article, 'html' | 'display'>,
  quotes: readonly Pick<Quote, 'id' | 'text' | 'status'>[],
  options: ArticleBodyOptions = {},
): ArticleBody {
  const forFeed = options.forFeed ?? false;
  const excerpt = article.display === 'excerpt';
  // A withdrawn quote keeps a page as a notice, but no longer stands out in its article.
  const pulled = quotes.filter((quote) => quote.status !== 'withdrawn');
  if (!excerpt && (forFeed || pulled.length === 0)) return { html: article.html, markedQuoteIds: [] };
  const file = unified()
    .use(rehypeParse, { fragment: true })
    .use(rehypeMarkQuotes, {
      quotes: pulled.map((quote) => ({ id: quote.id, text: quote.text, href: quoteUrl(quote.id) })),
      marks: !forFeed,
      onlyPulledBlocks: excerpt,
    })
    .use(rehypeStringify)
    .processSync(article.html);
  return { html: String(file), markedQuoteIds: file.data.markedQuoteIds ?? [] };
}

export function articleBodyHtml(
  article: Pick<Article, 'html' | 'display'>,
  quotes: readonly Pick<Quote, 'id' | 'text' | 'status'>[],
  options: ArticleBodyOptions = {},
): string {
  return renderArticleBody(article, quotes, options).html;
}
