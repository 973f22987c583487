/**
 * SmartyPants for Markdown: straight quotes become curly, `--`/`---` dashes, three
 * dots an ellipsis. The same rules and the same result as Astro's `smartypants`
 * option (remark-smartypants, on retext-smartypants), without its needless work.
 * `plainTextSmartPunctuation` gives the same for a string that is not Markdown (a
 * title, a quote's words): the site has one implementation of smart punctuation.
 *
 * remark-smartypants joins a document's text, educates its quotes with retext in one
 * pass, then runs retext again on every text node for dashes, ellipses and
 * backticks. Parsing into retext's syntax tree is what costs, most of the Markdown
 * stage of a cold build (docs/build.md). Here each retext pass runs only where it can
 * change something:
 * - quotes: only where the text has a straight quote (`"` or `'`), the only
 *   characters that pass turns into another;
 * - dashes, ellipses, backticks: only on a text node holding one of the runs that
 *   pass replaces (`--`, `...`, two backticks, two apostrophes, or an en dash
 *   followed by a hyphen, which old-school dashes turn into an em dash).
 * Where a pass is skipped it would have returned its input unchanged (retext parses
 * and prints text losslessly), so the output is byte for byte the same.
 */
import type { Nodes, Parents, Root, Text } from 'mdast';
import { retext } from 'retext';
import retextSmartypants, { type Options } from 'retext-smartypants';
import { visit } from 'unist-util-visit';

/** Nodes whose text takes part: literals, and the blocks at whose start a quote opens. */
const LITERALS = new Set(['text', 'inlineCode']);
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

const HAS_STRAIGHT_QUOTE = /["']/;
const HAS_DASH_ELLIPSIS_OR_BACKTICKS = /--|\.\.\.|``|''|–-/;

export default function remarkSmartPunctuation(options: Options = {}) {
  // Quotes over the whole text at once (so that a pair around a link or emphasis
  // matches), the rest node by node: replacing a run changes the text's length.
  const quotePass = retext()
    .use(retextSmartypants, { ...options, ellipses: false, dashes: false, backticks: false })
    .freeze();
  const restPass = retext()
    .use(retextSmartypants, { ...options, quotes: false })
    .freeze();

  return (tree: Root) => {
    let allText = '';
    const visited: (Nodes & { value?: string })[] = [];
    visit(tree, (node: Nodes, _index, parent: Parents | undefined) => {
      if (!parent) return;
      if (LITERALS.has(node.type) && 'value' in node) {
        // Inline code keeps its characters; it stands in the text as letters of the same length.
        allText += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
        visited.push(node);
      } else if (BLOCKS.has(node.type)) {
        // A block starts fresh: a quote at its start opens.
        allText += ' ';
        visited.push(node);
      }
    });
    if (HAS_STRAIGHT_QUOTE.test(allText)) allText = String(quotePass.processSync(allText));
    let start = 0;
    for (const node of visited) {
      if (!LITERALS.has(node.type) || node.value === undefined) {
        start += 1;
        continue;
      }
      const end = start + node.value.length;
      if (node.type === 'text') {
        const text = allText.slice(start, end);
        node.value = HAS_DASH_ELLIPSIS_OR_BACKTICKS.test(text) ? String(restPass.processSync(text)) : text;
      }
      start = end;
    }
  };
}

/**
 * Smart punctuation for text that is not Markdown (titles, deks, captions, a quote's
 * words): for any string, exactly what the plugin gives a paragraph that holds that
 * string as its one text node, since it runs the plugin on just such a tree. Nothing
 * in the string is read as Markdown: `*` and `[` stay as they are.
 */
export function plainTextSmartPunctuation(options: Options = {}): (text: string) => string {
  const transform = remarkSmartPunctuation(options);
  return (text) => {
    const node: Text = { type: 'text', value: text };
    transform({ type: 'root', children: [{ type: 'paragraph', children: [node] }] });
    return node.value;
  };
}
