/**
 * How long quote verification and marking take on the benchmark's corpus, timed apart
 * from the build (whose log shows only the whole content check, reading and validating
 * included). The same code the build runs:
 * - verification: every quote matched against its article in the content check
 *   (src/lib/content/verify-quotes.ts), as in a cold build, and again through the cache of
 *   quotes already found (src/lib/content/verification-cache.ts), as in a warm build;
 * - marking: locating every quote in its article for its page, its context and the marks
 *   in the article (src/lib/locate-quote.ts), which every build does once when it loads
 *   the archive (src/data/archive.ts).
 */
import { readContentFolder } from '../src/lib/content/read-content.ts';
import { validateContent, type QuoteVerifier } from '../src/lib/content/validate.ts';
import { verifyQuoteAgainstArticle } from '../src/lib/content/verify-quotes.ts';
import { createCachedVerifier, matcherIdentity } from '../src/lib/content/verification-cache.ts';
import { articleParagraphs } from '../src/lib/content/article-text.ts';
import { prepareArticle } from '../src/lib/quote-match.ts';
import { locateQuote } from '../src/lib/locate-quote.ts';
import { siteConfig } from '../src/site.config.ts';

export interface VerifyMarkTimes {
  quotes: number;
  /** Every quote matched, as in a cold build. */
  verifySeconds: number;
  /** Every quote known from the last build, as in a warm build. */
  verifyCachedSeconds: number;
  /** Every quote located for its page and its article's marks. */
  markSeconds: number;
}

function timed(verify: QuoteVerifier): { verify: QuoteVerifier; seconds: () => number } {
  let ms = 0;
  return {
    verify: (quote, article) => {
      const started = performance.now();
      try {
        return verify(quote, article);
      } finally {
        ms += performance.now() - started;
      }
    },
    seconds: () => ms / 1000,
  };
}

export async function measureVerifyAndMark(root: string, contentDir: string): Promise<VerifyMarkTimes> {
  const { files, tagsFile } = await readContentFolder(root, contentDir);
  const options = { siteTimeZone: siteConfig.timeZone, allowSeveralQuotesPerDay: siteConfig.allowSeveralQuotesPerDay, ...(tagsFile ? { tagsFile } : {}) };

  const uncached = createCachedVerifier(verifyQuoteAgainstArticle, new Set(), matcherIdentity());
  const cold = timed(uncached.verify);
  const { content, issues } = validateContent(files, { ...options, verifyQuote: cold.verify });
  if (issues.length > 0) throw new Error(`the corpus has ${issues.length} content issues; the first: ${JSON.stringify(issues[0])}`);
  const warm = timed(createCachedVerifier(verifyQuoteAgainstArticle, uncached.passed, matcherIdentity()).verify);
  validateContent(files, { ...options, verifyQuote: warm.verify });

  const started = performance.now();
  const articles = new Map(content.articles.map((article) => [article.id, article]));
  const prepared = new Map<string, ReturnType<typeof prepareArticle>>();
  let located = 0;
  for (const quote of content.quotes) {
    const sourceId = quote.data.source?.id;
    const article = sourceId ? articles.get(sourceId) : undefined;
    if (!sourceId || !article) continue;
    let text = prepared.get(sourceId);
    if (!text) {
      text = prepareArticle(articleParagraphs(article.body));
      prepared.set(sourceId, text);
    }
    if (locateQuote(quote.data.text, text)) located++;
  }
  // Parsing the article into paragraphs is counted with marking, although a build needs the
  // paragraphs for the article page anyway: an upper bound.
  const markSeconds = (performance.now() - started) / 1000;
  if (located !== content.quotes.filter((quote) => quote.data.source).length) throw new Error('some quotes of the corpus were not found in their articles');
  return { quotes: content.quotes.length, verifySeconds: cold.seconds(), verifyCachedSeconds: warm.seconds(), markSeconds };
}

function share(seconds: number, of: number | undefined): string {
  return of && of > 0 ? `${((seconds / of) * 100).toFixed(1)} %` : '–';
}

/** The times, and their share of the cold and the warm build's total. */
export function formatVerifyMarkTable(times: VerifyMarkTimes, coldSeconds: number | undefined, warmSeconds: number | undefined): string {
  const cold = times.verifySeconds + times.markSeconds;
  const warm = times.verifyCachedSeconds + times.markSeconds;
  return [
    '| build | verification s | marking s | together s | share of the build |',
    '|---|--:|--:|--:|--:|',
    `| cold (every quote matched) | ${times.verifySeconds.toFixed(2)} | ${times.markSeconds.toFixed(2)} | ${cold.toFixed(2)} | ${share(cold, coldSeconds)} of ${coldSeconds?.toFixed(1) ?? '–'} s |`,
    `| warm (quotes known from the last build) | ${times.verifyCachedSeconds.toFixed(2)} | ${times.markSeconds.toFixed(2)} | ${warm.toFixed(2)} | ${share(warm, warmSeconds)} of ${warmSeconds?.toFixed(1) ?? '–'} s |`,
  ].join('\n');
}
