import { describe, it, expect } from 'vitest';
import {
  firstWords,
  groupByMonth,
  indexBy,
  neighbours,
  onThisDay,
  paginate,
  personSortKey,
  quoteStatus,
  readingMinutes,
  sortArticlesNewestFirst,
  sortPeople,
  sortQuotesNewestFirst,
  todaysQuote,
  type DatedQuote,
} from '../../src/domain/archive-order.ts';

const quote = (id: string, date: string, withdrawn?: unknown): DatedQuote =>
  withdrawn === undefined ? { id, date } : { id, date, withdrawn };
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('sortQuotesNewestFirst', () => {
  it('puts the newest day first and breaks ties on the id', () => {
    const quotes = [
      quote('b', '2021-08-23'),
      quote('old', '2020-01-01'),
      quote('a', '2021-08-23'),
      quote('new', '2021-09-01'),
      quote('c', '2021-08-23'),
    ];
    expect(ids(sortQuotesNewestFirst(quotes))).toEqual(['new', 'a', 'b', 'c', 'old']);
  });

  it('gives the same order whatever the input order, and leaves the input alone', () => {
    const quotes = [quote('b', '2021-08-23'), quote('a', '2021-08-23'), quote('z', '2021-08-22')];
    const reversed = [...quotes].reverse();
    expect(ids(sortQuotesNewestFirst(quotes))).toEqual(ids(sortQuotesNewestFirst(reversed)));
    expect(ids(quotes)).toEqual(['b', 'a', 'z']);
  });
});

describe('sortArticlesNewestFirst', () => {
  it('orders by instant, ties on the id', () => {
    const articles = [
      { id: 'b', publishedMs: 2000 },
      { id: 'a', publishedMs: 2000 },
      { id: 'older', publishedMs: 1000 },
      { id: 'newer', publishedMs: 3000 },
    ];
    expect(ids(sortArticlesNewestFirst(articles))).toEqual(['newer', 'a', 'b', 'older']);
  });
});

describe('quoteStatus', () => {
  const today = '2021-08-23';

  it('publishes a quote dated today or before', () => {
    expect(quoteStatus(quote('q', '2021-08-23'), today)).toBe('published');
    expect(quoteStatus(quote('q', '2021-08-22'), today)).toBe('published');
  });

  it('schedules a quote dated after today', () => {
    expect(quoteStatus(quote('q', '2021-08-24'), today)).toBe('scheduled');
  });

  it('withdraws a withdrawn quote, whatever its date', () => {
    const withdrawn = { date: '2021-09-01', reason: 'The source retracted the interview.' };
    expect(quoteStatus(quote('q', '2021-08-20', withdrawn), today)).toBe('withdrawn');
    expect(quoteStatus(quote('q', '2021-08-30', withdrawn), today)).toBe('withdrawn');
  });
});

describe('todaysQuote', () => {
  const newestFirst = sortQuotesNewestFirst([
    quote('tomorrow', '2021-08-24'),
    quote('withdrawn-today', '2021-08-23', { date: '2021-08-23', reason: 'Wrong speaker.' }),
    quote('yesterday', '2021-08-22'),
    quote('last-week', '2021-08-16'),
  ]);

  it('skips scheduled and withdrawn quotes', () => {
    expect(todaysQuote(newestFirst, '2021-08-23')?.id).toBe('yesterday');
  });

  it('is today’s quote on its day', () => {
    expect(todaysQuote(newestFirst, '2021-08-24')?.id).toBe('tomorrow');
  });

  it('is undefined before the first quote', () => {
    expect(todaysQuote(newestFirst, '2021-08-01')).toBeUndefined();
    expect(todaysQuote([], '2021-08-01')).toBeUndefined();
  });
});

describe('neighbours', () => {
  const newestFirst = [quote('c', '2021-08-25'), quote('b', '2021-08-24'), quote('a', '2021-08-23')];

  it('gives the older and the newer quote', () => {
    expect(neighbours(newestFirst, 'b')).toEqual({ older: newestFirst[2], newer: newestFirst[0] });
  });

  it('leaves out what is not there at either end', () => {
    expect(neighbours(newestFirst, 'c')).toEqual({ older: newestFirst[1] });
    expect(neighbours(newestFirst, 'a')).toEqual({ newer: newestFirst[1] });
    expect(neighbours([quote('only', '2021-08-23')], 'only')).toEqual({});
    expect(neighbours(newestFirst, 'missing')).toEqual({});
  });
});

describe('paginate', () => {
  it('cuts the list into pages of the given size', () => {
    const pages = paginate(['a', 'b', 'c', 'd', 'e'], 2);
    expect(pages).toEqual([
      { items: ['a', 'b'], number: 1, total: 3 },
      { items: ['c', 'd'], number: 2, total: 3 },
      { items: ['e'], number: 3, total: 3 },
    ]);
  });

  it('fills the last page exactly when the size divides the list', () => {
    expect(paginate(['a', 'b', 'c', 'd'], 2).map((page) => page.items)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('makes one empty page of an empty list', () => {
    expect(paginate([], 20)).toEqual([{ items: [], number: 1, total: 1 }]);
  });
});

describe('groupByMonth', () => {
  it('groups by year and month, keeping the order given', () => {
    const newestFirst = [
      quote('sep', '2021-09-01'),
      quote('aug-b', '2021-08-23'),
      quote('aug-a', '2021-08-02'),
      quote('aug-2020', '2020-08-23'),
    ];
    const groups = groupByMonth(newestFirst);
    expect(groups.map(({ year, month, items }) => ({ year, month, ids: ids(items) }))).toEqual([
      { year: 2021, month: 9, ids: ['sep'] },
      { year: 2021, month: 8, ids: ['aug-b', 'aug-a'] },
      { year: 2020, month: 8, ids: ['aug-2020'] },
    ]);
  });

  it('has no group for an empty list', () => {
    expect(groupByMonth([])).toEqual([]);
  });
});

describe('onThisDay', () => {
  const newestFirst = [
    quote('next-year', '2022-08-23'),
    quote('today', '2021-08-23'),
    quote('day-before', '2020-08-22'),
    quote('last-year', '2020-08-23'),
    quote('long-ago', '2015-08-23'),
    quote('other-month', '2019-09-23'),
    quote('leap-2020', '2020-02-29'),
    quote('leap-2016', '2016-02-29'),
  ];

  it('lists the same day of earlier years only, newest first', () => {
    expect(ids(onThisDay(newestFirst, '2021-08-23'))).toEqual(['last-year', 'long-ago']);
  });

  it('finds earlier leap days on a leap day', () => {
    expect(ids(onThisDay(newestFirst, '2024-02-29'))).toEqual(['leap-2020', 'leap-2016']);
    expect(ids(onThisDay(newestFirst, '2020-02-29'))).toEqual(['leap-2016']);
  });

  it('does not move a leap-day quote to Feb. 28 or March 1', () => {
    expect(onThisDay(newestFirst, '2021-02-28')).toEqual([]);
    expect(onThisDay(newestFirst, '2021-03-01')).toEqual([]);
  });
});

describe('personSortKey', () => {
  it('puts the last word of the name first', () => {
    expect(personSortKey({ id: 'ahmad-massoud', name: 'Ahmad Massoud' })).toBe('Massoud, Ahmad');
    expect(personSortKey({ id: 'bhl', name: ' Bernard-Henri  Lévy ' })).toBe('Lévy, Bernard-Henri');
    expect(personSortKey({ id: 'x', name: 'Ahmad Shah Massoud' })).toBe('Massoud, Ahmad Shah');
  });

  it('keeps a single name as it is', () => {
    expect(personSortKey({ id: 'madonna', name: 'Madonna' })).toBe('Madonna');
  });

  it('uses sortName when given', () => {
    expect(personSortKey({ id: 'mlk', name: 'Martin Luther King Jr.', sortName: 'King, Martin Luther, Jr.' })).toBe(
      'King, Martin Luther, Jr.',
    );
  });
});

describe('sortPeople', () => {
  it('sorts accented names with the unaccented ones', () => {
    const people = [
      { id: 'xavier-levy', name: 'Xavier Levy' },
      { id: 'ahmad-massoud', name: 'Ahmad Massoud' },
      { id: 'bernard-henri-levy', name: 'Bernard-Henri Lévy' },
      { id: 'anne-levy', name: 'Anne Levy' },
      { id: 'zoe-lewis', name: 'Zoe Lewis' },
    ];
    expect(ids(sortPeople(people))).toEqual(['anne-levy', 'bernard-henri-levy', 'xavier-levy', 'zoe-lewis', 'ahmad-massoud']);
  });

  it('lets sortName win over the name', () => {
    const people = [
      { id: 'ahmad-massoud', name: 'Ahmad Massoud' },
      { id: 'de-gaulle', name: 'Charles de Gaulle', sortName: 'De Gaulle, Charles' },
      { id: 'zed', name: 'Zed Alpha', sortName: 'Zed' },
    ];
    expect(ids(sortPeople(people))).toEqual(['de-gaulle', 'ahmad-massoud', 'zed']);
  });

  it('breaks ties on the id', () => {
    const people = [
      { id: 'levy-2', name: 'Anne Lévy' },
      { id: 'levy-1', name: 'Anne Levy' },
    ];
    expect(ids(sortPeople(people))).toEqual(['levy-1', 'levy-2']);
  });
});

describe('firstWords', () => {
  it('keeps a short text whole, on one line', () => {
    expect(firstWords('What makes  a\npeople strong', 10)).toBe('What makes a people strong');
    expect(firstWords('One two three', 3)).toBe('One two three');
  });

  it('cuts a long text and adds an ellipsis', () => {
    expect(firstWords('What makes a people strong is not the weapons.', 5)).toBe('What makes a people strong…');
  });

  it('drops the punctuation left before the ellipsis', () => {
    expect(firstWords('One, two, three, four', 2)).toBe('One, two…');
    expect(firstWords('It is spirit — not weapons', 3)).toBe('It is spirit…');
    expect(firstWords('Stop. Go on and on', 1)).toBe('Stop…');
  });

  it('closes, after the ellipsis, the quotation marks the words it keeps open', () => {
    expect(firstWords('He said “we will never surrender, whatever the price” and left.', 4)).toBe('He said “we will…”');
    expect(firstWords('“I said ‘never give up’ to them”', 3)).toBe('“I said ‘never…’”');
    expect(firstWords('It won’t “end” here, he said', 4)).toBe('It won’t “end” here…');
    expect(firstWords('He cried “ now', 2)).toBe('He cried…');
  });

  it('reads only the words it needs, with the result of splitting the whole text', () => {
    const whole = (text: string, count: number) => {
      const words = text.replace(/\s+/g, ' ').trim().split(' ');
      if (words.length <= count) return words.join(' ');
      return `${words
        .slice(0, count)
        .join(' ')
        .replace(/[\s,;:.\-–—]+$/u, '')}…`;
    };
    const texts = [
      '',
      '   ',
      ' lead and trail ',
      'tabs\tand\nnew lines\r\nhere',
      'no-break\u00a0. . .\u00a0spaces — and dashes',
      'فارسی متن راست به چپ است و ادامه دارد',
      'one',
      'a, b; c: d. e - f – g — h',
    ];
    for (const text of texts)
      for (const count of [1, 2, 3, 5, 8, 12, 40])
        expect(firstWords(text, count), `${count} of ${JSON.stringify(text)}`).toBe(whole(text, count));
  });
});

describe('readingMinutes', () => {
  it('rounds to whole minutes, at least one', () => {
    expect(readingMinutes(0, 230)).toBe(1);
    expect(readingMinutes(100, 230)).toBe(1);
    expect(readingMinutes(460, 230)).toBe(2);
    expect(readingMinutes(1300, 230)).toBe(6);
  });
});

describe('indexBy', () => {
  it('lists each item under every key it has, in the order given', () => {
    const quotes = [
      { id: 'q3', tags: ['resistance', 'afghanistan'] },
      { id: 'q2', tags: ['afghanistan'] },
      { id: 'q1', tags: [] },
    ];
    const index = indexBy(quotes, (item) => item.tags);
    expect([...index.keys()]).toEqual(['resistance', 'afghanistan']);
    expect(ids(index.get('afghanistan') ?? [])).toEqual(['q3', 'q2']);
    expect(ids(index.get('resistance') ?? [])).toEqual(['q3']);
    expect(index.has('q1')).toBe(false);
  });
});
