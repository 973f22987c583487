/**
 * The content collections: `content/people`, `content/articles`, `content/quotes`.
 * The schemas are the contract of DESIGN.md (src/lib/content/schema.ts); the build's
 * content check (src/integrations/content-check.ts) has already enforced every rule,
 * with readable messages, before Astro reads these files.
 */
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { isAbsolute, join } from 'node:path';
import { articleSchema, personSchema, quoteSchema, type RefFactory } from './lib/content/schema.ts';
import { idFromPath } from './lib/content/ids.ts';
import { ENTRY_PATTERN } from './lib/content/read-content.ts';
import { siteConfig } from './site.config.ts';

const ref = reference as unknown as RefFactory;

/**
 * `retainBody`: only articles need their Markdown source after rendering (quotes are
 * matched against it); a quote's or person's source would only weigh on Astro's
 * content store, which every build loads and bundles (5 MB of 38 MB at 10,000 quotes).
 */
function folder(name: string, retainBody: boolean) {
  return glob({
    pattern: ENTRY_PATTERN,
    retainBody,
    base: isAbsolute(siteConfig.contentDir) ? join(siteConfig.contentDir, name) : `./${siteConfig.contentDir}/${name}`,
    generateId: ({ entry }) => idFromPath(entry),
  });
}

export const collections = {
  people: defineCollection({ loader: folder('people', false), schema: personSchema() }),
  articles: defineCollection({ loader: folder('articles', true), schema: articleSchema(ref) }),
  quotes: defineCollection({ loader: folder('quotes', false), schema: quoteSchema(ref) }),
};
