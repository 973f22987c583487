/**
 * How the built pages name a quote's source: the article's title in quotation marks, the
 * publication in italics (<cite>), the original article linked wherever the source is named,
 * in the page and in its structured data.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distOf, outRoot, projectRoot, runAstroBuild } from '../support/sites.ts';
import { loadPage, readText } from '../support/html.ts';

const dist = distOf('fixture');
const ORIGINAL = 'https://example.org/fixture-article-one';

/** The page's JSON-LD, parsed. */
function jsonLdOf(path: string): Record<string, unknown> {
  const $ = loadPage(dist, path);
  return JSON.parse($('script[type="application/ld+json"]').first().text()) as Record<string, unknown>;
}

describe('a quote page', () => {
  const $ = loadPage(dist, 'quotes/quote-emphasis/index.html');

  it('names the article in quotation marks and the publication in italics, and links the original', () => {
    const line = $('.source-line');
    expect(line.text()).toMatch(/^From “A Fixture Article About Courage” by Maria Fixture, The Fixture Times, News, Nov\. 20, 2025/);
    expect(line.find('cite').text()).toBe('The Fixture Times');
    expect(line.find('a:contains("A Fixture Article About Courage")').attr('href')).toBe('/articles/fixture-article-one/#q-quote-emphasis');
    expect(line.find('a:contains("Read it in the original")').attr('href')).toMatch(new RegExp(`^${ORIGINAL}`));
    expect($('.provenance').text()).toContain('against the text of “A Fixture Article About Courage”');
  });

  it('gives the original and the publisher of the article it is part of in its structured data', () => {
    expect(jsonLdOf('quotes/quote-emphasis/index.html')).toMatchObject({
      isPartOf: {
        headline: 'A Fixture Article About Courage',
        url: 'https://qtd.example/articles/fixture-article-one/',
        sameAs: ORIGINAL,
        isBasedOn: ORIGINAL,
        publisher: { '@type': 'Organization', name: 'The Fixture Times' },
      },
    });
  });
});

describe('an article page', () => {
  const $ = loadPage(dist, 'articles/fixture-article-one/index.html');

  it('sets its publication in italics and links the original', () => {
    expect($('.article__header .kicker cite').text()).toBe('The Fixture Times');
    const original = $('.article__original');
    expect(original.text()).toBe('The original article in The Fixture Times');
    expect(original.find('a').attr('href')).toBe(ORIGINAL);
    expect(original.find('cite').text()).toBe('The Fixture Times');
    expect(jsonLdOf('articles/fixture-article-one/index.html')).toMatchObject({ sameAs: ORIGINAL, isBasedOn: ORIGINAL });
  });
});

describe('lists of quotes and articles', () => {
  it('name a quote’s article in quotation marks, not in italics', () => {
    const $ = loadPage(dist, 'quotes/index.html');
    const item = $('.quote-item').filter((_, element) => $(element).find('a[href="/quotes/quote-emphasis/"]').length > 0);
    expect(item.find('.quote-item__meta').text()).toContain('· “A Fixture Article About Courage” ·');
    expect(item.find('.quote-item__meta cite')).toHaveLength(0);
  });

  it('set an article’s publication in italics', () => {
    const $ = loadPage(dist, 'articles/index.html');
    const item = $('.article-item').filter((_, element) => $(element).find('a[href="/articles/fixture-article-one/"]').length > 0);
    expect(item.find('.article-item__meta cite').text()).toBe('The Fixture Times');
  });
});

describe('an article with an archived copy of its original', () => {
  const ARCHIVED = 'https://web.archive.org/web/20251120150000/https://example.org/fixture-article-one';

  it('shows the archived copy beside the original on the quote and article pages, in the feeds and in structured data', async () => {
    // The fixture archive, its article given an archivedUrl.
    const name = 'archived-copy';
    const contentDir = `tests/.out/${name}/content`;
    rmSync(join(outRoot, name), { recursive: true, force: true });
    cpSync(join(projectRoot, 'tests/fixtures/sites/archive'), join(projectRoot, contentDir), { recursive: true });
    const article = join(projectRoot, contentDir, 'articles/fixture-article-one.md');
    writeFileSync(
      article,
      readFileSync(article, 'utf8').replace(/^sourceUrl: .*$/m, (line) => `${line}\narchivedUrl: ${ARCHIVED}`),
    );
    const build = join(outRoot, name);
    const result = await runAstroBuild({ CONTENT_DIR: contentDir }, join(build, 'dist'), join(build, 'cache'));
    expect(result.code, result.stderr).toBe(0);
    const dist = join(build, 'dist');

    const quote = loadPage(dist, 'quotes/quote-emphasis/index.html');
    const original = quote('.source-line__original');
    expect(original.text()).toBe(' Read it in the original (archived copy).');
    expect(original.find('a:contains("archived copy")').attr('href')).toBe(ARCHIVED);
    const quoteLd = JSON.parse(quote('script[type="application/ld+json"]').first().text()) as { isPartOf: { archivedAt?: string } };
    expect(quoteLd.isPartOf.archivedAt).toBe(ARCHIVED);

    const page = loadPage(dist, 'articles/fixture-article-one/index.html');
    expect(page('.article__original').text()).toBe('The original article in The Fixture Times (archived copy)');
    expect(page('.article__original a:contains("archived copy")').attr('href')).toBe(ARCHIVED);
    const articleLd = JSON.parse(page('script[type="application/ld+json"]').first().text()) as { archivedAt?: string };
    expect(articleLd.archivedAt).toBe(ARCHIVED);

    // In each item's HTML, which the feeds carry as CDATA.
    expect(readText(dist, 'rss.xml')).toContain(`(<a href="${ARCHIVED}">archived copy</a>)`);
    expect(readText(dist, 'articles/rss.xml')).toContain(`(<a href="${ARCHIVED}">archived copy</a>)`);
  }, 180_000);
});
