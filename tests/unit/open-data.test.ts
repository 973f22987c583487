import { describe, it, expect } from 'vitest';
import type { Article, Person, Quote, Tag } from '../../src/views/archive.ts';
import { compareQuotesForOpenData, openDataDocument, type OpenDataArchive, type OpenDataSettings } from '../../src/views/open-data.ts';

const urls = { siteUrl: 'https://quotes.example.org', basePath: '/qtd/' };
const settings: OpenDataSettings = { siteTitle: 'QTD', defaultLang: 'en', urls };

const people: Person[] = [
  { id: 'ahmad-massoud', name: 'Ahmad Massoud', description: 'Afghan resistance leader', bioHtml: '' },
  { id: 'bernard-henri-levy', name: 'Bernard-Henri Lévy', bioHtml: '' },
  { id: 'jenna-lee', name: 'Jenna Lee', bioHtml: '' },
];

const article: Article = {
  id: 'the-afghan',
  title: 'The Afghan Who Won’t Surrender to the Taliban',
  authorIds: ['bernard-henri-levy'],
  publication: 'The Wall Street Journal',
  section: 'Opinion · Commentary',
  publishedMs: Date.parse('2021-08-23T12:56:00-04:00'),
  timeZone: 'America/New_York',
  sourceUrl: 'https://news.example/the-afghan',
  display: 'full',
  corrections: [],
  tags: [],
  html: '',
  paragraphs: [],
  words: 0,
};

const tags: Tag[] = [{ id: 'afghanistan', name: 'Afghanistan', renamedFrom: [] }];

function quote(id: string, date: string, overrides: Partial<Quote> = {}): Quote {
  return {
    id,
    text: `Words of ${id}.`,
    displayText: `Words of ${id}.`,
    speakerId: 'ahmad-massoud',
    date,
    tags: [],
    corrections: [],
    commentaryHtml: '',
    status: 'published',
    ...overrides,
  };
}

const spirit = quote('spirit-of-resistance', '2021-08-23', {
  text: 'What makes a people strong … is the spirit of resistance.',
  sourceId: 'the-afghan',
  curatorId: 'jenna-lee',
  tags: ['afghanistan'],
  match: { paragraphIndex: 4, spans: [], context: [] },
});

function archiveOf(quotes: Quote[]): OpenDataArchive {
  return {
    allQuotes: quotes,
    personById: new Map(people.map((p) => [p.id, p])),
    articleById: new Map([[article.id, article]]),
    tagById: new Map(tags.map((t) => [t.id, t])),
  };
}

describe('openDataDocument', () => {
  it('gives each quote its full attribution with absolute URLs', () => {
    const document = openDataDocument(archiveOf([spirit]), settings);
    expect(document).toStrictEqual({
      version: 1,
      generatedFrom: 'QTD',
      homePageUrl: 'https://quotes.example.org/qtd/',
      quotes: [
        {
          id: 'spirit-of-resistance',
          text: 'What makes a people strong … is the spirit of resistance.',
          date: '2021-08-23',
          url: 'https://quotes.example.org/qtd/quotes/spirit-of-resistance/',
          card: 'https://quotes.example.org/qtd/og/quotes/spirit-of-resistance.png',
          lang: 'en',
          verified: true,
          speaker: {
            id: 'ahmad-massoud',
            name: 'Ahmad Massoud',
            url: 'https://quotes.example.org/qtd/people/ahmad-massoud/',
            description: 'Afghan resistance leader',
          },
          source: {
            id: 'the-afghan',
            title: 'The Afghan Who Won’t Surrender to the Taliban',
            authors: [
              { id: 'bernard-henri-levy', name: 'Bernard-Henri Lévy', url: 'https://quotes.example.org/qtd/people/bernard-henri-levy/' },
            ],
            publication: 'The Wall Street Journal',
            section: 'Opinion · Commentary',
            published: '2021-08-23T12:56:00-04:00',
            url: 'https://quotes.example.org/qtd/articles/the-afghan/',
            originalUrl: 'https://news.example/the-afghan',
          },
          curator: { id: 'jenna-lee', name: 'Jenna Lee', url: 'https://quotes.example.org/qtd/people/jenna-lee/' },
          tags: [{ id: 'afghanistan', name: 'Afghanistan', url: 'https://quotes.example.org/qtd/tags/afghanistan/' }],
        },
      ],
    });
  });

  it('leaves out the fields a quote does not have', () => {
    const bare = openDataDocument(archiveOf([quote('bare', '2021-08-24', { context: 'Interview by phone', lang: 'fa' })]), settings)
      .quotes[0];
    expect(bare).toStrictEqual({
      id: 'bare',
      text: 'Words of bare.',
      date: '2021-08-24',
      url: 'https://quotes.example.org/qtd/quotes/bare/',
      card: 'https://quotes.example.org/qtd/og/quotes/bare.png',
      lang: 'fa',
      verified: false,
      speaker: {
        id: 'ahmad-massoud',
        name: 'Ahmad Massoud',
        url: 'https://quotes.example.org/qtd/people/ahmad-massoud/',
        description: 'Afghan resistance leader',
      },
      context: 'Interview by phone',
      tags: [],
    });
  });

  it('publishes only published quotes', () => {
    const quotes = [
      spirit,
      quote('scheduled', '2099-01-01', { status: 'scheduled' }),
      quote('withdrawn', '2021-08-22', { status: 'withdrawn', withdrawn: { date: '2021-09-01', reason: 'Misattributed.' } }),
    ];
    expect(openDataDocument(archiveOf(quotes), settings).quotes.map((q) => q.id)).toEqual(['spirit-of-resistance']);
  });

  it('orders quotes by date, newest first, then by id, whatever the input order', () => {
    const quotes = [quote('b', '2021-08-23'), quote('old', '2020-01-01'), quote('a', '2021-08-23'), quote('new', '2022-05-05')];
    const ids = (list: Quote[]) => openDataDocument(archiveOf(list), settings).quotes.map((q) => q.id);
    expect(ids(quotes)).toEqual(['new', 'a', 'b', 'old']);
    expect(ids([...quotes].reverse())).toEqual(['new', 'a', 'b', 'old']);
    expect(quotes.map((q) => q.id)).toEqual(['b', 'old', 'a', 'new']);
  });

  it('writes the same bytes for the same content', () => {
    const quotes = [spirit, quote('other', '2021-08-20')];
    expect(JSON.stringify(openDataDocument(archiveOf(quotes), settings))).toBe(
      JSON.stringify(openDataDocument(archiveOf([...quotes].reverse()), settings)),
    );
  });

  it('marks a quote unverified when its words were not found in the source', () => {
    const unmatched = { ...spirit, match: undefined };
    expect(openDataDocument(archiveOf([unmatched]), settings).quotes[0]?.verified).toBe(false);
  });
});

describe('compareQuotesForOpenData', () => {
  it('sorts by date descending, then id ascending', () => {
    expect(compareQuotesForOpenData({ date: '2021-01-02', id: 'z' }, { date: '2021-01-01', id: 'a' })).toBeLessThan(0);
    expect(compareQuotesForOpenData({ date: '2021-01-01', id: 'a' }, { date: '2021-01-01', id: 'b' })).toBeLessThan(0);
    expect(compareQuotesForOpenData({ date: '2021-01-01', id: 'a' }, { date: '2021-01-01', id: 'a' })).toBe(0);
  });
});
