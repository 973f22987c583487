import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { quoteOnOneLine, quoteParagraphs } from '../../src/domain/quote-text.ts';
import { smartPunctuation } from '../../src/markdown/typography.ts';

/** The `text` a curator writes in a quote's front matter, as the content pass reads it. */
const textOf = (yaml: string): string => (parseYaml(yaml) as { text: string }).text;

describe('a quote’s paragraphs', () => {
  it('are marked by a blank line in a `|` block scalar', () => {
    const text = textOf('text: |\n  We will not leave the valley.\n  Our families are here,\n\n  “and our dead are here.”\n');
    // A single line break is a space between words, as in Markdown.
    expect(quoteParagraphs(text)).toEqual(['We will not leave the valley. Our families are here,', '“and our dead are here.”']);
  });

  it('are one for a quote without a blank line, whatever its line breaks and spaces', () => {
    const folded = textOf('text: >\n  We will not leave\n  the valley.\n');
    expect(quoteParagraphs(folded)).toEqual(['We will not leave the valley.']);
    expect(quoteParagraphs('  We will\nnot   leave. ')).toEqual(['We will not leave.']);
  });

  it('take a blank line with spaces on it, CRLF line ends and several blank lines as one break', () => {
    expect(quoteParagraphs('One.\r\n \t\r\nTwo.\n\n\n\nThree.')).toEqual(['One.', 'Two.', 'Three.']);
    expect(quoteParagraphs('\n\nOne.\n\n')).toEqual(['One.']);
  });

  it('read on one line joined by a space, never by an ellipsis, which would say words were left out', () => {
    expect(quoteOnOneLine('Our families are here,\n\n“and our dead are here.”')).toBe('Our families are here, “and our dead are here.”');
    expect(quoteOnOneLine('One line\nbroken.')).toBe('One line broken.');
  });

  it('keep their breaks through the site’s smart punctuation, each paragraph opening its own quotation', () => {
    expect(quoteParagraphs(smartPunctuation('"We will not leave.\n\n"And our dead are here."'))).toEqual([
      '“We will not leave.',
      '“And our dead are here.”',
    ]);
  });
});
