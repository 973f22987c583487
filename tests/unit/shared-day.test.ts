/**
 * A day shared by several quotes (`sharesDay: true`): every published quote of today's
 * day is "today's" (src/domain/archive-order.ts), and the home page shows each of them
 * in full, leaving them out of its lists of earlier quotes (src/views/view-models.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Archive, Person, Quote } from '../../src/views/archive.ts';
import { homePageView } from '../../src/views/view-models.ts';
import { indexBy, quoteStatus, sortQuotesNewestFirst, todaysQuotes, type DatedQuote } from '../../src/domain/archive-order.ts';

const dated = (id: string, date: string, withdrawn?: unknown): DatedQuote => ({ id, date, ...(withdrawn ? { withdrawn } : {}) });

describe('todaysQuotes', () => {
  const newestFirst = sortQuotesNewestFirst([
    dated('tomorrow', '2021-08-24'),
    dated('second', '2021-08-23'),
    dated('first', '2021-08-23'),
    dated('withdrawn', '2021-08-23', { date: '2021-08-23', reason: 'Retracted.' }),
    dated('yesterday', '2021-08-22'),
  ]);

  it('gives every published quote of today, in id order', () => {
    expect(todaysQuotes(newestFirst, '2021-08-23').map((quote) => quote.id)).toEqual(['first', 'second']);
  });

  it('gives the latest day before today when today has none', () => {
    expect(
      todaysQuotes(
        newestFirst.filter((quote) => quote.date !== '2021-08-24'),
        '2021-08-30',
      ).map((quote) => quote.id),
    ).toEqual(['first', 'second']);
  });

  it('gives one quote on a day that is not shared, none before the first', () => {
    expect(todaysQuotes(newestFirst, '2021-08-22').map((quote) => quote.id)).toEqual(['yesterday']);
    expect(todaysQuotes(newestFirst, '2021-08-01')).toEqual([]);
  });
});

const PERSON: Person = { id: 'ada', name: 'Ada Writer', bioHtml: '' };

function quote(id: string, date: string, today: string): Quote {
  const fields = {
    id,
    text: `Words of ${id}.`,
    displayText: `Words of ${id}.`,
    speakerId: 'ada',
    date,
    tags: [],
    corrections: [],
    commentaryHtml: '',
  };
  return { ...fields, status: quoteStatus(fields, today) };
}

function archiveOf(today: string, quotes: Quote[]): Archive {
  const all = sortQuotesNewestFirst(quotes);
  const published = all.filter((item) => item.status === 'published');
  return {
    today,
    people: [PERSON],
    articles: [],
    allQuotes: all,
    quotes: published,
    quotesWithPages: published,
    years: [...new Set(published.map((item) => Number(item.date.slice(0, 4))))],
    tags: [],
    personById: new Map([[PERSON.id, PERSON]]),
    articleById: new Map(),
    quoteById: new Map(all.map((item) => [item.id, item])),
    quoteIndex: new Map(published.map((item, index) => [item.id, index])),
    tagById: new Map(),
    quotesBySpeaker: indexBy(published, (item) => [item.speakerId]),
    quotesByArticle: new Map(),
    quotesByTag: new Map(),
    quotesByCurator: new Map(),
    articlesByAuthor: new Map(),
    articlesByTag: new Map(),
  };
}

describe('the home page on a shared day', () => {
  const today = '2021-08-23';
  const archive = archiveOf(today, [
    quote('first', today, today),
    quote('second', today, today),
    quote('earlier', '2021-08-22', today),
    quote('next', '2021-08-24', today),
  ]);

  it('shows both quotes of the day in full, and neither again among the earlier quotes', () => {
    const view = homePageView(archive);
    expect(view.today).toMatchObject({ id: 'first', isToday: true, speaker: { name: 'Ada Writer' } });
    expect(view.alsoToday.map((item) => [item.id, item.isToday, item.figure.displayText])).toEqual([['second', true, 'Words of second.']]);
    expect(view.latest.map((item) => item.id)).toEqual(['earlier']);
  });

  it('shows one quote, and nothing beside it, on a day that is not shared', () => {
    const view = homePageView(archiveOf('2021-08-22', [quote('earlier', '2021-08-22', '2021-08-22'), quote('first', today, '2021-08-22')]));
    expect(view.today?.id).toBe('earlier');
    expect(view.alsoToday).toEqual([]);
  });
});
