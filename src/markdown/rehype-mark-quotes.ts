/**
 * rehype plugin: marks the passages pulled from an article as quotes.
 *
 * The tree is read block by block (paragraphs, headings, list items, captions…)
 * into the plain paragraphs the quote matcher expects: text content with white
 * space collapsed as `src/content/article-text.ts` collapses the Markdown.
 * Each quote is matched once against those paragraphs (prepared once per tree)
 * and every matched span is mapped back to the text nodes it covers.
 *
 * Output, for a quote `a` with the URL of its page:
 *   <mark id="q-a" class="pulled" data-quote="a">first words</mark>…
 *   <mark class="pulled" data-quote="a">last words</mark><a class="quote-link" href="…" aria-label="…">↗</a>
 * - Marks only ever wrap part of one text node, so a span that crosses inline
 *   elements (`<em>`, `<a>`) becomes several marks and the nesting stays valid;
 *   the gap of an elision stays unmarked.
 * - Where quotes overlap, the text is cut at every quote's edges and each piece
 *   gets one mark listing all of its quotes (`data-quote="a b"`). A quote's
 *   anchor id goes on its first piece; when two quotes start on the same piece,
 *   the mark takes the first id and its content is wrapped in a `<span id>` for
 *   each further one: every anchor then sits on the quote's own first words
 *   (no empty element, no letter split off to hold an id).
 * - The link to the quote's page follows its last piece; inside a link of the
 *   article it goes right after that link, as links may not nest.
 * - A quote that runs over a paragraph break (a blank line in its text) is marked
 *   in each of its blocks: the anchor on its first piece, in the first block; the
 *   link after its last, in the last block.
 *
 * A quote that is not found is skipped: the build has verified every quote with
 * `findQuote` on these same blocks.
 * The ids of the quotes found are left in `file.data.markedQuoteIds`.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import type { VFile } from 'vfile';
import {
  isWhiteSpace as isMatchWhiteSpace,
  matchQuote,
  paragraphSpans,
  prepareArticle,
  type PreparedArticle,
  type TextSpan,
} from '../domain/quote-match.ts';
import { quoteAnchorId } from '../domain/urls.ts';
import { firstWords } from '../domain/archive-order.ts';

declare module 'vfile' {
  interface DataMap {
    /** Ids of the quotes that `rehypeMarkQuotes` found (and marked, unless `marks` is off), in option order. */
    markedQuoteIds: string[];
  }
}

export interface MarkableQuote {
  id: string;
  /** The quote's words as curated (elisions allowed), matched like the build matches them. */
  text: string;
  /** URL of the quote's own page. */
  href: string;
}

export interface RehypeMarkQuotesOptions {
  /** Quotes pulled from this article. Where two start on the same words, the earlier one's id goes on the mark. */
  quotes: readonly MarkableQuote[];
  /** Wrap the passages in `<mark>` and add the links to the quote pages. Default `true`. */
  marks?: boolean;
  /** Keep only the blocks that hold a pulled passage (articles published as an excerpt). Default `false`. */
  onlyPulledBlocks?: boolean;
}

// Elements whose inline content is one paragraph of text for the matcher.
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
// Code blocks are not prose (the Markdown side skips them too); the others are not text at all.
const SKIPPED_ELEMENTS = new Set(['pre', 'script', 'style', 'template', 'svg', 'math']);
const LABEL_WORDS = 8;

/** What JavaScript's `\s` matches, as `article-text.ts` collapses with `/\s+/g`. */
function isWhiteSpace(code: number): boolean {
  return code === 0xfeff || isMatchWhiteSpace(code);
}

type Container = Root | Element;

/** The outermost link around a text node, after which a quote link may go. */
interface LinkHost {
  element: Element;
  parent: Container;
}

interface TextRun {
  node: Text;
  parent: Container;
  /** Offset of the node's first character in the block's raw text. */
  rawStart: number;
  linkHost: LinkHost | undefined;
}

interface BlockText {
  element: Element;
  /** White space collapsed and trimmed: one matcher paragraph. */
  text: string;
  /**
   * For each character of `text`, its offset in the raw text (a collapsed space:
   * where its run began); `undefined` when the two are the same.
   */
  rawOffsets: Int32Array | undefined;
  runs: TextRun[];
}

interface BlockBuilder {
  element: Element;
  pieces: string[];
  length: number;
  runs: TextRun[];
}

// Any white space but a lone space between two words.
const UNUSUAL_WHITE_SPACE = /[^\S ]|\s\s|^\s|\s$/;

function collapseWhiteSpace(raw: string): { text: string; rawOffsets: Int32Array | undefined } {
  // Most blocks are already collapsed: their offsets need no table.
  if (!UNUSUAL_WHITE_SPACE.test(raw)) return { text: raw, rawOffsets: undefined };
  const rawOffsets = new Int32Array(raw.length);
  const parts: string[] = [];
  let length = 0;
  let i = 0;
  while (i < raw.length && isWhiteSpace(raw.charCodeAt(i))) i++;
  while (i < raw.length) {
    const wordStart = i;
    while (i < raw.length && !isWhiteSpace(raw.charCodeAt(i))) i++;
    parts.push(raw.slice(wordStart, i));
    for (let k = wordStart; k < i; k++) rawOffsets[length++] = k;
    const spaceStart = i;
    while (i < raw.length && isWhiteSpace(raw.charCodeAt(i))) i++;
    if (i > spaceStart && i < raw.length) {
      parts.push(' ');
      rawOffsets[length++] = spaceStart;
    }
  }
  return { text: parts.join(''), rawOffsets: rawOffsets.slice(0, length) };
}

/** The tree's blocks with text, in document order (a block comes before the blocks nested in it). */
function readBlocks(tree: Root): BlockText[] {
  const builders: BlockBuilder[] = [];
  const walk = (parent: Container, block: BlockBuilder | undefined, linkHost: LinkHost | undefined): void => {
    for (const child of parent.children) {
      if (child.type === 'text') {
        if (block) {
          block.runs.push({ node: child, parent, rawStart: block.length, linkHost });
          block.pieces.push(child.value);
          block.length += child.value.length;
        }
        continue;
      }
      if (child.type !== 'element' || SKIPPED_ELEMENTS.has(child.tagName)) continue;
      if (child.tagName === 'br') {
        // A line break separates words, though it holds no text to mark.
        if (block) {
          block.pieces.push(' ');
          block.length += 1;
        }
        continue;
      }
      let inner = block;
      if (BLOCK_ELEMENTS.has(child.tagName)) {
        inner = { element: child, pieces: [], length: 0, runs: [] };
        builders.push(inner);
      }
      walk(child, inner, linkHost ?? (child.tagName === 'a' ? { element: child, parent } : undefined));
    }
  };
  walk(tree, undefined, undefined);
  const blocks: BlockText[] = [];
  for (const builder of builders) {
    const { text, rawOffsets } = collapseWhiteSpace(builder.pieces.join(''));
    if (text !== '') blocks.push({ element: builder.element, text, rawOffsets, runs: builder.runs });
  }
  return blocks;
}

/** The tree's text as the quote matcher reads an article: one paragraph a block, in document order. */
export function blockTexts(tree: Root): string[] {
  return readBlocks(tree).map((block) => block.text);
}

/**
 * Where a quote's words are among an article's visible blocks, or undefined. The build
 * verifies quotes with this very search (src/content/verify-quotes.ts), so every
 * verified quote is marked.
 */
export function findQuote(text: string, article: PreparedArticle): { paragraphIndex: number; spans: TextSpan[] } | undefined {
  let result = matchQuote(text, article);
  // The site's smartypants turns `--` and `---` into dashes, which the matcher
  // folds to one `-`; a quote typed with the ASCII pair would not match otherwise.
  if (!result.found && text.includes('--')) result = matchQuote(text.replace(/-{2,3}/g, '–'), article);
  return result.found ? { paragraphIndex: result.paragraphIndex, spans: result.spans } : undefined;
}

/** Part of one text node that belongs to a quote. */
interface Cut {
  from: number;
  to: number;
  quote: number;
}

/** Where a quote's marked text begins or ends. */
interface Edge {
  node: Text;
  offset: number;
}

interface QuoteCuts {
  cutsByNode: Map<Text, Cut[]>;
  runByNode: Map<Text, TextRun>;
  firsts: (Edge | undefined)[];
  lasts: (Edge | undefined)[];
}

function cutSpan(block: BlockText, span: TextSpan, quote: number, cuts: QuoteCuts): void {
  const rawStart = block.rawOffsets ? block.rawOffsets[span.start] : span.start;
  const rawLast = block.rawOffsets ? block.rawOffsets[span.end - 1] : span.end - 1;
  if (rawStart === undefined || rawLast === undefined) return;
  const rawEnd = rawLast + 1;
  for (const run of block.runs) {
    const from = Math.max(rawStart, run.rawStart) - run.rawStart;
    const to = Math.min(rawEnd, run.rawStart + run.node.value.length) - run.rawStart;
    if (to <= from) continue;
    const list = cuts.cutsByNode.get(run.node);
    if (list) list.push({ from, to, quote });
    else cuts.cutsByNode.set(run.node, [{ from, to, quote }]);
    cuts.runByNode.set(run.node, run);
    cuts.firsts[quote] ??= { node: run.node, offset: from };
    cuts.lasts[quote] = { node: run.node, offset: to };
  }
}

function quoteLinkLabel(quote: MarkableQuote): string {
  return `Quote of the day page: “${firstWords(quote.text, LABEL_WORDS)}”`;
}

function quoteLink(quote: MarkableQuote): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: ['quote-link'], href: quote.href, ariaLabel: quoteLinkLabel(quote) },
    children: [{ type: 'text', value: '↗' }],
  };
}

interface Insertions {
  /** New content for a text node that holds marks. */
  replacements: Map<Text, ElementContent[]>;
  /** Quote links to put after a link of the article. */
  after: Map<Element, Element[]>;
  parents: Set<Container>;
}

function markTextNode(
  node: Text,
  run: TextRun,
  nodeCuts: readonly Cut[],
  quotes: readonly MarkableQuote[],
  cuts: QuoteCuts,
  insertions: Insertions,
): void {
  const bounds = [...new Set([0, node.value.length, ...nodeCuts.flatMap((cut) => [cut.from, cut.to])])].sort((a, b) => a - b);
  const content: ElementContent[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] ?? 0;
    const to = bounds[k + 1] ?? 0;
    const value = node.value.slice(from, to);
    const inside = [...new Set(nodeCuts.filter((cut) => cut.from <= from && cut.to >= to).map((cut) => cut.quote))].sort((a, b) => a - b);
    if (inside.length === 0) {
      content.push({ type: 'text', value });
      continue;
    }
    const startsHere = inside.filter((q) => cuts.firsts[q]?.node === node && cuts.firsts[q]?.offset === from);
    const endsHere = inside.filter((q) => cuts.lasts[q]?.node === node && cuts.lasts[q]?.offset === to);
    const [firstAnchor, ...moreAnchors] = startsHere.map((q) => quoteAnchorId(quotes[q]?.id ?? ''));
    let children: ElementContent[] = [{ type: 'text', value }];
    for (const id of moreAnchors.reverse()) {
      children = [{ type: 'element', tagName: 'span', properties: { id }, children }];
    }
    content.push({
      type: 'element',
      tagName: 'mark',
      properties: {
        ...(firstAnchor ? { id: firstAnchor } : {}),
        className: ['pulled'],
        dataQuote: inside.map((q) => quotes[q]?.id ?? '').join(' '),
      },
      children,
    });
    const links = endsHere.flatMap((q) => (quotes[q] ? [quoteLink(quotes[q])] : []));
    if (links.length === 0) continue;
    if (run.linkHost) {
      const list = insertions.after.get(run.linkHost.element) ?? [];
      list.push(...links);
      insertions.after.set(run.linkHost.element, list);
      insertions.parents.add(run.linkHost.parent);
    } else {
      content.push(...links);
    }
  }
  insertions.replacements.set(node, content);
  insertions.parents.add(run.parent);
}

function applyInsertions(insertions: Insertions): void {
  for (const parent of insertions.parents) {
    const children: ElementContent[] = [];
    for (const child of parent.children as ElementContent[]) {
      children.push(...(child.type === 'text' ? (insertions.replacements.get(child) ?? [child]) : [child]));
      if (child.type === 'element') children.push(...(insertions.after.get(child) ?? []));
    }
    parent.children = children;
  }
}

/** Drops every block without a pulled passage, keeping the elements that hold the others. */
function keepOnly(parent: Container, kept: ReadonlySet<Element>): boolean {
  const children: ElementContent[] = [];
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    if (kept.has(child) || keepOnly(child, kept)) {
      if (children.length > 0) children.push({ type: 'text', value: '\n' });
      children.push(child);
    }
  }
  parent.children = children;
  return children.length > 0;
}

export function rehypeMarkQuotes(options: RehypeMarkQuotesOptions) {
  const { quotes, marks = true, onlyPulledBlocks = false } = options;
  return function transform(tree: Root, file: VFile): void {
    const blocks = readBlocks(tree);
    const article = prepareArticle(blocks.map((block) => block.text));
    const cuts: QuoteCuts = { cutsByNode: new Map(), runByNode: new Map(), firsts: [], lasts: [] };
    const pulledBlocks = new Set<Element>();
    const markedQuoteIds: string[] = [];
    quotes.forEach((quote, index) => {
      const found = findQuote(quote.text, article);
      if (!found) return;
      markedQuoteIds.push(quote.id);
      // A quote that runs over a paragraph break is cut in each of its blocks, in order.
      for (const group of paragraphSpans(article, found.spans)) {
        const block = blocks[group.paragraphIndex];
        if (!block) continue;
        pulledBlocks.add(block.element);
        if (marks) for (const span of group.spans) cutSpan(block, span, index, cuts);
      }
    });
    if (marks) {
      const insertions: Insertions = { replacements: new Map(), after: new Map(), parents: new Set() };
      for (const [node, nodeCuts] of cuts.cutsByNode) {
        const run = cuts.runByNode.get(node);
        if (run) markTextNode(node, run, nodeCuts, quotes, cuts, insertions);
      }
      applyInsertions(insertions);
    }
    if (onlyPulledBlocks) keepOnly(tree, pulledBlocks);
    file.data.markedQuoteIds = markedQuoteIds;
  };
}
