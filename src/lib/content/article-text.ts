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

/**
 * One build reads each article twice, in one process: the content check verifies the
 * quotes against it, then the pages show the passages. Vite bundles the pages with their
 * own copy of this module, so a module-level memo would not be shared: this one hangs
 * on a global symbol. Line breaks at either end change nothing in Markdown, so they are
 * left out of the key (the content check and Astro's loader cut the front matter
 * differently). Capped, for `astro dev`, where edited articles keep adding bodies.
 */
const MEMO_KEY = Symbol.for('qtd.articleParagraphs');
const MEMO_LIMIT = 50_000;
type ParagraphMemo = Map<string, readonly string[]>;

function memo(): ParagraphMemo {
  const holder = globalThis as { [MEMO_KEY]?: ParagraphMemo };
  holder[MEMO_KEY] ??= new Map();
  return holder[MEMO_KEY];
}

const EDGE_LINE_BREAKS = /^[\r\n]+|[\r\n]+$/g;

/** The article's paragraphs and headings as plain text. Shared between callers: never modify it. */
export function articleParagraphs(markdown: string): readonly string[] {
  const key = markdown.replace(EDGE_LINE_BREAKS, '');
  const cache = memo();
  let blocks = cache.get(key);
  if (!blocks) {
    blocks = parseParagraphs(key);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, blocks);
  }
  return blocks;
}

function parseParagraphs(markdown: string): readonly string[] {
  const tree = parser.parse(markdown) as Root;
  const blocks: string[] = [];
  collectBlocks(tree.children, blocks);
  return Object.freeze(blocks);
}

export function wordCount(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs) count += paragraph.split(/\s+/).filter(Boolean).length;
  return count;
}
