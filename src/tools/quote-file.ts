/** The pure part of `npm run new-quote`: the quote's id, its day and its file. */
import { stringify } from 'yaml';

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The first day on or after `from` that has no quote of the day yet. */
export function nextFreeDay(taken: ReadonlySet<string>, from: string): string {
  let day = from;
  while (taken.has(day)) day = nextDay(day);
  return day;
}

/** An id from the quote's first words: "What makes a people strong…" → "what-makes-a-people-strong". */
export function quoteIdFromText(text: string, taken: ReadonlySet<string>, words = 5): string {
  const base =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’‘]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean)
      .slice(0, words)
      .join('-') || 'quote';
  // All-digit ids would collide with the year archive /quotes/<yyyy>/.
  const safe = /^\d+$/.test(base) ? `quote-${base}` : base;
  let id = safe;
  for (let n = 2; taken.has(id); n++) id = `${safe}-${n}`;
  return id;
}

export interface NewQuote {
  text: string;
  speaker: string;
  source?: string | undefined;
  date: string;
  curator?: string | undefined;
  commentary?: string | undefined;
}

/** The quote's file: the text double-quoted (it may hold `:` or `#`), ids and the day plain, as curators write them. */
export function quoteFileText(quote: NewQuote): string {
  const lines = [
    `text: ${stringify(quote.text, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trim()}`,
    `speaker: ${quote.speaker}`,
    ...(quote.source ? [`source: ${quote.source}`] : []),
    `date: ${quote.date}`,
    ...(quote.curator ? [`curator: ${quote.curator}`] : []),
  ];
  return `---\n${lines.join('\n')}\n---\n\n${quote.commentary ? `${quote.commentary.trim()}\n` : ''}`;
}
