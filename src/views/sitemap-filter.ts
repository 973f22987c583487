/**
 * The sitemap lists published pages only: not a withdrawn quote's notice page, not a
 * scheduled quote shown as a draft.
 */
import type { ValidatedContent } from '../content/validate.ts';
import { quoteStatus } from '../domain/archive-order.ts';
import { absoluteUrl, quoteUrl, type UrlSettings } from '../domain/urls.ts';

export function unpublishedQuoteUrls(content: ValidatedContent, today: string, settings?: UrlSettings): Set<string> {
  const urls = new Set<string>();
  for (const quote of content.quotes) {
    const status = quoteStatus({ id: quote.id, date: quote.data.date, withdrawn: quote.data.withdrawn }, today);
    if (status !== 'published') urls.add(absoluteUrl(quoteUrl(quote.id, settings), settings));
  }
  return urls;
}
