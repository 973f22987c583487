/**
 * Remembers, across builds, which quotes were found in their articles, so a
 * build verifies only what changed: a quote passes without matching when the
 * very same quote text was found in the very same article text by the very
 * same matching code before. Failures are never remembered: a misquote is
 * reported by every build until it is fixed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArticleData, QuoteData } from './schema.ts';
import type { QuoteVerifier, ValidatedEntry } from './validate.ts';

/** The code whose change must verify every quote again. */
const MATCHER_SOURCES = ['../quote-match.ts', './article-text.ts', './verify-quotes.ts', './verification-cache.ts'];

export function matcherIdentity(): string {
  const hash = createHash('sha256');
  for (const source of MATCHER_SOURCES) hash.update(readFileSync(new URL(source, import.meta.url)));
  return hash.digest('hex');
}

export interface CachedVerifier {
  verify: QuoteVerifier;
  /** Keys of the quotes that passed in this run, whether matched now or remembered. */
  passed: ReadonlySet<string>;
  /** Quotes actually matched in this run. */
  matched(): number;
  /** Quotes that passed because an earlier run had found them. */
  remembered(): number;
}

export function createCachedVerifier(verify: QuoteVerifier, known: ReadonlySet<string>, identity: string): CachedVerifier {
  const bodyHashes = new WeakMap<object, string>();
  const passed = new Set<string>();
  let matched = 0;
  let remembered = 0;
  const keyOf = (quote: ValidatedEntry<QuoteData>, article: ValidatedEntry<ArticleData>): string => {
    let body = bodyHashes.get(article);
    if (body === undefined) {
      body = createHash('sha256').update(article.body).digest('hex');
      bodyHashes.set(article, body);
    }
    return createHash('sha256').update(JSON.stringify([identity, body, quote.data.text])).digest('hex');
  };
  return {
    verify(quote, article) {
      const key = keyOf(quote, article);
      if (known.has(key)) {
        passed.add(key);
        remembered += 1;
        return undefined;
      }
      matched += 1;
      const failure = verify(quote, article);
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
