/**
 * The cache key of a page that Astro may skip in an incremental build: a digest of the
 * page's view model (src/views/view-models.ts, src/views/feeds.ts, src/views/citations.ts),
 * the one object its templates render, and of the site settings they read. Astro adds the
 * page's code (its templates, the builders and the helpers they call); the lockfile and
 * Astro's config are its own. Nothing here lists what a page shows: a page that shows one
 * more field takes it from its view model, and its key changes with it.
 *
 * Pages without a key (home, the indexes, the main feeds) are rendered at every build.
 *
 * A key is made of pieces (the settings, a view model) that a build creates once and
 * never changes: each object is digested once, then remembered by identity, so ten
 * thousand keys cost a few hundred milliseconds.
 */
import { createHash } from 'node:crypto';
import { siteConfig } from '../site.config.ts';

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

/**
 * The site's settings as pages show them (titles, base path, language, time zone, list
 * lengths): the components and helpers read them from the config, not from the view
 * model. The build date and the content folder are left out: what the date changes (a
 * quote's status, which quotes are listed, an empty feed's date) is in the view models,
 * and the same content read from another folder is the same site.
 */
const { buildDate: _buildDate, contentDir: _contentDir, ...shownSettings } = siteConfig;

type Scalar = string | number | boolean | null | undefined;

/**
 * `T` when it is plain data that JSON keeps whole: strings, numbers, booleans, arrays
 * and plain objects. A function, Map, Set, Date, RegExp or Promise anywhere inside makes
 * the property `never`, so that passing such a value to viewKey does not compile: its
 * digest would not see what it holds.
 */
export type PlainData<T> = T extends Scalar
  ? T
  : T extends (...args: never[]) => unknown
    ? never
    : T extends ReadonlyMap<unknown, unknown> | ReadonlySet<unknown> | Date | RegExp | Promise<unknown>
      ? never
      : T extends readonly (infer Item)[]
        ? readonly PlainData<Item>[]
        : T extends object
          ? { readonly [K in keyof T]: PlainData<T[K]> }
          : never;

/**
 * The key of a page whose view model is `view`: equal for equal view models (as JSON)
 * and settings, different when any value in them differs. The view model must not be
 * changed once keyed (the digest of an object is remembered: `digestOf`).
 */
export function viewKey<T>(view: T & PlainData<T>): string {
  return pageKey([shownSettings, view]);
}
