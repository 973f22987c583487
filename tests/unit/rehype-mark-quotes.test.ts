import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { parse as parseYaml } from 'yaml';
import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { blockTexts, rehypeMarkQuotes, type MarkableQuote } from '../../src/markdown/rehype-mark-quotes.ts';
import { articleBodyHtml, renderArticleBody } from '../../src/views/article-body.ts';
import { visibleParagraphs } from '../../src/content/article-text.ts';
import { standaloneRenderer } from '../../src/content/standalone-renderer.ts';
import { verifyQuoteText } from '../../src/content/verify-quotes.ts';
import { prepareArticle } from '../../src/domain/quote-match.ts';
import { quoteUrl } from '../../src/domain/urls.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/mark-quotes');
const CONTENT = join(import.meta.dirname, '../../content');

const htmlParser = unified().use(rehypeParse, { fragment: true });

function markQuotes(html: string, quotes: readonly MarkableQuote[]): { html: string; markedQuoteIds: string[] } {
  const file = unified().use(rehypeParse, { fragment: true }).use(rehypeMarkQuotes, { quotes }).use(rehypeStringify).processSync(html);
  return { html: String(file), markedQuoteIds: file.data.markedQuoteIds ?? [] };
}

/**
 * Expected files are laid out one element a line: a line break, with the white
 * space around it, is layout; every other space is text and must match.
 */
function normalise(html: string): string {
  return html.replace(/\s*\n\s*/g, '');
}

/** Every element of the HTML, with the elements around it. */
function withAncestors(html: string): { element: Element; ancestors: Element[] }[] {
  const found: { element: Element; ancestors: Element[] }[] = [];
  const walk = (nodes: readonly RootContent[], ancestors: Element[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      found.push({ element: node, ancestors });
      walk(node.children, [...ancestors, node]);
    }
  };
  walk(htmlParser.parse(html).children, []);
  return found;
}

function elements(html: string, tagName: string): Element[] {
  return withAncestors(html)
    .map(({ element }) => element)
    .filter((element) => element.tagName === tagName);
}

/** Whether an element sits inside another of the same kind (marks in marks, links in links). */
function nestedInItself(html: string, tagName: string): boolean {
  return withAncestors(html).some(({ element, ancestors }) => element.tagName === tagName && ancestors.some((a) => a.tagName === tagName));
}

function anchorIds(html: string): string[] {
  return [...html.matchAll(/ id="q-([^"]+)"/g)].map((m) => m[1] ?? '');
}

function readFixture(name: string) {
  const read = (file: string) => readFileSync(join(FIXTURES, name, file), 'utf8');
  return {
    input: read('input.html'),
    quotes: JSON.parse(read('quotes.json')) as MarkableQuote[],
    expected: read('expected.html'),
  };
}

describe('rehypeMarkQuotes fixtures', () => {
  const cases = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('covers the cases the plugin has to handle', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'plain-quote',
        'quote-across-em',
        'elision-across-sentences',
        'two-quotes-one-paragraph',
        'overlapping-quotes',
        'quotes-starting-together',
        'first-letter-case',
        'curly-vs-straight-quotes',
        'quote-inside-link',
        'quote-not-found',
      ]),
    );
  });

  for (const name of cases) {
    it(name, () => {
      const { input, quotes, expected } = readFixture(name);
      const result = markQuotes(input, quotes);
      expect(normalise(result.html)).toBe(normalise(expected));
      // Every quote reported as marked has its anchor, once; the others have none.
      const anchors = anchorIds(result.html);
      expect(anchors.slice().sort()).toEqual(result.markedQuoteIds.slice().sort());
      expect(new Set(anchors).size).toBe(anchors.length);
      expect(nestedInItself(result.html, 'a')).toBe(false);
      expect(nestedInItself(result.html, 'mark')).toBe(false);
      // Marking only adds marks and links: the words read as before.
      const withoutLinks = result.html.replace(/<a class="quote-link"[^>]*>↗<\/a>/g, '');
      expect(toText(htmlParser.parse(withoutLinks))).toBe(toText(htmlParser.parse(input)));
    });
  }

  it('marks both of two overlapping quotes, each piece naming every quote it belongs to', () => {
    const { input, quotes } = readFixture('overlapping-quotes');
    const { html, markedQuoteIds } = markQuotes(input, quotes);
    expect(markedQuoteIds).toEqual(['fearsome', 'stocks']);
    const textOf = (id: string) =>
      elements(html, 'mark')
        .filter((mark) => String(mark.properties.dataQuote).split(' ').includes(id))
        .map((mark) => toText(mark))
        .join('');
    expect(textOf('fearsome')).toBe('The Taliban is fearsome, for sure. They have laid claim');
    expect(textOf('stocks')).toBe('They have laid claim to stocks of American weapons.');
  });

  it('skips a quote it cannot find and reports only the ones it marked', () => {
    const { input, quotes } = readFixture('quote-not-found');
    expect(markQuotes(input, quotes).markedQuoteIds).toEqual(['today']);
  });

  it('leaves HTML without a pulled passage exactly as it was', () => {
    const html = '<h2 id="x">A heading</h2>\n<p>Text with <a href="https://example.org/?a=1&#x26;b=2">a link</a> and “quotes”.</p>';
    expect(markQuotes(html, [{ id: 'none', text: 'not in the text', href: '/quotes/none/' }]).html).toBe(html);
  });

  it('labels the link to the quote page for screen readers', () => {
    const { input, quotes } = readFixture('elision-across-sentences');
    const [link] = elements(markQuotes(input, quotes).html, 'a');
    expect(link?.properties.ariaLabel).toBe('Quote of the day page: “We will never accept an imposed peace…”');
    expect(link?.properties.href).toBe('/quotes/no-surrender/');
  });
});

describe('the seed article', () => {
  const article = readFileSync(join(CONTENT, 'articles/the-afghan-who-wont-surrender-to-the-taliban.md'), 'utf8');
  const markdownBody = article.replace(/^---\n[\s\S]*?\n---\n/, '');
  const quoteFile = readFileSync(join(CONTENT, 'quotes/spirit-of-resistance.md'), 'utf8');
  const quoteText = String((parseYaml(quoteFile.split(/^---$/m)[1] ?? '') as { text: string }).text);

  /** The article body as the site renders it (the smartypants settings of astro.config.mjs). */
  async function seedHtml(markdown = markdownBody): Promise<string> {
    const processor = await createMarkdownProcessor({
      syntaxHighlight: false,
      smartypants: { dashes: 'oldschool', ellipses: false },
    });
    return (await processor.render(markdown)).code;
  }

  it('marks the quote of the day once, in two segments around its elision', async () => {
    const html = await seedHtml();
    const { html: marked, markedQuoteIds } = markQuotes(html, [
      { id: 'spirit-of-resistance', text: quoteText, href: quoteUrl('spirit-of-resistance') },
    ]);
    expect(markedQuoteIds).toEqual(['spirit-of-resistance']);
    expect(marked.match(/id="q-spirit-of-resistance"/g)).toHaveLength(1);
    const marks = elements(marked, 'mark').filter((mark) => mark.properties.dataQuote === 'spirit-of-resistance');
    expect(marks).toHaveLength(2);
    expect(marks[0]?.properties.id).toBe('q-spirit-of-resistance');
    // The quote's words without the elision (and the period before it); the
    // article has the first word in lower case, inside a sentence.
    const words = quoteText.replace(/[\s.]*\.\s*\.\s*\.[\s.]*/g, ' ');
    expect(words).toMatch(/^What makes .* resistance You must .* whatever the price\.$/);
    expect(marks.map((mark) => toText(mark)).join(' ')).toBe(`w${words.slice(1)}`);
    expect(marked).toContain(`whatever the price.</mark><a class="quote-link" href="${quoteUrl('spirit-of-resistance')}"`);
  });

  it('marks exactly the quotes that verification finds in the same rendered article', async () => {
    const sample = [
      markdownBody,
      '## A heading with *emphasis*',
      'A paragraph with a [link](https://example.org/), `code`, **strong** text\nand a soft line break.',
      '- a tight list item\n- another, with *emphasis*\n  - and a nested one',
      '1. a loose list item\n\n2. another',
      '> a quoted paragraph\n>\n> and a second one',
      'A line  \nbroken by a hard break.',
      '```\ncode block words\n```',
      '<template>words inside a template</template>',
      '![alt words of an image](x.png)',
    ].join('\n\n');
    const html = await (await standaloneRenderer())(sample);
    const paragraphs = visibleParagraphs(html);
    // Verification and marks read the same blocks of the same HTML.
    expect(paragraphs).toEqual(blockTexts(htmlParser.parse(html) as Root));
    expect(paragraphs.length).toBeGreaterThan(15);

    const candidates: MarkableQuote[] = [
      { id: 'seed', text: quoteText, href: quoteUrl('seed') },
      { id: 'across-inline', text: 'a link, code, strong text and a soft line break', href: quoteUrl('across-inline') },
      { id: 'nested-item', text: 'and a nested one', href: quoteUrl('nested-item') },
      { id: 'hard-break', text: 'A line broken by a hard break.', href: quoteUrl('hard-break') },
      { id: 'in-code-block', text: 'code block words', href: quoteUrl('in-code-block') },
      { id: 'in-template', text: 'words inside a template', href: quoteUrl('in-template') },
      { id: 'in-alt', text: 'alt words of an image', href: quoteUrl('in-alt') },
      { id: 'across-paragraphs', text: 'a quoted paragraph\n\nand a second one', href: quoteUrl('across-paragraphs') },
      { id: 'break-not-marked', text: 'a quoted paragraph and a second one', href: quoteUrl('break-not-marked') },
    ];
    const prepared = prepareArticle(paragraphs);
    const verified = candidates
      .filter((quote) => verifyQuoteText(quote.text, prepared, 'content/articles/sample.md') === undefined)
      .map((quote) => quote.id);
    expect(verified).toEqual(['seed', 'across-inline', 'nested-item', 'hard-break', 'across-paragraphs']);
    expect(markQuotes(html, candidates).markedQuoteIds).toEqual(verified);
  });
});

describe('articleBodyHtml', () => {
  const html = [
    '<p>Ahmad Massoud is in a remote base in Panjshir.</p>',
    '<p>“Only we remain standing. And we will never yield.”</p>',
    '<p>I visited Mr. Massoud last year.</p>',
    '<ul>',
    '<li>Talking is one thing.</li>',
    '<li>Giving up is another thing altogether.</li>',
    '</ul>',
  ].join('\n');
  const quote = (id: string, text: string, status: 'published' | 'withdrawn' = 'published') => ({ id, text, status });
  const pulled = [quote('never-yield', 'Only we remain standing.'), quote('giving-up', 'Giving up is another thing')];

  it('marks the pulled passages on the page and links each to its quote page', () => {
    const body = renderArticleBody({ html, display: 'full' }, pulled);
    expect(body.markedQuoteIds).toEqual(['never-yield', 'giving-up']);
    expect(body.html).toContain('<mark id="q-never-yield" class="pulled" data-quote="never-yield">Only we remain standing.</mark>');
    expect(body.html).toContain(`<a class="quote-link" href="${quoteUrl('giving-up')}"`);
    expect(body.html).toContain('<p>I visited Mr. Massoud last year.</p>');
    expect(articleBodyHtml({ html, display: 'full' }, pulled)).toBe(body.html);
  });

  it('gives feeds the article as it is', () => {
    expect(articleBodyHtml({ html, display: 'full' }, pulled, { forFeed: true })).toBe(html);
  });

  it('does not mark a withdrawn quote', () => {
    const body = renderArticleBody({ html, display: 'full' }, [quote('never-yield', 'Only we remain standing.', 'withdrawn')]);
    expect(body.markedQuoteIds).toEqual([]);
    expect(body.html).toBe(html);
  });

  it('keeps only the blocks with a pulled passage for an article published as an excerpt', () => {
    const page = renderArticleBody({ html, display: 'excerpt' }, pulled);
    expect(normalise(page.html)).toBe(
      normalise(`
        <p>“<mark id="q-never-yield" class="pulled" data-quote="never-yield">Only we remain standing.</mark>
        <a class="quote-link" href="${quoteUrl('never-yield')}" aria-label="Quote of the day page: “Only we remain standing.”">↗</a> And we will never yield.”</p>
        <ul><li><mark id="q-giving-up" class="pulled" data-quote="giving-up">Giving up is another thing</mark>
        <a class="quote-link" href="${quoteUrl('giving-up')}" aria-label="Quote of the day page: “Giving up is another thing”">↗</a> altogether.</li></ul>`),
    );
    const feed = articleBodyHtml({ html, display: 'excerpt' }, pulled, { forFeed: true });
    expect(normalise(feed)).toBe(
      '<p>“Only we remain standing. And we will never yield.”</p><ul><li>Giving up is another thing altogether.</li></ul>',
    );
  });

  it('keeps every block of a quote that runs over a paragraph break, its anchor in the first and its link in the last', () => {
    const runOn = [quote('stand-and-visit', 'And we will never yield.\n\nI visited Mr. Massoud')];
    const page = renderArticleBody({ html, display: 'excerpt' }, runOn);
    expect(page.markedQuoteIds).toEqual(['stand-and-visit']);
    expect(normalise(page.html)).toBe(
      normalise(`
        <p>“Only we remain standing. <mark id="q-stand-and-visit" class="pulled" data-quote="stand-and-visit">And we will never yield.</mark>”</p>
        <p><mark class="pulled" data-quote="stand-and-visit">I visited Mr. Massoud</mark>
        <a class="quote-link" href="${quoteUrl('stand-and-visit')}" aria-label="Quote of the day page: “And we will never yield. I visited Mr…”">↗</a> last year.</p>`),
    );
  });

  it('shows nothing of an excerpt article that has no pulled passage', () => {
    expect(articleBodyHtml({ html, display: 'excerpt' }, [])).toBe('');
  });
});
