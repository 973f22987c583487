import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_RECORD_FILE,
  HOST_LIMITS,
  canonicalSitePath,
  classifyMissing,
  distFileForPath,
  formatBuildRecord,
  formatLedger,
  hostLimitWarnings,
  missingFromBuild,
  parseBuildRecord,
  parseLedger,
  pathsFromDist,
  unpublishableBuild,
  updateLedger,
  updateQuoteTexts,
  type RecordedQuote,
} from '../../src/build/permalink-ledger.ts';
import { formatQuoteTexts, parseQuoteTexts } from '../../src/content/quote-ledger.ts';

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

  /** The record a finished build leaves, as the permalinks integration writes it. */
  const record = (quotes: RecordedQuote[] = [], fields: { drafts?: boolean; today?: string } = {}) =>
    formatBuildRecord({ today: fields.today ?? '2021-08-23', drafts: fields.drafts ?? false, quotes });

  it('adds what the build published, keeps what it no longer builds and skips redirect pages', async () => {
    const { content, dist } = await site('grows', {
      [`dist/${BUILD_RECORD_FILE}`]: record(),
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
    const { content, dist } = await site('fresh', {
      'dist/index.html': '',
      'dist/about/index.html': '',
      [`dist/${BUILD_RECORD_FILE}`]: record(),
    });
    await mkdir(content, { recursive: true });
    await run(content, dist);
    expect(await readFile(join(content, 'permalinks.txt'), 'utf8')).toBe('/\n/about/\n');
    await expect(run(content, join(work, 'nowhere'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('run `npm run build` first'),
    });
  });

  it('records the published words of each quote the build published, and later only its article’s new text', async () => {
    const quote = { id: 'the-quote', text: 'Nobody had warned them', article: 'flood', articleText: 'sha256-0000000000000000' };
    const { content, dist } = await site('words', {
      'dist/index.html': '',
      'dist/quotes/the-quote/index.html': '',
      [`dist/${BUILD_RECORD_FILE}`]: record([quote, { id: 'no-source', text: 'Said on the phone' }]),
    });
    await mkdir(content, { recursive: true });
    const first = await run(content, dist);
    expect(first.stdout).toContain('recorded the published words of 2 quotes in');
    const words = await readFile(join(content, 'quote-texts.yaml'), 'utf8');
    expect(parseQuoteTexts(words, 'x').ledger.quotes).toEqual(
      new Map([
        ['no-source', { text: 'Said on the phone', article: undefined, articleText: undefined }],
        ['the-quote', { text: 'Nobody had warned them', article: 'flood', articleText: 'sha256-0000000000000000' }],
      ]),
    );
    expect((await run(content, dist)).stdout).toContain('quote-texts.yaml is up to date (2 quotes)');

    // The article changed and the build verified the quote against its new text.
    await writeFile(join(dist, BUILD_RECORD_FILE), record([{ ...quote, articleText: 'sha256-1111111111111111' }]));
    const again = await run(content, dist);
    expect(again.stdout).toContain(
      'recorded the new text of the articles of 1 quote (each verified against it by the build):\n  the-quote\n',
    );
    expect(await readFile(join(content, 'quote-texts.yaml'), 'utf8')).toContain(
      'the-quote:\n  text: "Nobody had warned them"\n  article: flood\n  articleText: sha256-1111111111111111\n',
    );
  });

  it('refuses a drafts build, a build dated after today and an output no finished build wrote, recording nothing', async () => {
    const { content, dist } = await site('refused', {
      'content/permalinks.txt': '/\n',
      'dist/index.html': '',
      'dist/quotes/scheduled/index.html': '',
    });
    const refused = async (pattern: RegExp) => {
      await expect(run(content, dist)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(pattern) });
      expect(await readFile(join(content, 'permalinks.txt'), 'utf8')).toBe('/\n');
      expect(existsSync(join(content, 'quote-texts.yaml'))).toBe(false);
    };
    await refused(/holds no record of a finished build \(_qtd\/build\.json\).*`npm run dev` writes no site/);
    await mkdir(join(dist, '_qtd'), { recursive: true });
    await writeFile(join(dist, BUILD_RECORD_FILE), record([], { drafts: true }));
    await refused(/is not what the site publishes: it shows scheduled quotes as drafts \(built with SHOW_SCHEDULED=1/);
    await writeFile(join(dist, BUILD_RECORD_FILE), record([], { today: '9998-01-01' }));
    await refused(/it took 9998-01-01 as today \(BUILD_DATE\), after today \(\d{4}-\d{2}-\d{2}\)/);
    await writeFile(join(dist, BUILD_RECORD_FILE), '{"kind":"something else"}');
    await refused(/cannot be read: it is not a build record/);
  });

  it('refuses a build whose words differ from the ledger’s (the ledger changed since), writing neither ledger', async () => {
    const { content, dist } = await site('conflict', {
      'content/quote-texts.yaml': formatQuoteTexts(new Map([['the-quote', { text: 'Other words' }]])),
      'dist/index.html': '',
      [`dist/${BUILD_RECORD_FILE}`]: record([{ id: 'the-quote', text: 'Nobody had warned them' }]),
    });
    await expect(run(content, dist)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('records other words for the-quote than the build'),
    });
    expect(existsSync(join(content, 'permalinks.txt'))).toBe(false);
  });
});

describe('the build record', () => {
  const quotes: RecordedQuote[] = [
    { id: 'b', text: 'B' },
    { id: 'a', text: 'A', article: 'x', articleText: 'sha256-0000000000000000' },
  ];

  it('is JSON sorted by quote id, and reads back', () => {
    const text = formatBuildRecord({ today: '2026-12-07', drafts: false, quotes });
    expect(parseBuildRecord(text)).toEqual({
      kind: 'qtd build record',
      version: 1,
      today: '2026-12-07',
      drafts: false,
      quotes: [quotes[1], quotes[0]],
    });
    expect(formatBuildRecord({ today: '2026-12-07', drafts: false, quotes: [...quotes].reverse() })).toBe(text);
  });

  it('says why a file is not a record', () => {
    expect(parseBuildRecord('<html>')).toBe('it is not JSON');
    expect(parseBuildRecord('{"kind":"qtd build record","version":2}')).toBe('it is version 2, this command reads version 1');
    expect(parseBuildRecord('{"kind":"qtd build record","version":1,"today":"2026-12-07","drafts":false,"quotes":[{"id":1}]}')).toBe(
      'its fields are not those of a build record',
    );
  });

  it('refuses drafts and a today after the real one, and accepts an earlier or the same day', () => {
    const base = { kind: 'qtd build record' as const, version: 1 as const, quotes: [] as RecordedQuote[] };
    expect(unpublishableBuild({ ...base, today: '2026-12-07', drafts: true }, '2026-12-07')).toMatch(/shows scheduled quotes as drafts/);
    expect(unpublishableBuild({ ...base, today: '2026-12-08', drafts: false }, '2026-12-07')).toMatch(/took 2026-12-08 as today/);
    expect(unpublishableBuild({ ...base, today: '2026-12-07', drafts: false }, '2026-12-07')).toBeUndefined();
    expect(unpublishableBuild({ ...base, today: '2026-12-06', drafts: false }, '2026-12-07')).toBeUndefined();
  });
});

describe('updateQuoteTexts', () => {
  const ledger = new Map([
    ['kept', { text: 'Kept words', article: 'x', articleText: 'sha256-0000000000000000' }],
    ['withdrawn-since', { text: 'Old words' }],
  ]);

  it('adds new quotes, records a known quote’s new article text, never rewrites its words, removes nothing', () => {
    const update = updateQuoteTexts(ledger, [
      { id: 'kept', text: 'Kept words', article: 'x', articleText: 'sha256-1111111111111111' },
      { id: 'new', text: 'New words' },
    ]);
    expect(update.added).toEqual(['new']);
    expect(update.refreshed).toEqual(['kept']);
    expect(update.conflicts).toEqual([]);
    expect([...update.quotes.keys()]).toEqual(['kept', 'withdrawn-since', 'new']);
    expect(update.quotes.get('kept')?.articleText).toBe('sha256-1111111111111111');
    expect(updateQuoteTexts(ledger, [{ id: 'kept', text: 'Other words', article: 'x' }]).conflicts).toEqual(['kept']);
    expect(
      updateQuoteTexts(ledger, [{ id: 'kept', text: 'Kept words', article: 'x', articleText: 'sha256-0000000000000000' }]),
    ).toMatchObject({ added: [], refreshed: [] });
  });
});

describe('classifyMissing', () => {
  const now = {
    today: '2026-12-07',
    quoteDays: new Map([
      ['published', '2026-12-01'],
      ['scheduled', '2027-01-05'],
    ]),
  };

  it('tells a URL recorded from a drafts build (never published) from a deleted quote’s page and from any other page', () => {
    expect(
      classifyMissing(
        [
          '/quotes/scheduled/',
          '/quotes/2027/',
          '/quotes/2027/01/',
          '/quotes/page/3/',
          '/quotes/deleted-one/',
          '/tags/old/',
          '/quotes/2020/',
        ],
        now,
      ),
    ).toEqual([
      { path: '/quotes/scheduled/', kind: 'scheduled', reason: 'the page of a quote scheduled for 2027-01-05' },
      {
        path: '/quotes/2027/',
        kind: 'scheduled',
        reason: 'the archive of 2027, where only quotes still scheduled fall (scheduled, 2027-01-05)',
      },
      {
        path: '/quotes/2027/01/',
        kind: 'scheduled',
        reason: 'the archive of 2027-01, where only quotes still scheduled fall (scheduled, 2027-01-05)',
      },
      { path: '/quotes/page/3/', kind: 'scheduled', reason: 'a list page that exists only with the scheduled quotes listed' },
      { path: '/quotes/deleted-one/', kind: 'deleted-quote', id: 'deleted-one' },
      { path: '/tags/old/', kind: 'gone' },
      { path: '/quotes/2020/', kind: 'gone' },
    ]);
  });

  it('takes a list page for a lost page when no quote is scheduled', () => {
    expect(classifyMissing(['/quotes/page/3/'], { today: '2026-12-07', quoteDays: new Map() })).toEqual([
      { path: '/quotes/page/3/', kind: 'gone' },
    ]);
  });
});
