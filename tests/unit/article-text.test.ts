import { describe, it, expect } from 'vitest';
import { articleParagraphs, wordCount } from '../../src/lib/content/article-text.ts';

describe('articleParagraphs', () => {
  it('gives each paragraph and heading as plain text', () => {
    const markdown = [
      '## The Panjshir valley',
      '',
      'What makes a *people* strong is the **spirit** of [resistance](https://example.com).',
      '',
      'A second paragraph.',
    ].join('\n');
    expect(articleParagraphs(markdown)).toEqual([
      'The Panjshir valley',
      'What makes a people strong is the spirit of resistance.',
      'A second paragraph.',
    ]);
  });

  it('joins a paragraph hard-wrapped over several lines', () => {
    expect(articleParagraphs('What makes a people\nstrong, above and beyond\n  any imbalance of forces.')).toEqual([
      'What makes a people strong, above and beyond any imbalance of forces.',
    ]);
  });

  it('reads the paragraphs inside block quotes and lists', () => {
    const markdown = ['> I prefer peace over war.', '', '- One item', '- Another item'].join('\n');
    expect(articleParagraphs(markdown)).toEqual(['I prefer peace over war.', 'One item', 'Another item']);
  });

  it('keeps inline code text and typographic characters', () => {
    expect(articleParagraphs('He said “I won’t” at `12:56` — twice.')).toEqual(['He said “I won’t” at 12:56 — twice.']);
  });

  it('leaves out code blocks, raw HTML blocks and thematic breaks', () => {
    const markdown = ['Before.', '', '```', 'code', '```', '', '<div>html</div>', '', '---', '', 'After.'].join('\n');
    expect(articleParagraphs(markdown)).toEqual(['Before.', 'After.']);
  });

  it('gives nothing for an empty body', () => {
    expect(articleParagraphs('')).toEqual([]);
    expect(articleParagraphs('\n\n  \n')).toEqual([]);
  });

  it('reads a body once: the same frozen paragraphs, whatever line breaks surround it', () => {
    const body = 'A first paragraph.\n\nA second one.';
    const first = articleParagraphs(body);
    expect(articleParagraphs(`\n${body}\n\n`)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual(['A first paragraph.', 'A second one.']);
  });

  it('keeps the spaces that begin the body: they can make an indented code block', () => {
    expect(articleParagraphs('\n    indented code\n\nA paragraph.')).toEqual(['A paragraph.']);
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
});
