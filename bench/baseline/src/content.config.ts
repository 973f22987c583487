/**
 * The baseline's collections: the same content folder as QTD (`CONTENT_DIR`,
 * relative to the directory the build runs in, the project root), read with the
 * glob loader and loose schemas. Dates are whatever js-yaml gives, coerced.
 */
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export const contentDir = resolve(process.cwd(), process.env.CONTENT_DIR ?? 'content');

function folder(name: string) {
  return glob({
    pattern: '**/*.md',
    base: pathToFileURL(`${contentDir}/${name}/`),
    generateId: ({ entry }) => (entry.split('/').pop() ?? entry).replace(/\.md$/, ''),
  });
}

export const collections = {
  people: defineCollection({
    loader: folder('people'),
    schema: z.object({
      name: z.string(),
      description: z.string().optional(),
      sortName: z.string().optional(),
      url: z.string().optional(),
    }),
  }),
  articles: defineCollection({
    loader: folder('articles'),
    schema: z.object({
      title: z.string(),
      dek: z.string().optional(),
      authors: z.array(reference('people')),
      publication: z.string().optional(),
      section: z.string().optional(),
      published: z.coerce.date(),
      timeZone: z.string().optional(),
      updated: z.coerce.date().optional(),
      sourceUrl: z.string().optional(),
      caption: z.string().optional(),
      authorNote: z.string().optional(),
      rights: z.string().optional(),
      display: z.string().optional(),
      corrections: z.array(z.object({ date: z.coerce.date(), note: z.string() })).optional(),
      tags: z.array(z.string()).default([]),
    }),
  }),
  quotes: defineCollection({
    loader: folder('quotes'),
    schema: z.object({
      text: z.string(),
      speaker: reference('people'),
      source: reference('articles').optional(),
      date: z.coerce.date(),
      curator: reference('people').optional(),
      context: z.string().optional(),
      lang: z.string().optional(),
      tags: z.array(z.string()).default([]),
      withdrawn: z.object({ date: z.coerce.date(), reason: z.string() }).optional(),
    }),
  }),
};
