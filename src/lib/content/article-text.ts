/**
 * An article's plain text, block by block, as quote verification reads it:
 * each paragraph or heading of the Markdown body, with the Markdown syntax gone.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent, Nodes } from 'mdast';

const parser = unified().use(remarkParse);

/** Text of a node as a reader sees it: a hard line break reads as a space. */
function textOf(node: Nodes): string {
  if (node.type === 'break') return ' ';
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function collectBlocks(nodes: readonly RootContent[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const text = textOf(node).replace(/\s+/g, ' ').trim();
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
