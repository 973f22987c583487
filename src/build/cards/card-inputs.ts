/**
 * Which share cards the site publishes, and what each shows, from the checked
 * content: one per published quote (not scheduled unless shown, never withdrawn)
 * and one per article.
 */
import type { ValidatedContent } from '../../content/validate.ts';
import type { CardInput } from './card-layout.ts';
import { quoteStatus } from '../../domain/archive-order.ts';
import { smartPunctuation } from '../../markdown/typography.ts';
import { quoteOnOneLine } from '../../domain/quote-text.ts';
import { inQuotes } from '../../domain/quotation-marks.ts';
import { formatDayShort } from '../../domain/dates.ts';

export interface CardSelection {
  today: string;
  showScheduled: boolean;
  siteName: string;
  /** The site card's headline. */
  tagline: string;
}

export function cardInputs(content: ValidatedContent, selection: CardSelection): CardInput[] {
  const names = new Map(content.people.map((person) => [person.id, person.data.name]));
  const articles = new Map(content.articles.map((article) => [article.id, article.data]));
  const cards: CardInput[] = [];
  for (const quote of content.quotes) {
    const status = quoteStatus({ id: quote.id, date: quote.data.date, withdrawn: quote.data.withdrawn }, selection.today);
    if (status === 'withdrawn' || (status === 'scheduled' && !selection.showScheduled)) continue;
    const source = quote.data.source ? articles.get(quote.data.source.id) : undefined;
    // The source named as pages name it, the title in quotation marks; the card sets the whole
    // source line in italic, so the marks are what tell the title from the publication.
    const detail = source ? [inQuotes(smartPunctuation(source.title)), source.publication].filter(Boolean).join(' · ') : quote.data.context;
    cards.push({
      kind: 'quote',
      id: quote.id,
      text: quoteOnOneLine(smartPunctuation(quote.data.text)),
      attribution: names.get(quote.data.speaker.id) ?? quote.data.speaker.id,
      ...(detail ? { detail } : {}),
      ...(quote.data.lang ? { lang: quote.data.lang } : {}),
      siteName: selection.siteName,
      date: formatDayShort(quote.data.date),
    });
  }
  for (const article of content.articles) {
    const detail = article.data.dek ? smartPunctuation(article.data.dek) : article.data.publication;
    cards.push({
      kind: 'article',
      id: article.id,
      text: smartPunctuation(article.data.title),
      attribution: article.data.authors.map((author) => names.get(author.id) ?? author.id).join(' and '),
      ...(detail ? { detail } : {}),
      siteName: selection.siteName,
    });
  }
  cards.push({
    kind: 'site',
    id: 'site',
    text: selection.tagline,
    attribution: selection.siteName,
    detail: 'Every quote attributed, verified against its source, and linkable for good',
    siteName: selection.siteName,
  });
  return cards.sort((a, b) => a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
