/**
 * The plugins Astro's `unified()` Markdown processor runs for our content, in one
 * place: the site's processor (src/markdown/parallel-renderer.ts), its worker threads
 * (src/markdown/render-worker.ts) and the tests all build `unified()` from this.
 */
import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import { contentSanitizeSchema } from './sanitize-schema.ts';
import rehypeDropSourcelessImages from './rehype-drop-sourceless-images.ts';
import remarkSmartPunctuation from './remark-smart-punctuation.ts';

export const markdownPipeline: UnifiedProcessorOptions = {
  // Raw HTML in Markdown is parsed, then sanitised: content comes from many hands.
  remarkRehype: { allowDangerousHtml: true },
  rehypePlugins: [rehypeRaw, [rehypeSanitize, contentSanitizeSchema], rehypeDropSourcelessImages],
  // Curly quotes, dashes, "..." as an ellipsis; spaced ellipses (". . .", as newspapers
  // print them) are kept as written, so the text stays word for word. Our plugin gives
  // what the built-in `smartypants` option gives, at a fraction of its cost; it runs
  // first among the remark plugins, where the built-in one would.
  smartypants: false,
  remarkPlugins: [[remarkSmartPunctuation, { dashes: 'oldschool', ellipses: 'unspaced' }]],
};
