/**
 * Remembers, across builds, which quotes were found in their articles, so a
 * build verifies only what changed: a quote passes without matching when the
 * very same quote text was found in the very same visible article text by the
 * very same matching code before. Failures are never remembered: a misquote is
 * reported by every build until it is fixed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { VerificationFailure } from './verify-quotes.ts';

/** The code whose change must verify every quote again. */
export const MATCHER_SOURCES = ['../domain/quote-match.ts', './article-text.ts', './verify-quotes.ts', './verification-cache.ts', '../markdown/rehype-mark-quotes.ts'];

export function matcherIdentity(): string {
  const hash = createHash('sha256');
  for (const source of MATCHER_SOURCES) hash.update(readFileSync(new URL(source, import.meta.url)));
  return hash.digest('hex');
}

export interface CachedVerifier {
  /** Runs `verify` unless this quote text was found in this article text before; remembers a pass. */
  verify(articleText: readonly string[], quoteText: string, verify: () => VerificationFailure | undefined): VerificationFailure | undefined;
  /** Keys of the quotes that passed in this run, whether matched now or remembered. */
  passed: ReadonlySet<string>;
  /** Quotes actually matched in this run. */
  matched(): number;
  /** Quotes that passed because an earlier run had found them. */
  remembered(): number;
}

/**
 * The hash of each article text (by identity) and the keys of its quotes (by quote text):
 * the preview keeps them from one pass to the next, so that a pass after an edit hashes
 * only what changed. One set of keys belongs to one matcher identity.
 */
export interface VerifierKeys {
  identity?: string;
  byArticle: WeakMap<readonly string[], { text: string; quotes: Map<string, string> }>;
}

export function createVerifierKeys(): VerifierKeys {
  return { byArticle: new WeakMap() };
}

export function createCachedVerifier(known: ReadonlySet<string>, identity: string, keys: VerifierKeys = createVerifierKeys()): CachedVerifier {
  if (keys.identity !== identity) {
    keys.identity = identity;
    keys.byArticle = new WeakMap();
  }
  const passed = new Set<string>();
  let matched = 0;
  let remembered = 0;
  const keyOf = (articleText: readonly string[], quoteText: string): string => {
    let article = keys.byArticle.get(articleText);
    if (article === undefined) {
      article = { text: createHash('sha256').update(JSON.stringify(articleText)).digest('hex'), quotes: new Map() };
      keys.byArticle.set(articleText, article);
    }
    let key = article.quotes.get(quoteText);
    if (key === undefined) {
      key = createHash('sha256')
        .update(JSON.stringify([identity, article.text, quoteText]))
        .digest('hex');
      article.quotes.set(quoteText, key);
    }
    return key;
  };
  return {
    verify(articleText, quoteText, verify) {
      const key = keyOf(articleText, quoteText);
      if (known.has(key)) {
        passed.add(key);
        remembered += 1;
        return undefined;
      }
      matched += 1;
      const failure = verify();
      if (!failure) passed.add(key);
      return failure;
    },
    passed,
    matched: () => matched,
    remembered: () => remembered,
  };
}

/** The remembered keys; a missing or unreadable file is an empty memory, never an error. */
export function loadVerified(file: string): Set<string> {
  try {
    const keys: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return new Set(Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Keeps only this run's passes (so the file never grows past the archive), written then renamed into place. */
export function saveVerified(file: string, keys: ReadonlySet<string>): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify([...keys].sort()));
  renameSync(temporary, file);
}
