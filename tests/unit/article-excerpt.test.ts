import { describe, expect, it } from 'vitest';
import { publishedArticleText, type PublishableArticle, type PulledQuote } from '../../src/views/article-excerpt.ts';

const PRIVATE_FIRST = 'The first paragraph is nobody’s business.';
const PULLED = 'He said that a leap year gives every promise one more day to be kept. Then he laughed.';
const PRIVATE_ITEM = 'An item of a list that nobody quoted.';
const PULLED_ITEM = 'The river rose again in the spring of that year.';
const PRIVATE_LAST = 'The closing paragraph stays private.';

const html = [
  `<p>${PRIVATE_FIRST}</p>`,
  `<p>${PULLED.replace('leap year', '<em>leap</em> year')}</p>`,
  `<ul>\n<li>${PRIVATE_ITEM}</li>\n<li>${PULLED_ITEM}</li>\n</ul>`,
  `<p>${PRIVATE_LAST}</p>`,
].join('\n');
const paragraphs = [PRIVATE_FIRST, PULLED, PRIVATE_ITEM, PULLED_ITEM, PRIVATE_LAST];
const words = paragraphs.join(' ').split(/\s+/).length;

function article(display: 'full' | 'excerpt'): PublishableArticle {
  return { html, paragraphs, words, display };
}

const leapYear: PulledQuote = { id: 'leap-year', text: 'a leap year gives every promise one more day to be kept', status: 'published' };
const river: PulledQuote = { id: 'river', text: 'The river rose again in the spring', status: 'published' };

describe('publishedArticleText', () => {
  it('gives all of an article published whole, as it is', () => {
    const full = article('full');
    expect(publishedArticleText(full, [leapYear])).toEqual({ html, paragraphs, words });
    expect(publishedArticleText(full, [])).toEqual({ html, paragraphs, words });
  });

  it('gives of an excerpt only the blocks that hold a pulled passage, without marks or links', () => {
    const text = publishedArticleText(article('excerpt'), [leapYear]);
    expect(text.paragraphs).toEqual([PULLED]);
    expect(text.words).toBe(PULLED.split(' ').length);
    expect(text.html).toContain('<em>leap</em> year gives every promise');
    expect(text.html).not.toMatch(/<mark|<a /);
    for (const hidden of [PRIVATE_FIRST, PRIVATE_ITEM, PULLED_ITEM, PRIVATE_LAST]) {
      expect(text.html).not.toContain(hidden.slice(0, 20));
    }
  });

  it('keeps the pulled blocks in the article’s order, a list item inside its list without its siblings', () => {
    const text = publishedArticleText(article('excerpt'), [river, leapYear]);
    expect(text.paragraphs).toEqual([PULLED, PULLED_ITEM]);
    expect(text.words).toBe(PULLED.split(' ').length + PULLED_ITEM.split(' ').length);
    expect(text.html).toMatch(/^<p>He said[^]*<\/p>\s*<ul>\s*<li>The river rose[^]*<\/li>\s*<\/ul>$/);
    expect(text.html).not.toContain(PRIVATE_ITEM.slice(0, 20));
  });

  it('publishes nothing of an excerpt whose quotes are withdrawn or missing', () => {
    const excerpt = article('excerpt');
    expect(publishedArticleText(excerpt, [{ ...leapYear, status: 'withdrawn' }])).toEqual({ html: '', paragraphs: [], words: 0 });
    expect(publishedArticleText(excerpt, [])).toEqual({ html: '', paragraphs: [], words: 0 });
  });

  it('answers each list of quotes for itself, the same list from memory', () => {
    const excerpt = article('excerpt');
    const one = [leapYear];
    const first = publishedArticleText(excerpt, one);
    expect(publishedArticleText(excerpt, one)).toBe(first);
    expect(publishedArticleText(excerpt, [leapYear, river]).paragraphs).toEqual([PULLED, PULLED_ITEM]);
    expect(publishedArticleText(excerpt, [river]).paragraphs).toEqual([PULLED_ITEM]);
  });
});
