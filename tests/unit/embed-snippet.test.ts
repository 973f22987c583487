import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { embedSnippet, type EmbedInput } from '../../src/domain/embed-snippet.ts';
import { validateHtmlString } from '../support/html-validation.ts';

const SPIRIT: EmbedInput = {
  text: 'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance. . . . You must believe.',
  date: '2021-08-23',
  speakerName: 'Ahmad Massoud',
  source: { title: 'The Afghan Who Won’t Surrender to the Taliban', publication: 'The Wall Street Journal' },
  pageUrl: 'https://qtd.example/quotes/spirit-of-resistance/',
  citeUrl: 'https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/#q-spirit-of-resistance',
  siteTitle: 'QTD',
  siteLang: 'en',
};

/** The snippet inside a page of its own, as a blog would paste it. */
function inPage(snippet: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Un blog</title></head><body><main><h1>Un billet</h1>${snippet}</main></body></html>`;
}

describe('embedSnippet', () => {
  it('puts the words in a blockquote citing the passage, and the attribution with a link back outside it', () => {
    const snippet = embedSnippet(SPIRIT);
    expect(snippet).toBe(
      [
        '<figure lang="en">',
        '  <blockquote cite="https://qtd.example/articles/the-afghan-who-wont-surrender-to-the-taliban/#q-spirit-of-resistance">',
        '    <p>What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance. . . . You must believe.</p>',
        '  </blockquote>',
        '  <figcaption>— Ahmad Massoud, in “The Afghan Who Won’t Surrender to the Taliban,” <cite>The Wall Street Journal</cite>. Quote of the day for August 23, 2021, on <a href="https://qtd.example/quotes/spirit-of-resistance/">QTD</a>.</figcaption>',
        '</figure>',
        '',
      ].join('\n'),
    );
  });

  it('is valid HTML inside any page, and holds no script, style or class', async () => {
    const snippet = embedSnippet(SPIRIT);
    const result = await validateHtmlString(inPage(snippet), 'blog.html');
    expect(result.messages).toEqual([]);
    const $ = cheerio.load(snippet, null, false);
    expect($('script, style, link, [style], [class], [id]')).toHaveLength(0);
    const attributes = $('*')
      .toArray()
      .flatMap((element) => ('attribs' in element ? Object.keys(element.attribs) : []));
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
  });

  it('keeps every character of hostile content as text', async () => {
    const snippet = embedSnippet({
      ...SPIRIT,
      text: '</blockquote><script>alert(1)</script> & “so”',
      speakerName: '<img src=x onerror=alert(2)>',
      source: { title: 'A "title" & <b>more</b>', publication: '</cite>' },
      pageUrl: 'https://qtd.example/quotes/x/?a="b"',
    });
    const $ = cheerio.load(snippet, null, false);
    expect($('script, img, b')).toHaveLength(0);
    expect($('blockquote p').text()).toBe('</blockquote><script>alert(1)</script> & “so”');
    expect($('figcaption').text()).toContain('<img src=x onerror=alert(2)>, in “A "title" & <b>more</b>,” </cite>.');
    expect($('figcaption a').attr('href')).toBe('https://qtd.example/quotes/x/?a="b"');
    expect((await validateHtmlString(inPage(snippet), 'blog.html')).messages).toEqual([]);
  });

  it('gives a quote in another language its language and direction, and keeps its paragraphs', () => {
    const snippet = embedSnippet({
      ...SPIRIT,
      lang: 'fa',
      text: 'می‌خواهم آزاد باشم.\n\nمثل پرنده‌ای.',
      source: undefined,
      citeUrl: undefined,
    });
    const $ = cheerio.load(snippet, null, false);
    expect($('figure').attr('lang')).toBe('en');
    expect($('blockquote').attr('lang')).toBe('fa');
    expect($('blockquote').attr('dir')).toBe('rtl');
    expect($('blockquote').attr('cite')).toBe(SPIRIT.pageUrl);
    expect(
      $('blockquote p')
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(['می‌خواهم آزاد باشم.', 'مثل پرنده‌ای.']);
    expect($('figcaption').text()).toBe('— Ahmad Massoud. Quote of the day for August 23, 2021, on QTD.');
  });

  it('closes the sentence inside the title’s marks, with no comma or period after a question mark', () => {
    const snippet = embedSnippet({ ...SPIRIT, source: { title: 'Can He Hold Out?', publication: 'WSJ' } });
    expect(snippet).toContain('in “Can He Hold Out?” <cite>WSJ</cite>.');
    expect(embedSnippet({ ...SPIRIT, source: { title: 'Why “Never” Matters' } })).toContain('in “Why ‘Never’ Matters.” Quote of the day');
    expect(embedSnippet({ ...SPIRIT, source: { title: 'Can He?' } })).toContain('in “Can He?” Quote of the day');
  });
});
