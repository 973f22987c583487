/**
 * View models (src/views/view-models.ts, src/views/feeds.ts, src/views/citations.ts) and
 * the keys made from them (src/views/page-keys.ts): every view model is plain data, and a
 * page's key changes exactly when what its view model holds changes, including a field
 * that a page starts to show, with nothing to add to the key code.
 */
import { describe, it, expect } from 'vitest';
import type { Archive, Article, Person, Quote, Tag } from '../../src/views/archive.ts';
import {
  articlePageView,
  articlesIndexView,
  feedsPageView,
  homePageView,
  monthPageViews,
  openDataView,
  peopleIndexView,
  personPageView,
  quoteListPageViews,
  quotePageView,
  tagPageView,
  tagsIndexView,
  yearPageView,
} from '../../src/views/view-models.ts';
import { articlesFeedView, jsonFeedView, mainFeedView, personFeedView, tagFeedView } from '../../src/views/feeds.ts';
import { citationFilesView } from '../../src/views/citations.ts';
import { viewKey } from '../../src/views/page-keys.ts';
import { indexBy, quoteStatus, sortArticlesNewestFirst, sortPeople, sortQuotesNewestFirst } from '../../src/domain/archive-order.ts';
import { prepareArticle } from '../../src/domain/quote-match.ts';
import { locateQuote } from '../../src/domain/locate-quote.ts';

interface Content {
  today: string;
  people: Person[];
  articles: Article[];
  /** Quotes without status and match: the archive works them out, as src/views/archive.ts does. */
  quotes: Omit<Quote, 'status' | 'match'>[];
  tags: Tag[];
}

/**
 * The archive src/views/archive.ts builds from these entries (published quotes listed,
 * scheduled ones without a page). Every call makes new objects, as every build does:
 * view models are built once per entry object.
 */
function archiveOf(content: Content): Archive {
  const { today, people: peopleIn, articles: articlesIn, quotes: quotesIn, tags } = structuredClone(content);
  const people = sortPeople(peopleIn);
  const articles = sortArticlesNewestFirst(articlesIn);
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const allQuotes = sortQuotesNewestFirst(
    quotesIn.map((quote): Quote => ({
      ...quote,
      status: quoteStatus(quote, today),
      match: quote.sourceId ? locateQuote(quote.text, prepareArticle(articleById.get(quote.sourceId)?.paragraphs ?? [])) : undefined,
    })),
  );
  const quotes = allQuotes.filter((quote) => quote.status === 'published');
  return {
    today,
    people,
    articles,
    allQuotes,
    quotes,
    quotesWithPages: allQuotes.filter((quote) => quote.status !== 'scheduled'),
    years: [...new Set(quotes.map((quote) => Number(quote.date.slice(0, 4))))],
    tags,
    personById: new Map(people.map((person) => [person.id, person])),
    articleById,
    quoteById: new Map(allQuotes.map((quote) => [quote.id, quote])),
    quoteIndex: new Map(quotes.map((quote, index) => [quote.id, index])),
    tagById: new Map(tags.map((tag) => [tag.id, tag])),
    quotesBySpeaker: indexBy(quotes, (quote) => [quote.speakerId]),
    quotesByArticle: indexBy(quotes, (quote) => (quote.sourceId ? [quote.sourceId] : [])),
    quotesByTag: indexBy(quotes, (quote) => quote.tags),
    quotesByCurator: indexBy(quotes, (quote) => (quote.curatorId ? [quote.curatorId] : [])),
    articlesByAuthor: indexBy(articles, (article) => article.authorIds),
    articlesByTag: indexBy(articles, (article) => article.tags),
  };
}

const paragraphs = [
  'The valley was quiet that morning, and the river ran high.',
  'What makes a people strong, above and beyond any army, is the spirit of resistance. We will not surrender.',
];

function articleEntry(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    title: `The article ${id}`,
    authorIds: ['bernard'],
    publication: 'The Journal',
    publishedMs: Date.parse('2021-08-23T12:56:00-04:00'),
    timeZone: 'America/New_York',
    sourceUrl: `https://news.example/${id}`,
    display: 'full',
    corrections: [],
    tags: ['resistance'],
    html: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n'),
    paragraphs,
    words: 32,
    ...overrides,
  };
}

function quoteEntry(id: string, date: string, overrides: Partial<Quote> = {}): Omit<Quote, 'status' | 'match'> {
  return {
    id,
    text: `Words of ${id}.`,
    displayText: `Words of ${id}.`,
    speakerId: 'ahmad',
    date,
    tags: ['resistance'],
    corrections: [],
    commentaryHtml: '<p>Why.</p>',
    ...overrides,
  };
}

function content(): Content {
  return {
    today: '2026-11-26',
    people: [
      { id: 'ahmad', name: 'Ahmad Massoud', description: 'Afghan resistance leader', bioHtml: '<p>Born in 1989.</p>' },
      { id: 'bernard', name: 'Bernard Lévy', url: 'https://people.example/bernard', bioHtml: '' },
      { id: 'jenna', name: 'Jenna Lee', bioHtml: '' },
    ],
    articles: [
      articleEntry('the-afghan'),
      articleEntry('the-excerpt', { display: 'excerpt', publishedMs: Date.parse('2021-09-01T08:00:00-04:00') }),
    ],
    quotes: [
      quoteEntry('spirit', '2021-08-23', {
        text: 'the spirit of resistance',
        displayText: 'the spirit of resistance',
        sourceId: 'the-afghan',
        curatorId: 'jenna',
      }),
      quoteEntry('surrender', '2021-08-24', {
        text: 'We will not surrender.',
        displayText: 'We will not surrender.',
        sourceId: 'the-excerpt',
        curatorId: 'jenna',
      }),
      quoteEntry('river', '2022-08-24', { speakerId: 'bernard', lang: 'fa', context: 'On the radio' }),
      quoteEntry('withdrawn', '2023-01-02', { withdrawn: { date: '2023-02-01', reason: 'Misattributed.' }, sourceId: 'the-afghan' }),
      quoteEntry('scheduled', '2026-12-01'),
    ],
    tags: [
      { id: 'resistance', name: 'Resistance', description: 'On resisting.', renamedFrom: ['defiance'] },
      { id: 'empty', name: 'Empty', renamedFrom: [] },
    ],
  };
}

/** Every view model of every page of the archive, by the page's address. */
function allViews(archive: Archive): Map<string, unknown> {
  const views = new Map<string, unknown>();
  for (const entry of archive.quotesWithPages) views.set(`/quotes/${entry.id}/`, quotePageView(entry, archive));
  for (const year of archive.years) views.set(`/quotes/${year}/`, yearPageView(year, archive));
  for (const view of monthPageViews(archive)) views.set(`/quotes/${view.year}/${view.month}/`, view);
  for (const view of quoteListPageViews(archive)) views.set(`/quotes/page/${view.number}/`, view);
  for (const article of archive.articles) views.set(`/articles/${article.id}/`, articlePageView(article, archive));
  for (const person of archive.people) {
    views.set(`/people/${person.id}/`, personPageView(person, archive));
    views.set(`/people/${person.id}/rss.xml`, personFeedView(person, archive));
  }
  for (const tag of archive.tags) {
    views.set(`/tags/${tag.id}/`, tagPageView(tag, archive));
    for (const id of [tag.id, ...tag.renamedFrom]) views.set(`/tags/${id}/rss.xml`, tagFeedView(tag, id, archive));
  }
  views.set('/', homePageView(archive));
  views.set('/articles/', articlesIndexView(archive));
  views.set('/people/', peopleIndexView(archive));
  views.set('/tags/', tagsIndexView(archive));
  views.set('/feeds/', feedsPageView(archive));
  views.set('/rss.xml', mainFeedView(archive));
  views.set('/articles/rss.xml', articlesFeedView(archive));
  views.set('/feed.json', jsonFeedView(archive));
  views.set('/quotes.json', openDataView(archive));
  views.set('citation.json bundle', citationFilesView(archive));
  return views;
}

function keysOf(archive: Archive): Map<string, string> {
  return new Map([...allViews(archive)].map(([path, view]) => [path, viewKey(view as object)]));
}

/** The addresses whose key differs between two archives. */
function changedPages(before: Content, after: Content): string[] {
  const first = keysOf(archiveOf(before));
  const second = keysOf(archiveOf(after));
  expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
  return [...first]
    .filter(([path, key]) => second.get(path) !== key)
    .map(([path]) => path)
    .sort();
}

describe('view models', () => {
  it('are plain data: JSON keeps every one whole', () => {
    const views = allViews(archiveOf(content()));
    expect(views.size).toBeGreaterThan(25);
    for (const [path, view] of views) expect(JSON.parse(JSON.stringify(view)), path).toEqual(view);
  });

  it('hold the page of a withdrawn quote as a notice, without the quote’s words', () => {
    const archive = archiveOf(content());
    const view = quotePageView(archive.quoteById.get('withdrawn') as Quote, archive);
    expect(view).toEqual({
      kind: 'withdrawn',
      id: 'withdrawn',
      date: '2023-01-02',
      withdrawn: { date: '2023-02-01', reason: 'Misattributed.' },
      speakerId: 'ahmad',
      speakerName: 'Ahmad Massoud',
      article: { id: 'the-afghan', title: 'The article the-afghan' },
    });
    expect(JSON.stringify(view)).not.toContain('Words of withdrawn');
  });

  it('hold what a quote page links to in the original: the passage as a text fragment', () => {
    const archive = archiveOf(content());
    const view = quotePageView(archive.quoteById.get('spirit') as Quote, archive);
    if (view.kind !== 'quote') throw new Error('a published quote has a quote page');
    expect(view.originalPassageUrl).toBe('https://news.example/the-afghan#:~:text=the%20spirit%20of%20resistance');
    expect(view.passage?.filter((piece) => piece.quoted).map((piece) => piece.text)).toEqual(['the spirit of resistance']);
  });
});

describe('page keys, digests of the view models', () => {
  it('are the same when the archive is read again unchanged', () => {
    expect(changedPages(content(), content())).toEqual([]);
  });

  it('change on the pages that show a renamed person, and only there', () => {
    const after = content();
    (after.people[2] as Person).name = 'Jenna Lee-Smith';
    // The curator is named on the pages of the quotes she chose, on her own page and feed (which
    // holds the quotes she chose), in the feed items (their author) and open data of those quotes,
    // on the list of people and on /feeds/. No list of quotes shows who chose them.
    expect(changedPages(content(), after)).toEqual(
      [
        '/feeds/',
        '/people/',
        '/people/jenna/',
        '/people/jenna/rss.xml',
        '/quotes.json',
        '/quotes/spirit/',
        '/quotes/surrender/',
        '/rss.xml',
        '/tags/defiance/rss.xml',
        '/tags/resistance/rss.xml',
        '/feed.json',
        '/people/ahmad/rss.xml',
      ].sort(),
    );
  });

  it('leave alone what a page does not show: a biography is on its person’s page alone', () => {
    const after = content();
    (after.people[0] as Person).bioHtml = '<p>Born in Panjshir.</p>';
    expect(changedPages(content(), after)).toEqual(['/people/ahmad/']);
  });

  it('change when a page starts to show one more field, with nothing added to the key code', () => {
    // A tag page that starts to show who chose each quote: its builder puts the curator's
    // name into the view model, as a component that shows a new field requires.
    const showingCurators = (archive: Archive) => {
      const view = tagPageView(archive.tagById.get('resistance') as Tag, archive);
      return {
        ...view,
        quotes: view.quotes.map((item) => {
          const curatorId = archive.quoteById.get(item.id)?.curatorId;
          return { ...item, curatorName: curatorId ? archive.personById.get(curatorId)?.name : undefined };
        }),
      };
    };
    const before = archiveOf(content());
    const renamed = content();
    (renamed.people[2] as Person).name = 'Jenna Lee-Smith';
    const after = archiveOf(renamed);
    const tag = (archive: Archive) => archive.tagById.get('resistance') as Tag;

    // The page as it is does not show curators: renaming one leaves its key alone.
    expect(viewKey(tagPageView(tag(after), after))).toBe(viewKey(tagPageView(tag(before), before)));
    // Once it shows them, the same key function keys the new field too.
    expect(viewKey(showingCurators(before))).not.toBe(viewKey(tagPageView(tag(before), before)));
    expect(viewKey(showingCurators(after))).not.toBe(viewKey(showingCurators(before)));
    expect(viewKey(showingCurators(archiveOf(content())))).toBe(viewKey(showingCurators(before)));
  });

  it('change on every page that lists a quote whose words change', () => {
    const after = content();
    const river = after.quotes.find((quote) => quote.id === 'river') as Content['quotes'][number];
    river.displayText = 'Other words of river.';
    river.text = 'Other words of river.';
    expect(changedPages(content(), after)).toEqual(
      [
        '/',
        '/feed.json',
        '/people/bernard/',
        '/people/bernard/rss.xml',
        '/quotes.json',
        '/quotes/2022/',
        '/quotes/2022/8/',
        '/quotes/page/1/',
        '/quotes/river/',
        '/rss.xml',
        '/tags/defiance/rss.xml',
        '/tags/resistance/',
        '/tags/resistance/rss.xml',
        'citation.json bundle',
      ].sort(),
    );
  });

  it('of a feed hold the build date only when the feed’s items give it no date', () => {
    const later = { ...content(), today: '2026-11-27' };
    // A day later with nothing published: only the feeds with no item (the empty tag's) are dated
    // by the build, and change; a curator's feed holds the quotes she chose.
    expect(changedPages(content(), later)).toEqual(['/tags/empty/rss.xml']);

    const old = content();
    for (const quote of old.quotes) quote.date = `1960${quote.date.slice(4)}`;
    for (const article of old.articles) article.publishedMs = Date.parse('1960-08-23T12:56:00-04:00');
    const oldLater = { ...old, today: '2026-11-27' };
    // Items all dated before 1970 give a feed no last build date (src/views/rss-document.ts): the build's day does.
    expect(
      tagFeedView(archiveOf(old).tagById.get('resistance') as Tag, 'resistance', archiveOf(old)).channel.emptyBuildDateMs,
    ).toBeDefined();
    expect(changedPages(old, oldLater)).toContain('/tags/resistance/rss.xml');
  });
});
