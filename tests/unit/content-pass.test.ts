import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  MAX_HTML_NESTING,
  MAX_MARKDOWN_NESTING,
  deepestMarkdownLine,
  htmlNesting,
  readAndValidate,
  renderEntry,
  verifyQuotes,
  type RenderMarkdown,
} from '../../src/content/content-pass.ts';
import { visibleParagraphs } from '../../src/content/article-text.ts';
import { standaloneRenderer, type RenderHtml } from '../../src/content/standalone-renderer.ts';
import { validateContent, type SourceFile, type ValidatedContent, type ValidatedEntry } from '../../src/content/validate.ts';
import { createCachedVerifier, type CachedVerifier } from '../../src/content/verification-cache.ts';
import type { ContentIssue } from '../../src/content/issues.ts';
import type { Collection } from '../../src/content/schema.ts';

let html: RenderHtml;
/** The site's Markdown pipeline, counting its calls. */
let renderCalls = 0;
const render: RenderMarkdown = async (body) => {
  renderCalls += 1;
  return { html: await html(body), metadata: { imagePaths: [] } };
};

beforeAll(async () => {
  html = await standaloneRenderer();
});

const FIELDS: Record<Collection, readonly string[]> = {
  people: ['name: Someone'],
  articles: ['title: The river', 'authors: [someone]', 'published: 2021-08-23T12:56:00Z'],
  quotes: ['text: Some words', 'speaker: someone', 'date: 2021-08-23'],
};

function source(collection: Collection, id: string, body: string, fields: readonly string[] = FIELDS[collection]): SourceFile {
  return { path: `content/${collection}/${id}.md`, collection, text: ['---', ...fields, '---', body].join('\n') };
}

/** One entry, validated as the build validates it; its body starts on line 3 + the number of fields. */
function entry(collection: Collection, body: string, id = 'entry'): ValidatedEntry<unknown> {
  const { content } = validateContent([source(collection, id, body)], { siteTimeZone: 'UTC', allowSeveralQuotesPerDay: true });
  const found = content[collection][0];
  if (!found) throw new Error(`the ${collection} fixture is not valid`);
  return found;
}

describe('renderEntry: hygiene of the HTML a reader gets', () => {
  it('reports character references that name a suspect character, at their line of the body', async () => {
    const person = entry('people', ['First paragraph.', '', 'A &#x202E; B', '', 'C &#x200B; D', '', 'E &#8238; and &#X202e;'].join('\n'));
    expect(person.bodyLine).toBe(4);
    const { issues, rendered } = await renderEntry(person, 'people', render);
    expect(rendered?.html).toContain('A \u202E B');
    expect(issues.map(({ file, field, line, message }) => ({ file, field, line, message: message.split(',')[0] }))).toEqual([
      { file: 'content/people/entry.md', field: 'body', line: 6, message: 'a bidirectional override/isolate U+202E' },
      // Every line that writes the character, once each, however it is written there.
      { file: 'content/people/entry.md', field: 'body', line: 10, message: 'a bidirectional override/isolate U+202E' },
      { file: 'content/people/entry.md', field: 'body', line: 8, message: 'a zero-width space U+200B' },
    ]);
    expect(issues[0]?.message).toBe(
      'a bidirectional override/isolate U+202E, which can make text display differently from what it is: "h.</p> <p>A [U+202E] B</p> <p>C "',
    );
  });

  it('reports a reference to a noncharacter, which Markdown makes U+FFFD, in the body', async () => {
    const person = entry('people', 'First paragraph.\n\nE &#xFFFE; F');
    const { issues } = await renderEntry(person, 'people', render);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'content/people/entry.md', field: 'body' });
    expect(issues[0]?.message).toMatch(/^a broken character \(U\+FFFD, the copy lost a character here\): ".*E \[U\+FFFD\] F<\/p>"$/);
  });

  it('reports a literal noncharacter at its line', async () => {
    const { issues } = await renderEntry(entry('people', 'One.\n\nTwo \uFFFE three.'), 'people', render);
    expect(issues).toEqual([
      expect.objectContaining({ field: 'body', line: 6, message: expect.stringMatching(/^a noncharacter U\+FFFE, /) }),
    ]);
  });

  it('reports a NUL, which Markdown turns into U+FFFD, at the NUL’s line', async () => {
    const person = entry('people', 'one\n\ntwo\u0000three');
    const { issues, rendered } = await renderEntry(person, 'people', render);
    expect(rendered?.html).toBe('<p>one</p>\n<p>two\uFFFDthree</p>');
    expect(issues).toEqual([
      {
        file: 'content/people/entry.md',
        field: 'body',
        line: 6,
        message: 'a broken character (U+FFFD, the copy lost a character here): "e</p> <p>two[U+FFFD]three</p>"',
        fix: 'replace it with the character(s) of the original, e.g. "fi" in "�ighters" or ":" in "12�56" (npm run import guesses them).',
      },
    ]);
  });

  it('reports a ligature written in the body, at its line', async () => {
    const quote = entry('quotes', 'First line.\nThe \uFB01ghters.');
    const { issues } = await renderEntry(quote, 'quotes', render);
    expect(issues).toEqual([
      {
        file: 'content/quotes/entry.md',
        field: 'body',
        line: 7,
        message: 'a ligature code point U+FB01: "t line. The [U+FB01]ghters.</p>"',
        fix: 'write the separate letters instead (ﬁ → fi, ﬂ → fl, ﬀ → ff).',
      },
    ]);
  });

  it('reads what is published: an attribute and inline code are checked, a comment the sanitiser drops is not', async () => {
    const inAlt = await renderEntry(entry('people', 'Text.\n\n![An image\u200B](x.png)'), 'people', render);
    expect(inAlt.issues).toEqual([
      expect.objectContaining({ field: 'body', line: 6, message: expect.stringMatching(/^a zero-width space U\+200B/) }),
    ]);
    const inCode = await renderEntry(entry('people', 'Run `x\u202Ey` now.'), 'people', render);
    expect(inCode.issues).toEqual([expect.objectContaining({ field: 'body', line: 4 })]);
    const inComment = await renderEntry(entry('people', 'Text.\n\n<!-- \u202E note -->'), 'people', render);
    expect(inComment.rendered?.html).not.toContain('\u202E');
    expect(inComment.issues).toEqual([]);
  });

  it('finds nothing in a clean body, and keeps the renderer’s HTML and metadata', async () => {
    const { issues, rendered } = await renderEntry(entry('quotes', 'A *clean* commentary — with “quotes”.'), 'quotes', render);
    expect(issues).toEqual([]);
    expect(rendered).toEqual({ html: '<p>A <em>clean</em> commentary — with “quotes”.</p>', metadata: { imagePaths: [] } });
  });
});

describe('renderEntry: nesting limits', () => {
  async function attempt(
    body: string,
    collection: Collection = 'people',
  ): Promise<{ issues: ContentIssue[]; rendered?: unknown; calls: number } | Error> {
    const before = renderCalls;
    try {
      const result = await renderEntry(entry(collection, body), collection, render);
      return { ...result, calls: renderCalls - before };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  it('refuses 10,000 `>` on one line before rendering, at that line', async () => {
    const result = await attempt(`Intro.\n\n${'>'.repeat(10_000)} deep`);
    expect(result).toEqual({
      issues: [
        {
          file: 'content/people/entry.md',
          field: 'body',
          line: 6,
          message: `opens 10000 block quotes or lists inside each other on one line; at most ${MAX_MARKDOWN_NESTING} are allowed.`,
          fix: 'flatten the nesting (a quotation inside a quotation needs two `>`, not hundreds).',
        },
      ],
      calls: 0,
    });
  });

  it('refuses 2,000 `> ` on one line', async () => {
    const result = await attempt(`${'> '.repeat(2_000)}deep`);
    expect(result).toMatchObject({
      issues: [
        {
          field: 'body',
          line: 4,
          message: `opens 2000 block quotes or lists inside each other on one line; at most ${MAX_MARKDOWN_NESTING} are allowed.`,
        },
      ],
      calls: 0,
    });
  });

  it('refuses lists nested 100 deep on one line', async () => {
    const result = await attempt(`${'- '.repeat(100)}item`);
    expect(result).not.toBeInstanceOf(Error);
    const { issues, calls } = result as { issues: ContentIssue[]; calls: number };
    expect(calls).toBe(0);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'body', line: 4 });
    expect(issues[0]?.message).toMatch(/^opens \d+ block quotes or lists inside each other on one line; at most 32 are allowed\.$/);
  });

  it(`renders ${MAX_MARKDOWN_NESTING} block quotes on one line`, async () => {
    const result = await attempt(`${'>'.repeat(MAX_MARKDOWN_NESTING)} deep`);
    expect(result).toMatchObject({ issues: [], calls: 1 });
    expect((result as { rendered: { html: string } }).rendered.html.match(/<blockquote>/g)).toHaveLength(MAX_MARKDOWN_NESTING);
  });

  /** 2,000 nested divs in a person and in an article (whose visible text is read too). */
  async function deepDivs(): Promise<void> {
    for (const collection of ['people', 'articles'] as const) {
      const result = await attempt(`Intro.\n\n${'<div>'.repeat(2_000)}x${'</div>'.repeat(2_000)}`, collection);
      expect(result, collection).not.toBeInstanceOf(Error);
      const { issues } = result as { issues: ContentIssue[] };
      expect(issues, collection).toHaveLength(1);
      expect(issues[0], collection).toMatchObject({
        file: `content/${collection}/entry.md`,
        field: 'body',
        line: collection === 'people' ? 4 : 6,
      });
      // Rendered but too deep, or too deep to render: either way the file is refused.
      expect(issues[0]?.message, collection).toMatch(
        /^(renders to HTML nested 2000 elements deep; at most 64 are allowed|is nested too deeply to be rendered)\.$/,
      );
    }
  }

  it('refuses 2,000 nested <div> in raw HTML with an issue, never an exception', async () => {
    // Astro's processor prints the error it rethrows when the tree is too deep for it.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await deepDivs();
    } finally {
      printed.mockRestore();
    }
  });

  it('refuses lists nested 100 deep over 100 lines by the depth of their HTML', async () => {
    const body = Array.from({ length: 100 }, (_, depth) => `${'  '.repeat(depth)}- item ${depth}`).join('\n');
    expect(deepestMarkdownLine(body)).toBeUndefined();
    const result = await attempt(body);
    expect(result).toMatchObject({
      issues: [{ field: 'body', line: 4, message: `renders to HTML nested 200 elements deep; at most ${MAX_HTML_NESTING} are allowed.` }],
      calls: 1,
    });
  });

  it('counts the containers a line opens, and the depth of serialised HTML', () => {
    expect(deepestMarkdownLine('plain\n> one\n> > two')).toBeUndefined();
    expect(deepestMarkdownLine(`ok\n${'> '.repeat(33)}x\n${'>'.repeat(40)}`)).toEqual({ line: 2, depth: 33 });
    expect(htmlNesting('')).toBe(0);
    expect(htmlNesting('<p>a<br>b<img src="x.png" alt="y"></p><p>c</p>')).toBe(1);
    expect(htmlNesting('<ul><li><p><em>a</em></p></li></ul><hr>')).toBe(4);
    expect(htmlNesting('<div><svg><path d="M0"/></svg></div>')).toBe(2);
  });
});

describe('renderEntry: renderer failures and article text', () => {
  it('turns a renderer’s error into an issue at the start of the body', async () => {
    const failing: RenderMarkdown = async () => {
      throw new Error('Unexpected character at 3:4\n    at parse (micromark.js:1:1)');
    };
    expect(await renderEntry(entry('quotes', 'Body.'), 'quotes', failing)).toEqual({
      issues: [
        {
          file: 'content/quotes/entry.md',
          field: 'body',
          line: 6,
          message: 'cannot be rendered: Unexpected character at 3:4.',
          fix: 'correct the Markdown at the place the message names.',
        },
      ],
    });
  });

  it('tells a stack overflow of the renderer as nesting, and survives a thrown non-error', async () => {
    const overflow: RenderMarkdown = async () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const [tooDeep] = (await renderEntry(entry('people', 'Body.'), 'people', overflow)).issues;
    expect(tooDeep).toMatchObject({
      field: 'body',
      line: 4,
      message: 'is nested too deeply to be rendered.',
      fix: `keep elements and Markdown blocks less than ${MAX_HTML_NESTING} levels deep.`,
    });
    const odd: RenderMarkdown = () => Promise.reject('just a string');
    const [strange] = (await renderEntry(entry('people', 'Body.'), 'people', odd)).issues;
    expect(strange?.message).toBe('cannot be rendered: just a string.');
  });

  it('gives an article its visible text and how many words it holds; other entries get neither', async () => {
    const body = '## Heading\n\nA *first* paragraph.\n\n<template>hidden words</template>\n\n```\ncode\n```\n\n- an item';
    const article = await renderEntry(entry('articles', body), 'articles', render);
    expect(article.issues).toEqual([]);
    const paragraphs = article.rendered?.metadata.paragraphs;
    expect(paragraphs).toEqual(['Heading', 'A first paragraph.', 'an item']);
    expect(paragraphs).toEqual(visibleParagraphs(article.rendered?.html ?? ''));
    expect(article.rendered?.metadata.words).toBe(6);
    expect(article.rendered?.metadata.imagePaths).toEqual([]);
    for (const collection of ['people', 'quotes'] as const) {
      const other = await renderEntry(entry(collection, body), collection, render);
      expect(other.rendered?.metadata, collection).not.toHaveProperty('paragraphs');
      expect(other.rendered?.metadata, collection).not.toHaveProperty('words');
    }
  });
});

describe('verifyQuotes', () => {
  const ARTICLE_BODY = [
    'The river rose in the night. Nobody had warned them, the mayor said.',
    '',
    'By morning the *square* was a lake.',
    '',
    '<template>Words kept in a template are never shown.</template>',
    '',
    '![Words of an image description](flood.png)',
  ].join('\n');

  const quote = (id: string, text: string, articleId: string | undefined, date: string, extra: readonly string[] = []) =>
    source('quotes', id, '', [
      `text: ${text}`,
      'speaker: someone',
      ...(articleId ? [`source: ${articleId}`] : []),
      `date: ${date}`,
      ...extra,
    ]);

  const FILES: SourceFile[] = [
    source('people', 'someone', ''),
    source('articles', 'river', ARTICLE_BODY),
    source('articles', 'unrendered', 'The river rose in the night.'),
    source('articles', 'invalid-article', 'The river rose in the night.', ['title: No authors', 'published: 2021-08-23T12:56:00Z']),
    quote('found', 'By morning the square was a lake.', 'river', '2021-09-01'),
    quote('misquoted', 'By morning the square was a sea.', 'river', '2021-09-02'),
    quote('in-template', 'Words kept in a template are never shown.', 'river', '2021-09-03'),
    quote('in-alt', 'Words of an image description', 'river', '2021-09-04'),
    quote('no-source', 'The river rose in the night.', undefined, '2021-09-05'),
    quote('missing-source', 'The river rose in the night.', 'nowhere', '2021-09-06'),
    quote('invalid-quote', 'The river rose in the night.', 'river', '2021-09-07', ['lang: not a language tag']),
    quote('from-invalid-article', 'The river rose in the night.', 'invalid-article', '2021-09-08'),
    quote('from-unrendered', 'The river rose in the night.', 'unrendered', '2021-09-09'),
  ];

  let content: ValidatedContent;
  const paragraphs = new Map<string, readonly string[]>();
  const paragraphsOf = (id: string) => paragraphs.get(id);

  beforeAll(async () => {
    content = validateContent(FILES, { siteTimeZone: 'UTC', allowSeveralQuotesPerDay: false }).content;
    expect(content.articles.map((article) => article.id)).toEqual(['river', 'unrendered']);
    expect(content.quotes.map((entry) => entry.id)).not.toContain('invalid-quote');
    // Only `river` is rendered: `unrendered` stands for an article whose rendering failed.
    const river = content.articles.find((article) => article.id === 'river');
    const result = river ? await renderEntry(river, 'articles', render) : undefined;
    const text = result?.rendered?.metadata.paragraphs;
    if (!text) throw new Error('the article fixture did not render');
    paragraphs.set('river', text);
  });

  /** A verifier that records the quotes it is asked about and always matches. */
  function recording(): { verifier: CachedVerifier; asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      verifier: {
        verify: (_articleText, quoteText, run) => {
          asked.push(quoteText);
          return run();
        },
        passed: new Set(),
        matched: () => asked.length,
        remembered: () => 0,
      },
    };
  }

  it('checks only valid quotes whose source is a valid, rendered article', () => {
    const { verifier, asked } = recording();
    verifyQuotes(content, paragraphsOf, verifier);
    expect(asked).toEqual([
      'By morning the square was a lake.',
      'Words of an image description',
      'Words kept in a template are never shown.',
      'By morning the square was a sea.',
    ]);
  });

  it('reports each failure at the quote’s `text` line, saying where quote and article part', () => {
    const issues = verifyQuotes(content, paragraphsOf);
    expect(issues.map((found) => found.file)).toEqual([
      'content/quotes/in-alt.md',
      'content/quotes/in-template.md',
      'content/quotes/misquoted.md',
    ]);
    expect(issues[2]).toEqual({
      file: 'content/quotes/misquoted.md',
      field: 'text',
      line: 2,
      message:
        'is not found in the article content/articles/river.md. The first words match (“By morning the square was a”), then the quote says “sea.” where the article says “lake.”.',
      fix: 'copy the words exactly from the article as it reads on its page (mark left-out words with . . .), or correct `source:`.',
    });
  });

  it('does not find words the reader never sees: a template, an image description', () => {
    const issues = verifyQuotes(content, paragraphsOf);
    for (const id of ['in-template', 'in-alt']) {
      const [only, ...rest] = issues.filter((found) => found.file === `content/quotes/${id}.md`);
      expect(rest, id).toEqual([]);
      expect(only, id).toMatchObject({ field: 'text', line: 2 });
      expect(only?.message, id).toMatch(/^is not found in the article content\/articles\/river\.md\. Not even its first words/);
    }
  });

  it('gives the same issues through the cache, and skips matching for a remembered pass only', () => {
    const plain = verifyQuotes(content, paragraphsOf);
    const first = createCachedVerifier(new Set(), 'identity');
    expect(verifyQuotes(content, paragraphsOf, first)).toEqual(plain);
    expect([first.matched(), first.remembered(), first.passed.size]).toEqual([4, 0, 1]);

    const second = createCachedVerifier(first.passed, 'identity');
    const matchedQuotes: string[] = [];
    const counting: CachedVerifier = {
      ...second,
      verify: (articleText, quoteText, run) =>
        second.verify(articleText, quoteText, () => {
          matchedQuotes.push(quoteText);
          return run();
        }),
    };
    expect(verifyQuotes(content, paragraphsOf, counting)).toEqual(plain);
    expect(matchedQuotes).toEqual([
      'Words of an image description',
      'Words kept in a template are never shown.',
      'By morning the square was a sea.',
    ]);
    expect([second.matched(), second.remembered()]).toEqual([3, 1]);
  });

  it('matches again when the article’s visible text changed', () => {
    const first = createCachedVerifier(new Set(), 'identity');
    verifyQuotes(content, paragraphsOf, first);
    const changed = createCachedVerifier(first.passed, 'identity');
    const edited = (id: string) => (id === 'river' ? [...(paragraphs.get('river') ?? []), 'An update.'] : undefined);
    expect(verifyQuotes(content, edited, changed)).toHaveLength(3);
    expect([changed.matched(), changed.remembered()]).toEqual([4, 0]);
  });
});

describe('readAndValidate', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  function project(files: Record<string, string>): string {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'qtd-pass-')));
    made.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('reads, lists and validates once, with the listing’s issues first', async () => {
    const root = project({
      'content/people/someone.md': source('people', 'someone', 'A person.').text,
      'content/people/other.MD': source('people', 'other', '').text,
      'content/quotes/q.md': source('quotes', 'q', '', ['text: Words', 'speaker: nobody', 'date: 2021-08-23']).text,
      'content/tags.yaml': '- id: x\n  name: X\n',
    });
    const { issues, content } = await readAndValidate(root, 'content', { siteTimeZone: 'UTC', allowSeveralQuotesPerDay: false });
    expect(issues.map(({ file, field }) => [file, field])).toEqual([
      ['content/people/other.MD', undefined],
      ['content/quotes/q.md', 'speaker'],
    ]);
    expect(content.people.map((person) => person.id)).toEqual(['someone']);
    expect(content.quotes.map((entry) => entry.id)).toEqual(['q']);
    expect(content.tags.map((tag) => tag.id)).toEqual(['x']);
  });

  it('reports a missing content folder instead of building an empty site', async () => {
    const root = project({});
    const { issues, content } = await readAndValidate(root, 'no-such-folder', { siteTimeZone: 'UTC', allowSeveralQuotesPerDay: false });
    expect(issues).toEqual([
      {
        file: 'no-such-folder',
        message: `the content folder does not exist (looked for ${join(root, 'no-such-folder')}).`,
        fix: 'set CONTENT_DIR to the folder that holds people/, articles/ and quotes/ (relative to the project or absolute), or unset it to use content/.',
      },
    ]);
    expect(content).toEqual({ people: [], articles: [], quotes: [], tags: [] });
  });
});
