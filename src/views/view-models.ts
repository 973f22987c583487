/**
 * What each page shows, decided here: one builder per kind of page turns the archive
 * into that page's view model, a plain serialisable object (strings, numbers, booleans,
 * arrays and plain objects) holding every piece of data the page renders. The page
 * builds it and passes it down; its components and the layout render their props and
 * read no data of their own (they may format with pure helpers of src/domain). A keyed
 * page's cache key is the digest of its view model (src/views/page-keys.ts), so the key
 * covers what the page shows by construction: a component that starts to show one more
 * field takes it from a view model, and the key follows.
 *
 * View models hold data, not markup: formatting (dates, URLs, first words, an article's
 * marks) is left to the components, whose code Astro hashes, unless it needs data the
 * page would not otherwise hold (the words of a passage for a link into the original,
 * an excerpt's reading time): then the builder works it out. Pieces shown on many pages
 * (a quote in a list, a person's name and link) are built once per entry and shared;
 * like the archive's objects, they are never changed once built.
 *
 * The home page, the indexes and the main feeds have view models too, built as they
 * render; they have no key and are rendered at every build.
 */
import type { Archive, Article, Correction, Person, Quote, Tag } from './archive.ts';
import type { QuoteStatus } from '../domain/archive-order.ts';
import type { ContextPiece } from '../domain/sentences.ts';
import type { CitationInput } from '../domain/citation.ts';
import { groupByMonth, onThisDay, paginate, personSortKey, readingMinutes, todaysQuotes } from '../domain/archive-order.ts';
import { calendarDayInZone } from '../domain/dates.ts';
import { absoluteUrl, feedUrl, jsonFeedUrl, personUrl, tagUrl, textFragmentUrl } from '../domain/urls.ts';
import { articlesFeedDescription, personFeedText, tagFeedDescription } from './feed-items.ts';
import { publishedArticleText } from './article-excerpt.ts';
import { openDataDocument, type OpenDataDocument } from './open-data.ts';
import { siteConfig } from '../site.config.ts';
import { smartPunctuation } from '../markdown/typography.ts';
import { citationInput } from './citations.ts';
import {
  articleListItemAuthors,
  articlePageRelations,
  personPageRelations,
  quoteListItemRelations,
  quotePageRelations,
  tagPageEntries,
  yearQuotes,
} from './relations.ts';

/**
 * A builder run once per entry: every page that shows the entry shares the result. An
 * entry object belongs to one archive (each build, and each request of `astro dev`,
 * reads new ones), so the archive it was first built with is the only one there is.
 */
export function onePerEntry<E extends object, V>(build: (entry: E, archive: Archive) => V): (entry: E, archive: Archive) => V {
  const views = new WeakMap<E, V>();
  return (entry, archive) => {
    let view = views.get(entry);
    if (view === undefined) {
      view = build(entry, archive);
      views.set(entry, view);
    }
    return view;
  };
}

// ---------------------------------------------------------------- pieces shown on many pages

/** A person named and linked: `url` is their own page elsewhere (structured data's sameAs). */
export type PersonRef = {
  id: string;
  name: string;
  url?: string | undefined;
};

/** The speaker under a quote: a person with their one line of description. */
export type SpeakerRef = PersonRef & { description?: string | undefined };

export const personRef = onePerEntry<Person, PersonRef>((person) => ({ id: person.id, name: person.name, url: person.url }));

export const speakerRef = onePerEntry<Person, SpeakerRef>((person, archive) => ({
  ...personRef(person, archive),
  description: person.description,
}));

/** One quote in a list (src/components/QuoteListItem.astro). */
export type QuoteListItemView = {
  id: string;
  displayText: string;
  lang?: string | undefined;
  date: string;
  speakerName?: string | undefined;
  sourceTitle?: string | undefined;
  /** Found word for word in its article. */
  verified: boolean;
  /** A scheduled quote listed as a draft (`astro dev`, SHOW_SCHEDULED). */
  scheduled: boolean;
};

export const quoteListItemView = onePerEntry<Quote, QuoteListItemView>((quote, archive) => {
  const { speaker, source } = quoteListItemRelations(quote, archive);
  return {
    id: quote.id,
    displayText: quote.displayText,
    lang: quote.lang,
    date: quote.date,
    speakerName: speaker?.name,
    sourceTitle: source?.title,
    verified: quote.match !== undefined,
    scheduled: quote.status === 'scheduled',
  };
});

/** One article in a list (src/components/ArticleListItem.astro). */
export type ArticleListItemView = {
  id: string;
  title: string;
  dek?: string | undefined;
  authorNames: string[];
  publication?: string | undefined;
  /** The day it was published, in its own zone. */
  day: string;
};

export const articleListItemView = onePerEntry<Article, ArticleListItemView>((article, archive) => ({
  id: article.id,
  title: article.title,
  dek: article.dek,
  authorNames: articleListItemAuthors(article, archive).map((person) => person.name),
  publication: article.publication,
  day: calendarDayInZone(article.publishedMs, article.timeZone),
}));

const quoteList = (quotes: readonly Quote[], archive: Archive): QuoteListItemView[] =>
  quotes.map((quote) => quoteListItemView(quote, archive));
const articleList = (articles: readonly Article[], archive: Archive): ArticleListItemView[] =>
  articles.map((article) => articleListItemView(article, archive));

/** A quote as the hero of a page (src/components/QuoteFigure.astro): its words and how large they are set. */
export type QuoteFigureView = {
  displayText: string;
  /** Its paragraphs, for a quote that runs over a paragraph break of its source. */
  paragraphs?: string[] | undefined;
  lang?: string | undefined;
  size: 'short' | 'medium' | 'long';
};

export const quoteFigureView = onePerEntry<Quote, QuoteFigureView>((quote) => ({
  displayText: quote.displayText,
  ...(quote.displayParagraphs ? { paragraphs: quote.displayParagraphs } : {}),
  lang: quote.lang,
  size: quote.text.length > 600 ? 'long' : quote.text.length < 40 ? 'short' : 'medium',
}));

// ---------------------------------------------------------------- /quotes/<id>/ and /quotes/<yyyy>/

/** Where a quote page links: the article the quote is from, with its byline. */
export type QuoteSourceView = {
  id: string;
  title: string;
  publication?: string | undefined;
  section?: string | undefined;
  publishedMs: number;
  timeZone: string;
  sourceUrl?: string | undefined;
  /** An archived copy of the original, shown beside it. */
  archivedUrl?: string | undefined;
  authors: PersonRef[];
};

/** A quote's page (src/components/QuoteDetail.astro, its head in src/views/page-heads.ts). */
export type QuotePageView = {
  kind: 'quote';
  id: string;
  /** The words as stored (structured data). */
  text: string;
  date: string;
  lang?: string | undefined;
  status: Exclude<QuoteStatus, 'withdrawn'>;
  figure: QuoteFigureView;
  speakerId: string;
  speaker?: SpeakerRef | undefined;
  curator?: PersonRef | undefined;
  article?: QuoteSourceView | undefined;
  /** The passage in the original article (a text fragment), when the quote was found in it. */
  originalPassageUrl?: string | undefined;
  /** The quote inside its sentences, when it was found in its article. */
  passage?: ContextPiece[] | undefined;
  /** Where it was said, for a quote without its source text. */
  context?: string | undefined;
  commentaryHtml: string;
  corrections: Correction[];
  older?: { id: string; date: string } | undefined;
  newer?: { id: string; date: string } | undefined;
  /** Other quotes from the same article (without the article's title), then other quotes of the same speaker (without the speaker). */
  sameArticle: QuoteListItemView[];
  sameSpeaker: QuoteListItemView[];
  /** The quote's tags, each linked to its page. */
  tags: { id: string; name: string }[];
  citation: CitationInput;
};

/** A withdrawn quote's page: a notice (src/components/WithdrawnNotice.astro). */
export type WithdrawnQuoteView = {
  kind: 'withdrawn';
  id: string;
  date: string;
  withdrawn?: { date: string; reason: string } | undefined;
  speakerId: string;
  speakerName?: string | undefined;
  article?: { id: string; title: string } | undefined;
};

/** A year of the archive, month by month (src/components/YearArchive.astro). */
export type YearPageView = {
  kind: 'year';
  year: number;
  months: { year: number; month: number; items: QuoteListItemView[] }[];
};

/** The words of a text fragment that find the quote in the original: all of them, or its first and last four. */
function fragmentEnds(quote: Quote, first: string, last: string): [string, string | undefined] {
  const startWords = first.split(/\s+/).slice(0, 4).join(' ');
  const endWords = last.split(/\s+/).slice(-4).join(' ');
  const whole = quote.match?.spans.length === 1 && !quote.match.runsOn && first.split(/\s+/).length <= 8;
  return whole ? [first, undefined] : [startWords, endWords];
}

function originalPassageUrl(quote: Quote, article: Article | undefined): string | undefined {
  const firstSpan = quote.match?.spans[0];
  const paragraph = article && quote.match ? article.paragraphs[quote.match.paragraphIndex] : undefined;
  // A quote that runs over a paragraph break ends in its last paragraph.
  const lastPart = quote.match?.runsOn?.at(-1) ?? quote.match;
  const lastSpan = lastPart?.spans.at(-1);
  const lastParagraph = article && lastPart ? article.paragraphs[lastPart.paragraphIndex] : undefined;
  if (!article?.sourceUrl || !paragraph || !lastParagraph || !firstSpan || !lastSpan) return undefined;
  return textFragmentUrl(
    article.sourceUrl,
    ...fragmentEnds(quote, paragraph.slice(firstSpan.start, firstSpan.end), lastParagraph.slice(lastSpan.start, lastSpan.end)),
  );
}

const quoteSourceView = onePerEntry<Article, QuoteSourceView>((article, archive) => ({
  id: article.id,
  title: article.title,
  publication: article.publication,
  section: article.section,
  publishedMs: article.publishedMs,
  timeZone: article.timeZone,
  sourceUrl: article.sourceUrl,
  archivedUrl: article.archivedUrl,
  authors: articleListItemAuthors(article, archive).map((person) => personRef(person, archive)),
}));

/** The page of a quote with a page (archive.quotesWithPages): the quote, or the notice of its withdrawal. */
export function quotePageView(quote: Quote, archive: Archive): QuotePageView | WithdrawnQuoteView {
  const { speaker, curator, article, older, newer, sameArticle, sameSpeaker, tags } = quotePageRelations(quote, archive);
  if (quote.status === 'withdrawn') {
    return {
      kind: 'withdrawn',
      id: quote.id,
      date: quote.date,
      withdrawn: quote.withdrawn,
      speakerId: quote.speakerId,
      speakerName: speaker?.name,
      article: article && { id: article.id, title: article.title },
    };
  }
  return {
    kind: 'quote',
    id: quote.id,
    text: quote.text,
    date: quote.date,
    lang: quote.lang,
    status: quote.status,
    figure: quoteFigureView(quote, archive),
    speakerId: quote.speakerId,
    speaker: speaker && speakerRef(speaker, archive),
    curator: curator && personRef(curator, archive),
    article: article && quoteSourceView(article, archive),
    originalPassageUrl: originalPassageUrl(quote, article),
    passage: article && quote.match ? quote.match.context : undefined,
    context: quote.context,
    commentaryHtml: quote.commentaryHtml,
    // The words before each correction that changed them, shown as the quote is: with smart punctuation.
    corrections: quote.corrections.map((correction) =>
      correction.from === undefined ? correction : { ...correction, from: smartPunctuation(correction.from) },
    ),
    older: older && { id: older.id, date: older.date },
    newer: newer && { id: newer.id, date: newer.date },
    // Each list leaves out what its heading names: the article ("More from this article"), the speaker ("More from …").
    sameArticle: quoteList(sameArticle, archive).map(({ sourceTitle: _source, ...item }) => item),
    sameSpeaker: quoteList(sameSpeaker, archive).map(({ speakerName: _speaker, ...item }) => item),
    tags: tags.map((tag) => ({ id: tag.id, name: tag.name })),
    citation: citationInput(quote, archive),
  };
}

export function yearPageView(year: number, archive: Archive): YearPageView {
  return {
    kind: 'year',
    year,
    months: groupByMonth(yearQuotes(year, archive)).map((group) => ({
      year: group.year,
      month: group.month,
      items: quoteList(group.items, archive),
    })),
  };
}

// ---------------------------------------------------------------- /articles/<id>/

/** A quote pulled from the article: marked in its body (id, text, status) and listed under it. */
export type PulledQuoteView = {
  id: string;
  text: string;
  status: QuoteStatus;
  displayText: string;
  date: string;
  speakerName?: string | undefined;
};

/** An article's page (src/components/ArticleDetail.astro, its head in src/views/page-heads.ts). */
export type ArticlePageView = {
  article: {
    id: string;
    title: string;
    dek?: string | undefined;
    publication?: string | undefined;
    section?: string | undefined;
    publishedMs: number;
    updatedMs?: number | undefined;
    timeZone: string;
    sourceUrl?: string | undefined;
    archivedUrl?: string | undefined;
    caption?: string | undefined;
    authorNote?: string | undefined;
    rights?: string | undefined;
    display: Article['display'];
    corrections: Correction[];
    /** The rendered article, before its pulled passages are marked. */
    html: string;
  };
  authors: PersonRef[];
  pulled: PulledQuoteView[];
  /** The reading time of what the page shows: an excerpt's, not the whole article's. */
  minutes: number;
  /** The first paragraph the page shows, for its description. */
  firstParagraph?: string | undefined;
};

export function articlePageView(article: Article, archive: Archive): ArticlePageView {
  const { authors, pulled, speakers } = articlePageRelations(article, archive);
  const published = publishedArticleText(article, pulled);
  return {
    article: {
      id: article.id,
      title: article.title,
      dek: article.dek,
      publication: article.publication,
      section: article.section,
      publishedMs: article.publishedMs,
      updatedMs: article.updatedMs,
      timeZone: article.timeZone,
      sourceUrl: article.sourceUrl,
      archivedUrl: article.archivedUrl,
      caption: article.caption,
      authorNote: article.authorNote,
      rights: article.rights,
      display: article.display,
      corrections: article.corrections,
      html: article.html,
    },
    authors: authors.map((person) => personRef(person, archive)),
    pulled: pulled.map((quote, index) => ({
      id: quote.id,
      text: quote.text,
      status: quote.status,
      displayText: quote.displayText,
      date: quote.date,
      speakerName: speakers[index]?.name,
    })),
    minutes: readingMinutes(published.words, siteConfig.wordsPerMinute),
    firstParagraph: published.paragraphs[0],
  };
}

// ---------------------------------------------------------------- /people/<id>/ and /tags/<id>/

export type PersonPageView = {
  person: { id: string; name: string; description?: string | undefined; url?: string | undefined; bioHtml: string };
  quotes: QuoteListItemView[];
  /** The quotes of the day the person chose, as curator. */
  chosen: QuoteListItemView[];
  articles: ArticleListItemView[];
};

export function personPageView(person: Person, archive: Archive): PersonPageView {
  const { quotes, articles, chosen } = personPageRelations(person, archive);
  return {
    person: { id: person.id, name: person.name, description: person.description, url: person.url, bioHtml: person.bioHtml },
    quotes: quoteList(quotes, archive),
    chosen: quoteList(chosen, archive),
    articles: articleList(articles, archive),
  };
}

export type TagPageView = {
  tag: { id: string; name: string; description?: string | undefined };
  quotes: QuoteListItemView[];
  articles: ArticleListItemView[];
};

export function tagPageView(tag: Tag, archive: Archive): TagPageView {
  const { quotes, articles } = tagPageEntries(tag, archive);
  return {
    tag: { id: tag.id, name: tag.name, description: tag.description },
    quotes: quoteList(quotes, archive),
    articles: articleList(articles, archive),
  };
}

// ---------------------------------------------------------------- the lists of quotes

/** A page of all quotes, newest first (src/components/QuotesListPage.astro). */
export type QuoteListPageView = {
  number: number;
  total: number;
  /** How many quotes the whole list holds. */
  count: number;
  /** The years of the archive, newest first: every page links them. */
  years: number[];
  items: QuoteListItemView[];
};

/** Every page of the list of all quotes, the first one (/quotes/) included. */
export function quoteListPageViews(archive: Archive): QuoteListPageView[] {
  return paginate(archive.quotes, siteConfig.quotesPerPage).map((page) => ({
    number: page.number,
    total: page.total,
    count: archive.quotes.length,
    years: archive.years,
    items: quoteList(page.items, archive),
  }));
}

/** /quotes/<yyyy>/<mm>/. */
export type MonthPageView = {
  year: number;
  month: number;
  items: QuoteListItemView[];
};

export function monthPageViews(archive: Archive): MonthPageView[] {
  return groupByMonth(archive.quotes).map((group) => ({ year: group.year, month: group.month, items: quoteList(group.items, archive) }));
}

// ---------------------------------------------------------------- the home page and the indexes

export type TodaysQuoteView = {
  id: string;
  date: string;
  /** Its day is today. */
  isToday: boolean;
  figure: QuoteFigureView;
  speaker?: SpeakerRef | undefined;
  source?: { id: string; title: string } | undefined;
};

export type HomePageView = {
  /** Today's quote, or the latest one before today. */
  today?: TodaysQuoteView | undefined;
  /** The other quotes of that day, when the day is shared (`sharesDay`): today's too. */
  alsoToday: TodaysQuoteView[];
  /** Quotes of the same day in earlier years. */
  earlier: QuoteListItemView[];
  latest: QuoteListItemView[];
  articles: ArticleListItemView[];
};

function todaysQuoteView(quote: Quote, archive: Archive): TodaysQuoteView {
  const speaker = archive.personById.get(quote.speakerId);
  const source = quote.sourceId ? archive.articleById.get(quote.sourceId) : undefined;
  return {
    id: quote.id,
    date: quote.date,
    isToday: quote.date === archive.today,
    figure: quoteFigureView(quote, archive),
    speaker: speaker && speakerRef(speaker, archive),
    source: source && { id: source.id, title: source.title },
  };
}

export function homePageView(archive: Archive): HomePageView {
  const published = archive.quotes.filter((quote) => quote.status === 'published');
  const [today, ...alsoToday] = todaysQuotes(published, archive.today);
  const shown = new Set([today, ...alsoToday].map((quote) => quote?.id));
  return {
    today: today && todaysQuoteView(today, archive),
    alsoToday: alsoToday.map((quote) => todaysQuoteView(quote, archive)),
    earlier: quoteList(
      onThisDay(published, archive.today).filter((quote) => !shown.has(quote.id)),
      archive,
    ),
    latest: quoteList(published.filter((quote) => !shown.has(quote.id)).slice(0, siteConfig.homeLatestQuotes), archive),
    articles: articleList(archive.articles.slice(0, siteConfig.homeLatestArticles), archive),
  };
}

export type ArticlesIndexView = { articles: ArticleListItemView[] };

export function articlesIndexView(archive: Archive): ArticlesIndexView {
  return { articles: articleList(archive.articles, archive) };
}

export type PeopleIndexView = {
  people: {
    id: string;
    name: string;
    sortKey: string;
    description?: string | undefined;
    quotes: number;
    /** Quotes of the day they chose, as curator. */
    chosen: number;
    articles: number;
  }[];
};

export function peopleIndexView(archive: Archive): PeopleIndexView {
  return {
    people: archive.people.map((person) => ({
      id: person.id,
      name: person.name,
      sortKey: personSortKey(person),
      description: person.description,
      quotes: archive.quotesBySpeaker.get(person.id)?.length ?? 0,
      chosen: archive.quotesByCurator.get(person.id)?.length ?? 0,
      articles: archive.articlesByAuthor.get(person.id)?.length ?? 0,
    })),
  };
}

export type TagsIndexView = {
  tags: { id: string; name: string; description?: string | undefined; quotes: number; articles: number }[];
};

export function tagsIndexView(archive: Archive): TagsIndexView {
  return {
    tags: archive.tags.map((tag) => ({
      id: tag.id,
      name: tag.name,
      description: tag.description,
      quotes: archive.quotesByTag.get(tag.id)?.length ?? 0,
      articles: archive.articlesByTag.get(tag.id)?.length ?? 0,
    })),
  };
}

/** /feeds/: every feed, grouped, with its page, what it carries and its address. */
export type FeedsPageView = {
  groups: { id: string; title: string; entries: { name: string; page?: string | undefined; description: string; url: string }[] }[];
};

export function feedsPageView(archive: Archive): FeedsPageView {
  const main = [
    { name: 'Quotes of the day', description: siteConfig.description, url: absoluteUrl(feedUrl()) },
    {
      name: 'Quotes of the day, as JSON Feed',
      description: 'The same feed for readers that prefer JSON Feed.',
      url: absoluteUrl(jsonFeedUrl()),
    },
    { name: 'Articles', description: articlesFeedDescription(siteConfig.title), url: absoluteUrl(feedUrl({ kind: 'articles' })) },
  ];
  const people = archive.people.flatMap((person) => {
    const published = (quotes: Quote[] | undefined) => (quotes ?? []).filter((quote) => quote.status === 'published').length;
    const quotes = published(archive.quotesBySpeaker.get(person.id));
    const chosen = published(archive.quotesByCurator.get(person.id));
    const articles = archive.articlesByAuthor.get(person.id)?.length ?? 0;
    if (quotes === 0 && chosen === 0 && articles === 0) return [];
    return [
      {
        name: person.name,
        page: personUrl(person.id),
        description: personFeedText(siteConfig.title, person.name, { quotes, chosen, articles }).description,
        url: absoluteUrl(feedUrl({ kind: 'person', id: person.id })),
      },
    ];
  });
  const tags = archive.tags.map((tag) => ({
    name: tag.name,
    page: tagUrl(tag.id),
    description: tagFeedDescription(siteConfig.title, tag),
    url: absoluteUrl(feedUrl({ kind: 'tag', id: tag.id })),
  }));
  return {
    groups: [
      { id: 'main-feeds', title: 'The whole archive', entries: main },
      { id: 'people-feeds', title: 'People', entries: people },
      { id: 'tag-feeds', title: 'Tags', entries: tags },
    ].filter((group) => group.entries.length > 0),
  };
}

/** /quotes.json: the open data document is its own view model. */
export function openDataView(archive: Archive): OpenDataDocument {
  return openDataDocument(archive, { siteTitle: siteConfig.title, defaultLang: siteConfig.lang });
}
