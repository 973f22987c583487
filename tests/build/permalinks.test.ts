/**
 * Permanent URLs: declared redirects become pages and _redirects lines, renamed tags
 * keep their old addresses, and a build that stops producing a published URL fails.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { distOf, outRoot, projectRoot, runAstroBuild, TEST_BUILD_DATE } from '../support/sites.ts';
import { BUILD_RECORD_FILE, parseBuildRecord } from '../../src/build/permalink-ledger.ts';
import { articleTextDigest, parseQuoteTexts } from '../../src/content/quote-ledger.ts';
import { visibleParagraphs } from '../../src/content/article-text.ts';
import { standaloneRenderer } from '../../src/content/standalone-renderer.ts';
import { smartPunctuation } from '../../src/markdown/typography.ts';
import { loadPage } from '../support/html.ts';

describe('redirects', () => {
  const dist = distOf('fixture');

  it('writes a redirect page for a declared redirect, with refresh, canonical and a link', () => {
    const $ = loadPage(dist, 'quotes/old-courage');
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=https://qtd.example/quotes/quote-emphasis/');
    expect($('link[rel="canonical"]').attr('href')).toBe('https://qtd.example/quotes/quote-emphasis/');
    expect($('a[href="https://qtd.example/quotes/quote-emphasis/"]').length).toBeGreaterThan(0);
  });

  it('lists it, and the renamed tag, in _redirects for Netlify and Cloudflare Pages', () => {
    const lines = readFileSync(join(dist, '_redirects'), 'utf8').split('\n');
    expect(lines).toContain('/quotes/old-courage/  /quotes/quote-emphasis/  301');
    expect(lines).toContain('/tags/bravery/  /tags/courage/  301');
  });

  it('keeps the renamed tag’s old page (a redirect) and old feed (the feed itself)', () => {
    expect(loadPage(dist, 'tags/bravery')('meta[http-equiv="refresh"]').attr('content')).toContain('/tags/courage/');
    expect(readFileSync(join(dist, 'tags/bravery/rss.xml'), 'utf8')).toContain('<rss');
  });
});

describe('the permalink ledger', () => {
  it('fails the build, naming the URL, when a published URL is no longer produced', async () => {
    const contentDir = 'tests/.out/ledger-case/content';
    const absolute = join(projectRoot, contentDir);
    rmSync(join(projectRoot, 'tests/.out/ledger-case'), { recursive: true, force: true });
    mkdirSync(absolute, { recursive: true });
    for (const part of ['people', 'articles', 'quotes', 'tags.yaml', 'permalinks.txt']) {
      cpSync(join(projectRoot, 'content', part), join(absolute, part), { recursive: true });
    }
    // The quote page was published once; now its file is gone and no redirect is declared.
    // A scheduled quote's page and year were recorded from a build that showed drafts.
    writeFileSync(
      join(absolute, 'permalinks.txt'),
      `${readFileSync(join(absolute, 'permalinks.txt'), 'utf8')}/quotes/a-removed-quote/\n/quotes/not-yet/\n/quotes/2099/\n/tags/gone-tag/\n`,
    );
    writeFileSync(
      join(absolute, 'quotes/not-yet.md'),
      '---\ntext: "Only we remain standing."\nspeaker: ahmad-massoud\nsource: the-afghan-who-wont-surrender-to-the-taliban\ndate: 2099-01-05\n---\n',
    );
    const build = join(outRoot, 'ledger-case');
    const result = await runAstroBuild({ CONTENT_DIR: contentDir }, join(build, 'dist'), join(build, 'cache'));
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code).not.toBe(0);
    expect(output).not.toMatch(/^\s{4}at /m);
    // Never published: its own message, not advice to redirect.
    expect(output).toContain(
      [
        `2 URLs of ${contentDir}/permalinks.txt were never published:`,
        '  /quotes/2099/  (the archive of 2099, where only quotes still scheduled fall (not-yet, 2099-01-05))',
        '  /quotes/not-yet/  (the page of a quote scheduled for 2099-01-05)',
      ].join('\n'),
    );
    expect(output).toContain(`Remove their lines from ${contentDir}/permalinks.txt`);
    // A deleted quote: withdraw it (its page says why), or redirect it.
    expect(output).toContain('1 published quote has lost its page: its file was deleted:\n  /quotes/a-removed-quote/\n');
    expect(output).toContain('  withdrawn: { date: 2026-11-26, reason: "Why it was withdrawn." }');
    expect(output).toContain(
      `declare a redirect in ${contentDir}/redirects.yaml:\n  - from: /quotes/a-removed-quote/\n    to: /quotes/new-id/`,
    );
    // Any other page: restore it or redirect it.
    expect(output).toContain('1 published URL is no longer built:\n  /tags/gone-tag/\n');
  });

  it('passes on the real content: every URL of the ledger is still produced', () => {
    const ledger = readFileSync(join(projectRoot, 'content/permalinks.txt'), 'utf8').split('\n').filter(Boolean);
    const dist = distOf('real');
    for (const path of ledger) {
      const file = path.endsWith('/') ? join(dist, path, 'index.html') : join(dist, path);
      expect(() => readFileSync(file), path).not.toThrow();
    }
  });
});

const QUOTE_ID = 'spirit-of-resistance';
const ARTICLE_ID = 'the-afghan-who-wont-surrender-to-the-taliban';
/** The seed quote's words as its file gives them (no-break spaces in its ellipsis included). */
const SEED_TEXT = JSON.parse(
  /^text: (".*")$/m.exec(readFileSync(join(projectRoot, 'content/quotes', `${QUOTE_ID}.md`), 'utf8'))?.[1] ?? '""',
) as string;

/** A copy of the real content under tests/.out/<name>/content, its CONTENT_DIR, and its build folders. */
function contentCopy(name: string): { contentDir: string; absolute: string; dist: string; cache: string } {
  const contentDir = `tests/.out/${name}/content`;
  const absolute = join(projectRoot, contentDir);
  rmSync(join(outRoot, name), { recursive: true, force: true });
  mkdirSync(absolute, { recursive: true });
  cpSync(join(projectRoot, 'content'), absolute, { recursive: true });
  return { contentDir, absolute, dist: join(outRoot, name, 'dist'), cache: join(outRoot, name, 'cache') };
}

function permalinksCommand(contentDir: string, dist: string) {
  return promisify(execFile)(process.execPath, [join(projectRoot, 'scripts/update-permalinks.ts'), dist], {
    cwd: projectRoot,
    env: { ...process.env, CONTENT_DIR: contentDir },
  });
}

describe('the ledger of published words', () => {
  it('is up to date for the real content: the build’s record holds the words and the article text it records', async () => {
    const dist = distOf('real');
    const record = parseBuildRecord(readFileSync(join(dist, BUILD_RECORD_FILE), 'utf8'));
    if (typeof record === 'string') throw new Error(record);
    expect(record.drafts).toBe(false);
    expect(record.today).toBe(TEST_BUILD_DATE);
    // The digest is of the article's visible text, as verification reads it.
    const html = await standaloneRenderer();
    const source = readFileSync(join(projectRoot, 'content/articles', `${ARTICLE_ID}.md`), 'utf8');
    const articleText = articleTextDigest(visibleParagraphs(await html(source.slice(source.indexOf('\n---\n', 4) + 5))));
    expect(record.quotes).toEqual([{ id: QUOTE_ID, text: SEED_TEXT, article: ARTICLE_ID, articleText }]);
    const ledger = parseQuoteTexts(readFileSync(join(projectRoot, 'content/quote-texts.yaml'), 'utf8'), 'content/quote-texts.yaml');
    expect(ledger.issues).toEqual([]);
    expect(ledger.ledger.quotes.get(QUOTE_ID)).toEqual({ text: SEED_TEXT, article: ARTICLE_ID, articleText });
  });

  it('stops a build whose published quote’s words changed without a correction, naming the file, the field and the fix', async () => {
    const { contentDir, absolute, dist, cache } = contentCopy('words-changed');
    const file = join(absolute, 'quotes', `${QUOTE_ID}.md`);
    // Still in the article (it verifies), but not the words as published.
    writeFileSync(file, readFileSync(file, 'utf8').replace(' And for me that mission is irrevocable, whatever the price.', ''));
    const result = await runAstroBuild({ CONTENT_DIR: contentDir }, dist, cache);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code).not.toBe(0);
    expect(output).toContain(`✖ ${contentDir}/quotes/${QUOTE_ID}.md:2`);
    expect(output).toContain(
      `text: differs from the words as published, which ${contentDir}/quote-texts.yaml records: after “heart in your mission.” the published words say “And for me that mission is irrevocable, whatever the price.” where \`text\` now says “…”. Published words change only with a correction.`,
    );
    expect(output).toContain(
      `Fix: restore the published words, or add to \`corrections\` an entry that gives them in \`from\`: { date: YYYY-MM-DD, note: "What was corrected.", from: ${JSON.stringify(SEED_TEXT)} }.`,
    );
    expect(output).not.toMatch(/^\s{4}at /m);
    expect(existsSync(join(dist, 'index.html'))).toBe(false);
  });

  it('publishes words changed with a correction that gives the earlier ones, shows them on the quote page, and names the quotes of a changed article', async () => {
    const { contentDir, absolute, dist, cache } = contentCopy('words-corrected');
    const quoteFile = join(absolute, 'quotes', `${QUOTE_ID}.md`);
    const shorter = SEED_TEXT.replace(' And for me that mission is irrevocable, whatever the price.', '');
    writeFileSync(
      quoteFile,
      readFileSync(quoteFile, 'utf8')
        .replace(SEED_TEXT, shorter)
        .replace(
          'tags: [afghanistan, resistance]\n',
          `tags: [afghanistan, resistance]\ncorrections:\n  - { date: 2021-08-25, note: "Ended the quote where the speaker’s sentence ends.", from: ${JSON.stringify(SEED_TEXT)} }\n`,
        ),
    );
    const articleFile = join(absolute, 'articles', `${ARTICLE_ID}.md`);
    writeFileSync(articleFile, `${readFileSync(articleFile, 'utf8').trimEnd()}\n\nA paragraph the newspaper added later.\n`);
    // Drafts shown: the build is fine to look at, and npm run permalinks must refuse it.
    const result = await runAstroBuild({ CONTENT_DIR: contentDir, SHOW_SCHEDULED: '1' }, dist, cache);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    expect(output).toContain(
      `article ${contentDir}/articles/${ARTICLE_ID}.md changed since quote ${QUOTE_ID} was published; it still matches`,
    );

    const $ = loadPage(dist, `quotes/${QUOTE_ID}`);
    const correction = $('.corrections li');
    expect(correction).toHaveLength(1);
    expect(correction.text().replace(/\s+/g, ' ')).toContain('Ended the quote where the speaker’s sentence ends. Before, the quote read:');
    expect(correction.find('q').text()).toBe(smartPunctuation(SEED_TEXT));

    const record = parseBuildRecord(readFileSync(join(dist, BUILD_RECORD_FILE), 'utf8'));
    expect(typeof record === 'string' ? record : record.drafts).toBe(true);
    await expect(permalinksCommand(contentDir, dist)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('it shows scheduled quotes as drafts (built with SHOW_SCHEDULED=1'),
    });
    expect(readFileSync(join(absolute, 'permalinks.txt'), 'utf8')).toBe(readFileSync(join(projectRoot, 'content/permalinks.txt'), 'utf8'));
  });
});
