import { describe, it, expect } from 'vitest';
import {
  aboutUrl,
  absoluteUrl,
  articlesIndexUrl,
  articleUrl,
  assetUrl,
  cardUrl,
  citationUrl,
  feedsPageUrl,
  feedStylesheetUrl,
  feedUrl,
  homeUrl,
  itemGuid,
  jsonFeedUrl,
  peopleIndexUrl,
  personUrl,
  quoteAnchorId,
  quoteInArticleUrl,
  quotesIndexUrl,
  quotesJsonUrl,
  quotesMonthUrl,
  quotesYearUrl,
  quoteUrl,
  searchUrl,
  sitePath,
  tagsIndexUrl,
  tagUrl,
  textFragmentUrl,
  type UrlSettings,
} from '../../src/domain/urls.ts';

// Settings are passed explicitly so that SITE_URL and BASE_PATH in the environment do not matter.
const AT_ROOT: UrlSettings = { siteUrl: 'https://qtd.example', basePath: '/' };
const UNDER_QTD: UrlSettings = { siteUrl: 'https://quotes.example.org', basePath: '/qtd/' };

const ARTICLE = 'the-afghan-who-wont-surrender-to-the-taliban';

describe('page URLs', () => {
  const cases: [string, (settings: UrlSettings) => string, string][] = [
    ['home', (s) => homeUrl(s), ''],
    ['quote', (s) => quoteUrl('spirit-of-resistance', s), 'quotes/spirit-of-resistance/'],
    ['quotes index', (s) => quotesIndexUrl(1, s), 'quotes/'],
    ['quotes page 2', (s) => quotesIndexUrl(2, s), 'quotes/page/2/'],
    ['quotes year', (s) => quotesYearUrl(2021, s), 'quotes/2021/'],
    ['quotes month', (s) => quotesMonthUrl(2021, 8, s), 'quotes/2021/08/'],
    ['article', (s) => articleUrl(ARTICLE, s), `articles/${ARTICLE}/`],
    ['articles index', (s) => articlesIndexUrl(s), 'articles/'],
    ['person', (s) => personUrl('ahmad-massoud', s), 'people/ahmad-massoud/'],
    ['people index', (s) => peopleIndexUrl(s), 'people/'],
    ['tag', (s) => tagUrl('resistance', s), 'tags/resistance/'],
    ['tags index', (s) => tagsIndexUrl(s), 'tags/'],
    ['feeds page', (s) => feedsPageUrl(s), 'feeds/'],
    ['about', (s) => aboutUrl(s), 'about/'],
    ['search', (s) => searchUrl(s), 'search/'],
  ];

  for (const [name, build, path] of cases) {
    it(`${name}: under / and under /qtd/, with a trailing slash`, () => {
      expect(build(AT_ROOT)).toBe(`/${path}`);
      expect(build(UNDER_QTD)).toBe(`/qtd/${path}`);
    });
  }

  it('treats page 1 (or less) of the quotes as the index itself', () => {
    expect(quotesIndexUrl(0, AT_ROOT)).toBe('/quotes/');
    expect(quotesIndexUrl(undefined, UNDER_QTD)).toBe('/qtd/quotes/');
  });

  it('pads the month to two digits', () => {
    expect(quotesMonthUrl(2021, 12, AT_ROOT)).toBe('/quotes/2021/12/');
    expect(quotesMonthUrl(2001, 9, AT_ROOT)).toBe('/quotes/2001/09/');
  });
});

describe('file URLs', () => {
  const cases: [string, (settings: UrlSettings) => string, string][] = [
    ['main feed', (s) => feedUrl(undefined, s), 'rss.xml'],
    ['quotes feed', (s) => feedUrl({ kind: 'quotes' }, s), 'rss.xml'],
    ['articles feed', (s) => feedUrl({ kind: 'articles' }, s), 'articles/rss.xml'],
    ['person feed', (s) => feedUrl({ kind: 'person', id: 'ahmad-massoud' }, s), 'people/ahmad-massoud/rss.xml'],
    ['tag feed', (s) => feedUrl({ kind: 'tag', id: 'resistance' }, s), 'tags/resistance/rss.xml'],
    ['JSON feed', (s) => jsonFeedUrl(s), 'feed.json'],
    ['feed stylesheet', (s) => feedStylesheetUrl(s), 'feed.css'],
    ['open data', (s) => quotesJsonUrl(s), 'quotes.json'],
    ['quote card', (s) => cardUrl('quotes', 'spirit-of-resistance', s), 'og/quotes/spirit-of-resistance.png'],
    ['article card', (s) => cardUrl('articles', ARTICLE, s), `og/articles/${ARTICLE}.png`],
    ['citation', (s) => citationUrl('spirit-of-resistance', s), 'quotes/spirit-of-resistance/citation.json'],
    ['asset', (s) => assetUrl('fonts/serif.woff2', s), 'fonts/serif.woff2'],
  ];

  for (const [name, build, path] of cases) {
    it(`${name}: under / and under /qtd/, without a trailing slash`, () => {
      expect(build(AT_ROOT)).toBe(`/${path}`);
      expect(build(UNDER_QTD)).toBe(`/qtd/${path}`);
    });
  }
});

describe('the quote inside its article', () => {
  it('links to the anchor of the marked passage', () => {
    expect(quoteAnchorId('spirit-of-resistance')).toBe('q-spirit-of-resistance');
    expect(quoteInArticleUrl(ARTICLE, 'spirit-of-resistance', AT_ROOT)).toBe(`/articles/${ARTICLE}/#q-spirit-of-resistance`);
    expect(quoteInArticleUrl(ARTICLE, 'spirit-of-resistance', UNDER_QTD)).toBe(`/qtd/articles/${ARTICLE}/#q-spirit-of-resistance`);
  });
});

describe('percent-encoding', () => {
  it('encodes each segment, so an odd id stays one segment', () => {
    expect(quoteUrl('a b', AT_ROOT)).toBe('/quotes/a%20b/');
    expect(quoteUrl('a/b', AT_ROOT)).toBe('/quotes/a%2Fb/');
    expect(quoteUrl('why?#now', AT_ROOT)).toBe('/quotes/why%3F%23now/');
    expect(personUrl('lévy', UNDER_QTD)).toBe('/qtd/people/l%C3%A9vy/');
    expect(tagUrl('100%', AT_ROOT)).toBe('/tags/100%25/');
  });

  it('keeps the folders of an asset path and encodes the names', () => {
    expect(assetUrl('fonts/noto serif.woff2', UNDER_QTD)).toBe('/qtd/fonts/noto%20serif.woff2');
  });

  it('returns the base path for no segments', () => {
    expect(sitePath([], {}, AT_ROOT)).toBe('/');
    expect(sitePath([], { file: true }, UNDER_QTD)).toBe('/qtd/');
    expect(sitePath(['quotes', 'page', 3], {}, UNDER_QTD)).toBe('/qtd/quotes/page/3/');
  });
});

describe('absoluteUrl', () => {
  it('puts a root-relative path on the public origin', () => {
    expect(absoluteUrl(quoteUrl('spirit-of-resistance', AT_ROOT), AT_ROOT)).toBe('https://qtd.example/quotes/spirit-of-resistance/');
    expect(absoluteUrl(quoteUrl('spirit-of-resistance', UNDER_QTD), UNDER_QTD)).toBe(
      'https://quotes.example.org/qtd/quotes/spirit-of-resistance/',
    );
    expect(absoluteUrl(homeUrl(UNDER_QTD), UNDER_QTD)).toBe('https://quotes.example.org/qtd/');
    expect(absoluteUrl(feedUrl(undefined, UNDER_QTD), UNDER_QTD)).toBe('https://quotes.example.org/qtd/rss.xml');
  });

  it('keeps the fragment and the encoding', () => {
    expect(absoluteUrl(quoteInArticleUrl(ARTICLE, 'x', AT_ROOT), AT_ROOT)).toBe(`https://qtd.example/articles/${ARTICLE}/#q-x`);
    expect(absoluteUrl(quoteUrl('a b', AT_ROOT), AT_ROOT)).toBe('https://qtd.example/quotes/a%20b/');
  });
});

describe('itemGuid', () => {
  it('names the collection and the id, never a URL', () => {
    expect(itemGuid('quotes', 'spirit-of-resistance')).toBe('tag:qtd,2021:quotes/spirit-of-resistance');
    expect(itemGuid('articles', ARTICLE)).toBe(`tag:qtd,2021:articles/${ARTICLE}`);
  });

  it('is the same whatever the site URL and base path', () => {
    const guid = itemGuid('quotes', 'spirit-of-resistance');
    for (const settings of [AT_ROOT, UNDER_QTD]) {
      expect(guid).not.toContain(settings.siteUrl);
      expect(guid).not.toContain(new URL(settings.siteUrl).hostname);
    }
    expect(guid).not.toContain('/qtd/');
    expect(guid).not.toMatch(/^https?:/);
  });
});

describe('textFragmentUrl', () => {
  const ORIGINAL = 'https://www.wsj.com/articles/afghan-who-wont-surrender-taliban-11629737760';

  it('encodes the spaces of a start text', () => {
    expect(textFragmentUrl(ORIGINAL, 'What makes a people strong')).toBe(`${ORIGINAL}#:~:text=What%20makes%20a%20people%20strong`);
  });

  it('joins a start and an end with a comma', () => {
    expect(textFragmentUrl(ORIGINAL, 'What makes a people strong', 'spirit of resistance')).toBe(
      `${ORIGINAL}#:~:text=What%20makes%20a%20people%20strong,spirit%20of%20resistance`,
    );
  });

  it('percent-encodes the characters of the directive syntax: - , &', () => {
    expect(textFragmentUrl(ORIGINAL, 'Bernard-Henri Lévy')).toBe(`${ORIGINAL}#:~:text=Bernard%2DHenri%20L%C3%A9vy`);
    expect(textFragmentUrl(ORIGINAL, 'Still, his message')).toBe(`${ORIGINAL}#:~:text=Still%2C%20his%20message`);
    expect(textFragmentUrl(ORIGINAL, 'you & me')).toBe(`${ORIGINAL}#:~:text=you%20%26%20me`);
  });

  it('encodes curly quotes and apostrophes as UTF-8', () => {
    expect(textFragmentUrl(ORIGINAL, 'won’t surrender')).toBe(`${ORIGINAL}#:~:text=won%E2%80%99t%20surrender`);
    expect(textFragmentUrl(ORIGINAL, '“spirit”')).toBe(`${ORIGINAL}#:~:text=%E2%80%9Cspirit%E2%80%9D`);
  });

  it('folds runs of white space into one space and trims', () => {
    expect(textFragmentUrl(ORIGINAL, '  What makes\n  a people ')).toBe(`${ORIGINAL}#:~:text=What%20makes%20a%20people`);
  });

  it('drops the hash already on the page URL and keeps its query', () => {
    expect(textFragmentUrl('https://example.com/a?mod=rss#comments', 'What makes')).toBe(
      'https://example.com/a?mod=rss#:~:text=What%20makes',
    );
  });

  it('treats an empty end as no end', () => {
    expect(textFragmentUrl(ORIGINAL, 'What makes', '')).toBe(`${ORIGINAL}#:~:text=What%20makes`);
  });
});
