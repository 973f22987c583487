/**
 * What `npm run dev` serves while the content has problems (src/content/issues.ts): the
 * page of each entry with a problem, and every page drawn from it, is replaced by the
 * problems (file, line, field, fix), so the preview never shows a page built from
 * content that failed its checks.
 */
import { describe, expect, it } from 'vitest';
import { validateContent, type SourceFile } from '../../src/content/validate.ts';
import { issue, isTagPage, pagesWithProblems, problemPageHtml } from '../../src/content/issues.ts';
import type { Collection } from '../../src/content/schema.ts';

const file = (collection: Collection, name: string, lines: string[]): SourceFile => ({
  path: `content/${collection}/${name}`,
  collection,
  text: ['---', ...lines, '---', ''].join('\n'),
});

const FILES: SourceFile[] = [
  file('people', 'ada.md', ['name: Ada Writer']),
  file('people', 'bo.md', ['name: Bo']),
  // An article with a problem of its own: it is left out of the store.
  file('articles', 'flood.md', ['title: The Flood', 'authors: [ada]', 'published: 2024-05-06T10:00:00']),
  file('articles', 'fire.md', ['title: The Fire', 'authors: [bo]', 'published: 2024-05-06T10:00:00-04:00']),
  file('quotes', 'from-flood.md', ['text: The river rose', 'speaker: bo', 'source: flood', 'date: 2024-05-07']),
  file('quotes', 'from-fire.md', ['text: The fire spread', 'speaker: bo', 'source: fire', 'date: 2024-05-08']),
];

const inside = (path: string) => (path.startsWith('content/') ? path.slice('content/'.length) : undefined);

describe('the preview’s pages while the content has problems', () => {
  const { issues, content } = validateContent(FILES, { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false });
  const misquote = issue('content/quotes/from-fire.md', 'text', 'is not in content/articles/fire.md.', 'correct the words.', 2);

  it('replaces the article with a problem, and the page of each quote drawn from it', () => {
    expect(issues.map((item) => item.file)).toEqual(['content/articles/flood.md']);
    const { pages } = pagesWithProblems(issues, content, inside);
    expect([...pages.keys()].sort()).toEqual(['/articles/flood/', '/quotes/from-flood/']);
    expect(pages.get('/quotes/from-flood/')).toEqual(issues);
  });

  it('replaces a quote that fails verification, and its citation file', () => {
    const { pages } = pagesWithProblems([misquote], content, inside);
    expect([...pages.keys()].sort()).toEqual(['/quotes/from-fire/', '/quotes/from-fire/citation.json']);
  });

  it('replaces a person’s page and the pages of their quotes and articles', () => {
    const person = issue('content/people/bo.md', 'url', 'must be a full web address.', 'write https://….', 2);
    expect([...pagesWithProblems([person], content, inside).pages.keys()].sort()).toEqual([
      '/articles/fire/',
      '/people/bo/',
      '/quotes/from-fire/',
      '/quotes/from-flood/',
    ]);
  });

  it('replaces the tag pages while tags.yaml has a problem', () => {
    const registry = issue('content/tags.yaml', 'name', 'YAML cannot read this line.', 'put it in quotes.', 2);
    const preview = pagesWithProblems([registry], content, inside);
    expect(preview.tagPages).toEqual([registry]);
    expect(preview.pages.size).toBe(0);
    expect(isTagPage('/tags/floods/')).toBe(true);
    expect(isTagPage('/tags/')).toBe(true);
    expect(isTagPage('/quotes/')).toBe(false);
  });

  it('writes a page with the file, line, field and fix, escaped, and no stack trace', () => {
    const html = problemPageHtml('/quotes/from-fire/', [{ ...misquote, message: 'is not <b>in</b> the article.' }]);
    expect(html).toContain('<h1>/quotes/from-fire/ is not shown: its content has a problem</h1>');
    expect(html).toContain(
      '<pre>✖ content/quotes/from-fire.md:2\n  text: is not &lt;b&gt;in&lt;/b&gt; the article.\n  Fix: correct the words.</pre>',
    );
    expect(html).not.toContain('Source text not in the archive');
  });
});
