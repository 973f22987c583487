/**
 * The preview, `astro dev`, in a real server. Both parts run in one file, one server after the
 * other: two dev servers of one project share its `.astro/` folder, where Astro keeps the
 * store the pages read.
 *
 * `astro dev` follows the redirects of the content as the built site does: an old page
 * URL (content/redirects.yaml, a tag's renamedFrom) answers with a 301 to its new place,
 * under the base path, an accented one and one to another site included. What Astro
 * cannot serve as the build does (a file such as /old/feed.xml) is named in the log and
 * left to the build; a malformed entry is reported without stopping the server; a change
 * to redirects.yaml is served after the restart it causes.
 *
 * And `astro dev` never shows a page built from content that failed its checks: a quote that
 * is not in its article, and a quote whose article has a problem (which would read
 * "Source text not in the archive"), answer with the problems, their file, line, field
 * and fix, until the files are fixed; the other pages are served as usual.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outRoot, projectRoot } from '../support/sites.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';

const FIXTURE = join(projectRoot, 'tests/fixtures/sites/archive');

/** The fixture's redirects and renamed tag, and more: an accented old URL, another site, a file, a malformed entry. */
const REDIRECTS = `${readFileSync(join(FIXTURE, 'redirects.yaml'), 'utf8')}
- from: /quotes/café/
  to: /quotes/quote-short/
- from: /elsewhere/
  to: https://example.org/moved?from=qtd
- from: /old/feed.xml
  to: /rss.xml
- from: /quotes/%2E%2E/
  to: /quotes/
`;

/** A content folder inside the project (the dev server watches it), copied from the fixture archive. */
function archive(name: string): { contentDir: string; absolute: string } {
  const contentDir = `tests/.out/dev-redirects/${name}/content`;
  const absolute = join(projectRoot, contentDir);
  rmSync(join(projectRoot, 'tests/.out/dev-redirects', name), { recursive: true, force: true });
  mkdirSync(absolute, { recursive: true });
  cpSync(FIXTURE, absolute, { recursive: true });
  writeFileSync(join(absolute, 'redirects.yaml'), REDIRECTS);
  return { contentDir, absolute };
}

/** The end of the server's log, for a failure's message: what the preview said before it answered wrongly. */
const serverLog = (server: DevServer): string => `astro dev said:\n${server.output().slice(-4000)}`;

/** The status and Location of a request that is not followed. */
async function answer(server: DevServer, path: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${server.origin}${path}`, { redirect: 'manual' });
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get('location') };
}

describe('astro dev at the root', () => {
  let server: DevServer;
  let content: { contentDir: string; absolute: string };

  beforeAll(async () => {
    content = archive('root');
    server = await startDevServer({ CONTENT_DIR: content.contentDir }, '/', join(outRoot, 'dev-redirects/root/cache'));
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers a declared redirect and a renamed tag with a 301 to the page the build sends them to', async () => {
    expect(await answer(server, '/quotes/old-courage/')).toEqual({ status: 301, location: '/quotes/quote-emphasis/' });
    expect(await answer(server, '/tags/bravery/')).toEqual({ status: 301, location: '/tags/courage/' });
    expect((await answer(server, '/quotes/quote-emphasis/')).status, serverLog(server)).toBe(200);
    expect((await answer(server, '/tags/courage/')).status, serverLog(server)).toBe(200);
  });

  it('answers an accented old URL, as a browser sends it, and one that leads to another site', async () => {
    expect(await answer(server, '/quotes/caf%C3%A9/')).toEqual({ status: 301, location: '/quotes/quote-short/' });
    expect(await answer(server, '/elsewhere/')).toEqual({ status: 301, location: 'https://example.org/moved?from=qtd' });
  });

  it('keeps the renamed tag’s old feed, which is no redirect', async () => {
    const feed = await fetch(`${server.origin}/tags/bravery/rss.xml`);
    expect(feed.status, serverLog(server)).toBe(200);
    expect(await feed.text()).toContain('<rss');
  });

  it('names the file redirect it leaves to the build, and reports the malformed entry without stopping', () => {
    expect(server.output()).toMatch(/4 redirects served by the dev server\s+not \/old\/feed\.xml → \/rss\.xml: it redirects a file/);
    expect(server.output()).toContain('"from: /quotes/%2E%2E/" is percent-encoded');
    expect(server.output()).not.toMatch(/^\s{4}at /m);
  });

  it('shows an edit on the pages it changes as soon as the content is checked, before Astro has written its store', async () => {
    // Astro's store file, which its router waits for: the pages must not (src/build/integrations/preview.ts).
    const store = join(projectRoot, '.astro/data-store.json');
    const page = async (path: string) => {
      const response = await fetch(`${server.origin}${path}`);
      return { status: response.status, text: await response.text() };
    };
    /** Asks until `done` holds (within 20 s), and says whether Astro's store held `marker` at that moment. */
    const until = async (path: string, done: (answer: { status: number; text: string }) => boolean, marker: string) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const answer = await page(path);
        if (done(answer)) return { answer, stored: readFileSync(store, 'utf8').includes(marker) };
        if (Date.now() > deadline) throw new Error(`${path} did not show the change: ${answer.status}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const quote = join(content.absolute, 'quotes/quote-short.md');
    const original = readFileSync(quote, 'utf8');
    // The routes list their paths before the edits, as a curator's earlier visits would.
    for (const path of ['/', '/quotes/', '/quotes/quote-short/'])
      expect((await page(path)).status, `${path}\n${serverLog(server)}`).toBe(200);

    const commentary = `Commentary written at ${Date.now()}.`;
    writeFileSync(quote, `${original.trimEnd()}\n\n${commentary}\n`);
    const edited = await until('/quotes/quote-short/', ({ text }) => text.includes(commentary), commentary);
    expect(edited.stored, 'the edit was shown only once Astro had written its store').toBe(false);

    const added = join(content.absolute, 'quotes/quote-added-in-preview.md');
    const words = `Added at ${Date.now()}`;
    writeFileSync(added, `---\ntext: "${words}."\nspeaker: omar-example\ndate: 2025-07-05\n---\n`);
    const shown = await until('/quotes/quote-added-in-preview/', ({ status, text }) => status === 200 && text.includes(words), words);
    expect(shown.stored, 'the new quote was shown only once Astro had written its store').toBe(false);
    expect((await page('/quotes/')).text).toContain(words);

    rmSync(added);
    await until('/quotes/quote-added-in-preview/', ({ status }) => status === 404, words);
    expect((await page('/quotes/')).text).not.toContain(words);
    writeFileSync(quote, original);
    await until('/quotes/quote-short/', ({ text }) => !text.includes(commentary), commentary);
    expect(server.output()).not.toContain('[qtd:preview]');
  });

  it('serves a redirect added to redirects.yaml once the dev server has restarted', async () => {
    expect((await answer(server, '/quotes/added/')).status).toBe(404);
    writeFileSync(join(content.absolute, 'redirects.yaml'), `${REDIRECTS}- from: /quotes/added/\n  to: /quotes/quote-long/\n`);
    const deadline = Date.now() + 60_000;
    let last = await answer(server, '/quotes/added/');
    while (last.status !== 301 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      last = await answer(server, '/quotes/added/').catch(() => ({ status: 0, location: null }));
    }
    expect(last).toEqual({ status: 301, location: '/quotes/quote-long/' });
  });
});

describe('astro dev under a base path', () => {
  let server: DevServer;

  beforeAll(async () => {
    const content = archive('base');
    server = await startDevServer(
      { CONTENT_DIR: content.contentDir, SITE_URL: 'https://elsewhere.example', BASE_PATH: '/qtd/' },
      '/qtd/',
      join(outRoot, 'dev-redirects/base/cache'),
    );
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers the old URL under the base path with its target under the base path', async () => {
    expect(await answer(server, '/qtd/quotes/old-courage/')).toEqual({ status: 301, location: '/qtd/quotes/quote-emphasis/' });
    expect(await answer(server, '/qtd/tags/bravery/')).toEqual({ status: 301, location: '/qtd/tags/courage/' });
    expect(await answer(server, '/qtd/elsewhere/')).toEqual({ status: 301, location: 'https://example.org/moved?from=qtd' });
    expect((await answer(server, '/qtd/quotes/quote-emphasis/')).status).toBe(200);
  });
});

describe('astro dev with content that has problems', () => {
  const CONTENT_DIR = 'tests/.out/dev-preview/content';
  const CONTENT = join(projectRoot, CONTENT_DIR);
  const MISQUOTE = 'quotes/quote-emphasis.md';
  const BROKEN_ARTICLE = 'articles/fixture-excerpt-article.md';

  let server: DevServer | undefined;

  async function page(path: string): Promise<{ status: number; text: string }> {
    const response = await fetch(`${server?.origin ?? ''}${path}`, { redirect: 'manual' });
    return { status: response.status, text: await response.text() };
  }

  beforeAll(async () => {
    rmSync(join(projectRoot, 'tests/.out/dev-preview'), { recursive: true, force: true });
    mkdirSync(CONTENT, { recursive: true });
    cpSync(FIXTURE, CONTENT, { recursive: true });
    const misquote = join(CONTENT, MISQUOTE);
    writeFileSync(
      misquote,
      readFileSync(misquote, 'utf8').replace('Courage is the first of the virtues', 'Courage is the last of the virtues'),
    );
    const article = join(CONTENT, BROKEN_ARTICLE);
    writeFileSync(article, readFileSync(article, 'utf8').replace('published: 2024-02-28T18:00:00Z', 'published: 2024-02-28T18:00:00'));

    server = await startDevServer({ CONTENT_DIR }, '/', join(outRoot, 'dev-preview/cache'));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  describe('the preview of content with problems', () => {
    it('answers a quote that is not in its article with the problem, never with the quote page', async () => {
      const { status, text } = await page('/quotes/quote-emphasis/');
      expect(status).toBe(500);
      expect(text).toContain('/quotes/quote-emphasis/ is not shown: its content has a problem');
      expect(text).toContain(`✖ ${CONTENT_DIR}/${MISQUOTE}:2\n  text: is not`);
      expect(text).toContain('Fix: ');
      expect(text).not.toContain('Verified');
      expect(text).not.toMatch(/^\s{4}at /m);
    });

    it('answers a quote whose article has a problem with that problem, not "Source text not in the archive"', async () => {
      for (const path of ['/quotes/quote-excerpt/', '/articles/fixture-excerpt-article/']) {
        const { status, text } = await page(path);
        expect(status, path).toBe(500);
        expect(text).toContain(`✖ ${CONTENT_DIR}/${BROKEN_ARTICLE}:5\n  published: `);
        expect(text).not.toContain('Source text not in the archive');
      }
    });

    it('serves the pages that do not depend on the problems, and logs the same report', async () => {
      expect((await page('/quotes/quote-short/')).status).toBe(200);
      expect((await page('/articles/fixture-article-one/')).status).toBe(200);
      expect(server?.output()).toContain(
        'QTD found 2 problems in the content; the preview shows this report on the pages of the entries that have them.',
      );
    });

    it('serves the quote again once its file is fixed', async () => {
      const misquote = join(CONTENT, MISQUOTE);
      writeFileSync(
        misquote,
        readFileSync(misquote, 'utf8').replace('Courage is the last of the virtues', 'Courage is the first of the virtues'),
      );
      const deadline = Date.now() + 60_000;
      let last = await page('/quotes/quote-emphasis/');
      while (last.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        last = await page('/quotes/quote-emphasis/');
      }
      expect(last.status).toBe(200);
      expect(last.text).toContain('Verified');
      expect((await page('/quotes/quote-excerpt/')).status).toBe(500);
    });
  });
});
