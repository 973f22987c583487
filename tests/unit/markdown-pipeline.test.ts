import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { markdownPipeline } from '../../src/markdown/pipeline.ts';
import { listFiles } from '../../src/build/files.ts';

const CONTENT = fileURLToPath(new URL('../../content/', import.meta.url));

/** Renders as the site does: Astro's own pipeline with our plugins (astro.config.mjs). */
async function renderer(rehypePlugins = markdownPipeline.rehypePlugins) {
  const processor = await createMarkdownProcessor({ syntaxHighlight: false, ...markdownPipeline, rehypePlugins });
  return async (markdown: string) => (await processor.render(markdown)).code;
}

const tricky = [
  'Plain *emphasis*, **strong**, `code` and a [link](https://example.org/ "title").',
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n| x | *y* |',
  'A footnote.[^1]\n\n[^1]: The note, with a [link](/quotes/).',
  '- one\n  - nested\n    1. deep\n- two\n\n> quoted\n> > twice',
  'An autolink www.example.com and https://example.org/a?b=c&d=e, ~~struck~~, and a mail a@b.co.',
  'Inline <em>HTML</em> and <span class="x" onclick="bad()">attributes</span>.',
  '<div>\n\nA block of *HTML* around Markdown.\n\n</div>',
  '<script>alert(1)</script>\n\nText after a script, <img src="javascript:alert(1)" alt="x"> and <img src="/a.png" alt="a">.',
  '<!-- a comment -->\n\nAfter a comment: &amp; &copy; &#x2014; "quotes" -- dashes... and . . . ellipses.',
  '<table><tr><td>raw table</td></tr></table>',
  '# Heading one\n\n## Heading *two*\n\n---\n\n    indented code\n\n```\nfenced\n```',
  'Line one  \nline two with a hard break\\\nand a backslash break.',
];

describe('raw HTML in Markdown', () => {
  it('renders every content file', async () => {
    const render = await renderer();
    const bodies = listFiles(CONTENT)
      .filter((file) => file.endsWith('.md'))
      .map((file) => readFileSync(join(CONTENT, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
    expect(bodies.length).toBeGreaterThan(3);
    for (const markdown of [...bodies, ...tricky]) expect(await render(markdown)).not.toMatch(/<script|onclick|javascript:/);
  });

  it('still parses raw HTML so that the sanitiser judges it', async () => {
    const render = await renderer();
    const html = await render(tricky[7] ?? '');
    expect(html).not.toMatch(/<script|alert/);
    expect(html).toContain('<img src="/a.png" alt="a">');
    expect(await render(tricky[5] ?? '')).toMatch(/<em>HTML<\/em>[\s\S]*<span[^>]*>attributes<\/span>/);
    expect(await render(tricky[5] ?? '')).not.toContain('onclick');
  });
});
