import { describe, it, expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeHtml } from '../../src/domain/html-escape.ts';
import {
  absoluteUrlsInHtml,
  articleFeedItem,
  feedHtml,
  latestItems,
  personFeedText,
  plainText,
  quoteFeedItem,
  type ArticleFeedInput,
  type FeedItem,
  type FeedSettings,
  type QuoteFeedInput,
} from '../../src/views/feed-items.ts';
import { cdata, renderRss, type RssChannel } from '../../src/views/rss-document.ts';
import { formatDateTimeInZone, formatDayLong } from '../../src/domain/dates.ts';
import { xmlWellFormednessErrors } from '../support/xml.ts';

const PAGE = 'https://qtd.example/quotes/spirit-of-resistance/';
const NBSP = '\u00a0';

const settings: FeedSettings = { siteTitle: 'QTD', timeZone: 'America/New_York', hourOfDay: 8, titleWords: 10, author: 'Site Curator' };

const quoteInput: QuoteFeedInput = {
  guid: 'tag:qtd,2021:quotes/spirit-of-resistance',
  text: `What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance. .${NBSP}.${NBSP}. You must believe with all your heart in your mission.`,
  date: '2021-08-23',
  link: PAGE,
  speaker: { name: 'Ahmad Massoud', url: 'https://qtd.example/people/ahmad-massoud/', description: 'Afghan resistance leader' },
  source: {
    title: 'The Afghan Who Won’t Surrender to the Taliban',
    url: 'https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/',
    passageUrl: 'https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/#q-spirit-of-resistance',
    authors: ['Bernard-Henri Lévy'],
    publication: 'The Wall Street Journal',
    publishedMs: Date.parse('2021-08-23T12:56:00-04:00'),
    timeZone: 'America/New_York',
  },
  curator: 'Jenna Lee',
  verified: true,
  commentaryHtml: '<p>See <a href="../../articles/x/#q-spirit-of-resistance">the passage</a>.</p>',
  corrections: [],
  tags: ['Afghanistan', 'Resistance'],
  image: 'https://qtd.example/og/quotes/spirit-of-resistance.png',
};

const articleInput: ArticleFeedInput = {
  guid: 'tag:qtd,2021:articles/the-afghan',
  title: 'The Afghan Who Won’t Surrender to the Taliban',
  link: 'https://qtd.example/articles/the-afghan/',
  authors: ['Bernard-Henri Lévy'],
  publication: 'The Wall Street Journal',
  publishedMs: Date.parse('2021-08-23T12:56:00-04:00'),
  timeZone: 'America/New_York',
  corrections: [],
  bodyHtml: '<p>Ahmad Massoud is in a <a href="/people/ahmad-massoud/">remote base</a>.</p><p>Second &amp; last.</p>',
  tags: ['Afghanistan'],
  excerptOnly: false,
};

function item(overrides: Partial<FeedItem>): FeedItem {
  return {
    guid: 'tag:qtd,2021:quotes/a',
    title: 'A',
    link: 'https://qtd.example/quotes/a/',
    pubDateMs: Date.parse('2021-08-23T12:00:00Z'),
    summary: 'A summary',
    contentHtml: '<p>A</p>',
    creators: ['Someone'],
    categories: [],
    timeZone: 'UTC',
    ...overrides,
  };
}

describe('plainText', () => {
  it('reads the text of HTML, entities decoded, on one line', () => {
    expect(plainText('<p>Fish &amp; chips &lt;3</p>\n<p>Second <em>paragraph</em>&#8217;s end</p>')).toBe(
      'Fish & chips <3 Second paragraph’s end',
    );
  });

  it('keeps the no-break spaces of a printed ellipsis', () => {
    expect(plainText(`<p>resistance. .${NBSP}.${NBSP}. You</p>`)).toBe(`resistance. .${NBSP}.${NBSP}. You`);
  });

  it('does not read a script or a comment as text', () => {
    expect(plainText('<p>Before</p><script>alert("x")</script><!-- note --><p>After</p>')).toBe('Before After');
  });

  it('is not fooled by a ">" inside an attribute', () => {
    expect(plainText('<p title="a > b">Text</p>')).toBe('Text');
  });
});

describe('absoluteUrlsInHtml', () => {
  const absolute = (html: string) => absoluteUrlsInHtml(html, PAGE);

  it('resolves relative and root-relative links against the page', () => {
    expect(absolute('<a href="../other/">x</a>')).toBe('<a href="https://qtd.example/quotes/other/">x</a>');
    expect(absolute('<a href="/people/ahmad-massoud/">x</a>')).toBe('<a href="https://qtd.example/people/ahmad-massoud/">x</a>');
    expect(absolute('<img src="card.png" alt="">')).toBe('<img src="https://qtd.example/quotes/spirit-of-resistance/card.png" alt="">');
  });

  it('gives a protocol-relative URL the page’s scheme', () => {
    expect(absolute('<img src="//cdn.example/a.png" alt="">')).toBe('<img src="https://cdn.example/a.png" alt="">');
  });

  it('points a fragment-only link at the page, not at the reader', () => {
    expect(absolute('<a href="#q-spirit">x</a>')).toBe(`<a href="${PAGE}#q-spirit">x</a>`);
  });

  it('resolves every candidate of a srcset and keeps its descriptor', () => {
    const html = absolute('<img src="a.png" srcset="a-1x.png 1x, /img/a-2x.png 2x,//cdn.example/a-3x.png 3x" alt="">');
    expect(html).toContain(
      'srcset="https://qtd.example/quotes/spirit-of-resistance/a-1x.png 1x, https://qtd.example/img/a-2x.png 2x, https://cdn.example/a-3x.png 3x"',
    );
  });

  it('resolves cite attributes and leaves absolute and mailto: URLs untouched', () => {
    expect(absolute('<blockquote cite="/articles/x/"><p>q</p></blockquote>')).toBe(
      '<blockquote cite="https://qtd.example/articles/x/"><p>q</p></blockquote>',
    );
    expect(absolute('<a href="mailto:editor@qtd.example">mail</a>')).toBe('<a href="mailto:editor@qtd.example">mail</a>');
    expect(absolute('<a href="https://news.example/a?b=1&#x26;c=2">x</a>')).toBe('<a href="https://news.example/a?b=1&#x26;c=2">x</a>');
  });
});

describe('feedHtml', () => {
  const clean = (html: string) => feedHtml(html, PAGE);

  it('removes scripts, styles and event handlers', () => {
    const html = clean('<p onclick="steal()">Hi<script>steal()</script><style>p{}</style><img src="x.png" onerror="steal()" alt="x"></p>');
    expect(html).not.toMatch(/script|style|onclick|onerror|steal/);
    expect(html).toBe('<p>Hi<img src="https://qtd.example/quotes/spirit-of-resistance/x.png" alt="x"></p>');
  });

  it('drops javascript: and data: URLs, however they are disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      const html = clean(`<a href="${href}">x</a>`);
      expect(html, href).toBe('<a>x</a>');
    }
  });

  it('drops ids and names, which only mean something on the page', () => {
    expect(clean('<h2 id="user-content-top">T</h2><a name="x" href="#top">up</a>')).toBe(`<h2>T</h2><a href="${PAGE}#top">up</a>`);
  });

  it('keeps the language and direction of a quote, marks and citations', () => {
    const html = clean(
      '<blockquote lang="fa" dir="rtl" cite="https://news.example/"><p><mark>متن</mark> <cite>Source</cite></p></blockquote>',
    );
    expect(html).toBe(
      '<blockquote lang="fa" dir="rtl" cite="https://news.example/"><p><mark>متن</mark> <cite>Source</cite></p></blockquote>',
    );
  });
});

describe('quoteFeedItem', () => {
  const built = quoteFeedItem(quoteInput, settings);

  it('titles the item with the speaker and the first words in quotation marks', () => {
    expect(built.title).toBe('Ahmad Massoud: “What makes a people strong, above and beyond any imbalance…”');
  });

  it('closes the quotation marks a shortened title opens, the quote’s own marks turned to single ones', () => {
    const nested = quoteFeedItem({ ...quoteInput, text: 'He told me “we will never give up, whatever the price” and left' }, settings);
    expect(nested.title).toBe('Ahmad Massoud: “He told me ‘we will never give up, whatever the…’”');
    const short = quoteFeedItem({ ...quoteInput, text: 'He said “no” twice.' }, settings);
    expect(short.title).toBe('Ahmad Massoud: “He said ‘no’ twice.”');
  });

  it('dates the item at the morning hour of its day in the site’s zone', () => {
    expect(new Date(built.pubDateMs).toISOString()).toBe('2021-08-23T12:00:00.000Z');
    expect(built.timeZone).toBe('America/New_York');
  });

  it('keeps the guid, the link, the tags and the image, and names the curator, who wrote it, as its author', () => {
    expect(built.guid).toBe('tag:qtd,2021:quotes/spirit-of-resistance');
    expect(built.link).toBe(PAGE);
    expect(built.categories).toEqual(['Afghanistan', 'Resistance']);
    expect(built.image).toBe('https://qtd.example/og/quotes/spirit-of-resistance.png');
    expect(built.creators).toEqual(['Jenna Lee']);
    expect(quoteFeedItem({ ...quoteInput, curator: undefined }, settings).creators).toEqual(['Site Curator']);
  });

  it('summarises in plain text, keeping the words as written', () => {
    expect(built.summary).toBe(`“${quoteInput.text}” — Ahmad Massoud, in “The Afghan Who Won’t Surrender to the Taliban”`);
  });

  it('holds the quote, its attribution, its source and the commentary with absolute URLs', () => {
    expect(built.contentHtml).toContain(`<blockquote><p>${quoteInput.text}</p></blockquote>`);
    expect(built.contentHtml).toContain('<a href="https://qtd.example/people/ahmad-massoud/">Ahmad Massoud</a>, Afghan resistance leader');
    expect(built.contentHtml).toContain(
      '<p>From “<a href="https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/">The Afghan Who Won’t Surrender to the Taliban</a>” by Bernard-Henri Lévy, <cite>The Wall Street Journal</cite>, Aug. 23, 2021, 12:56 p.m. ET.</p>',
    );
    expect(built.contentHtml).toContain(
      '<strong>Verified</strong> against the text of “The Afghan Who Won’t Surrender to the Taliban”: the words are in the article, <a href="https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/#q-spirit-of-resistance">marked at the passage</a>.',
    );
    expect(built.contentHtml).toContain('<h3>Quote of the day for August 23, 2021, chosen by Jenna Lee</h3>');
    expect(built.contentHtml).toContain('<a href="https://qtd.example/articles/x/#q-spirit-of-resistance">the passage</a>');
  });

  it('marks the language and direction of a quote in another script', () => {
    const persian = quoteFeedItem({ ...quoteInput, text: 'آزادی', lang: 'fa', dir: 'rtl' }, settings);
    expect(persian.contentHtml).toContain('<blockquote lang="fa" dir="rtl"><p>آزادی</p></blockquote>');
  });

  it('shows the context and the corrections of a quote', () => {
    const withContext = quoteFeedItem(
      {
        ...quoteInput,
        source: undefined,
        verified: false,
        context: 'Interview by phone, Aug. 21, 2021',
        corrections: [{ date: '2021-08-24', note: 'Fixed a typo.' }],
      },
      settings,
    );
    expect(withContext.contentHtml).toContain('<p>Interview by phone, Aug. 21, 2021</p>');
    expect(withContext.contentHtml).toContain('Source text not in the archive.');
    expect(withContext.contentHtml).toContain('Corrected on August 24, 2021: Fixed a typo.');
    expect(withContext.summary).toBe(`“${quoteInput.text}” — Ahmad Massoud`);
  });

  it('escapes text and lets nothing unsafe through from the commentary', () => {
    const hostile = quoteFeedItem(
      {
        ...quoteInput,
        text: 'Less <b>than</b> & more',
        speaker: { ...quoteInput.speaker, name: 'A <script>alert(1)</script>' },
        commentaryHtml: '<p><a href="javascript:alert(1)" onmouseover="alert(2)">x</a></p><script>alert(3)</script>',
      },
      settings,
    );
    expect(hostile.contentHtml).toContain('<p>Less &#x3C;b>than&#x3C;/b> &#x26; more</p>');
    expect(hostile.contentHtml).not.toMatch(/<script|javascript:|onmouseover/);
    expect(hostile.contentHtml).toContain('<p><a>x</a></p>');
  });
});

describe('quoteFeedItem written as the feed pass writes it', () => {
  // The way items were built before: markup escaped for HTML, then the whole item run
  // through the feed pass (parse, absolute URLs, sanitise, serialise). The item must not differ.
  function throughThePass(input: QuoteFeedInput): string {
    const lang = input.lang ? ` lang="${escapeHtml(input.lang)}"${input.dir === 'rtl' ? ' dir="rtl"' : ''}` : '';
    const source = input.source;
    const title = source && escapeHtml(source.title.replace(/“/g, '‘').replace(/”/g, '’'));
    const afterTitle = source?.authors.length
      ? `” by ${escapeHtml(source.authors.join(' and '))}, `
      : /[?!]$/.test(source?.title ?? '')
        ? '” '
        : ',” ';
    const original = source?.originalUrl
      ? ` <a href="${escapeHtml(source.originalUrl)}">Read it in the original</a>${source.archivedUrl ? ` (<a href="${escapeHtml(source.archivedUrl)}">archived copy</a>)` : ''}.`
      : '';
    const sourceLine = source
      ? `<p>From “<a href="${escapeHtml(source.url)}">${title}</a>${afterTitle}${source.publication ? `<cite>${escapeHtml(source.publication)}</cite>, ` : ''}${escapeHtml(formatDateTimeInZone(source.publishedMs, source.timeZone))}.${original}</p>`
      : '';
    const passage = source?.passageUrl ? `<a href="${escapeHtml(source.passageUrl)}">marked at the passage</a>` : 'marked at the passage';
    const provenance =
      input.verified && source
        ? `<p><small><strong>Verified</strong> against the text of “${title}”: the words are in the article, ${passage}.</small></p>`
        : '<p><small>Source text not in the archive.</small></p>';
    const commentary = input.commentaryHtml.trim()
      ? `<h3>Quote of the day for ${escapeHtml(formatDayLong(input.date))}${input.curator ? `, chosen by ${escapeHtml(input.curator)}` : ''}</h3>${input.commentaryHtml}`
      : '';
    const corrections = input.corrections.length
      ? `<p><strong>Corrections:</strong> ${input.corrections.map((c) => `Corrected on ${escapeHtml(formatDayLong(c.date))}: ${escapeHtml(c.note)}`).join(' ')}</p>`
      : '';
    return feedHtml(
      [
        `<blockquote${lang}><p>${escapeHtml(input.text)}</p></blockquote>`,
        `<p>— <a href="${escapeHtml(input.speaker.url)}">${escapeHtml(input.speaker.name)}</a>${input.speaker.description ? `, ${escapeHtml(input.speaker.description)}` : ''}</p>`,
        sourceLine,
        input.context ? `<p>${escapeHtml(input.context)}</p>` : '',
        provenance,
        commentary,
        corrections,
      ].join(''),
      input.link,
    );
  }

  const awkward = 'Tom & Jerry <b>“quoted”</b> \'single\' "double" a<b c>d &amp; &#60; ]]> \r\nnext\rline\u0000end \u2028 🙂 الحرية';
  const cases: [string, QuoteFeedInput][] = [
    ['an ordinary quote', quoteInput],
    [
      'no source, with context and corrections',
      {
        ...quoteInput,
        source: undefined,
        verified: false,
        context: 'Interview by phone',
        corrections: [{ date: '2021-08-24', note: 'Fixed <a> typo & more.' }],
      },
    ],
    ['a right-to-left quote', { ...quoteInput, text: 'آزادی', lang: 'fa', dir: 'rtl' }],
    [
      'no commentary, no curator, no description',
      { ...quoteInput, commentaryHtml: '  ', curator: undefined, speaker: { name: 'X', url: 'https://qtd.example/people/x/' } },
    ],
    [
      'awkward text in every field',
      {
        ...quoteInput,
        text: awkward,
        lang: 'en-x-"odd"&',
        context: awkward,
        curator: awkward,
        speaker: { name: awkward, url: 'https://qtd.example/people/a?b=1&c="2"', description: awkward },
        source: {
          ...quoteInput.source!,
          title: awkward,
          url: 'https://qtd.example/articles/a/?q=1&r=<2>',
          authors: [awkward, 'B & C'],
          publication: awkward,
        },
        corrections: [{ date: '2021-08-24', note: awkward }],
      },
    ],
    [
      'an original and its archived copy, a title with quotes and no authors',
      {
        ...quoteInput,
        source: {
          ...quoteInput.source!,
          title: 'Why “Never” Matters',
          authors: [],
          originalUrl: 'https://news.example/a?x=1&y=2',
          archivedUrl: 'https://web.archive.org/web/2021/https://news.example/a?x=1&y=2',
        },
      },
    ],
    ['a title ending in a question mark', { ...quoteInput, source: { ...quoteInput.source!, title: 'Can He Hold Out?', authors: [] } }],
    [
      'URLs that are not written as the URL parser writes them',
      {
        ...quoteInput,
        speaker: { ...quoteInput.speaker, url: 'HTTPS://QTD.example:443/people/a b/' },
        source: { ...quoteInput.source!, url: 'https://qtd.example' },
      },
    ],
    [
      'hostile commentary',
      {
        ...quoteInput,
        commentaryHtml:
          '<p id="user-content-x"><a href="javascript:alert(1)" onmouseover="alert(2)">x</a><img src="/a.png" alt=""></p><script>alert(3)</script><style>p{}</style>',
      },
    ],
  ];

  for (const [name, input] of cases) {
    it(`gives the item the whole-item pass gave: ${name}`, () => {
      const { contentHtml } = quoteFeedItem(input, settings);
      expect(contentHtml).toBe(throughThePass(input));
      // Nothing in it for the pass to change: no URL to make absolute, nothing to sanitise, no text written differently.
      expect(feedHtml(contentHtml, input.link)).toBe(contentHtml);
    });
  }
});

describe('articleFeedItem', () => {
  it('uses the dek as summary and puts dek, byline and body in the content', () => {
    const built = articleFeedItem({ ...articleInput, dek: 'Can he hold out?' }, settings);
    expect(built.summary).toBe('Can he hold out?');
    expect(built.contentHtml).toBe(
      '<p><em>Can he hold out?</em></p><p>By Bernard-Henri Lévy, <cite>The Wall Street Journal</cite>, Aug. 23, 2021, 12:56 p.m. ET</p>' +
        '<p>Ahmad Massoud is in a <a href="https://qtd.example/people/ahmad-massoud/">remote base</a>.</p><p>Second &#x26; last.</p>',
    );
    expect(built.pubDateMs).toBe(Date.parse('2021-08-23T16:56:00Z'));
    expect(built.timeZone).toBe('America/New_York');
    expect(built.creators).toEqual(['Bernard-Henri Lévy']);
  });

  it('summarises an article without a dek from its text, cut at a word', () => {
    expect(articleFeedItem(articleInput, settings).summary).toBe('Ahmad Massoud is in a remote base. Second & last.');
    const long = articleFeedItem({ ...articleInput, bodyHtml: `<p>${'word '.repeat(200)}</p>` }, settings);
    expect(long.summary.length).toBeLessThanOrEqual(300);
    expect(long.summary).toMatch(/^word( word)*…$/);
  });

  it('says when only excerpts are published and links the original', () => {
    const built = articleFeedItem({ ...articleInput, excerptOnly: true, sourceUrl: 'https://news.example/a?x=1&y=2' }, settings);
    expect(built.contentHtml).toContain('The archive publishes only excerpts of this article.');
    expect(built.contentHtml).toContain('<a href="https://news.example/a?x=1&#x26;y=2">The original article</a>');
  });

  it('gives the archived copy beside the original', () => {
    const built = articleFeedItem(
      { ...articleInput, sourceUrl: 'https://news.example/a', archivedUrl: 'https://web.archive.org/web/2021/https://news.example/a' },
      settings,
    );
    expect(built.contentHtml).toContain(
      '<p><a href="https://news.example/a">The original article</a> (<a href="https://web.archive.org/web/2021/https://news.example/a">archived copy</a>)</p>',
    );
  });

  it('carries the article’s corrections under the same guid, dated when the last one was made', () => {
    const corrected = articleFeedItem(
      {
        ...articleInput,
        corrections: [
          { date: '2021-08-24', note: 'Fixed a name.' },
          { date: '2021-09-02', note: 'Fixed a date.' },
        ],
      },
      settings,
    );
    expect(corrected.guid).toBe(articleInput.guid);
    expect(corrected.pubDateMs).toBe(articleInput.publishedMs);
    expect(corrected.contentHtml).toContain(
      '<p><strong>Corrections:</strong> Corrected on August 24, 2021: Fixed a name. Corrected on September 2, 2021: Fixed a date.</p>',
    );
    expect(new Date(corrected.updatedMs!).toISOString()).toBe('2021-09-02T12:00:00.000Z');
    expect(articleFeedItem(articleInput, settings).updatedMs).toBeUndefined();
  });
});

describe('a withdrawn quote’s item', () => {
  const withdrawn = quoteFeedItem(
    {
      ...quoteInput,
      source: { ...quoteInput.source!, passageUrl: undefined },
      withdrawn: { date: '2021-09-01', reason: 'The words were <b>misattributed</b> & are not his.' },
    },
    settings,
  );

  it('stays under the same guid, link and date, titled as a withdrawal', () => {
    expect(withdrawn.guid).toBe(quoteInput.guid);
    expect(withdrawn.link).toBe(PAGE);
    expect(withdrawn.pubDateMs).toBe(quoteFeedItem(quoteInput, settings).pubDateMs);
    expect(withdrawn.title).toBe('Withdrawn: a quote of Ahmad Massoud, the quote of the day for August 23, 2021');
    expect(new Date(withdrawn.updatedMs!).toISOString()).toBe('2021-09-01T12:00:00.000Z');
  });

  it('gives the reason and the date, and no longer the words or their card', () => {
    expect(withdrawn.contentHtml).toContain('<p><strong>This quote was withdrawn</strong> on September 1, 2021.</p>');
    expect(withdrawn.contentHtml).toContain(
      '<p><strong>Why:</strong> The words were &#x3C;b>misattributed&#x3C;/b> &#x26; are not his.</p>',
    );
    expect(withdrawn.contentHtml).toContain(
      'still in the archive: “<a href="https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/">The Afghan Who Won’t Surrender to the Taliban</a>”.',
    );
    expect(withdrawn.summary).toBe('Withdrawn on September 1, 2021: The words were <b>misattributed</b> & are not his.');
    expect(withdrawn.contentHtml).not.toContain('What makes a people strong');
    expect(withdrawn.summary).not.toContain('What makes a people strong');
    expect(withdrawn.image).toBeUndefined();
    expect(feedHtml(withdrawn.contentHtml, PAGE)).toBe(withdrawn.contentHtml);
  });
});

describe('a corrected quote’s item', () => {
  it('keeps its guid and date, shows the correction and is dated by it', () => {
    const corrected = quoteFeedItem({ ...quoteInput, corrections: [{ date: '2021-08-25', note: 'Restored a word.' }] }, settings);
    expect(corrected.guid).toBe(quoteInput.guid);
    expect(corrected.pubDateMs).toBe(quoteFeedItem(quoteInput, settings).pubDateMs);
    expect(corrected.contentHtml).toContain('Corrected on August 25, 2021: Restored a word.');
    expect(new Date(corrected.updatedMs!).toISOString()).toBe('2021-08-25T12:00:00.000Z');
  });
});

describe('latestItems', () => {
  it('keeps the newest items, newest first, ties in guid order', () => {
    const items = [
      item({ guid: 'b', pubDateMs: 2 }),
      item({ guid: 'old', pubDateMs: 1 }),
      item({ guid: 'a', pubDateMs: 2 }),
      item({ guid: 'new', pubDateMs: 3 }),
    ];
    expect(latestItems(items, 3).map((i) => i.guid)).toEqual(['new', 'a', 'b']);
    expect(items.map((i) => i.guid)).toEqual(['b', 'old', 'a', 'new']);
  });
});

describe('personFeedText', () => {
  it('names what the feed holds', () => {
    expect(personFeedText('QTD', 'Ahmad Massoud', { quotes: 2, articles: 0 })).toEqual({
      title: 'QTD: Ahmad Massoud',
      description: 'Quotes of Ahmad Massoud in QTD, newest first.',
    });
    expect(personFeedText('QTD', 'B', { quotes: 0, articles: 1 }).description).toBe('Articles by B in QTD, newest first.');
    expect(personFeedText('QTD', 'C', { quotes: 1, articles: 1 }).description).toBe('Quotes of C and articles by C in QTD, newest first.');
    expect(personFeedText('QTD', 'D', { quotes: 0, chosen: 3, articles: 0 }).description).toBe('Quotes chosen by D in QTD, newest first.');
    expect(personFeedText('QTD', 'E', { quotes: 1, chosen: 1, articles: 2 }).description).toBe(
      'Quotes of E, quotes chosen by E and articles by E in QTD, newest first.',
    );
  });
});

describe('renderRss', () => {
  const channel: RssChannel = {
    title: 'Q & A <today> ]]> end',
    description: 'Fish & chips',
    link: 'https://qtd.example/',
    self: 'https://qtd.example/rss.xml',
    language: 'en',
    imageUrl: 'https://qtd.example/icon-144.png',
    stylesheet: '/feed.css',
  };
  const tricky = 'Tom & Jerry <b>bold</b> ]]> "quoted" it’s';
  const items = [
    item({ title: tricky, summary: tricky, contentHtml: '<p>a ]]> b &#x26; c</p>', creators: ['Lévy & co'], categories: ['War & peace'] }),
  ];
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text' });

  it('writes well-formed XML whose titles read back exactly', async () => {
    const xml = await renderRss(channel, items);
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = parser.parse(xml).rss;
    expect(rss.channel.title).toBe(channel.title);
    expect(rss.channel.item.title).toBe(tricky);
    // The description is HTML for feed readers: the plain text arrives escaped, so it shows as text.
    expect(rss.channel.item.description).toBe(escapeHtml(tricky));
    expect(rss.channel.item['content:encoded']).toBe('<p>a ]]> b &#x26; c</p>');
    expect(rss.channel.item['dc:creator']).toBe('Lévy & co');
    expect(rss.channel.item.category).toBe('War & peace');
  });

  it('writes each item’s HTML as CDATA, split where the HTML holds `]]>`, and nothing else from it', async () => {
    const xml = await renderRss(channel, [...items, item({ guid: 'tag:qtd,2021:quotes/b', contentHtml: '<p class="x">“b”</p>' })]);
    expect(xml).toContain('<content:encoded><![CDATA[<p>a ]]]]><![CDATA[> b &#x26; c</p>]]></content:encoded>');
    expect(xml).toContain('<content:encoded><![CDATA[<p class="x">“b”</p>]]></content:encoded>');
    expect(xml).not.toContain('qtd-content-');
    expect(cdata('x]]>]]>y')).toBe('<![CDATA[x]]]]><![CDATA[>]]]]><![CDATA[>y]]>');
    expect(new XMLParser().parse(`<a>${cdata('x]]>]]>y')}</a>`).a).toBe('x]]>]]>y');
  });

  it('carries the stable guid, the self link, the CSS stylesheet and a build date from the items', async () => {
    const xml = await renderRss(channel, items);
    expect(xml).toContain('<?xml-stylesheet type="text/css" href="/feed.css"?>');
    const rss = parser.parse(xml).rss;
    expect(rss.channel.item.guid).toEqual({ '#text': 'tag:qtd,2021:quotes/a', '@isPermaLink': 'false' });
    expect(rss.channel['atom:link']['@href']).toBe('https://qtd.example/rss.xml');
    expect(rss.channel.lastBuildDate).toBe('Mon, 23 Aug 2021 12:00:00 GMT');
    expect(rss.channel.item.pubDate).toBe('Mon, 23 Aug 2021 12:00:00 GMT');
  });

  it('puts the XSLT of the styled view before its CSS, and dates each item in its own zone for it', async () => {
    const xml = await renderRss({ ...channel, transform: '/qtd/feed.xsl' }, [
      item({ timeZone: 'America/New_York', pubDateMs: Date.parse('2021-08-23T03:30:00Z') }),
    ]);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><\?xml-stylesheet type="text\/xsl" href="\/qtd\/feed.xsl"\?><\?xml-stylesheet type="text\/css" href="\/feed.css"\?><rss /,
    );
    // 03:30 UTC is still the evening before in New York: the day the pages show.
    expect(parser.parse(xml).rss.channel.item['dc:date']).toBe('2021-08-22T23:30:00-04:00');
  });

  it('writes a document a strict XML parser accepts whatever characters the content holds; emoji survive', async () => {
    const odd = 'NUL\u0000 SOH\u0001 FFFE\uFFFE FFFF\uFFFF lone\uD800 half\uDC00 emoji 😀👩🏽‍🔬';
    const quote = quoteFeedItem(
      {
        ...quoteInput,
        text: odd,
        speaker: { ...quoteInput.speaker, name: `Ahmad ${odd}` },
        context: odd,
        commentaryHtml: `<p>${odd}</p>`,
        tags: [odd],
      },
      settings,
    );
    const article = articleFeedItem({ ...articleInput, title: odd, dek: odd, bodyHtml: `<p>${odd}</p>`, authors: [odd] }, settings);
    const xml = await renderRss({ ...channel, title: odd, description: odd }, [quote, article]);
    expect(xmlWellFormednessErrors(xml)).toEqual([]);
    expect(xmlWellFormednessErrors(new TextEncoder().encode(xml))).toEqual([]);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml.isWellFormed()).toBe(true);
    const rss = parser.parse(xml).rss;
    const replaced = 'FFFE\uFFFD FFFF\uFFFD lone\uFFFD half\uFFFD emoji 😀👩🏽‍🔬';
    expect(rss.channel.title).toBe(`NUL\uFFFD SOH\uFFFD ${replaced}`);
    expect(rss.channel.item[1].title).toBe(`NUL\uFFFD SOH\uFFFD ${replaced}`);
    expect(rss.channel.item[0]['content:encoded']).toContain(replaced);
    expect(rss.channel.item[0].category).toBe(`NUL\uFFFD SOH\uFFFD ${replaced}`);
  });

  it('renders the real items of a quote and an article as valid XML', async () => {
    const xml = await renderRss(channel, [quoteFeedItem(quoteInput, settings), articleFeedItem(articleInput, settings)]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const titles = (parser.parse(xml).rss.channel.item as { title: string }[]).map((i) => i.title);
    expect(titles).toEqual([
      'Ahmad Massoud: “What makes a people strong, above and beyond any imbalance…”',
      'The Afghan Who Won’t Surrender to the Taliban',
    ]);
  });
});
