/**
 * How long quote verification and marking take on the benchmark's corpus, timed apart
 * from the build (whose log shows only the whole content pass, reading, rendering and
 * validating included). The same code the build runs, on articles read as the build
 * reads them: each rendered by the site's Markdown pipeline
 * (src/content/standalone-renderer.ts) and taken as its visible text
 * (src/content/article-text.ts). Rendering is not timed: it is the build's
 * rendering step, which every page needs whether or not a quote comes from it.
 * - verification: every quote found in the visible text of its article
 *   (`verifyQuotes`, src/content/content-pass.ts), through a cache that knows no
 *   quote, as in a cold build, and again through the cache of the quotes that passed,
 *   as in a warm build (src/content/verification-cache.ts);
 * - marking: locating every quote in its article for its page, its context and the marks
 *   in the article (src/domain/locate-quote.ts), which every build does once when it loads
 *   the archive (src/views/archive.ts), each article prepared for matching once.
 */
import { readAndValidate, verifyQuotes } from '../src/content/content-pass.ts';
import { createCachedVerifier, matcherIdentity, type CachedVerifier } from '../src/content/verification-cache.ts';
import { visibleParagraphs } from '../src/content/article-text.ts';
import { standaloneRenderer } from '../src/content/standalone-renderer.ts';
import type { ValidatedContent } from '../src/content/validate.ts';
import { prepareArticle } from '../src/domain/quote-match.ts';
import { locateQuote } from '../src/domain/locate-quote.ts';
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

/** Verifies every quote through `verifier`, in seconds; throws when a quote is not found. */
function timedVerification(
  content: ValidatedContent,
  paragraphs: ReadonlyMap<string, readonly string[]>,
  verifier: CachedVerifier,
): number {
  const started = performance.now();
  const issues = verifyQuotes(content, (id) => paragraphs.get(id), verifier);
  const seconds = (performance.now() - started) / 1000;
  if (issues.length > 0)
    throw new Error(`${issues.length} quotes of the corpus failed verification; the first: ${JSON.stringify(issues[0])}`);
  return seconds;
}

/** The corpus read and checked as the build reads it, with the site's settings; throws on any content issue. */
export async function readCorpus(root: string, contentDir: string): Promise<ValidatedContent> {
  const { content, issues } = await readAndValidate(root, contentDir, {
    siteTimeZone: siteConfig.timeZone,
    allowSeveralQuotesPerDay: siteConfig.allowSeveralQuotesPerDay,
  });
  if (issues.length > 0) throw new Error(`the corpus has ${issues.length} content issues; the first: ${JSON.stringify(issues[0])}`);
  return content;
}

export async function measureVerifyAndMark(root: string, contentDir: string): Promise<VerifyMarkTimes> {
  const content = await readCorpus(root, contentDir);

  const render = await standaloneRenderer();
  const paragraphs = new Map<string, readonly string[]>();
  for (const article of content.articles) paragraphs.set(article.id, visibleParagraphs(await render(article.body)));

  const withSource = content.quotes.filter((quote) => quote.data.source && paragraphs.has(quote.data.source.id)).length;
  const identity = matcherIdentity();
  const cold = createCachedVerifier(new Set(), identity);
  const verifySeconds = timedVerification(content, paragraphs, cold);
  const warm = createCachedVerifier(cold.passed, identity);
  const verifyCachedSeconds = timedVerification(content, paragraphs, warm);
  if (cold.matched() !== withSource || warm.remembered() !== withSource || warm.matched() !== 0) {
    throw new Error(
      `expected ${withSource} quotes matched cold and remembered warm; matched ${cold.matched()} cold, then ${warm.matched()} matched and ${warm.remembered()} remembered warm`,
    );
  }

  const started = performance.now();
  const prepared = new Map<string, ReturnType<typeof prepareArticle>>();
  let located = 0;
  for (const quote of content.quotes) {
    const sourceId = quote.data.source?.id;
    const text = sourceId ? paragraphs.get(sourceId) : undefined;
    if (!sourceId || !text) continue;
    let article = prepared.get(sourceId);
    if (!article) {
      article = prepareArticle(text);
      prepared.set(sourceId, article);
    }
    if (locateQuote(quote.data.text, article)) located++;
  }
  const markSeconds = (performance.now() - started) / 1000;
  if (located !== withSource) throw new Error(`${withSource - located} quotes of the corpus were not found in their articles`);
  return { quotes: content.quotes.length, verifySeconds, verifyCachedSeconds, markSeconds };
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
