/**
 * rehype-raw, run only on a tree that holds raw HTML.
 *
 * rehype-raw passes the whole tree through an HTML parser (parse5) so that raw HTML
 * written in Markdown becomes elements, which the sanitiser after it can then judge.
 * A tree without a `raw` node has nothing to gain from that pass, and Astro's own
 * pipeline ends with a second rehype-raw anyway, which puts every tree through the
 * parser once more. Most quotes and articles hold no HTML: at 10,000 quotes the
 * skipped pass was ~0.7 s of the content sync, on Astro's single thread.
 */
import rehypeRaw, { type Options } from 'rehype-raw';
import type { Root } from 'hast';
import type { VFile } from 'vfile';

/** A hast node as far as this needs: `raw` nodes come from remark-rehype, outside hast's own types. */
interface TreeNode {
  type: string;
  children?: readonly TreeNode[];
}

/** True if any node of the tree is raw HTML. */
export function hasRawHtml(node: TreeNode): boolean {
  if (node.type === 'raw') return true;
  for (const child of node.children ?? []) if (hasRawHtml(child)) return true;
  return false;
}

export default function rehypeRawWhenNeeded(options?: Options) {
  const parseRaw = rehypeRaw(options);
  return (tree: Root, file: VFile): Root => (hasRawHtml(tree) ? parseRaw(tree, file) : tree);
}
