/**
 * The site's Markdown processor outside Astro, for the command-line tools and tests
 * that must read an entry as the build does (for example `npm run new-quote`, which
 * verifies words against an article's visible text): `unified()` with the plugins of
 * src/markdown/pipeline.ts and astro.config.mjs's settings, on this thread.
 */
import { unified } from '@astrojs/markdown-remark';
import { markdownPipeline } from '../markdown/pipeline.ts';

export type RenderHtml = (markdown: string) => Promise<string>;

export async function standaloneRenderer(): Promise<RenderHtml> {
  const renderer = await unified(markdownPipeline).createRenderer({ syntaxHighlight: false, gfm: true });
  return async (markdown) => (await renderer.render(markdown)).code;
}
