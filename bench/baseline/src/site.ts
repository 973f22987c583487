/**
 * Reads the collections once per build and indexes them for the pages: plain maps
 * and sorted lists, nothing checked. Dates arrive as js-yaml made them.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export const QUOTES_PER_PAGE = 20;

export interface Quote {
  id: string;
  text: string;
  day: string;
  speakerId: string;
  sourceId: string | undefined;
  curatorId: string | undefined;
  lang: string | undefined;
  tags: string[];
  entry: CollectionEntry<'quotes'>;
}

export interface Article {
  id: string;
  title: string;
  dek: string | undefined;
  published: Date;
  authorIds: string[];
  publication: string | undefined;
  tags: string[];
  entry: CollectionEntry<'articles'>;
}

export interface Person {
  id: string;
  name: string;
  sortName: string;
  description: string | undefined;
  entry: CollectionEntry<'people'>;
}

export interface Tag {
  id: string;
  name: string;
  description?: string;
}

export interface Site {
  quotes: Quote[];
  articles: Article[];
  people: Person[];
  tags: Tag[];
  person: Map<string, Person>;
  article: Map<string, Article>;
}

export function dayOf(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}

function today(): string {
  return process.env.BUILD_DATE ?? new Date().toISOString().slice(0, 10);
}

function readTags(): Tag[] {
  const path = resolve(process.cwd(), process.env.CONTENT_DIR ?? 'content', 'tags.yaml');
  return existsSync(path) ? ((parse(readFileSync(path, 'utf8')) ?? []) as Tag[]) : [];
}

let loaded: Promise<Site> | undefined;

async function load(): Promise<Site> {
  const now = today();
  const quotes = (await getCollection('quotes'))
    .map((entry): Quote => ({
      id: entry.id,
      text: entry.data.text,
      day: dayOf(entry.data.date),
      speakerId: entry.data.speaker.id,
      sourceId: entry.data.source?.id,
      curatorId: entry.data.curator?.id,
      lang: entry.data.lang,
      tags: entry.data.tags,
      entry,
    }))
    .filter((quote) => quote.day <= now && !quote.entry.data.withdrawn)
    .sort((a, b) => (a.day < b.day ? 1 : -1));
  const articles = (await getCollection('articles'))
    .map((entry): Article => ({
      id: entry.id,
      title: entry.data.title,
      dek: entry.data.dek,
      published: entry.data.published,
      authorIds: entry.data.authors.map((author) => author.id),
      publication: entry.data.publication,
      tags: entry.data.tags,
      entry,
    }))
    .sort((a, b) => b.published.getTime() - a.published.getTime());
  const people = (await getCollection('people'))
    .map((entry): Person => ({
      id: entry.id,
      name: entry.data.name,
      sortName: entry.data.sortName ?? entry.data.name,
      description: entry.data.description,
      entry,
    }))
    .sort((a, b) => a.sortName.localeCompare(b.sortName));
  return {
    quotes,
    articles,
    people,
    tags: readTags(),
    person: new Map(people.map((p) => [p.id, p])),
    article: new Map(articles.map((a) => [a.id, a])),
  };
}

export function getSite(): Promise<Site> {
  loaded ??= load();
  return loaded;
}

export function monthKey(day: string): { year: string; month: string } {
  return { year: day.slice(0, 4), month: day.slice(5, 7) };
}
