/**
 * Our SmartyPants plugin must give exactly what Astro's built-in option
 * (remark-smartypants) gives: the same Markdown trees, for hand-picked cases and
 * for thousands of generated ones built from the characters the rules look at. Its
 * plain-text form (front matter) must give what the plugin gives the same text.
 */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import remarkSmartypants from 'remark-smartypants';
import type { Root } from 'mdast';
import remarkSmartPunctuation, { plainTextSmartPunctuation } from '../../src/markdown/remark-smart-punctuation.ts';
import { pipelineSmartPunctuationOptions } from '../../src/markdown/typography.ts';

// The settings of the Markdown pipeline (src/markdown/pipeline.ts).
const options = { dashes: 'oldschool', ellipses: 'unspaced' } as const;

function treeWith(plugin: typeof remarkSmartPunctuation | typeof remarkSmartypants, markdown: string): unknown {
  const processor = unified()
    .use(remarkParse)
    .use(plugin as typeof remarkSmartPunctuation, options);
  return processor.runSync(processor.parse(markdown));
}

function expectSameTree(markdown: string): void {
  expect(treeWith(remarkSmartPunctuation, markdown), JSON.stringify(markdown)).toEqual(treeWith(remarkSmartypants, markdown));
}

const cases = [
  'He said "hello" and left.',
  "It's the '80s, isn't it? 'Quoted' words.",
  'He said, "\'Quoted\' words in a larger quote."',
  '"*Emphasis*," she said, "and [a link](https://example.com/)."',
  '"A quote that opens here\n\nand a paragraph that starts with "another".',
  'Dashes -- en, --- em, and – - apart, –-joined.',
  'Ellipses... four.... spaced . . . and `code with "quotes" -- inside`.',
  "``Backticks'' and ''two apostrophes''.",
  '# A "heading" -- with dashes\n\nText.',
  '> "Quoted block" -- with *"emphasis"*.',
  'Curly already: “yes” and ’tis; nothing to do.',
  'Plain text without any of them.',
  '',
  "'",
  '"',
  'Rock \'n\' roll, the 1990s, 5\'10", and "quotes at the end"',
  '- "list item"\n- it\'s -- a list...',
];

describe('remark-smart-punctuation', () => {
  it.each(cases)('gives what remark-smartypants gives: %j', (markdown) => {
    expectSameTree(markdown);
  });

  it('turns straight quotes, dashes and dots into typographic ones', () => {
    const processor = unified().use(remarkParse).use(remarkSmartPunctuation, options);
    const tree = processor.runSync(processor.parse(`He said "it's" -- then --- and... done.`));
    expect(toString(tree)).toBe('He said “it’s” – then — and… done.');
  });

  it('gives what remark-smartypants gives on 3,000 generated texts', () => {
    // Pieces that the rules look at, in every order: quotes, dashes, dots, backticks, inline code, emphasis, links, blocks.
    const pieces = [
      '"',
      "'",
      '--',
      '-',
      '---',
      '–',
      '.',
      '...',
      '``',
      "''",
      ' ',
      ' ',
      'word',
      'It',
      '80s',
      '*em*',
      '`co"de`',
      '[li"nk](u)',
      '\n\n',
      '\n\n# ',
      '(',
      ')',
      '5',
      ',',
      '?',
    ];
    let seed = 20261127;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let markdown = '';
      const length = 1 + random(14);
      for (let j = 0; j < length; j++) markdown += pieces[random(pieces.length)];
      expectSameTree(markdown);
    }
  });
});

describe('plainTextSmartPunctuation', () => {
  const smarten = plainTextSmartPunctuation(options);

  /** The plugin run on a paragraph that holds `text` as its one text node. */
  function pluginOnParagraph(text: string): string {
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
    remarkSmartPunctuation(options)(tree);
    return toString(tree);
  }

  it('uses the settings the Markdown pipeline uses', () => {
    expect(pipelineSmartPunctuationOptions()).toEqual(options);
  });

  it.each(cases)('gives what the plugin gives a paragraph of that text: %j', (text) => {
    expect(smarten(text)).toBe(pluginOnParagraph(text));
  });

  it('reads Markdown syntax as plain characters', () => {
    expect(smarten('"*Emphasis*," she said, `code` -- [a link](u)...')).toBe('“*Emphasis*,” she said, `code` – [a link](u)…');
  });

  it('gives what the Markdown path gives a one-paragraph text', () => {
    // Text that Markdown keeps as one paragraph holding one text node: no syntax characters.
    for (const text of ['He said "it\'s" -- then --- and... done.', "'Tis the '80s, isn't it?", '5\'10" -- "quoted"']) {
      const processor = unified().use(remarkParse).use(remarkSmartPunctuation, options);
      expect(smarten(text)).toBe(toString(processor.runSync(processor.parse(text))));
    }
  });
});
