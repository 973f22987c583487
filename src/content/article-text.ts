/**
 * An article's text as its reader sees it: the visible text of the rendered,
 * sanitised HTML, block by block (paragraphs, headings, list items, captions…),
 * read by the same walk that places the marks (src/markdown/rehype-mark-quotes.ts).
 * Quote verification, the passage in context and the marks all read this, so a
 * quote is verified against exactly the words a reader can see and the marks can
 * cover: text the sanitiser removed (`<template>`, `<noscript>`, `<style>`), an
 * image's alt text and HTML comments are not part of it.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Root } from 'hast';
import { blockTexts } from '../markdown/rehype-mark-quotes.ts';

const parser = unified().use(rehypeParse, { fragment: true });

/** The visible text of rendered HTML, one string a block, white space collapsed. */
export function visibleParagraphs(html: string): readonly string[] {
  return Object.freeze(blockTexts(parser.parse(html) as Root));
}

export function wordCount(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs) count += paragraph.split(/\s+/).filter(Boolean).length;
  return count;
}
