import { describe, it, expect, beforeAll } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Root } from 'hast';
import { visibleParagraphs, wordCount } from '../../src/content/article-text.ts';
import { standaloneRenderer, type RenderHtml } from '../../src/content/standalone-renderer.ts';
import { blockTexts } from '../../src/markdown/rehype-mark-quotes.ts';

// Articles are read as the build reads them: the site's Markdown pipeline, then the visible text of its HTML.
let render: RenderHtml;
beforeAll(async () => {
  render = await standaloneRenderer();
});

const visible = async (markdown: string) => visibleParagraphs(await render(markdown));

describe('visibleParagraphs of a rendered article', () => {
  it('gives each paragraph and heading as plain text', async () => {
    const markdown = [
      '## The Panjshir valley',
      '',
      'What makes a *people* strong is the **spirit** of [resistance](https://example.com).',
      '',
      'A second paragraph.',
    ].join('\n');
    expect(await visible(markdown)).toEqual([
      'The Panjshir valley',
      'What makes a people strong is the spirit of resistance.',
      'A second paragraph.',
    ]);
  });

  it('joins a paragraph hard-wrapped over several lines', async () => {
    expect(await visible('What makes a people\nstrong, above and beyond\n  any imbalance of forces.')).toEqual([
      'What makes a people strong, above and beyond any imbalance of forces.',
    ]);
  });

  it('reads a hard line break as a space between words', async () => {
    const html = await render('Line one  \nline two\\\nline three');
    expect(html).toContain('<br>');
    expect(visibleParagraphs(html)).toEqual(['Line one line two line three']);
    expect(visibleParagraphs('<p>one<br>two</p>')).toEqual(['one two']);
  });

  it('reads the paragraphs inside block quotes, lists and tables, one block each', async () => {
    const markdown = ['> I prefer peace over war.', '', '- One item', '- Another item', '', '| a | b |', '|---|---|', '| c d | e |'].join(
      '\n',
    );
    expect(await visible(markdown)).toEqual(['I prefer peace over war.', 'One item', 'Another item', 'a', 'b', 'c d', 'e']);
  });

  it('keeps inline code text and gives the typography the page shows', async () => {
    // The site's smartypants: straight quotes curled, `--` an en dash.
    expect(await visible('He said "I won\'t" at `12:56` -- twice.')).toEqual(['He said “I won’t” at 12:56 – twice.']);
  });

  it('leaves out code blocks, fenced or indented, and thematic breaks', async () => {
    expect(await visible(['Before.', '', '```', 'code', '```', '', '---', '', 'After.'].join('\n'))).toEqual(['Before.', 'After.']);
    expect(await visible('\n    indented code\n\nA paragraph.')).toEqual(['A paragraph.']);
  });

  it('reads the text of raw HTML blocks the page shows', async () => {
    expect(await visible('<div>Shown in a div.</div>\n\n<details><summary>More</summary>\n\nInside the details.\n\n</details>')).toEqual([
      'Shown in a div.',
      'More',
      'Inside the details.',
    ]);
  });

  it('does not read what the reader never sees: template, noscript, style, script, comments', async () => {
    const markdown = [
      'Before <template>template words</template> after.',
      '',
      '<noscript>noscript words</noscript>',
      '',
      '<style>p { content: "style words" }</style>',
      '',
      '<script>document.write("script words")</script>',
      '',
      'Text <!-- comment words --> more.',
      '',
      '<div><template><p>nested template words</p></template>Shown.</div>',
    ].join('\n');
    const paragraphs = await visible(markdown);
    expect(paragraphs).toEqual(['Before after.', 'Text more.', 'Shown.']);
    expect(paragraphs.join(' ')).not.toMatch(/template|noscript|style|script|comment/);
  });

  it('does not read an image’s alt text, but reads its caption', async () => {
    expect(await visible('![alt words](x.png) Caption of the image.')).toEqual(['Caption of the image.']);
    const figure = '<figure><img src="a.png" alt="alt words"><figcaption>The caption.</figcaption></figure>';
    expect(await visible(figure)).toEqual(['The caption.']);
  });

  it('does not read code blocks, SVG or MathML in hand-written HTML either', () => {
    const html = '<p>Words.</p><pre>pre words</pre><svg><text>svg words</text></svg><math><mi>x</mi></math><p>More.</p>';
    expect(visibleParagraphs(html)).toEqual(['Words.', 'More.']);
  });

  it('gives nothing for an empty or blank body', async () => {
    expect(await visible('')).toEqual([]);
    expect(await visible('\n\n  \n')).toEqual([]);
  });

  it('reads the blocks the marks are placed in, frozen', async () => {
    const html = await render('A first paragraph.\n\nA second *one*.\n\n- an item');
    const paragraphs = visibleParagraphs(html);
    expect(Object.isFrozen(paragraphs)).toBe(true);
    expect(paragraphs).toEqual(blockTexts(unified().use(rehypeParse, { fragment: true }).parse(html) as Root));
    expect(paragraphs).toEqual(['A first paragraph.', 'A second one.', 'an item']);
  });
});

describe('wordCount', () => {
  it('counts the words of every paragraph', () => {
    expect(wordCount(['What makes a people strong', 'is the spirit of resistance.'])).toBe(10);
  });

  it('counts nothing in empty or blank paragraphs', () => {
    expect(wordCount([])).toBe(0);
    expect(wordCount(['', '   '])).toBe(0);
  });

  it('counts a hyphenated word and a dash-joined pair as written', () => {
    expect(wordCount(['Bernard-Henri Lévy — writer'])).toBe(4);
  });

  it('counts the words of a rendered article', async () => {
    expect(wordCount(await visible('## Two words\n\nThree more *words*.\n\n```\nnot counted\n```'))).toBe(5);
  });
});
