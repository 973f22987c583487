/**
 * Progressive enhancement of the quote page's share block: "Copy link" where the
 * Clipboard API exists, "Share…" where the Web Share API exists. Without this
 * script the page still shows the link to select and the plain share links.
 */
function enhance(root: HTMLElement): void {
  const urlField = root.querySelector<HTMLInputElement>('[data-share-url]');
  const copyButton = root.querySelector<HTMLButtonElement>('[data-copy-link]');
  const shareButton = root.querySelector<HTMLButtonElement>('[data-share-native]');
  const status = root.querySelector<HTMLElement>('[data-share-status]');
  if (!urlField) return;
  const url = urlField.value;
  const say = (message: string) => {
    if (status) status.textContent = message;
  };

  urlField.addEventListener('focus', () => urlField.select());

  if (copyButton && navigator.clipboard && window.isSecureContext) {
    copyButton.hidden = false;
    copyButton.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        say('Link copied.');
      } catch {
        urlField.select();
        say('Copying was refused: the link is selected, copy it with your keyboard.');
      }
    });
  }

  if (shareButton && typeof navigator.share === 'function') {
    shareButton.hidden = false;
    shareButton.addEventListener('click', async () => {
      try {
        await navigator.share({ url, text: shareButton.dataset.shareText ?? '', title: document.title });
      } catch {
        // The reader closed the share sheet: nothing to say.
      }
    });
  }
}

for (const root of document.querySelectorAll<HTMLElement>('[data-share-root]')) enhance(root);

// A module, so that its functions are its own and not the page's globals.
export {};
