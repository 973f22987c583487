/**
 * The Copy buttons of /feeds/: each copies its feed's address. They are hidden in the
 * page and shown only where the Clipboard API can work, so that without this script, or
 * without a clipboard, the page shows only what works: each address is a link to copy
 * with the browser's own "Copy link".
 */

/** How long a button reads "Copied" before it reads "Copy" again. */
const CONFIRMATION_MS = 2000;

function enhance(button: HTMLButtonElement, say: (message: string) => void): void {
  const url = button.dataset.copyFeed;
  if (!url) return;
  const name = button.dataset.feedName ?? 'the feed';
  const label = button.firstChild;
  button.hidden = false;
  let reset: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url);
      say(`The address of ${name} is copied: paste it into your feed reader.`);
      if (label?.nodeType === Node.TEXT_NODE) {
        label.textContent = 'Copied ';
        clearTimeout(reset);
        reset = setTimeout(() => (label.textContent = 'Copy '), CONFIRMATION_MS);
      }
    } catch {
      say('Copying was refused: copy the address with your browser’s “Copy link” instead.');
    }
  });
}

function enhanceCopyButtons(): void {
  if (!navigator.clipboard || !window.isSecureContext) return;
  const region = document.querySelector<HTMLElement>('[data-copy-feed-status]');
  const say = (message: string) => {
    if (region) region.textContent = message;
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy-feed]')) enhance(button, say);
}

enhanceCopyButtons();
