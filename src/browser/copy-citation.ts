/**
 * "Copy" after each citation of the quote page (src/components/CiteAndShare.astro), each
 * named for its form ("Copy the MLA works-cited entry", from the citation's
 * `data-copy-citation`): puts the citation on the clipboard twice, as HTML, so that a word
 * processor keeps its italics, and as plain text, for anything else. Where the browser
 * cannot write HTML to the clipboard (no ClipboardItem), the plain text alone. The buttons
 * are added only where the clipboard can be written; without this script, or when the
 * browser refuses, the citation is text to select and copy by hand.
 */

/** Writes the element's citation to the clipboard: HTML and plain text where possible, plain text otherwise. */
async function copyCitation(element: HTMLElement): Promise<void> {
  const plain = element.textContent ?? '';
  if (typeof ClipboardItem === 'function' && typeof navigator.clipboard.write === 'function') {
    try {
      const item = new ClipboardItem({
        'text/html': new Blob([element.innerHTML], { type: 'text/html' }),
        'text/plain': new Blob([plain], { type: 'text/plain' }),
      });
      await navigator.clipboard.write([item]);
      return;
    } catch {
      // A browser that refuses HTML may still take the text.
    }
  }
  await navigator.clipboard.writeText(plain);
}

/** Selects the element's text, for the reader to copy with the keyboard. */
function selectText(element: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

function enhanceCitations(root: HTMLElement): void {
  if (!navigator.clipboard || !window.isSecureContext) return;
  const status = root.querySelector<HTMLElement>('[data-citation-status]');
  const say = (message: string) => {
    if (status) status.textContent = message;
  };
  for (const citation of root.querySelectorAll<HTMLElement>('[data-copy-citation]')) {
    const name = citation.dataset.copyCitation ?? '';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'citation-copy no-print';
    button.setAttribute('aria-label', `Copy ${name}`);
    button.textContent = 'Copy';
    citation.after(button);
    button.addEventListener('click', async () => {
      try {
        await copyCitation(citation);
        say(`Copied ${name}.`);
      } catch {
        selectText(citation);
        say(`Copying was refused: ${name} is selected, copy it with your keyboard.`);
      }
    });
  }
}

for (const root of document.querySelectorAll<HTMLElement>('[data-citations]')) enhanceCitations(root);

export {};
