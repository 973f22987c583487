/** Plain share links, which work without JavaScript: e-mail and the major networks' share URLs. */
export interface ShareLink {
  label: string;
  href: string;
}

export function shareLinks(input: { url: string; text: string; title: string }): ShareLink[] {
  const url = encodeURIComponent(input.url);
  const text = encodeURIComponent(input.text);
  return [
    {
      label: 'E-mail',
      href: `mailto:?subject=${encodeURIComponent(input.title)}&body=${encodeURIComponent(`${input.text}\n\n${input.url}`)}`,
    },
    { label: 'Bluesky', href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${input.text} ${input.url}`)}` },
    { label: 'Mastodon', href: `https://mastodonshare.com/?text=${text}&url=${url}` },
    { label: 'X', href: `https://x.com/intent/post?text=${text}&url=${url}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
    { label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
    { label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${input.text} ${input.url}`)}` },
  ];
}
