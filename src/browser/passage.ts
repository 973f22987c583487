/**
 * On an article page, arriving at a quote's passage (`#q-<quote id>`, the anchor on the
 * quote's first mark) highlights every part of that quote, not only the first: a quote
 * with an elision is marked in pieces (src/markdown/rehype-mark-quotes.ts), each piece
 * listing its quotes in `data-quote`, and CSS :target reaches only the piece with the id.
 * The class follows the address as it changes (a link to another passage of the page,
 * the back button). Without this script the first piece is highlighted all the same.
 */
const ANCHOR_PREFIX = 'q-'; // as quoteAnchorId (src/domain/urls.ts) writes the anchors
const TARGET_CLASS = 'pulled--target';

function targetedQuote(): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return undefined;
  }
  return id.startsWith(ANCHOR_PREFIX) && document.getElementById(id) ? id.slice(ANCHOR_PREFIX.length) : undefined;
}

function highlightTarget(): void {
  const quote = targetedQuote();
  for (const mark of document.querySelectorAll<HTMLElement>('mark[data-quote]')) {
    const quotes = (mark.dataset['quote'] ?? '').split(' ');
    mark.classList.toggle(TARGET_CLASS, quote !== undefined && quotes.includes(quote));
  }
}

highlightTarget();
window.addEventListener('hashchange', highlightTarget);
