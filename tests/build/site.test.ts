/**
 * The archive end to end, on the real seed content: the pages exist and hold what
 * docs/content.md says, the article is the seed word for word, the feed is sound, and
 * the output does not depend on the build machine's time zone or the site's URL.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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
    const articleLink = $('.source-line cite a');
    expect(articleLink.text()).toBe('The Afghan Who Won’t Surrender to the Taliban');
    expect(articleLink.attr('href')).toBe('/articles/the-afghan-who-wont-surrender-to-the-taliban/#q-spirit-of-resistance');
    expect($('.source-line').text()).toContain('Bernard-Henri Lévy');
    expect($('.source-line').text()).toContain('The Wall Street Journal');
    expect($('.source-line').text()).toContain('Opinion · Commentary');
    expect($('.source-line time').attr('datetime')).toBe('2021-08-23T12:56:00-04:00');
    expect($('.commentary').text()).toContain('Massoud leads a group of resistance fighters against the Taliban');
    expect($('.commentary').text()).toContain('Freedom and rights are much more important for us than being in a prison with stability.');
    expect($('.commentary h2 time').attr('datetime')).toBe('2021-08-23');
    expect($('.commentary a[href="/people/jenna-lee/"]').text()).toBe('Jenna Lee');
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
    expect($('.article__photo figcaption').text()).toContain('Ahmad Massoud in Panjshir province, September 2020.');
    expect(words($('.article__author-note').text())).toEqual(seedWords(seed.slice(seed.indexOf('Mr. Lévy is author of'))));
    expect($('.article__meta time').text()).toBe('Aug. 23, 2021, 12:56 p.m. ET');
    expect($('.article__meta time').attr('datetime')).toBe('2021-08-23T12:56:00-04:00');
    expect($('.article__byline a[href="/people/bernard-henri-levy/"]').text()).toBe('Bernard-Henri Lévy');
    expect($('.kicker').first().text()).toBe('The Wall Street Journal · Opinion · Commentary');
    expect($('.article__meta').text()).toMatch(/\d+ min read/);
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

describe('the main feed', () => {
  const xml = readText(dist, 'rss.xml');
  const feed = new XMLParser({ ignoreAttributes: false }).parse(xml);

  it('is well-formed RSS 2.0 with a self link, a stylesheet and the quote as an item', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><\?xml-stylesheet type="text\/css" href="\/feed.css"\?>/);
    expect(feed.rss['@_version']).toBe('2.0');
    const channel = feed.rss.channel;
    expect(channel['atom:link']['@_href']).toBe('https://qtd.example/rss.xml');
    expect(channel['atom:link']['@_rel']).toBe('self');
    const item = channel.item;
    expect(item.title).toBe('Ahmad Massoud: What makes a people strong, above and beyond any imbalance…');
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

  it('indexes inside the build under a plain `astro build`', () => {
    const log = readFileSync(buildLogOf(SITES.realTokyo.name), 'utf8');
    const indexed = log.search(/\[qtd:search-index\] search index: (?:\d+ pages indexed|cached)/);
    expect(indexed).toBeGreaterThan(-1);
    expect(indexed).toBeLessThan(log.indexOf('[build] Complete!'));
    expect(log).not.toContain('written after Astro exits');
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
