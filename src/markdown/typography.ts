/**
 * Smart punctuation for text that does not pass through the Markdown pipeline
 * (titles, deks, captions, names, a quote's words on its page): straight quotes
 * become curly, `--`/`---` become dashes, three unspaced dots an ellipsis. The
 * stored text is never changed; only what is shown. Spaced ellipses (". . .") are
 * kept as written, as newspapers print them.
 *
 * It is the Markdown pipeline's own plugin (src/markdown/remark-smart-punctuation.ts)
 * with the pipeline's own settings, so a string gets exactly what the same words get
 * in an article or a commentary: a quote shown on its page reads as in its article.
 */
import type { Options } from 'retext-smartypants';
import { markdownPipeline } from './pipeline.ts';
import remarkSmartPunctuation, { plainTextSmartPunctuation } from './remark-smart-punctuation.ts';

/** The settings the Markdown pipeline gives remark-smart-punctuation: the site's one setting of smart punctuation. */
export function pipelineSmartPunctuationOptions(): Options {
  for (const entry of markdownPipeline.remarkPlugins ?? []) {
    if (Array.isArray(entry) && entry[0] === remarkSmartPunctuation) return (entry[1] ?? {}) as Options;
    if (entry === remarkSmartPunctuation) return {};
  }
  throw new Error(
    'src/markdown/pipeline.ts no longer runs remark-smart-punctuation: say here which smart punctuation front-matter text gets',
  );
}

const smarten = plainTextSmartPunctuation(pipelineSmartPunctuationOptions());
/** Each string worked out once: an article's title is shown beside every quote taken from it. */
const shown = new Map<string, string>();

/** `text` as a page shows it: what the Markdown pipeline makes of the same words in a paragraph. */
export function smartPunctuation(text: string): string {
  let result = shown.get(text);
  if (result === undefined) {
    result = smarten(text);
    shown.set(text, result);
  }
  return result;
}
