/**
 * The cache key of a page that Astro may skip in an incremental build: a digest of the
 * page's view model (src/data/view-models.ts, src/data/feeds.ts, src/data/citations.ts),
 * the one object its templates render, and of the site settings they read. Astro adds the
 * page's code (its templates, the builders and the helpers they call); the lockfile and
 * Astro's config are its own. Nothing here lists what a page shows: a page that shows one
 * more field takes it from its view model, and its key changes with it.
 *
 * Pages without a key (home, the indexes, the main feeds) are rendered at every build.
 */
import { pageKey } from '../lib/page-keys.ts';
import { siteConfig } from '../site.config.ts';

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
 * changed once keyed (the digest of an object is remembered: src/lib/page-keys.ts).
 */
export function viewKey<T>(view: T & PlainData<T>): string {
  return pageKey([shownSettings, view]);
}
