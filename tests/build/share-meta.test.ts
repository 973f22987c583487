/**
 * What a page says about itself when shared or crawled: Open Graph tags on every page
 * (og:url is the canonical URL) and the Twitter tags X does not read from them, share
 * cards that exist on the site at 1200×630 with alt text, and JSON-LD that parses and
 * describes the quote (Quotation), the article (OpinionNewsArticle) and the person (Person).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { distOf } from '../support/sites.ts';
import { DEPLOYMENTS, type DeployedSite } from '../support/sites.ts';
import { htmlPages, loadPage } from '../support/html.ts';

type CheckedSite = DeployedSite;

const ARTICLE = 'articles/the-afghan-who-wont-surrender-to-the-taliban';
const QUOTE = 'quotes/spirit-of-resistance';
const PERSON = 'people/ahmad-massoud';

type JsonObject = Record<string, unknown>;

function meta($: CheerioAPI, key: string): string | undefined {
  return $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');
}

function isRedirectPage($: CheerioAPI): boolean {
  return $('meta[http-equiv="refresh" i]').length > 0;
}

function jsonLdBlocks($: CheerioAPI): JsonObject[] {
  return $('script[type="application/ld+json"]')
    .toArray()
    .map((el) => JSON.parse($(el).text()) as JsonObject);
}

/** Width and height from a PNG's IHDR chunk, or undefined if the file is not a PNG. */
function pngSize(path: string): { width: number; height: number } | undefined {
  const header = Buffer.alloc(24);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 24, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return undefined;
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

/** Every string under `url` or `image` keys of a JSON-LD value, with its path. */
function linkedUrls(value: unknown, path = '$'): { path: string; url: string; key: string }[] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => linkedUrls(entry, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    const here = `${path}.${key}`;
    if ((key === 'url' || key === 'image') && typeof entry === 'string') return [{ path: here, url: entry, key }];
    return linkedUrls(entry, here);
  });
}

describe.each(Object.keys(DEPLOYMENTS) as CheckedSite[])('share metadata of the %s site', (site) => {
  const dist = distOf(site);
  const { siteUrl, basePath } = DEPLOYMENTS[site];
  const origin = new URL(siteUrl).origin;
  // Redirect pages are never shown nor shared: they only forward.
  const pages = htmlPages(dist).filter((file) => !isRedirectPage(loadPage(dist, file)));

  /** Why a URL is not a file of this site, or undefined when it is one. */
  function missingFile(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `"${url}" is not an absolute URL`;
    }
    if (parsed.origin !== origin) return `"${url}" is not on ${origin}`;
    if (!parsed.pathname.startsWith(basePath)) return `"${url}" is not under ${basePath}`;
    const file = decodeURIComponent(parsed.pathname.slice(basePath.length));
    return existsSync(join(dist, file)) ? undefined : `"${url}": no file ${file} in dist`;
  }

  it('gives every page og:title, og:description, og:url (its canonical URL), og:type and twitter:card', () => {
    const problems: string[] = [];
    for (const file of pages) {
      const $ = loadPage(dist, file);
      const report = (message: string) => problems.push(`${file}: ${message}`);
      for (const key of ['og:title', 'og:description', 'og:type', 'twitter:card']) {
        if ((meta($, key) ?? '').trim() === '') report(`no ${key}`);
      }
      const card = meta($, 'twitter:card');
      if (card !== undefined && card !== 'summary' && card !== 'summary_large_image') report(`twitter:card "${card}"`);
      const canonical = $('link[rel="canonical"]').attr('href');
      const ogUrl = meta($, 'og:url');
      // The 404 page answers at every missing address: it has no URL of its own.
      if (file === '404.html') {
        if (ogUrl !== undefined && canonical !== undefined && ogUrl !== canonical)
          report(`og:url ${ogUrl} is not the canonical ${canonical}`);
        continue;
      }
      if (ogUrl === undefined) report('no og:url');
      else if (!ogUrl.startsWith(`${origin}${basePath}`)) report(`og:url ${ogUrl} is not an absolute URL under ${origin}${basePath}`);
      else if (ogUrl !== canonical) report(`og:url ${ogUrl} is not the canonical ${String(canonical)}`);
    }
    expect(pages.length).toBeGreaterThan(10);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('leaves out twitter:title and twitter:description, which X reads from og:title and og:description', () => {
    // developer.x.com/cards/markup: each of X's tags falls back to its Open Graph twin; the repeat cost ~0.35 kB a quote page.
    const repeated = pages.filter(
      (file) => loadPage(dist, file)('meta[name="twitter:title"], meta[name="twitter:description"]').length > 0,
    );
    expect(repeated).toEqual([]);
  });

  it('points every og:image at an existing 1200×630 card on the site, with its size and alt text', () => {
    const problems: string[] = [];
    let images = 0;
    for (const file of pages) {
      const $ = loadPage(dist, file);
      const image = meta($, 'og:image');
      if (image === undefined) continue;
      images++;
      const report = (message: string) => problems.push(`${file}: ${message}`);
      const missing = missingFile(image);
      if (missing !== undefined) report(`og:image ${missing}`);
      else {
        const size = pngSize(join(dist, decodeURIComponent(new URL(image).pathname.slice(basePath.length))));
        if (size === undefined) report(`og:image ${image} is not a PNG`);
        else if (size.width !== 1200 || size.height !== 630) report(`og:image ${image} is ${size.width}×${size.height}, not 1200×630`);
      }
      if (meta($, 'og:image:width') !== '1200') report(`og:image:width "${String(meta($, 'og:image:width'))}"`);
      if (meta($, 'og:image:height') !== '630') report(`og:image:height "${String(meta($, 'og:image:height'))}"`);
      if ((meta($, 'og:image:alt') ?? '').trim() === '') report('no og:image:alt');
      if (meta($, 'twitter:card') !== 'summary_large_image') report(`a card image with twitter:card "${String(meta($, 'twitter:card'))}"`);
      const twitterImage = meta($, 'twitter:image');
      if (twitterImage !== undefined && twitterImage !== image) report(`twitter:image ${twitterImage} is not og:image ${image}`);
      // X documents no Open Graph fallback for the image's alt text: it gets its own tag.
      if (meta($, 'twitter:image:alt') !== meta($, 'og:image:alt')) report(`twitter:image:alt is not og:image:alt`);
    }
    expect(images).toBeGreaterThan(0);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('writes JSON-LD that parses, with absolute URLs on the site and images that exist', () => {
    const problems: string[] = [];
    let blocks = 0;
    for (const file of pages) {
      const $ = loadPage(dist, file);
      let parsed: JsonObject[];
      try {
        parsed = jsonLdBlocks($);
      } catch (error) {
        problems.push(`${file}: JSON-LD does not parse: ${String(error)}`);
        continue;
      }
      for (const block of parsed) {
        blocks++;
        if (block['@context'] !== 'https://schema.org') problems.push(`${file}: @context ${String(block['@context'])}`);
        if (typeof block['@type'] !== 'string') problems.push(`${file}: no @type`);
        for (const { path, url, key } of linkedUrls(block)) {
          let parsedUrl: URL | undefined;
          try {
            parsedUrl = new URL(url);
          } catch {
            problems.push(`${file}: ${path} "${url}" is not absolute`);
            continue;
          }
          // Links to a person's own site (sameAs) or an original article may be elsewhere; our own pages and cards may not.
          if (key === 'image') {
            const missing = missingFile(url);
            if (missing !== undefined) problems.push(`${file}: ${path} ${missing}`);
          } else if (
            parsedUrl.origin === origin &&
            missingFile(parsedUrl.pathname.endsWith('/') ? `${url}index.html` : url) !== undefined
          ) {
            problems.push(`${file}: ${path} ${url} is no page of the site`);
          }
        }
      }
    }
    expect(blocks).toBeGreaterThan(0);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe('JSON-LD of the seed archive', () => {
  const dist = distOf('real');

  function onlyBlockOfType($: CheerioAPI, type: string): JsonObject {
    const matching = jsonLdBlocks($).filter((block) => block['@type'] === type);
    expect(matching, `JSON-LD blocks of @type ${type}`).toHaveLength(1);
    return matching[0] ?? {};
  }

  it('describes the quote page as a Quotation of Ahmad Massoud, part of the article, with its date and URL', () => {
    const $ = loadPage(dist, QUOTE);
    const quotation = onlyBlockOfType($, 'Quotation');
    expect(quotation.text).toMatch(/^What makes a people strong, above and beyond any imbalance of forces/);
    expect(quotation.text).toMatch(/whatever the price\.$/);
    expect(quotation.creator).toMatchObject({ '@type': 'Person', name: 'Ahmad Massoud' });
    expect(quotation.isPartOf).toMatchObject({
      headline: 'The Afghan Who Won’t Surrender to the Taliban',
      url: `https://qtd.example/${ARTICLE}/`,
    });
    expect(quotation.datePublished).toBe('2021-08-23');
    expect(quotation.url).toBe($('link[rel="canonical"]').attr('href'));
    expect(quotation.url).toBe(`https://qtd.example/${QUOTE}/`);
  });

  it('describes the article page as an OpinionNewsArticle with headline, author, publisher and date', () => {
    const $ = loadPage(dist, ARTICLE);
    const article = onlyBlockOfType($, 'OpinionNewsArticle');
    expect(article.headline).toBe('The Afghan Who Won’t Surrender to the Taliban');
    const authors = [article.author].flat() as JsonObject[];
    expect(authors).toEqual([expect.objectContaining({ '@type': 'Person', name: 'Bernard-Henri Lévy' })]);
    expect(article.publisher).toMatchObject({ name: 'The Wall Street Journal' });
    expect(typeof (article.publisher as JsonObject | undefined)?.['@type']).toBe('string');
    expect(article.datePublished).toBe('2021-08-23T12:56:00-04:00');
    expect(article.url).toBe($('link[rel="canonical"]').attr('href'));
  });

  it('describes the person page as a Person', () => {
    const $ = loadPage(dist, PERSON);
    const person = onlyBlockOfType($, 'Person');
    expect(person.name).toBe('Ahmad Massoud');
    expect(person.url).toBe(`https://qtd.example/${PERSON}/`);
  });
});
