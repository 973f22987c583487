/**
 * The content collections: `content/people`, `content/articles`, `content/quotes`, and
 * the tag registry `content/tags.yaml`. One loader of ours reads, checks and renders them (src/content/loader.ts):
 * the files it lists are the files published, the front matter it parses is the data
 * the pages show, and the quotes are verified against the HTML the article pages
 * show. The schemas are the content contract (src/content/schema.ts, docs in
 * docs/content.md).
 */
import { defineCollection, reference } from 'astro:content';
import { articleSchema, personSchema, quoteSchema, tagSchema, type RefFactory } from './content/schema.ts';
import { contentLoader, tagsLoader, type ContentSettings } from './content/loader.ts';
import { siteConfig } from './site.config.ts';

const ref = reference as unknown as RefFactory;

const settings: ContentSettings = {
  contentDir: siteConfig.contentDir,
  siteTimeZone: siteConfig.timeZone,
  allowSeveralQuotesPerDay: siteConfig.allowSeveralQuotesPerDay,
};

export const collections = {
  people: defineCollection({ loader: contentLoader('people', settings), schema: personSchema() }),
  articles: defineCollection({ loader: contentLoader('articles', settings), schema: articleSchema(ref) }),
  quotes: defineCollection({ loader: contentLoader('quotes', settings), schema: quoteSchema(ref) }),
  tags: defineCollection({ loader: tagsLoader(settings), schema: tagSchema }),
};
