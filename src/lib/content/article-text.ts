/**
 * An article's plain text, block by block, as quote verification reads it:
 * each paragraph or heading of the Markdown body, with the Markdown syntax gone.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import type { Root, RootContent } from 'mdast';

const parser = unified().use(remarkParse);

function collectBlocks(nodes: readonly RootContent[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const text = toString(node).replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    } else if ('children' in node && Array.isArray(node.children)) {
      collectBlocks(node.children as RootContent[], out);
    }
  }
}

export function articleParagraphs(markdown: string): string[] {
  const tree = parser.parse(markdown) as Root;
  const blocks: string[] = [];
  collectBlocks(tree.children, blocks);
  return blocks;
}

export function wordCount(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs) count += paragraph.split(/\s+/).filter(Boolean).length;
  return count;
}
