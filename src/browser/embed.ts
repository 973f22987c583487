/**
 * "Copy the HTML" for the quote page's embed block (src/components/EmbedQuote.astro):
 * shown only where the Clipboard API can write, as copying needs it. Without this script,
 * or when the browser refuses, the code is selected for the reader to copy by hand.
 */
function enhanceEmbed(root: HTMLElement): void {
  const code = root.querySelector<HTMLTextAreaElement>('[data-embed-code]');
  const button = root.querySelector<HTMLButtonElement>('[data-embed-copy]');
  const status = root.querySelector<HTMLElement>('[data-embed-status]');
  if (!code) return;
  const say = (message: string) => {
    if (status) status.textContent = message;
  };

  // One click selects all of it, ready for the keyboard's copy.
  code.addEventListener('focus', () => code.select());

  if (!button || !navigator.clipboard || !window.isSecureContext) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.value);
      say('HTML copied.');
    } catch {
      code.focus();
      code.select();
      say('Copying was refused: the HTML is selected, copy it with your keyboard.');
    }
  });
}

for (const root of document.querySelectorAll<HTMLElement>('[data-embed-root]')) enhanceEmbed(root);
