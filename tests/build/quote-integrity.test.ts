/**
 * Quote integrity in the built pages: each pulled passage is marked in its article
 * with the quote's anchor, the quote page links to it, shows it in context and says
 * how it is known; and the marks follow the quotes even through Astro's content cache.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distOf, outRoot, projectRoot, runAstroBuild } from '../support/sites.ts';
import { loadPage } from '../support/html.ts';

const ARTICLE = 'articles/the-afghan-who-wont-surrender-to-the-taliban';

describe('the seed quote in its article', () => {
  const dist = distOf('real');
  const article = loadPage(dist, ARTICLE);
  const quotePage = loadPage(dist, 'quotes/spirit-of-resistance');

  it('marks the passage, both segments of the elision, with the anchor on the first', () => {
    const marks = article('mark[data-quote~="spirit-of-resistance"]');
    expect(marks.length).toBe(2);
    expect(article('#q-spirit-of-resistance').is(marks.first())).toBe(true);
    expect(marks.first().text()).toMatch(
      /^what makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance/,
    );
    expect(marks.last().text()).toMatch(
      /You must believe with all your heart in your mission\. And for me that mission is irrevocable, whatever the price\.?$/,
    );
    const link = article('a.quote-link[href="/quotes/spirit-of-resistance/"]');
    expect(link).toHaveLength(1);
    expect(link.attr('aria-label')).toMatch(/Quote of the day/);
  });

  it('links the quote page to the marked passage, which exists', () => {
    const href = quotePage('.source-line__title').attr('href');
    expect(href).toBe(`/${ARTICLE}/#q-spirit-of-resistance`);
    expect(article('[id="q-spirit-of-resistance"]')).toHaveLength(1);
  });

  it('shows the passage in context, from "But he is determined" to "inside him."', () => {
    const passage = quotePage('.in-context__passage').text().replace(/\s+/g, ' ').trim();
    expect(passage.startsWith('But he is determined')).toBe(true);
    expect(passage.endsWith('inside him.')).toBe(true);
    expect(quotePage('.in-context__passage mark')).toHaveLength(2);
  });

  it('says how the quote is known', () => {
    expect(quotePage('.provenance').text()).toContain('Verified against the text of “The Afghan Who Won’t Surrender to the Taliban”');
    expect(quotePage('.provenance a').attr('href')).toBe(`/${ARTICLE}/#q-spirit-of-resistance`);
  });
});

describe('quotes in the fixture archive', () => {
  const dist = distOf('fixture');

  it('marks a quote that spans an <em> without breaking the nesting', () => {
    const $ = loadPage(dist, 'articles/fixture-article-one');
    const marks = $('mark[data-quote~="quote-emphasis"]');
    expect(marks.length).toBeGreaterThan(1);
    expect(
      marks
        .map((_, m) => $(m).text())
        .get()
        .join(''),
    ).toBe('Courage is the first of the virtues, because it makes all the others possible.'.replace(/^C/, 'c'));
    expect($('em mark').length + $('mark em').length).toBeGreaterThan(0);
  });

  it('offers a text-fragment link into the original article', () => {
    const $ = loadPage(dist, 'quotes/quote-elided');
    const href = $('.source-line__original a').attr('href') ?? '';
    expect(href.startsWith('https://example.org/fixture-article-one#:~:text=')).toBe(true);
    expect(href).toContain('We%20rebuilt%20the%20bridge');
    expect(href).toMatch(/#:~:text=[^,]+,[^,]+$/);
  });

  it('says "Source text not in the archive" for a quote without a source, with its context', () => {
    const $ = loadPage(dist, 'quotes/quote-persian');
    expect($('.provenance').text()).toContain('Source text not in the archive');
    expect($('.provenance').text()).toContain('Nowruz gathering');
  });
});

describe('a quote that runs over a paragraph break (a blank line in its text)', () => {
  const dist = distOf('fixture');
  const ID = 'quote-across-paragraphs';
  const article = loadPage(dist, 'articles/fixture-article-one');
  const quotePage = loadPage(dist, `quotes/${ID}`);

  it('is verified, and marked in both paragraphs of the article: the anchor in the first, the link after the last', () => {
    const marks = article(`mark[data-quote~="${ID}"]`);
    // Where it overlaps another quote (quote-elided) its passage is cut into several marks; each paragraph reads whole.
    const paragraphs = [...new Set(marks.map((_, mark) => article(mark).closest('p').get(0)).get())];
    expect(paragraphs.map((paragraph) => article(paragraph).find(`mark[data-quote~="${ID}"]`).text())).toEqual([
      'The town had been quiet for weeks. Nobody expected the river to rise again so soon.',
      '“We rebuilt the bridge twice,” he said.',
    ]);
    expect(article(`#q-${ID}`).is(marks.first())).toBe(true);
    expect(marks.last().next().is(`a.quote-link[href="/quotes/${ID}/"]`)).toBe(true);
    expect(quotePage('.provenance').text()).toContain('Verified against the text of');
  });

  it('shows the quote in its two paragraphs, and its passage in context in the article’s two', () => {
    const texts = quotePage('.quote-figure__quote p.quote-figure__text');
    expect(texts.map((_, p) => quotePage(p).text().trim()).get()).toEqual([
      'The town had been quiet for weeks. Nobody expected the river to rise again so soon.',
      '“We rebuilt the bridge twice,” he said.',
    ]);
    const passage = quotePage('.in-context__passage p');
    expect(passage).toHaveLength(2);
    expect(passage.last().find('mark').text()).toBe('“We rebuilt the bridge twice,” he said.');
  });

  it('reads on one line wherever a page gives it as a run of text', () => {
    const description = quotePage('meta[name="description"]').attr('content') ?? '';
    expect(description).toMatch(/rise again so soon\. .We rebuilt the bridge twice,. he said\./);
    expect(description).not.toMatch(/\n/);
    const listed = loadPage(dist, 'quotes')(`a[href="/quotes/${ID}/"]`).text();
    expect(listed).toMatch(/so soon\. .We rebuilt/);
  });
});

describe('marks follow the quotes through the content cache', () => {
  it('adds the mark of a new quote and removes the mark of a deleted one without clearing the cache', async () => {
    const contentDir = 'tests/.out/cache-case/content';
    const absolute = join(projectRoot, contentDir);
    rmSync(join(projectRoot, 'tests/.out/cache-case'), { recursive: true, force: true });
    mkdirSync(absolute, { recursive: true });
    for (const part of ['people', 'articles', 'quotes', 'tags.yaml'])
      cpSync(join(projectRoot, 'content', part), join(absolute, part), { recursive: true });
    const build = join(outRoot, 'cache-case');
    const run = () => runAstroBuild({ CONTENT_DIR: contentDir }, join(build, 'dist'), join(build, 'cache'));
    const marked = () => loadPage(join(build, 'dist'), ARTICLE)('#q-no-surrender').length;

    expect((await run()).code).toBe(0);
    expect(marked()).toBe(0);

    const newQuote = join(absolute, 'quotes/no-surrender.md');
    writeFileSync(
      newQuote,
      '---\ntext: "Surrender is not in my dictionary."\nspeaker: ahmad-massoud\nsource: the-afghan-who-wont-surrender-to-the-taliban\ndate: 2021-08-24\n---\n',
    );
    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    expect(marked()).toBe(1);
    expect(loadPage(join(build, 'dist'), 'quotes/no-surrender')('.source-line__title').attr('href')).toBe(`/${ARTICLE}/#q-no-surrender`);

    rmSync(newQuote);
    expect((await run()).code).toBe(0);
    expect(marked()).toBe(0);
  });
});
