/**
 * Cache keys for Astro's incremental builds (`experimental.incrementalBuild`): a page
 * whose key and code are unchanged since the last build is copied from Astro's cache
 * instead of rendered again. A key is a digest of every piece of data the page shows.
 *
 * The pieces are the archive's own objects (a quote, a person, an article), which a
 * build creates once and never changes: each is digested once, then remembered by
 * identity, so ten thousand keys cost a few hundred milliseconds.
 */
import { createHash } from 'node:crypto';

const digests = new WeakMap<object, string>();

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** A digest of a value as JSON. Objects are digested once: they must not change afterwards. */
export function digestOf(value: unknown): string {
  // `undefined` has no JSON: a missing piece (no curator, no article) has a digest of its own.
  if (value === undefined) return '~';
  if (value === null || typeof value !== 'object') return sha256(JSON.stringify(value));
  let digest = digests.get(value);
  if (digest === undefined) {
    digest = sha256(JSON.stringify(value));
    digests.set(value, digest);
  }
  return digest;
}

/**
 * The key of a page made from these pieces, in this order. A list is one piece per
 * item, so that a shared object (a speaker on many pages) is digested only once.
 */
export function pageKey(pieces: readonly unknown[]): string {
  const parts: string[] = [];
  for (const piece of pieces) {
    if (Array.isArray(piece)) parts.push(`[${piece.map(digestOf).join(',')}]`);
    else parts.push(digestOf(piece));
  }
  return sha256(parts.join(' '));
}
