import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BENCH_BUILD_DATE, generateCorpus, type CorpusSummary } from '../../bench/generate-corpus.ts';
import { readContentFolder } from '../../src/lib/content/read-content.ts';
import { validateContent, type ValidatedContent } from '../../src/lib/content/validate.ts';
import { verifyQuoteAgainstArticle } from '../../src/lib/content/verify-quotes.ts';
import { articleParagraphs, wordCount } from '../../src/lib/content/article-text.ts';
import { siteConfig } from '../../src/site.config.ts';

const QUOTES = 200;

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path));
  }
  return files;
}

describe('bench corpus generator', () => {
  let root: string;
  let summary: CorpusSummary;
  let content: ValidatedContent;
  let issues: unknown[];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'qtd-bench-'));
    summary = await generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'a/content') });
    const { files, tagsFile } = await readContentFolder(join(root, 'a'), 'content');
    const result = validateContent(files, {
      siteTimeZone: siteConfig.timeZone,
      allowSeveralQuotesPerDay: false,
      ...(tagsFile ? { tagsFile } : {}),
      verifyQuote: verifyQuoteAgainstArticle,
    });
    content = result.content;
    issues = result.issues;
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('passes the project’s own content check, every quote verified against its article', () => {
    expect(issues).toEqual([]);
    expect(content.quotes).toHaveLength(QUOTES);
    expect(content.articles).toHaveLength(QUOTES / 10);
    expect(content.people).toHaveLength(QUOTES / 20);
    expect(content.tags.length).toBeGreaterThanOrEqual(35);
  });

  it('writes byte-identical output for the same seed, and other output for another seed', async () => {
    await generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'b/content') });
    await generateCorpus({ quotes: QUOTES, seed: 'other', outDir: join(root, 'c/content') });
    const first = await filesOf(join(root, 'a/content'));
    const second = await filesOf(join(root, 'b/content'));
    const other = await filesOf(join(root, 'c/content'));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(second.get(path)?.equals(bytes), path).toBe(true);
    const firstQuote = [...first.keys()].find((path) => path.startsWith('quotes/'));
    expect(firstQuote && other.get(firstQuote)?.equals(first.get(firstQuote) ?? Buffer.alloc(0))).not.toBe(true);
  });

  it('regenerates over its own earlier corpus but refuses to empty any other folder', async () => {
    await expect(generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'a/content') })).resolves.toMatchObject({ quotes: QUOTES });
    await expect(generateCorpus({ quotes: QUOTES, seed: 'unit', outDir: join(root, 'a') })).rejects.toThrow(/refusing/);
  });

  it('gives articles of 900–1,500 words, quotes of 8–60 words, one quote a day and a few scheduled', () => {
    for (const article of content.articles) {
      const words = wordCount(articleParagraphs(article.body));
      expect(words, article.id).toBeGreaterThanOrEqual(900);
      expect(words, article.id).toBeLessThanOrEqual(1500);
    }
    for (const quote of content.quotes) {
      const words = quote.data.text.replace(/\.(?:\s*\.){2,}/g, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
      expect(words.length, quote.id).toBeGreaterThanOrEqual(8);
      expect(words.length, quote.id).toBeLessThanOrEqual(60);
      expect(quote.data.curator).toBeDefined();
      expect(quote.body.trim()).not.toBe('');
    }
    const days = content.quotes.map((quote) => quote.data.date);
    expect(new Set(days).size).toBe(QUOTES);
    expect(days.filter((day) => day > BENCH_BUILD_DATE)).toHaveLength(summary.scheduledQuotes);
    expect(summary.scheduledQuotes).toBeGreaterThan(0);
    expect(days).toContain(BENCH_BUILD_DATE);
  });

  it('elides words inside about 15% of quotes and has right-to-left Persian pairs with ZWNJ', () => {
    const elided = content.quotes.filter((quote) => /\u00a0\.\u00a0\.\u00a0\./.test(quote.data.text));
    expect(elided.length).toBe(summary.elidedQuotes);
    expect(elided.length / QUOTES).toBeGreaterThan(0.07);
    expect(elided.length / QUOTES).toBeLessThan(0.25);
    const persian = content.quotes.filter((quote) => quote.data.lang === 'fa');
    expect(persian.length).toBe(summary.rightToLeftQuotes);
    expect(persian.length).toBeGreaterThanOrEqual(1);
    for (const quote of persian) {
      const article = content.articles.find((a) => a.id === quote.data.source?.id);
      expect(article?.body).toMatch(/\u200c/);
      expect(article?.body).toMatch(/[\u0600-\u06ff]/);
    }
  });

  it('writes New York times with -04:00 in summer and -05:00 in winter (the check above proves each one)', async () => {
    const { files } = await readContentFolder(join(root, 'a'), 'content');
    const offsets = new Set(
      files
        .filter((file) => file.collection === 'articles' && file.text.includes('timeZone: America/New_York'))
        .map((file) => /^published: \S+([+-]\d{2}:\d{2})$/m.exec(file.text)?.[1]),
    );
    expect([...offsets].sort()).toEqual(['-04:00', '-05:00']);
  });
});
