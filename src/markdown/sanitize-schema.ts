/**
 * What HTML an article, a commentary or a biography may hold once raw HTML in its
 * Markdown has been parsed: the text structures articles need, and nothing that
 * runs, loads or restyles (no script, style, iframe, object, form, event handler,
 * `style` attribute, or `javascript:`/`data:` URL).
 */
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

const inherited = defaultSchema.attributes ?? {};

export const contentSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // Drop these elements with their content: the text of a script or a stylesheet is not prose.
  strip: ['script', 'style', 'template', 'noscript'],
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'mark', 'abbr', 'cite', 'q', 'small', 'time'],
  attributes: {
    ...inherited,
    abbr: ['title'],
    q: ['cite'],
    time: ['dateTime'],
    img: [...(inherited.img ?? []), 'alt', 'width', 'height', 'loading'],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
};
