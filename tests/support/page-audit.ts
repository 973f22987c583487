/**
 * Structural rules every built page must follow, checked on the real HTML.
 *
 * Rules (the `rule` of each issue):
 * - `single-h1`: exactly one <h1>;
 * - `title`: a non-empty <title>;
 * - `meta-description`: one <meta name="description"> with non-empty content;
 * - `canonical`: one <link rel="canonical"> whose href is an absolute http(s) URL;
 * - `html-lang`: <html lang> holds a language tag;
 * - `landmarks`: a banner (<header> outside article/aside/main/nav/section, or
 *   role="banner"), exactly one main (<main> or role="main"), and a contentinfo
 *   (<footer> likewise, or role="contentinfo");
 * - `skip-link`: the first element in the tab order is an <a href="#id"> whose
 *   target exists on the page;
 * - `after-html`: nothing but white space after `</html>`. Parsers move such content
 *   into <body> without a word (so html-validate and the other rules never see it), but
 *   the W3C checker rejects the page, and a script there runs after everything else;
 * - `unique-title` (auditSite): no two pages share a title; each is reported.
 *
 * Exemptions:
 * - 404 pages (`404.html`, `404/index.html`) are served at any missing URL, so
 *   they have no canonical address: a canonical is not required (one that is
 *   present must still be absolute). All other rules apply: it is a real page.
 * - Redirect pages (with <meta http-equiv="refresh">, which Astro generates for
 *   `redirects`) are never shown to a reader nor indexed; they only need a
 *   non-empty title, and a canonical, if present, must be absolute. They are
 *   left out of title uniqueness, since two redirects to one page share a title.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { readFilesAhead } from './link-check.ts';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];

export interface PageAuditIssue {
  page: string;
  rule: string;
  message: string;
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Elements inside which <header>/<footer> stop being the page's banner/contentinfo. */
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);
const SECTIONING_ROLES = new Set(['article', 'complementary', 'main', 'navigation', 'region']);
const DISABLABLE = new Set(['button', 'input', 'select', 'textarea']);

interface Focusable {
  element: Element;
  tabIndex: number;
}

interface PageFacts {
  h1Count: number;
  titles: string[];
  descriptions: string[];
  canonicals: string[];
  lang: string | undefined;
  isRedirect: boolean;
  bannerCount: number;
  mainCount: number;
  contentinfoCount: number;
  focusables: Focusable[];
  ids: Set<string>;
  /** What the source holds after its last `</html>` end tag, white space trimmed. */
  afterHtml: string;
}

function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

function textOf(node: ParentNode): string {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text' && 'value' in child) text += child.value;
    else if ('childNodes' in child) text += textOf(child);
  }
  return text;
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstToken(value: string | undefined): string | undefined {
  return value?.trim().toLowerCase().split(/\s+/)[0];
}

/** Tab index for sequential focus navigation, or undefined when not in the tab order. */
function sequentialTabIndex(el: Element): number | undefined {
  const raw = attr(el, 'tabindex');
  const parsed = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  if (!Number.isNaN(parsed)) return parsed >= 0 ? parsed : undefined;
  const tag = el.tagName;
  if (el.namespaceURI === SVG_NS) return tag === 'a' && attr(el, 'href') !== undefined ? 0 : undefined;
  if (el.namespaceURI !== HTML_NS) return undefined;
  if (DISABLABLE.has(tag) && attr(el, 'disabled') !== undefined) return undefined;
  const editable = attr(el, 'contenteditable');
  if (editable !== undefined && editable.toLowerCase() !== 'false') return 0;
  switch (tag) {
    case 'a':
    case 'area':
      return attr(el, 'href') !== undefined ? 0 : undefined;
    case 'input':
      return attr(el, 'type')?.toLowerCase() === 'hidden' ? undefined : 0;
    case 'button':
    case 'select':
    case 'textarea':
    case 'iframe':
    case 'summary':
      return 0;
    case 'audio':
    case 'video':
      return attr(el, 'controls') !== undefined ? 0 : undefined;
    default:
      return undefined;
  }
}

function gatherFacts(html: string): PageFacts {
  const facts: PageFacts = {
    h1Count: 0,
    titles: [],
    descriptions: [],
    canonicals: [],
    lang: undefined,
    isRedirect: false,
    bannerCount: 0,
    mainCount: 0,
    contentinfoCount: 0,
    focusables: [],
    ids: new Set(),
    afterHtml: afterEndTag(html),
  };

  const visit = (node: ParentNode, inSectioning: boolean, inBody: boolean, hidden: boolean): void => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      const el = child;
      const tag = el.tagName;
      const id = attr(el, 'id');
      if (id !== undefined && id !== '') facts.ids.add(id);
      if (el.namespaceURI === HTML_NS && tag === 'a') {
        const name = attr(el, 'name');
        if (name !== undefined && name !== '') facts.ids.add(name);
      }
      const isHtml = el.namespaceURI === HTML_NS;
      const role = firstToken(attr(el, 'role'));
      const elHidden = hidden || attr(el, 'hidden') !== undefined || attr(el, 'inert') !== undefined;

      if (isHtml) {
        if (tag === 'html') facts.lang = attr(el, 'lang');
        if (tag === 'h1') facts.h1Count++;
        if (tag === 'title') facts.titles.push(collapseSpace(textOf(el)));
        if (tag === 'meta') {
          if (attr(el, 'name')?.toLowerCase() === 'description') facts.descriptions.push(attr(el, 'content') ?? '');
          if (attr(el, 'http-equiv')?.toLowerCase() === 'refresh') facts.isRedirect = true;
        }
        if (tag === 'link') {
          const rels = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
          if (rels.includes('canonical')) facts.canonicals.push(attr(el, 'href') ?? '');
        }
      }
      if (role === 'banner' || (role === undefined && isHtml && tag === 'header' && !inSectioning)) facts.bannerCount++;
      if (role === 'contentinfo' || (role === undefined && isHtml && tag === 'footer' && !inSectioning)) {
        facts.contentinfoCount++;
      }
      if (role === 'main' || (role === undefined && isHtml && tag === 'main')) facts.mainCount++;

      const nowInBody = inBody || (isHtml && tag === 'body');
      if (nowInBody && !elHidden) {
        const tabIndex = sequentialTabIndex(el);
        if (tabIndex !== undefined) facts.focusables.push({ element: el, tabIndex });
      }
      const sectioning = inSectioning || (isHtml && SECTIONING.has(tag)) || (role !== undefined && SECTIONING_ROLES.has(role));
      visit(el, sectioning, nowInBody, elHidden);
    }
  };
  visit(parse(html), false, false, false);
  return facts;
}

/** The source after its last `</html>` (any case, white space before `>`), trimmed; empty without one. */
function afterEndTag(html: string): string {
  let end = -1;
  for (const match of html.matchAll(/<\/html[\t\n\f\r ]*>/gi)) end = match.index + match[0].length;
  return end < 0 ? '' : html.slice(end).trim();
}

export function isNotFoundPage(file: string): boolean {
  return /(^|\/)404(\.html|\/index\.html)$/.test(file);
}

function describeElement(el: Element): string {
  const href = attr(el, 'href');
  const label = collapseSpace(textOf(el)).slice(0, 40);
  return `<${el.tagName}${href === undefined ? '' : ` href="${href}"`}>${label === '' ? '' : ` "${label}"`}`;
}

function firstInTabOrder(focusables: Focusable[]): Focusable | undefined {
  // Positive tabindex values come first, lowest first; then everything else in tree order.
  let best: Focusable | undefined;
  for (const f of focusables) {
    if (f.tabIndex > 0 && (best === undefined || f.tabIndex < best.tabIndex)) best = f;
  }
  return best ?? focusables[0];
}

function hasId(ids: ReadonlySet<string>, fragment: string): boolean {
  if (ids.has(fragment)) return true;
  try {
    return ids.has(decodeURIComponent(fragment));
  } catch {
    return false;
  }
}

function isAbsoluteHttpUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function auditFacts(facts: PageFacts, file: string): PageAuditIssue[] {
  const issues: PageAuditIssue[] = [];
  const report = (rule: string, message: string): void => {
    issues.push({ page: file, rule, message });
  };
  const redirect = facts.isRedirect;

  if (facts.titles.length === 0) report('title', 'no <title>');
  else if (facts.titles[0] === '') report('title', '<title> is empty');
  else if (facts.titles.length > 1) report('title', `${facts.titles.length} <title> elements, expected 1`);

  if (facts.canonicals.length === 0) {
    if (!redirect && !isNotFoundPage(file)) report('canonical', 'no <link rel="canonical">');
  } else if (facts.canonicals.length > 1) {
    report('canonical', `${facts.canonicals.length} canonical links, expected 1`);
  } else if (!isAbsoluteHttpUrl(facts.canonicals[0] ?? '')) {
    report('canonical', `canonical href "${facts.canonicals[0] ?? ''}" is not an absolute http(s) URL`);
  }

  if (facts.afterHtml !== '') report('after-html', `content after </html>: ${facts.afterHtml.slice(0, 80)}`);

  if (redirect) return issues;

  if (facts.h1Count !== 1) report('single-h1', `${facts.h1Count} <h1> elements, expected 1`);

  const description = facts.descriptions[0];
  if (description === undefined) report('meta-description', 'no <meta name="description">');
  else if (description.trim() === '') report('meta-description', '<meta name="description"> has empty content');
  else if (facts.descriptions.length > 1) {
    report('meta-description', `${facts.descriptions.length} <meta name="description"> elements, expected 1`);
  }

  if (facts.lang === undefined || facts.lang.trim() === '') report('html-lang', '<html> has no lang');
  else if (!/^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i.test(facts.lang.trim())) {
    report('html-lang', `<html lang="${facts.lang}"> is not a language tag`);
  }

  if (facts.bannerCount === 0) report('landmarks', 'no page <header> (banner landmark)');
  if (facts.mainCount !== 1) report('landmarks', `${facts.mainCount} <main> landmarks, expected 1`);
  if (facts.contentinfoCount === 0) report('landmarks', 'no page <footer> (contentinfo landmark)');

  const first = firstInTabOrder(facts.focusables);
  const href = first === undefined ? undefined : attr(first.element, 'href');
  if (first === undefined) {
    report('skip-link', 'nothing focusable in <body>; expected a skip link first');
  } else if (first.element.namespaceURI !== HTML_NS || first.element.tagName !== 'a' || !href?.startsWith('#') || href === '#') {
    report('skip-link', `first focusable element is ${describeElement(first.element)}, not a skip link <a href="#…">`);
  } else if (!hasId(facts.ids, href.slice(1))) {
    report('skip-link', `skip link target "${href}" is not an id on the page`);
  }

  return issues;
}

/** Structural issues of one page; `file` is its path relative to dist. */
export function auditPage(html: string, file: string): PageAuditIssue[] {
  return auditFacts(gatherFacts(html), file);
}

/** Collects pages one at a time, so a whole site can be audited without holding all its HTML. */
function createSiteAudit(): { add: (file: string, html: string) => void; finish: () => PageAuditIssue[] } {
  const issues: PageAuditIssue[] = [];
  const pagesByTitle = new Map<string, string[]>();
  return {
    add(file, html) {
      const facts = gatherFacts(html);
      issues.push(...auditFacts(facts, file));
      const title = facts.titles[0];
      if (facts.isRedirect || title === undefined || title === '') return;
      const pages = pagesByTitle.get(title);
      if (pages === undefined) pagesByTitle.set(title, [file]);
      else pages.push(file);
    },
    finish() {
      const duplicates: PageAuditIssue[] = [];
      for (const [title, pages] of pagesByTitle) {
        if (pages.length < 2) continue;
        for (const page of pages) {
          const others = pages.filter((other) => other !== page);
          const shown = others.slice(0, 5).join(', ');
          const more = others.length > 5 ? ` and ${others.length - 5} more` : '';
          duplicates.push({ page, rule: 'unique-title', message: `title "${title}" is also used by ${shown}${more}` });
        }
      }
      duplicates.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
      return [...issues, ...duplicates];
    },
  };
}

/** Every page's issues, then titles shared between pages (each page of a pair is reported). */
export function auditSite(pages: { file: string; html: string }[]): PageAuditIssue[] {
  const audit = createSiteAudit();
  for (const { file, html } of pages) audit.add(file, html);
  return audit.finish();
}

/** auditSite over every .html file under distDir, reading one file at a time. */
export async function auditDist(distDir: string): Promise<{ issues: PageAuditIssue[]; pagesChecked: number }> {
  const entries = await readdir(distDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.html?$/i.test(entry.name))
    .map((entry) => relative(distDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const audit = createSiteAudit();
  for await (const { file, text } of readFilesAhead(distDir, files)) audit.add(file, text);
  return { issues: audit.finish(), pagesChecked: files.length };
}

/** One line per issue: `page [rule] message`. */
export function formatAuditIssues(issues: PageAuditIssue[]): string {
  return issues.map((issue) => `${issue.page} [${issue.rule}] ${issue.message}`).join('\n');
}
