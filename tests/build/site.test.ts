/**
 * The archive end to end, on the real seed content: the pages exist and hold what
 * docs/content.md says, the article is the seed word for word, the feed is sound, and
 * the output does not depend on the build machine's time zone or the site's URL.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as cheerio from 'cheerio';
import { unclosedQuotes } from '../../src/domain/quotation-marks.ts';
import { buildLogOf, distOf, projectRoot, SITES } from '../support/sites.ts';
import { htmlPages, listFiles, loadPage, readText, words } from '../support/html.ts';

const dist = distOf('real');
const ARTICLE = 'articles/the-afghan-who-wont-surrender-to-the-taliban';
const QUOTE = 'quotes/spirit-of-resistance';
const seed = readFileSync(join(projectRoot, 'tests/fixtures/seeds/001_fd795551776f3598.txt'), 'utf8');

/** The seed's words with the two repairs; a line break next to an em dash joins (`barbarism` / `—not`). */
function seedWords(text: string): string[] {
  const repaired = text.replace('\uFFFDighters', 'fighters').replace('12\uFFFD56', '12:56');
  return words(repaired.replace(/\n[ ]*—/g, '—').replace(/—\n[ ]*/g, '—'));
}

function seedBody(): string {
  const start = seed.indexOf('Ahmad Massoud is in a remote base');
  const end = seed.indexOf('Mr. Lévy is author of');
  return seed.slice(start, end).replace('Ahmad Massoud in Panjshir province, September 2020.\n', '');
}

describe('pages of the seed archive', () => {
  it('builds every page the URL table of README.md lists for the seed content', () => {
    const files = new Set(listFiles(dist));
    for (const page of [
      'index.html',
      'quotes/index.html',
      `${QUOTE}/index.html`,
      'quotes/2021/index.html',
      'quotes/2021/08/index.html',
      'articles/index.html',
      `${ARTICLE}/index.html`,
      'people/index.html',
      'people/ahmad-massoud/index.html',
      'people/bernard-henri-levy/index.html',
      'people/jenna-lee/index.html',
      'about/index.html',
      '404.html',
      'rss.xml',
      'sitemap-index.xml',
    ]) {
      expect(files, page).toContain(page);
    }
  });

  it('gives every page one h1, a title, a description and a language', () => {
    for (const file of htmlPages(dist)) {
      const $ = loadPage(dist, file);
      expect($('h1'), file).toHaveLength(1);
      expect($('title').text().trim(), file).not.toBe('');
      expect($('meta[name="description"]').attr('content')?.trim(), file).toBeTruthy();
      expect($('html').attr('lang'), file).toBe('en');
      expect($('a.skip-link[href="#main"]'), file).toHaveLength(1);
      expect($('main#main'), file).toHaveLength(1);
      expect($('link[rel="alternate"][type="application/rss+xml"]').length, file).toBeGreaterThan(0);
    }
  });

  it('shows the quote with its speaker, source and commentary on the quote page', () => {
    const $ = loadPage(dist, QUOTE);
    const figure = $('figure.quote-figure');
    expect(figure.find('blockquote').attr('cite')).toMatch(
      /^https:\/\/.+\/articles\/the-afghan-who-wont-surrender-to-the-taliban\/#q-spirit-of-resistance$/,
    );
    expect(figure.find('blockquote').text()).toContain('What makes a people strong, above and beyond any imbalance of forces');
    expect(figure.find('blockquote').text()).toContain('whatever the price.');
    const speaker = figure.find('figcaption a');
    expect(speaker.text()).toBe('Ahmad Massoud');
    expect(speaker.attr('href')).toBe('/people/ahmad-massoud/');
    expect(figure.find('figcaption').text()).toContain('Afghan resistance leader');
    // The article's title in quotation marks, the publication in italics.
    expect($('.source-line cite').text()).toBe('The Wall Street Journal');
    expect($('.source-line').text()).toContain('From “The Afghan Who Won’t Surrender to the Taliban” by Bernard-Henri Lévy');
    const articleLink = $('.source-line a.source-line__title');
    expect(articleLink.text()).toBe('The Afghan Who Won’t Surrender to the Taliban');
    expect(articleLink.attr('href')).toBe('/articles/the-afghan-who-wont-surrender-to-the-taliban/#q-spirit-of-resistance');
    expect($('.source-line').text()).toContain('Bernard-Henri Lévy');
    expect($('.source-line').text()).toContain('The Wall Street Journal');
    expect($('.source-line').text()).toContain('Opinion · Commentary');
    expect($('.source-line time').attr('datetime')).toBe('2021-08-23T12:56:00-04:00');
    expect($('.commentary').text()).toContain('Massoud leads a group of resistance fighters against the Taliban');
    expect($('.commentary').text()).toContain('Freedom and rights are much more important for us than being in a prison with stability.');
    expect($('.commentary a[href="/people/jenna-lee/"]').text()).toBe('Jenna Lee');
  });

  it('says right under the attribution which day the quote was the quote of, and who chose it', () => {
    const $ = loadPage(dist, QUOTE);
    const day = $('figure.quote-figure').next();
    expect(day.is('p.quote-page__day')).toBe(true);
    expect(day.text().replace(/\s+/g, ' ').trim()).toBe('Quote of the day for August 23, 2021 · chosen by Jenna Lee');
    expect(day.find('time').attr('datetime')).toBe('2021-08-23');
    expect(day.find('a').attr('href')).toBe('/people/jenna-lee/');
  });

  it('links “Verified” to the passage it was verified against, and lists the quote’s tags', () => {
    const $ = loadPage(dist, QUOTE);
    const verified = $('.provenance a.provenance__status--verified');
    expect(verified.text().trim()).toBe('Verified');
    expect(verified.attr('href')).toBe(`/${ARTICLE}/#q-spirit-of-resistance`);
    expect(
      $('.quote-page__tags a')
        .map((_, a) => `${$(a).text()} ${$(a).attr('href')}`)
        .get(),
    ).toEqual(['Afghanistan /tags/afghanistan/', 'Resistance /tags/resistance/']);
  });

  it('offers the quote as HTML to embed: a blockquote citing the passage, the attribution and a link back, no script', () => {
    const $ = loadPage(dist, QUOTE);
    const embed = $('details.embed');
    expect(embed.find('summary').text().trim()).toBe('Embed this quote');
    const code = embed.find('textarea').text();
    // The page carries the snippet once: its preview is rendered from this code by the script (tests/browser/embed.test.ts).
    expect(embed.find('.embed__preview')).toHaveLength(0);
    expect(embed.html()?.split('What makes a people strong, above and beyond any imbalance of forces')).toHaveLength(2);
    const snippet = cheerio.load(code, null, false);
    expect(snippet('script, style, [class], [style]')).toHaveLength(0);
    expect(snippet('figure > blockquote').attr('cite')).toBe(
      'https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/#q-spirit-of-resistance',
    );
    expect(snippet('blockquote').text()).toContain('What makes a people strong, above and beyond any imbalance of forces');
    expect(snippet('figcaption').text()).toBe(
      '— Ahmad Massoud, in “The Afghan Who Won’t Surrender to the Taliban,” The Wall Street Journal. Quote of the day for August 23, 2021, on QTD.',
    );
    expect(snippet('figcaption a').attr('href')).toBe('https://qtd.example/quotes/spirit-of-resistance/');
    expect(embed.attr('data-pagefind-ignore')).toBeDefined();
  });

  it('shares the quote by its first words on the networks, which preview the page, and by e-mail with its words in full', () => {
    const $ = loadPage(dist, QUOTE);
    const url = 'https://qtd.example/quotes/spirit-of-resistance/';
    const links = new Map(
      $('.share-links a')
        .map((_, a) => [[$(a).text().trim(), new URL($(a).attr('href') ?? '')]] as const)
        .get(),
    );
    const teaser = '“What makes a people strong, above and beyond any imbalance of forces…” — Ahmad Massoud';
    expect(links.get('Bluesky')?.searchParams.get('text')).toBe(`${teaser} ${url}`);
    expect(links.get('WhatsApp')?.searchParams.get('text')).toBe(`${teaser} ${url}`);
    for (const network of ['Mastodon', 'X']) {
      expect(links.get(network)?.searchParams.get('text'), network).toBe(teaser);
      expect(links.get(network)?.searchParams.get('url'), network).toBe(url);
    }
    expect(links.get('Facebook')?.searchParams.get('u')).toBe(url);
    expect(links.get('LinkedIn')?.searchParams.get('url')).toBe(url);
    // An e-mail has no preview: the quote whole, as the page shows it, then the address.
    const words = $('figure.quote-figure blockquote').text().trim();
    const mail = links.get('E-mail');
    expect(mail?.protocol).toBe('mailto:');
    expect(mail?.searchParams.get('subject')).toBe('Ahmad Massoud: What makes a people strong, above and beyond any imbalance…');
    expect(mail?.searchParams.get('body')).toBe(`“${words}” — Ahmad Massoud\n\n${url}`);
    // The system share sheet ("Share…", added by the script) offers the same first words.
    expect($('[data-share-root]').attr('data-share-text')).toBe(teaser);
  });

  it('publishes the seed article word for word, in 11 paragraphs, with only the two repairs', () => {
    const $ = loadPage(dist, ARTICLE);
    const body = $('.article__body').clone();
    body.find('.quote-link').remove();
    const paragraphs = body.find('p');
    expect(paragraphs).toHaveLength(11);
    expect(words(body.text())).toEqual(seedWords(seedBody()));
    expect(body.text()).toContain('a shield against barbarism—not only for the Afghan people');
    expect($('html').html()).not.toContain('\uFFFD');
    expect($('.article__title').text()).toBe('The Afghan Who Won’t Surrender to the Taliban');
    expect($('.article__dek').text()).toBe(
      'Ahmad Massoud leads the resistance in the province of Panjshir. Can he and his fighters hold out?',
    );
    // The photo is not in the archive: its caption is a note about it, not a caption of an empty frame.
    expect($('figure, figcaption')).toHaveLength(0);
    expect($('.article__photo-note').text()).toBe(
      'Photo in the original article, not kept here: Ahmad Massoud in Panjshir province, September 2020.',
    );
    expect(words($('.article__author-note').text())).toEqual(seedWords(seed.slice(seed.indexOf('Mr. Lévy is author of'))));
    expect($('.article__meta time').text()).toBe('Aug. 23, 2021, 12:56 p.m. ET');
    expect($('.article__meta time').attr('datetime')).toBe('2021-08-23T12:56:00-04:00');
    expect($('.article__byline a[href="/people/bernard-henri-levy/"]').text()).toBe('Bernard-Henri Lévy');
    expect($('.kicker').first().text()).toBe('The Wall Street Journal · Opinion · Commentary');
    expect($('.article__meta').text()).toMatch(/\d+ min read/);
  });

  it('says near the top of the article that it holds the quote of the day, linked to its page and its passage', () => {
    const $ = loadPage(dist, ARTICLE);
    const note = $('.article__qotd');
    expect(note.prevAll('header.article__header')).toHaveLength(1);
    expect(note.nextAll('.article__body')).toHaveLength(1);
    expect(note.find('.article__qotd-title').text()).toBe('The quote of the day from this article');
    expect(note.find('li').text().replace(/\s+/g, ' ').trim()).toBe(
      '“What makes a people strong, above and beyond any imbalance of forces…” — Ahmad Massoud, quote of the day for August 23, 2021. Go to the passage',
    );
    expect(
      note
        .find('a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/quotes/spirit-of-resistance/', '#q-spirit-of-resistance']);
    expect(note.attr('data-pagefind-ignore')).toBeDefined();
  });

  it('keeps the note about the missing photo out of the search index, so that the article’s result starts with its words', () => {
    const $ = loadPage(dist, ARTICLE);
    expect($('.article__photo-note').attr('data-pagefind-ignore')).toBeDefined();
  });

  it('does not call an old quote today’s on the 404 page', () => {
    const $ = loadPage(dist, '404.html');
    expect($('main').text()).not.toMatch(/today/i);
    expect($('main a[href="/"]').text()).toBe('The latest quote of the day');
  });

  it('sets the about page’s headings as the other pages set theirs', () => {
    const $ = loadPage(dist, 'about');
    expect($('header.page-header > h1').text()).toBe('About QTD');
    expect($('main h2').length).toBeGreaterThan(2);
    expect($('main h2:not(.section-title)')).toHaveLength(0);
  });

  it('lists people with their quotes and articles', () => {
    const $ = loadPage(dist, 'people/ahmad-massoud');
    expect($('h1').text()).toBe('Ahmad Massoud');
    expect($('a[href="/quotes/spirit-of-resistance/"]').length).toBeGreaterThan(0);
    expect($('link[rel="alternate"][href$="/people/ahmad-massoud/rss.xml"]')).toHaveLength(1);
    const author = loadPage(dist, 'people/bernard-henri-levy');
    expect(author(`a[href="/${ARTICLE}/"]`).length).toBeGreaterThan(0);
    const people = loadPage(dist, 'people');
    expect(
      people('.people-list a')
        .map((_, a) => people(a).text())
        .get(),
    ).toEqual(['Jenna Lee', 'Bernard-Henri Lévy', 'Ahmad Massoud']);
  });

  it('shows today’s quote large on the home page', () => {
    const $ = loadPage(dist, '.');
    expect($('.today figure blockquote').text()).toContain('What makes a people strong');
    expect($('.today figcaption a').attr('href')).toBe('/people/ahmad-massoud/');
  });
});

describe('every page of the real and fixture sites', () => {
  const sites = { real: dist, fixture: distOf('fixture') };

  it.each(Object.keys(sites) as (keyof typeof sites)[])(
    '%s: ends at </html>, with nothing after it (the W3C checker rejects the page)',
    (site) => {
      const after = htmlPages(sites[site]).flatMap((file) => {
        const html = readText(sites[site], file);
        const end = html.toLowerCase().lastIndexOf('</html>');
        const rest = end < 0 ? '(no </html>)' : html.slice(end + '</html>'.length).trim();
        return rest === '' ? [] : [`${file}: ${rest.slice(0, 100)}`];
      });
      expect(after).toEqual([]);
    },
  );

  it.each(Object.keys(sites) as (keyof typeof sites)[])(
    '%s: closes in every title, description, share text and shortened link the quotation marks it opens',
    (site) => {
      const open: string[] = [];
      for (const file of htmlPages(sites[site])) {
        const $ = loadPage(sites[site], file);
        const texts = [
          $('title').text(),
          ...$('meta[name="description"], meta[property^="og:"], meta[name^="twitter:"]')
            .map((_, meta) => $(meta).attr('content') ?? '')
            .get(),
          ...$('a, h1')
            .map((_, element) => $(element).text())
            .get()
            .filter((text) => text.includes('…')),
          ...$('a[aria-label]')
            .map((_, a) => $(a).attr('aria-label') ?? '')
            .get(),
        ];
        for (const text of texts) if (unclosedQuotes(text) !== '') open.push(`${file}: ${text}`);
      }
      expect(open).toEqual([]);
    },
  );

  it('gives the quote page a title that closes its quotation marks', () => {
    expect(loadPage(dist, QUOTE)('title').text()).toBe('Ahmad Massoud: “What makes a people strong, above and beyond…” · QTD');
  });
});

describe('the main feed', () => {
  const xml = readText(dist, 'rss.xml');
  const feed = new XMLParser({ ignoreAttributes: false }).parse(xml);

  it('is well-formed RSS 2.0 with a self link, a stylesheet and the quote as an item', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><\?xml-stylesheet type="text\/xsl" href="\/feed.xsl"\?><\?xml-stylesheet type="text\/css" href="\/feed.css"\?>/,
    );
    expect(feed.rss['@_version']).toBe('2.0');
    const channel = feed.rss.channel;
    expect(channel['atom:link']['@_href']).toBe('https://qtd.example/rss.xml');
    expect(channel['atom:link']['@_rel']).toBe('self');
    const item = channel.item;
    expect(item.title).toBe('Ahmad Massoud: “What makes a people strong, above and beyond any imbalance…”');
    expect(item.link).toBe('https://qtd.example/quotes/spirit-of-resistance/');
    expect(item.guid['#text']).toBe('tag:qtd,2021:quotes/spirit-of-resistance');
    expect(item.guid['@_isPermaLink']).toBe('false');
    // 8 a.m. in New York on the quote's day: still Aug. 23 wherever the reader is in the Americas.
    expect(item.pubDate).toBe('Mon, 23 Aug 2021 12:00:00 GMT');
    const content: string = item['content:encoded'];
    expect(content).toContain('What makes a people strong');
    expect(content).toContain('Massoud leads a group of resistance fighters');
    for (const href of content.matchAll(/(?:href|src)="([^"]*)"/g)) expect(href[1]).toMatch(/^https:\/\//);
  });

  it('keeps its guids when the site moves to another domain and base path', () => {
    const moved = new XMLParser({ ignoreAttributes: false }).parse(readText(distOf('moved'), 'rss.xml'));
    expect(moved.rss.channel.item.link).toBe('https://elsewhere.example/qtd/quotes/spirit-of-resistance/');
    expect(moved.rss.channel.item.guid['#text']).toBe(feed.rss.channel.item.guid['#text']);
  });
});

describe('npm run build', () => {
  it('writes the search index and measures dist/ after Astro has exited, so their memory never adds up', () => {
    const log = readFileSync(buildLogOf(SITES.real.name), 'utf8');
    const astroDone = log.indexOf('[build] Complete!');
    const deferred = log.indexOf('[qtd:search-index] search index: written after Astro exits');
    const indexed = log.search(/\[qtd:search-index\] search index: (?:\d+ pages indexed of \d+ read|cached, \d+ pages unchanged)/);
    const measured = log.search(/\[qtd:permalinks\] dist\/: \d+ files/);
    expect(deferred).toBeGreaterThan(-1);
    expect(deferred).toBeLessThan(astroDone);
    expect(indexed).toBeGreaterThan(astroDone);
    expect(measured).toBeGreaterThan(indexed);
    expect(JSON.parse(readText(dist, 'pagefind/pagefind-entry.json')).languages.en.page_count).toBeGreaterThan(0);
  });

  it('writes the citation files after Astro has exited, beside the search index, and before measuring dist/', () => {
    const log = readFileSync(buildLogOf(SITES.real.name), 'utf8');
    const astroDone = log.indexOf('[build] Complete!');
    const deferred = log.search(/\[qtd:citation-files\] citation files: \d+ written after Astro exits/);
    const written = log.search(/\[qtd:citation-files\] citation files: \d+ written beside the search index/);
    expect(deferred).toBeGreaterThan(-1);
    expect(deferred).toBeLessThan(astroDone);
    expect(written).toBeGreaterThan(astroDone);
    expect(written).toBeLessThan(log.search(/\[qtd:permalinks\] dist\/: \d+ files/));
    expect(listFiles(dist)).toContain('quotes/spirit-of-resistance/citation.bib');
    expect(listFiles(dist)).not.toContain('quotes/citation-files.json');
  });

  it('indexes and writes the citation files inside the build under a plain `astro build`', () => {
    const log = readFileSync(buildLogOf(SITES.realTokyo.name), 'utf8');
    const indexed = log.search(/\[qtd:search-index\] search index: (?:\d+ pages indexed|cached)/);
    expect(indexed).toBeGreaterThan(-1);
    expect(indexed).toBeLessThan(log.indexOf('[build] Complete!'));
    expect(log).not.toContain('written after Astro exits');
    const citations = log.search(/\[qtd:citation-files\] citation files: \d+ written \(\d+ ms\)/);
    expect(citations).toBeGreaterThan(-1);
    expect(citations).toBeLessThan(log.indexOf('[build] Complete!'));
  });
});

describe('a quote page’s related quotes (the fixture archive)', () => {
  const fixture = distOf('fixture');
  const related = (file: string, heading: string) => {
    const $ = loadPage(fixture, file);
    const section = $('section.related').filter((_, element) => $(element).find('h2').text().trim() === heading);
    return section
      .find('li')
      .map((_, li) => ({
        text: $(li).children('a').text(),
        href: $(li).children('a').attr('href'),
        meta: $(li).children('p').text(),
        date: $(li).find('time').attr('datetime'),
      }))
      .get();
  };

  it('gives each quote of the same article by its first words, linked, with its speaker, day and verification, not the article again', () => {
    const items = related('quotes/quote-elided', 'More from this article');
    expect(items).toContainEqual({
      text: '“The town had been quiet for weeks. Nobody expected the river to…”',
      href: '/quotes/quote-across-paragraphs/',
      meta: 'Maria Fixture · May 5, 2025 · verified',
      date: '2025-05-05',
    });
    for (const item of items) expect(item.meta, item.href).not.toContain('A Fixture Article About Courage');
  });

  it('gives each other quote of the speaker with its article, when it has one, not the speaker again', () => {
    const items = related('quotes/quote-elided', 'More from Omar Example');
    expect(items).toContainEqual({
      text: '“When the water came down from the hills that spring, nobody in…”',
      href: '/quotes/quote-long/',
      meta: 'Aug. 8, 2025',
      date: '2025-08-08',
    });
    expect(items).toContainEqual({
      text: '“a leap year gives every promise one more day to be kept”',
      href: '/quotes/quote-excerpt/',
      meta: '“Fixture </script><script>alert(1)</script> & <img src=x onerror=alert(2)> Title” · Feb. 29, 2024 · verified',
      date: '2024-02-29',
    });
    for (const item of items) expect(item.meta, item.href).not.toContain('Omar Example');
  });

  it('cuts every related quote at 12 words, closes the marks it opens and carries no tooltip', () => {
    let lists = 0;
    for (const file of htmlPages(fixture).filter((page) => /^quotes\/[^/]+\/index\.html$/.test(page))) {
      const $ = loadPage(fixture, file);
      for (const link of $('.related-list li > a').toArray()) {
        const text = $(link).text();
        expect(text.split(/\s+/).length, `${file}: ${text}`).toBeLessThanOrEqual(12);
        expect(unclosedQuotes(text), `${file}: ${text}`).toBe('');
      }
      expect($('.related [title]'), file).toHaveLength(0);
      lists += $('.related-list').length;
    }
    expect(lists).toBeGreaterThan(3);
  });
});

describe('independence from the build machine', () => {
  it('gives byte-identical output under TZ=America/Los_Angeles and TZ=Asia/Tokyo, by `npm run build` and by `astro build`', () => {
    const tokyo = distOf('realTokyo');
    const files = listFiles(dist);
    expect(listFiles(tokyo)).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(tokyo, file)).equals(readFileSync(join(dist, file))), file).toBe(true);
    }
  });
});

describe('the seed quote’s citations', () => {
  const $ = loadPage(dist, `${QUOTE}/index.html`);
  const form = (key: string) => $(`#cite-${key}`);

  it('shows each style’s forms with the periodical and MLA’s second container in italics', () => {
    expect(
      $('.citations h3')
        .map((_, heading) => $(heading).text().trim())
        .get(),
    ).toEqual(['Chicago', 'MLA', 'APA']);
    expect(form('chicago-note').text()).toBe(
      'Ahmad Massoud, quoted in Bernard-Henri Lévy, “The Afghan Who Won’t Surrender to the Taliban,” Wall Street Journal, August 23, 2021, QTD, https://qtd.example/quotes/spirit-of-resistance/.',
    );
    expect(form('chicago-note').find('i').text()).toBe('Wall Street Journal');
    expect(form('chicago-short-note').text()).toBe('Massoud, quoted in Lévy, “Afghan Who Won’t Surrender.”');
    expect(
      form('mla')
        .find('i')
        .map((_, node) => $(node).text())
        .get(),
    ).toEqual(['The Wall Street Journal', 'QTD']);
    expect(form('mla-in-text').text()).toBe('(qtd. in Lévy)');
    expect(form('apa').find('i').text()).toBe('The Wall Street Journal');
    expect(form('apa-in-text').text()).toBe('(Massoud, as cited in Lévy, 2021)');
    // No copy button is sent: the script adds one after each form, named for it, where it can copy (tests/browser/share.test.ts).
    expect($('.citations button')).toHaveLength(0);
    expect(
      $('.citations .citation')
        .map((_, citation) => $(citation).attr('data-copy-citation'))
        .get(),
    ).toEqual([
      'the Chicago note',
      'the Chicago short note',
      'the Chicago bibliography entry',
      'the MLA works-cited entry',
      'the MLA in-text citation',
      'the APA reference',
      'the APA in-text citation',
    ]);
  });

  it('puts in the head what Zotero’s connector reads to save the article as a newspaper article', () => {
    const meta = (name: string) =>
      $(`head meta[name="${name}"]`)
        .map((_, tag) => $(tag).attr('content'))
        .get();
    expect(meta('DC.type')).toEqual(['newspaperArticle']);
    expect(meta('citation_title')).toEqual(['The Afghan Who Won’t Surrender to the Taliban']);
    expect(meta('citation_author')).toEqual(['Lévy, Bernard-Henri']);
    expect(meta('citation_publication_date')).toEqual(['2021/08/23']);
    expect(meta('prism.publicationName')).toEqual(['The Wall Street Journal']);
    expect(meta('article:section')).toEqual(['Opinion · Commentary']);
    expect(meta('citation_journal_title')).toEqual([]);
    expect(meta('citation_abstract')[0]).toMatch(/^What makes a people strong/);
  });

  it('publishes the citation as CSL-JSON and BibTeX beside the page, linked from it', () => {
    expect($(`.citations a[href="/${QUOTE}/citation.json"]`)).toHaveLength(1);
    expect($(`.citations a[href="/${QUOTE}/citation.bib"]`).attr('download')).toBe('spirit-of-resistance.bib');
    const [csl] = JSON.parse(readText(dist, `${QUOTE}/citation.json`)) as Record<string, unknown>[];
    expect(csl).toMatchObject({
      type: 'article-newspaper',
      archive: 'QTD',
      archive_location: 'https://qtd.example/quotes/spirit-of-resistance/',
    });
    expect(csl).not.toHaveProperty('URL');
    const bib = readText(dist, `${QUOTE}/citation.bib`);
    expect(bib).toMatch(/^@article\{spirit-of-resistance,\n/);
    expect(bib).toContain("  author       = {L{\\'e}vy, Bernard-Henri},\n");
    expect(bib).toContain('  journal      = {The Wall Street Journal},\n');
    expect(bib).toContain('\\url{https://qtd.example/quotes/spirit-of-resistance/}');
  });

  it('gives the moved site’s addresses in its citations', () => {
    const moved = distOf('moved');
    expect(loadPage(moved, `${QUOTE}/index.html`)('#cite-chicago-note').text()).toContain(
      'QTD, https://elsewhere.example/qtd/quotes/spirit-of-resistance/.',
    );
    expect(readText(moved, `${QUOTE}/citation.bib`)).toContain('\\url{https://elsewhere.example/qtd/quotes/spirit-of-resistance/}');
  });
});
