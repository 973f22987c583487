import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unified, type AstroMarkdownOptions } from '@astrojs/markdown-remark';
import type { Root } from 'mdast';
import { markdownPipeline } from '../../src/markdown/pipeline.ts';
import { siteMarkdownProcessor, unchangedOptions, workerRenderer } from '../../src/markdown/parallel-renderer.ts';
import { listFiles } from '../../src/build/files.ts';

const CONTENT = fileURLToPath(new URL('../../content/', import.meta.url));
const shared = { syntaxHighlight: false as const, image: { domains: ['example.org'], remotePatterns: [] } };

const entries = listFiles(CONTENT)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({
    path: join(CONTENT, file),
    body: readFileSync(join(CONTENT, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''),
  }));

const extra = [
  '# A heading\n\n## Another *one*\n\nText with <em>raw HTML</em>, a [link](/quotes/) and ![an image](https://example.org/a.png).',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\nA footnote.[^n]\n\n[^n]: The note.',
  '<script>alert(1)</script>\n\n"Quoted" -- text...',
];

describe('Markdown rendered on worker threads', () => {
  it('gives the HTML, headings and front matter the main thread gives, for every content file', async () => {
    expect(entries.length).toBeGreaterThan(3);
    const [onWorkers, inThread] = await Promise.all([
      siteMarkdownProcessor().createRenderer(shared),
      unified(markdownPipeline).createRenderer(shared),
    ]);
    const frontmatter = { title: 'A title', published: new Date('2024-05-01T08:00:00Z'), tags: ['a', 'b'] };
    const jobs = [...entries, ...extra.map((body, i) => ({ path: `/tmp/extra-${i}.md`, body }))].map(({ path, body }) => ({
      body,
      opts: { frontmatter, fileURL: pathToFileURL(path) },
    }));
    // Ten at once, as Astro's glob loader sends them.
    const fromWorkers = await Promise.all(jobs.map(({ body, opts }) => onWorkers.render(body, opts)));
    for (const [i, { body, opts }] of jobs.entries()) {
      expect(fromWorkers[i]).toEqual(await inThread.render(body, opts));
    }
    expect(fromWorkers[entries.length]?.metadata.headings.map((heading) => heading.text)).toEqual(['A heading', 'Another one']);
    expect(fromWorkers[entries.length]?.metadata.remoteImagePaths).toEqual(['https://example.org/a.png']);
  });

  it('renders on the main thread when an integration has added a plugin the workers do not have', async () => {
    const processor = siteMarkdownProcessor();
    expect(unchangedOptions(processor.options, markdownPipeline)).toBe(true);
    const marker = () => (tree: Root) => {
      tree.children.push({ type: 'paragraph', children: [{ type: 'text', value: 'added by an integration' }] });
    };
    processor.options.remarkPlugins.push(marker);
    expect(unchangedOptions(processor.options, markdownPipeline)).toBe(false);
    const renderer = await processor.createRenderer(shared);
    expect((await renderer.render('Text.')).code).toContain('added by an integration');
  });

  it('renders on the main thread what cannot be sent to a thread', async () => {
    const renderer = await siteMarkdownProcessor().createRenderer(shared);
    const result = await renderer.render('*Text*', { frontmatter: { compute: () => 1 } });
    expect(result.code).toBe('<p><em>Text</em></p>');
  });

  it('passes a failure in a worker on to the caller', async () => {
    const broken = { ...shared, syntaxHighlight: 'shiki', shikiConfig: { theme: 'no-such-theme' } } as unknown as AstroMarkdownOptions;
    const renderer = workerRenderer(broken, () => unified(markdownPipeline).createRenderer(broken), 1);
    await expect(renderer.render('```js\nlet x;\n```')).rejects.toThrow(/no-such-theme/);
  });
});
