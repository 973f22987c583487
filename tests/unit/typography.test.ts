import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import type { Root } from 'mdast';
import { markdownPipeline } from '../../src/markdown/pipeline.ts';
import { pipelineSmartPunctuationOptions, smartPunctuation } from '../../src/markdown/typography.ts';

describe('smart punctuation', () => {
  it('curls double and single quotes by context', () => {
    expect(smartPunctuation('"Don\'t," he said. "It\'s \'fine\'."')).toBe('“Don’t,” he said. “It’s ‘fine’.”');
    expect(smartPunctuation('(“x”) and ("y")')).toBe('(“x”) and (“y”)');
  });

  it('keeps apostrophes in years and possessives', () => {
    expect(smartPunctuation("the '90s and the Massouds' home")).toBe('the ’90s and the Massouds’ home');
  });

  it('turns -- and --- into dashes, and unspaced dots into an ellipsis', () => {
    expect(smartPunctuation('1990--2000 --- then... more')).toBe('1990–2000 — then… more');
  });

  it('keeps spaced ellipses and curly text as written', () => {
    expect(smartPunctuation('resistance. . . . You')).toBe('resistance. . . . You');
    expect(smartPunctuation('resistance.\u00a0.\u00a0. You')).toBe('resistance.\u00a0.\u00a0. You');
    expect(smartPunctuation('The Afghan Who Won’t Surrender')).toBe('The Afghan Who Won’t Surrender');
  });

  it('reads nothing as Markdown', () => {
    expect(smartPunctuation('*Not* [a link](x) or `code` -- "quoted"')).toBe('*Not* [a link](x) or `code` – “quoted”');
  });

  it('punctuates as an article body does where a simpler rule would not', () => {
    // A quote opening right after a comma, a run of four dots, typewriter quotes, an en dash typed before a hyphen.
    expect(smartPunctuation('He said,"Hello."')).toBe('He said,“Hello.”');
    expect(smartPunctuation('Wait.... what')).toBe('Wait… what');
    expect(smartPunctuation("``quoted''")).toBe('“quoted”');
    expect(smartPunctuation('A –- B')).toBe('A — B');
  });
});

/** What the site's Markdown pipeline (its remark plugins, with their settings) makes of `text` as a paragraph. */
function asMarkdownParagraph(text: string): string {
  const processor = unified().use(remarkParse);
  for (const entry of markdownPipeline.remarkPlugins ?? []) {
    if (Array.isArray(entry)) processor.use(entry[0] as never, entry[1]);
    else processor.use(entry as never);
  }
  const tree = processor.runSync(processor.parse(text)) as Root;
  expect(
    tree.children.map((node) => node.type),
    JSON.stringify(text),
  ).toEqual(['paragraph']);
  return toString(tree);
}

describe('smart punctuation of front matter and of Markdown', () => {
  it('takes its settings from the Markdown pipeline', () => {
    expect(pipelineSmartPunctuationOptions()).toEqual({ dashes: 'oldschool', ellipses: 'unspaced' });
  });

  const cases = [
    '"Start with a quote," she said.',
    "'Tis the season.",
    'He said "hello" and left.',
    "It's the '80s, isn't it? 'Quoted' words.",
    'He said, "\'Quoted\' words in a larger quote."',
    'Rock \'n\' roll, the 1990s, 5\'10", and "quotes at the end"',
    'Dashes -- en, --- em, and – - apart, –-joined.',
    'Ellipses... four.... spaced . . . and three.',
    "Typewriter ``quotes'' and ''two apostrophes''.",
    'What makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance. . . . You must believe',
    'Curly already: “yes” and ’tis; nothing to do.',
  ];

  it.each(cases)('gives what the same words get in an article: %j', (text) => {
    expect(smartPunctuation(text)).toBe(asMarkdownParagraph(text));
  });

  it('gives what the same words get in an article on 2,000 generated texts', () => {
    // The characters the rules look at, none that Markdown reads as syntax (two backticks
    // open a code span there, so they are left to the cases above); each text
    // starts and ends with a word, so that Markdown sees one paragraph and trims nothing.
    const pieces = ['"', "'", '--', '-', '---', '–', '—', '.', '...', "''", ' ', ' ', 'word', 'It', '80s', '(', ')', '5', ',', '?', '/'];
    let seed = 20261126;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      let text = 'Word ';
      const length = 1 + random(12);
      for (let j = 0; j < length; j++) text += pieces[random(pieces.length)];
      text += ' end';
      expect(smartPunctuation(text), JSON.stringify(text)).toBe(asMarkdownParagraph(text));
    }
  });
});
