import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCachedVerifier, loadVerified, matcherIdentity, saveVerified } from '../../src/lib/content/verification-cache.ts';
import { verifyQuoteAgainstArticle } from '../../src/lib/content/verify-quotes.ts';
import type { ArticleData, QuoteData } from '../../src/lib/content/schema.ts';
import type { QuoteVerifier, ValidatedEntry } from '../../src/lib/content/validate.ts';

function article(body: string): ValidatedEntry<ArticleData> {
  return { id: 'a', path: 'content/articles/a.md', data: {} as ArticleData, body, keyLines: new Map() };
}
function quote(text: string, id = 'q'): ValidatedEntry<QuoteData> {
  return { id, path: `content/quotes/${id}.md`, data: { text } as QuoteData, body: '', keyLines: new Map() };
}

/** The real verifier, counting its calls. */
function counting(): { verify: QuoteVerifier; calls: () => number } {
  let calls = 0;
  return {
    verify: (q, a) => {
      calls += 1;
      return verifyQuoteAgainstArticle(q, a);
    },
    calls: () => calls,
  };
}

const BODY = 'The river rose in the night. Nobody had warned them, the mayor said.\n\nBy morning the square was a lake.';

describe('remembered quote verification', () => {
  it('matches every quote once, then lets an unchanged quote pass without matching', () => {
    const first = counting();
    const run1 = createCachedVerifier(first.verify, new Set(), 'v1');
    const source = article(BODY);
    expect(run1.verify(quote('The river rose in the night.'), source)).toBeUndefined();
    expect(run1.verify(quote('By morning the square was a lake.', 'q2'), source)).toBeUndefined();
    expect([first.calls(), run1.matched(), run1.remembered(), run1.passed.size]).toEqual([2, 2, 0, 2]);

    const second = counting();
    const run2 = createCachedVerifier(second.verify, run1.passed, 'v1');
    expect(run2.verify(quote('The river rose in the night.'), article(BODY))).toBeUndefined();
    expect([second.calls(), run2.remembered()]).toEqual([0, 1]);
  });

  it('matches again when the quote, the article text or the matching code changed', () => {
    const run1 = createCachedVerifier(verifyQuoteAgainstArticle, new Set(), 'v1');
    run1.verify(quote('The river rose in the night.'), article(BODY));
    for (const [q, body, identity] of [
      ['The river rose at night.', BODY, 'v1'],
      ['The river rose in the night.', `${BODY} An update.`, 'v1'],
      ['The river rose in the night.', BODY, 'v2'],
    ] as const) {
      const again = counting();
      createCachedVerifier(again.verify, run1.passed, identity).verify(quote(q), article(body));
      expect(again.calls(), `${q} / ${identity}`).toBe(1);
    }
  });

  it('never remembers a misquote: it fails in every build until fixed', () => {
    const run1 = createCachedVerifier(verifyQuoteAgainstArticle, new Set(), 'v1');
    expect(run1.verify(quote('Nobody had warned us, the mayor said.'), article(BODY))?.message).toMatch(/is not found in the article/);
    expect(run1.passed.size).toBe(0);
    const run2 = createCachedVerifier(verifyQuoteAgainstArticle, run1.passed, 'v1');
    expect(run2.verify(quote('Nobody had warned us, the mayor said.'), article(BODY))).toBeDefined();
  });

  it('keeps only this run’s passes on disk, and reads a missing or broken file as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qtd-verified-'));
    const file = join(dir, 'cache', 'verified.json');
    expect(loadVerified(file).size).toBe(0);
    saveVerified(file, new Set(['b', 'a']));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(['a', 'b']);
    expect(loadVerified(file)).toEqual(new Set(['a', 'b']));
    writeFileSync(file, '{ not json');
    expect(loadVerified(file).size).toBe(0);
  });

  it('names the matching code by its source, stably', () => {
    expect(matcherIdentity()).toMatch(/^[0-9a-f]{64}$/);
    expect(matcherIdentity()).toBe(matcherIdentity());
  });
});
