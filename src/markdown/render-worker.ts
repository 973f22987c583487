/**
 * A worker thread that renders Markdown with the site's pipeline, for
 * src/markdown/parallel-renderer.ts. Run by Node directly (type stripping).
 *
 * The renderer is the one Astro's `unified()` processor would make in the main
 * thread, from the same plugin list (src/markdown/pipeline.ts) and the
 * same shared options: the HTML is the same, only the thread differs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { unified, type AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { markdownPipeline } from './pipeline.ts';
import type { MarkdownReply, MarkdownRequest } from './parallel-renderer.ts';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread');

const { shared } = workerData as { shared: AstroMarkdownOptions };
const rendererReady = unified(markdownPipeline).createRenderer(shared);

port.on('message', ({ id, content, frontmatter, fileURL }: MarkdownRequest) => {
  void rendererReady
    .then((renderer) => renderer.render(content, { frontmatter, ...(fileURL ? { fileURL: new URL(fileURL) } : {}) }))
    .then(
      (result): MarkdownReply => ({ id, ok: true, result }),
      (error: unknown): MarkdownReply => ({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      }),
    )
    .then((reply) => port.postMessage(reply));
});
