/** Reading built pages with a real HTML parser (cheerio, on parse5). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as cheerio from 'cheerio';

export function loadPage(dist: string, path: string): cheerio.CheerioAPI {
  const file = path.endsWith('.html') ? path : join(path, 'index.html');
  return cheerio.load(readFileSync(join(dist, file), 'utf8'));
}

export function readText(dist: string, file: string): string {
  return readFileSync(join(dist, file), 'utf8');
}

/** Every file of a built site, as paths relative to it with forward slashes. */
export function listFiles(dist: string): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else files.push(relative(dist, path).split('\\').join('/'));
    }
  };
  visit(dist);
  return files.sort();
}

export function htmlPages(dist: string): string[] {
  return listFiles(dist).filter((file) => file.endsWith('.html'));
}

/** Visible words of an element, in order. */
export function words(text: string): string[] {
  return text
    .replace(/\u00a0/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}
