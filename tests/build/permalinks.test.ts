/**
 * Permanent URLs: declared redirects become pages and _redirects lines, renamed tags
 * keep their old addresses, and a build that stops producing a published URL fails.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distOf, outRoot, projectRoot, runAstroBuild } from '../support/sites.ts';
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
    writeFileSync(join(absolute, 'permalinks.txt'), `${readFileSync(join(absolute, 'permalinks.txt'), 'utf8')}/quotes/a-removed-quote/\n`);
    const build = join(outRoot, 'ledger-case');
    const result = await runAstroBuild({ CONTENT_DIR: contentDir }, join(build, 'dist'), join(build, 'cache'));
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code).not.toBe(0);
    expect(output).toContain('/quotes/a-removed-quote/');
    expect(output).toContain('redirects.yaml');
    expect(output).not.toMatch(/^\s{4}at /m);
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
