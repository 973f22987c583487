/**
 * The quote page's embed block (src/components/EmbedQuote.astro): adds "Copy the HTML",
 * before the block's status line, where the Clipboard API can write, as copying needs it,
 * and under it "How it reads", the code rendered as a page with no styles of its own would
 * show it. Without this script the code is there to select and copy by hand; when the
 * browser refuses to copy, the code is selected for the reader to copy by hand.
 */
function enhanceEmbed(root: HTMLElement): void {
  const code = root.querySelector<HTMLTextAreaElement>('[data-embed-code]');
  const status = root.querySelector<HTMLElement>('[data-embed-status]');
  if (!code) return;
  const say = (message: string) => {
    if (status) status.textContent = message;
  };

  // One click selects all of it, ready for the keyboard's copy.
  code.addEventListener('focus', () => code.select());

  // The snippet is the page's own (src/domain/embed-snippet.ts): plain elements, no script.
  const title = document.createElement('p');
  title.className = 'embed__label';
  title.id = 'embed-preview-title';
  title.textContent = 'How it reads';
  const preview = document.createElement('div');
  preview.className = 'embed__preview';
  preview.setAttribute('role', 'group');
  preview.setAttribute('aria-labelledby', title.id);
  preview.innerHTML = code.value;
  root.append(title, preview);

  if (!status || !navigator.clipboard || !window.isSecureContext) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Copy the HTML';
  status.before(button);
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
