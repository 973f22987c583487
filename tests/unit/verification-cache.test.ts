import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCachedVerifier,
  createVerifierKeys,
  loadVerified,
  matcherIdentity,
  saveVerified,
} from '../../src/content/verification-cache.ts';
import { verifyQuoteText, type VerificationFailure } from '../../src/content/verify-quotes.ts';
import { prepareArticle } from '../../src/domain/quote-match.ts';

const PATH = 'content/articles/a.md';
// An article's visible text, one string a block, as `visibleParagraphs` gives it.
const TEXT: readonly string[] = Object.freeze([
  'The river rose in the night. Nobody had warned them, the mayor said.',
  'By morning the square was a lake.',
]);

/** The real verification of a quote against an article text, counting how often it runs. */
function counting(): {
  run: (articleText: readonly string[], quoteText: string) => () => VerificationFailure | undefined;
  calls: () => number;
} {
  let calls = 0;
  return {
    run: (articleText, quoteText) => () => {
      calls += 1;
      return verifyQuoteText(quoteText, prepareArticle(articleText), PATH);
    },
    calls: () => calls,
  };
}

describe('remembered quote verification', () => {
  it('matches every quote once, then lets an unchanged quote pass without matching', () => {
    const first = counting();
    const run1 = createCachedVerifier(new Set(), 'v1');
    expect(run1.verify(TEXT, 'The river rose in the night.', first.run(TEXT, 'The river rose in the night.'))).toBeUndefined();
    expect(run1.verify(TEXT, 'By morning the square was a lake.', first.run(TEXT, 'By morning the square was a lake.'))).toBeUndefined();
    expect([first.calls(), run1.matched(), run1.remembered(), run1.passed.size]).toEqual([2, 2, 0, 2]);

    const second = counting();
    const run2 = createCachedVerifier(run1.passed, 'v1');
    // The same text in another array: the key is the text, not the array.
    const sameText = [...TEXT];
    expect(run2.verify(sameText, 'The river rose in the night.', second.run(sameText, 'The river rose in the night.'))).toBeUndefined();
    expect([second.calls(), run2.matched(), run2.remembered()]).toEqual([0, 0, 1]);
    expect(run2.passed.size).toBe(1);
  });

  it('matches again when the quote, the article text or the matching code changed', () => {
    const run1 = createCachedVerifier(new Set(), 'v1');
    run1.verify(TEXT, 'The river rose in the night.', counting().run(TEXT, 'The river rose in the night.'));
    expect(run1.passed.size).toBe(1);
    const cases: [string, readonly string[], string][] = [
      ['The river rose at night.', TEXT, 'v1'],
      ['The river rose in the night.', [...TEXT, 'An update.'], 'v1'],
      ['The river rose in the night.', [TEXT.join(' ')], 'v1'],
      ['The river rose in the night.', TEXT, 'v2'],
    ];
    for (const [quote, text, identity] of cases) {
      const again = counting();
      const verifier = createCachedVerifier(run1.passed, identity);
      verifier.verify(text, quote, again.run(text, quote));
      expect([again.calls(), verifier.remembered()], `${quote} / ${text.length} blocks / ${identity}`).toEqual([1, 0]);
    }
  });

  it('never remembers a misquote: it fails in every build until fixed', () => {
    const misquote = 'Nobody had warned us, the mayor said.';
    const run1 = createCachedVerifier(new Set(), 'v1');
    const failure = run1.verify(TEXT, misquote, counting().run(TEXT, misquote));
    expect(failure?.message).toMatch(/^is not found in the article content\/articles\/a\.md\. The first words match/);
    expect(run1.passed.size).toBe(0);
    const again = counting();
    const run2 = createCachedVerifier(run1.passed, 'v1');
    expect(run2.verify(TEXT, misquote, again.run(TEXT, misquote))).toEqual(failure);
    expect([again.calls(), run2.matched(), run2.remembered()]).toEqual([1, 1, 0]);
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
    writeFileSync(file, JSON.stringify(['a', 3, null, 'b']));
    expect(loadVerified(file)).toEqual(new Set(['a', 'b']));
  });

  it('carries a pass over a restart: what one build saved, the next one remembers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qtd-verified-'));
    const file = join(dir, 'verified.json');
    const run1 = createCachedVerifier(loadVerified(file), matcherIdentity());
    run1.verify(TEXT, 'By morning the square was a lake.', counting().run(TEXT, 'By morning the square was a lake.'));
    saveVerified(file, run1.passed);
    const again = counting();
    const run2 = createCachedVerifier(loadVerified(file), matcherIdentity());
    expect(run2.verify(TEXT, 'By morning the square was a lake.', again.run(TEXT, 'By morning the square was a lake.'))).toBeUndefined();
    expect([again.calls(), run2.remembered()]).toEqual([0, 1]);
  });

  it('in the preview, keys kept from pass to pass give every verifier the keys a fresh one computes, and follow the matching code', () => {
    const keys = createVerifierKeys();
    const quotes = ['The river rose in the night.', 'By morning the square was a lake.'];
    // Each pass: a verifier that knows the first quote, given the same keys.
    const known = createCachedVerifier(new Set(), 'v1');
    known.verify(TEXT, quotes[0]!, counting().run(TEXT, quotes[0]!));
    for (let pass = 0; pass < 3; pass++) {
      const kept = counting();
      const verifier = createCachedVerifier(known.passed, 'v1', keys);
      for (const quote of quotes) expect(verifier.verify(TEXT, quote, kept.run(TEXT, quote))).toBeUndefined();
      const fresh = createCachedVerifier(known.passed, 'v1');
      for (const quote of quotes) fresh.verify(TEXT, quote, counting().run(TEXT, quote));
      expect([...verifier.passed].sort()).toEqual([...fresh.passed].sort());
      expect([kept.calls(), verifier.remembered()]).toEqual([1, 1]);
    }
    // Other matching code: other keys, so nothing passes as remembered.
    const changed = counting();
    const verifier = createCachedVerifier(known.passed, 'v2', keys);
    verifier.verify(TEXT, quotes[0]!, changed.run(TEXT, quotes[0]!));
    expect([changed.calls(), verifier.remembered()]).toEqual([1, 0]);
    expect(keys.identity).toBe('v2');
  });

  it('names the matching code by its source, stably', () => {
    expect(matcherIdentity()).toMatch(/^[0-9a-f]{64}$/);
    expect(matcherIdentity()).toBe(matcherIdentity());
  });
});
