import { describe, it, expect } from 'vitest';
import {
  articleJsonLd,
  personJsonLd,
  quotationJsonLd,
  serializeJsonLd,
  type ArticleJsonLdInput,
  type QuotationJsonLdInput,
} from '../../src/views/jsonld.ts';

const MASSOUD = {
  name: 'Ahmad Massoud',
  url: 'https://qtd.example/people/ahmad-massoud/',
  sameAs: 'https://en.wikipedia.org/wiki/Ahmad_Massoud',
};
const LEVY = { name: 'Bernard-Henri Lévy', url: 'https://qtd.example/people/bernard-henri-levy/' };
const WEBSITE = { name: 'QTD', url: 'https://qtd.example/' };

const article: ArticleJsonLdInput = {
  url: 'https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/',
  title: 'The Afghan Who Won’t Surrender to the Taliban',
  dek: 'Ahmad Massoud leads the resistance in the province of Panjshir. Can he and his fighters hold out?',
  section: 'Opinion · Commentary',
  authors: [LEVY],
  publication: 'The Wall Street Journal',
  published: '2021-08-23T12:56:00-04:00',
  sourceUrl: 'https://news.example/articles/the-afghan-who-wont-surrender',
  inLanguage: 'en',
  website: WEBSITE,
};

const quotation: QuotationJsonLdInput = {
  text: 'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance.',
  url: 'https://qtd.example/quotes/spirit-of-resistance/',
  date: '2021-08-23',
  inLanguage: 'en',
  speaker: MASSOUD,
  source: {
    url: article.url,
    title: article.title,
    section: article.section,
    published: article.published,
    authors: [LEVY],
  },
};

describe('serializeJsonLd', () => {
  const hostile = {
    text: '</script><script>alert(1)</script> <!-- & -->',
    name: 'line\u2028separator and paragraph\u2029separator',
  };

  it('parses back to the same data', () => {
    expect(JSON.parse(serializeJsonLd(hostile))).toEqual(hostile);
    const nested = quotationJsonLd(quotation);
    expect(JSON.parse(serializeJsonLd(nested))).toEqual(nested);
  });

  it('writes no character that could close or comment out the script element', () => {
    const json = serializeJsonLd(hostile);
    expect(json).not.toContain('<');
    expect(json).not.toContain('>');
    expect(json).not.toContain('&');
    expect(json).toContain('\\u003c/script\\u003e');
    expect(json).toContain('\\u0026');
  });

  it('escapes U+2028 and U+2029', () => {
    const json = serializeJsonLd(hostile);
    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(json).toContain('line\\u2028separator');
    expect(json).toContain('paragraph\\u2029separator');
  });

  it('leaves other text, accents included, as it is', () => {
    expect(serializeJsonLd({ name: 'Bernard-Henri Lévy' })).toBe('{"name":"Bernard-Henri Lévy"}');
  });

  it('refuses a value with no JSON form', () => {
    expect(() => serializeJsonLd(undefined)).toThrow(TypeError);
  });

  it('writes no lone surrogate, escapes controls, and keeps U+FFFE, U+FFFF and emoji', () => {
    const odd = { text: 'NUL\u0000 SOH\u0001 FFFE\uFFFE FFFF\uFFFF lone\uD800 half\uDFFF </script> 😀👩🏽‍🔬' };
    const json = serializeJsonLd(odd);
    expect(json).not.toMatch(/\\ud[89a-f]/i);
    expect(json.isWellFormed()).toBe(true);
    expect(json).not.toMatch(/[\u0000-\u001F<]/);
    expect(JSON.parse(json)).toEqual({ text: 'NUL\u0000 SOH\u0001 FFFE\uFFFE FFFF\uFFFF lone\uFFFD half\uFFFD </script> 😀👩🏽‍🔬' });
  });
});

describe('quotationJsonLd', () => {
  it('describes a sourced quote with its speaker and article', () => {
    const speaker = { '@type': 'Person', name: 'Ahmad Massoud', url: MASSOUD.url, sameAs: MASSOUD.sameAs };
    expect(quotationJsonLd(quotation)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Quotation',
      text: quotation.text,
      creator: speaker,
      spokenByCharacter: speaker,
      isPartOf: {
        '@type': 'OpinionNewsArticle',
        headline: 'The Afghan Who Won’t Surrender to the Taliban',
        url: article.url,
        datePublished: '2021-08-23T12:56:00-04:00',
        author: [{ '@type': 'Person', name: 'Bernard-Henri Lévy', url: LEVY.url }],
      },
      datePublished: '2021-08-23',
      url: 'https://qtd.example/quotes/spirit-of-resistance/',
      inLanguage: 'en',
    });
  });

  it('has no isPartOf without a source, and a NewsArticle outside opinion sections', () => {
    const { source: _unused, ...unsourced } = quotation;
    expect(quotationJsonLd(unsourced)).not.toHaveProperty('isPartOf');
    const news = quotationJsonLd({ ...quotation, source: { url: article.url, title: 'Kabul Falls', section: 'World' } });
    expect(news).toMatchObject({ isPartOf: { '@type': 'NewsArticle', headline: 'Kabul Falls' } });
  });

  it('links the original article, its archived copy and its publisher from the article the quote is part of', () => {
    const archivedUrl = 'https://web.archive.org/web/20210823170000/https://news.example/articles/the-afghan-who-wont-surrender';
    const linked = quotationJsonLd({
      ...quotation,
      source: { ...quotation.source!, publication: 'The Wall Street Journal', sourceUrl: article.sourceUrl!, archivedUrl },
    });
    expect(linked).toMatchObject({
      isPartOf: {
        url: article.url,
        sameAs: article.sourceUrl,
        isBasedOn: article.sourceUrl,
        archivedAt: archivedUrl,
        publisher: { '@type': 'Organization', name: 'The Wall Street Journal' },
      },
    });
    for (const field of ['sameAs', 'isBasedOn', 'archivedAt', 'publisher']) {
      expect((quotationJsonLd(quotation) as { isPartOf: object }).isPartOf).not.toHaveProperty(field);
    }
  });
});

describe('articleJsonLd', () => {
  it('describes an opinion piece with its dates as written', () => {
    expect(articleJsonLd(article)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'OpinionNewsArticle',
      headline: article.title,
      description: article.dek,
      articleSection: 'Opinion · Commentary',
      author: [{ '@type': 'Person', name: 'Bernard-Henri Lévy', url: LEVY.url }],
      publisher: { '@type': 'Organization', name: 'The Wall Street Journal' },
      datePublished: '2021-08-23T12:56:00-04:00',
      url: article.url,
      sameAs: article.sourceUrl,
      isBasedOn: article.sourceUrl,
      inLanguage: 'en',
      isPartOf: { '@type': 'WebSite', name: 'QTD', url: 'https://qtd.example/' },
    });
  });

  it('gives the archived copy of the original as archivedAt, only when there is one', () => {
    const archivedUrl = 'https://web.archive.org/web/2021/https://news.example/a';
    expect(articleJsonLd({ ...article, archivedUrl })).toMatchObject({ archivedAt: archivedUrl, isBasedOn: article.sourceUrl });
    expect(articleJsonLd(article)).not.toHaveProperty('archivedAt');
  });

  it('adds dateModified only when the article was updated', () => {
    expect(articleJsonLd(article)).not.toHaveProperty('dateModified');
    expect(articleJsonLd({ ...article, updated: '2021-08-24T09:00:00-04:00' })).toMatchObject({
      dateModified: '2021-08-24T09:00:00-04:00',
    });
  });

  it('is a NewsArticle outside opinion sections, without the optional fields it was not given', () => {
    const plain = articleJsonLd({
      url: article.url,
      title: 'Kabul Falls',
      authors: [LEVY],
      published: '2021-08-15T18:00:00+04:30',
      website: WEBSITE,
    });
    expect(plain).toMatchObject({ '@type': 'NewsArticle', datePublished: '2021-08-15T18:00:00+04:30' });
    for (const field of ['description', 'publisher', 'sameAs', 'isBasedOn', 'articleSection']) {
      expect(plain).not.toHaveProperty(field);
    }
  });
});

describe('personJsonLd', () => {
  it('describes a person with our page and their authoritative page', () => {
    expect(personJsonLd({ ...MASSOUD, description: 'Afghan resistance leader' })).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Person',
      name: 'Ahmad Massoud',
      url: 'https://qtd.example/people/ahmad-massoud/',
      sameAs: 'https://en.wikipedia.org/wiki/Ahmad_Massoud',
      description: 'Afghan resistance leader',
    });
  });

  it('leaves out sameAs and description when unknown', () => {
    expect(personJsonLd(LEVY)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Person',
      name: 'Bernard-Henri Lévy',
      url: LEVY.url,
    });
  });
});
