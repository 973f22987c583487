/** Plain share links, which work without JavaScript: e-mail and the major networks' share URLs. */
export interface ShareLink {
  label: string;
  href: string;
}

export interface ShareInput {
  /** The page's address, in every link. */
  url: string;
  /** What a post says beside the link: the networks draw their preview (the share card, og:title) from the page itself. */
  text: string;
  /** The e-mail's subject. */
  title: string;
  /** The e-mail's text before the link, which no preview completes: `text` unless given. */
  mailText?: string;
}

export function shareLinks(input: ShareInput): ShareLink[] {
  const url = encodeURIComponent(input.url);
  const text = encodeURIComponent(input.text);
  const mailText = input.mailText ?? input.text;
  return [
    {
      label: 'E-mail',
      href: `mailto:?subject=${encodeURIComponent(input.title)}&body=${encodeURIComponent(`${mailText}\n\n${input.url}`)}`,
    },
    { label: 'Bluesky', href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${input.text} ${input.url}`)}` },
    { label: 'Mastodon', href: `https://mastodonshare.com/?text=${text}&url=${url}` },
    { label: 'X', href: `https://x.com/intent/post?text=${text}&url=${url}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
    { label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
    { label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${input.text} ${input.url}`)}` },
  ];
}
