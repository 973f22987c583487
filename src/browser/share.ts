/**
 * Progressive enhancement of the quote page's share block (src/components/CiteAndShare.astro):
 * adds "Copy link" where the Clipboard API exists and "Share…" where the Web Share API
 * exists, before the block's status line. Without this script the page still shows the
 * link to select and the plain share links, and no button that could not work.
 */
function enhance(root: HTMLElement): void {
  const urlField = root.querySelector<HTMLInputElement>('[data-share-url]');
  const status = root.querySelector<HTMLElement>('[data-share-status]');
  if (!urlField || !status) return;
  const url = urlField.value;
  const say = (message: string) => {
    status.textContent = message;
  };
  const addButton = (label: string, onClick: () => Promise<void>) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', onClick);
    status.before(button);
  };

  urlField.addEventListener('focus', () => urlField.select());

  if (navigator.clipboard && window.isSecureContext) {
    addButton('Copy link', async () => {
      try {
        await navigator.clipboard.writeText(url);
        say('Link copied.');
      } catch {
        urlField.select();
        say('Copying was refused: the link is selected, copy it with your keyboard.');
      }
    });
  }

  if (typeof navigator.share === 'function') {
    addButton('Share…', async () => {
      try {
        await navigator.share({ url, text: root.dataset.shareText ?? '', title: document.title });
      } catch {
        // The reader closed the share sheet: nothing to say.
      }
    });
  }
}

for (const root of document.querySelectorAll<HTMLElement>('[data-share-root]')) enhance(root);

// A module, so that its functions are its own and not the page's globals.
export {};
