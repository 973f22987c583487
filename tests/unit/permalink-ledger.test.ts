import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOST_LIMITS,
  canonicalSitePath,
  distFileForPath,
  formatLedger,
  hostLimitWarnings,
  missingFromBuild,
  parseLedger,
  pathsFromDist,
  updateLedger,
} from '../../src/build/permalink-ledger.ts';

describe('pathsFromDist', () => {
  it('turns pages and feeds into public paths and leaves assets, cards, search and 404 out', () => {
    const files = [
      'index.html',
      'about/index.html',
      'quotes/spirit-of-resistance/index.html',
      'quotes/page/2/index.html',
      'rss.xml',
      'articles/rss.xml',
      'tags/resistance/rss.xml',
      'feed.json',
      'quotes.json',
      '404.html',
      '_astro/index.BxYz.css',
      '_astro/page.html',
      'og/quotes/spirit-of-resistance.png',
      'og/index.html',
      'pagefind/pagefind.js',
      'pagefind/fragment/en_1.pf_fragment',
      'favicon.svg',
      'sitemap-index.xml',
      'sitemap-0.xml',
      'robots.txt',
      '_redirects',
      'quotes/spirit-of-resistance/citation.json',
    ];
    expect(pathsFromDist(files)).toEqual([
      '/',
      '/about/',
      '/articles/rss.xml',
      '/feed.json',
      '/quotes.json',
      '/quotes/page/2/',
      '/quotes/spirit-of-resistance/',
      '/rss.xml',
      '/tags/resistance/rss.xml',
    ]);
  });

  it('accepts Windows separators and percent-encodes non-ASCII folder names once', () => {
    expect(pathsFromDist(['tags\\café\\index.html', './people/x/index.html'])).toEqual(['/people/x/', '/tags/caf%C3%A9/']);
  });
});

describe('canonicalSitePath and distFileForPath', () => {
  it('spells one URL one way, whether written encoded or not', () => {
    expect(canonicalSitePath('/tags/café/')).toBe('/tags/caf%C3%A9/');
    expect(canonicalSitePath('/tags/caf%C3%A9/')).toBe('/tags/caf%C3%A9/');
    expect(canonicalSitePath('/a/100%/')).toBe('/a/100%25/');
  });

  it('maps a path to the file that serves it', () => {
    expect(distFileForPath('/')).toBe('index.html');
    expect(distFileForPath('/quotes/x/')).toBe('quotes/x/index.html');
    expect(distFileForPath('/tags/x/rss.xml')).toBe('tags/x/rss.xml');
    expect(distFileForPath('/tags/caf%C3%A9/')).toBe('tags/café/index.html');
  });
});

describe('ledger', () => {
  it('parses paths, skipping blank lines and comments, sorted and without duplicates', () => {
    expect(parseLedger('# ledger\n/rss.xml\r\n\n/about/\n/about/\n  /quotes/a/  \n')).toEqual(['/about/', '/quotes/a/', '/rss.xml']);
  });

  it('rejects a line that is not a root-relative path, naming the line', () => {
    expect(() => parseLedger('/about/\nquotes/a/\n')).toThrow(/line 2: "quotes\/a\/"/);
    expect(() => parseLedger('/about/?x=1\n')).toThrow(/line 1/);
  });

  it('formats sorted, one path a line, ending with a newline; parse and format round-trip', () => {
    const text = formatLedger(['/rss.xml', '/', '/about/', '/about/']);
    expect(text).toBe('/\n/about/\n/rss.xml\n');
    expect(formatLedger(parseLedger(text))).toBe(text);
    expect(formatLedger([])).toBe('');
  });

  it('sorts by code unit, the same on every machine', () => {
    expect(formatLedger(['/b/', '/B/', '/a-b/', '/a/'])).toBe('/B/\n/a-b/\n/a/\n/b/\n');
  });

  it('adds built paths and never removes one that is no longer built', () => {
    const { paths, added } = updateLedger(['/quotes/gone/', '/about/'], ['/about/', '/quotes/new/', '/rss.xml']);
    expect(added).toEqual(['/quotes/new/', '/rss.xml']);
    expect(paths).toEqual(['/about/', '/quotes/gone/', '/quotes/new/', '/rss.xml']);
    expect(updateLedger(paths, [])).toEqual({ paths, added: [] });
  });
});

describe('missingFromBuild', () => {
  const ledger = ['/', '/quotes/old-id/', '/tags/old/rss.xml', '/about/'];
  const built = ['/', '/about/', '/quotes/new-id/'];

  it('lists ledger paths the build no longer produces', () => {
    expect(missingFromBuild(ledger, built, [])).toEqual(['/quotes/old-id/', '/tags/old/rss.xml']);
  });

  it('accepts a path that a redirect leads away from', () => {
    expect(missingFromBuild(ledger, built, [{ from: '/quotes/old-id/' }])).toEqual(['/tags/old/rss.xml']);
    expect(missingFromBuild(ledger, built, [{ from: '/quotes/old-id/' }, { from: '/tags/old/rss.xml' }])).toEqual([]);
  });

  it('compares paths however they are encoded', () => {
    expect(missingFromBuild(['/tags/café/'], ['/tags/caf%C3%A9/'], [])).toEqual([]);
    expect(missingFromBuild(['/tags/caf%C3%A9/'], [], [{ from: '/tags/café/' }])).toEqual([]);
  });
});

describe('hostLimitWarnings', () => {
  it('is silent well under the limits', () => {
    expect(hostLimitWarnings({ files: 1000, bytes: 50_000_000, redirects: 3 })).toEqual([]);
  });

  it('warns near a limit and past it, naming the host', () => {
    const near = hostLimitWarnings({ files: HOST_LIMITS.cloudflarePagesFiles * 0.9, bytes: 0, redirects: 0 });
    expect(near).toHaveLength(1);
    expect(near[0]).toMatch(/90% of the Cloudflare Pages \(free plan\) limit: 18000 files of 20000 files/);
    const over = hostLimitWarnings({
      files: 0,
      bytes: HOST_LIMITS.githubPagesBytes + 1,
      redirects: HOST_LIMITS.cloudflarePagesRedirects + 1,
    });
    expect(over).toHaveLength(2);
    expect(over.join('\n')).toMatch(/over the Cloudflare Pages limit: 2001 redirects/);
    expect(over.join('\n')).toMatch(/over the GitHub Pages limit: 1\.00 GB, the limit is 1\.00 GB/);
  });
});

describe('scripts/update-permalinks.ts', () => {
  const script = fileURLToPath(new URL('../../scripts/update-permalinks.ts', import.meta.url));
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'qtd-permalinks-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function site(name: string, files: Record<string, string>): Promise<{ content: string; dist: string }> {
    const base = join(work, name);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(dirname(join(base, file)), { recursive: true });
      await writeFile(join(base, file), text);
    }
    return { content: join(base, 'content'), dist: join(base, 'dist') };
  }

  function run(contentDir: string, dist: string) {
    // process.execPath is the Node running vitest (24 via npx), which runs .ts directly.
    return promisify(execFile)(process.execPath, [script, dist], { cwd: projectRoot, env: { ...process.env, CONTENT_DIR: contentDir } });
  }

  it('adds what the build published, keeps what it no longer builds and skips redirect pages', async () => {
    const { content, dist } = await site('grows', {
      'content/permalinks.txt': '/quotes/gone/\n/\n',
      'content/redirects.yaml': '- { from: /quotes/gone/, to: /quotes/new/ }\n',
      'content/tags.yaml': '- { id: fresh, name: Fresh, renamedFrom: [stale] }\n',
      'dist/index.html': '<!DOCTYPE html>',
      'dist/quotes/new/index.html': '',
      'dist/quotes/gone/index.html': 'a redirect page',
      'dist/tags/stale/index.html': 'a redirect page',
      'dist/rss.xml': '',
      'dist/_astro/x.js': '',
    });
    const first = await run(content, dist);
    expect(first.stdout).toContain('added 2 URLs');
    expect(first.stdout).toContain('  /quotes/new/\n  /rss.xml\n');
    expect(await readFile(join(content, 'permalinks.txt'), 'utf8')).toBe('/\n/quotes/gone/\n/quotes/new/\n/rss.xml\n');

    const again = await run(content, dist);
    expect(again.stdout).toContain('up to date (4 URLs)');
  });

  it('starts a ledger when there is none and fails clearly without a build', async () => {
    const { content, dist } = await site('fresh', { 'dist/index.html': '', 'dist/about/index.html': '' });
    await mkdir(content, { recursive: true });
    await run(content, dist);
    expect(await readFile(join(content, 'permalinks.txt'), 'utf8')).toBe('/\n/about/\n');
    await expect(run(content, join(work, 'nowhere'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('run `npm run build` first'),
    });
  });
});
