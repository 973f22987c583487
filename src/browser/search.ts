/**
 * The search page's script: loads Pagefind's JS API from `<base>pagefind/` and
 * renders results in our own markup (no inline style, no HTML injected), so it runs
 * under a strict Content-Security-Policy that allows only 'wasm-unsafe-eval'.
 * The page works as a plain GET form too: `/search/?q=…` searches on load.
 */

import { commonWordsMessage, onlyCommonWords, searchTerms } from './search-query.ts';

/** The parts of Pagefind's JS API (`pagefind.js`, 1.x) this page uses. */
interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number; excerptEllipsis?: string; noWorker?: boolean }): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<PagefindResponse | null>;
}

interface PagefindResponse {
  results: PagefindResult[];
}

interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export type ResultKind = 'Quote' | 'Article' | 'Person';

export interface ExcerptPiece {
  text: string;
  marked: boolean;
}

/** The search terms in a page's query string (`?q=…`), trimmed. */
export function queryFromSearch(search: string): string {
  return (new URLSearchParams(search).get('q') ?? '').trim();
}

/** The query string of the search page for a query: `?q=…`, or nothing for no query. */
export function searchQueryString(query: string): string {
  return query === '' ? '' : `?${new URLSearchParams({ q: query }).toString()}`;
}

/** What the live region announces once a search has finished. */
export function resultsMessage(count: number, query: string): string {
  if (count === 0) return `No results for “${query}”.`;
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'result' : 'results'} for “${query}”.`;
}

/** What a result is, from its URL under the base path. */
export function resultKind(url: string, basePath: string): ResultKind | undefined {
  const path = url.startsWith(basePath) ? url.slice(basePath.length) : url.replace(/^\/+/, '');
  const section = path.split('/')[0];
  if (section === 'quotes') return 'Quote';
  if (section === 'articles') return 'Article';
  if (section === 'people') return 'Person';
  return undefined;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * Pagefind's excerpt is escaped text with the matched words in `<mark>`. It is split
 * into plain and marked pieces so the page builds text nodes and never parses HTML.
 */
export function excerptPieces(excerpt: string): ExcerptPiece[] {
  const pieces: ExcerptPiece[] = [];
  let marked = false;
  for (const part of excerpt.split(/(<\/?mark>)/i)) {
    const tag = part.toLowerCase();
    if (tag === '<mark>' || tag === '</mark>') {
      marked = tag === '<mark>';
      continue;
    }
    // Any other tag cannot be Pagefind's own: drop it rather than show it as text.
    const text = decodeEntities(part.replace(/<[^>]*>/g, ''));
    if (text !== '') pieces.push({ text, marked });
  }
  return pieces;
}

interface SearchElements {
  root: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  status: HTMLElement;
  fallback: HTMLElement;
  fallbackReason: HTMLElement;
  results: HTMLElement;
  list: HTMLOListElement;
  more: HTMLButtonElement;
  ask: HTMLElement;
  anyway: HTMLButtonElement;
}

function findElements(): SearchElements | undefined {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const pick = <T extends Element>(selector: string) => root?.querySelector<T>(selector) ?? undefined;
  const elements = {
    root,
    form: pick<HTMLFormElement>('form[role="search"]'),
    input: pick<HTMLInputElement>('input[name="q"]'),
    status: pick<HTMLElement>('[data-search-status]'),
    fallback: pick<HTMLElement>('[data-search-fallback]'),
    fallbackReason: pick<HTMLElement>('[data-search-fallback-reason]'),
    results: pick<HTMLElement>('[data-search-results]'),
    list: pick<HTMLOListElement>('[data-search-list]'),
    more: pick<HTMLButtonElement>('[data-search-more]'),
    ask: pick<HTMLElement>('[data-search-ask]'),
    anyway: pick<HTMLButtonElement>('[data-search-anyway]'),
  };
  return Object.values(elements).every((element) => element) ? (elements as SearchElements) : undefined;
}

function renderResult(data: PagefindResultData, basePath: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const title = document.createElement('h3');
  title.className = 'search-result__title';
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta['title'] ?? data.url;
  title.append(link);
  item.append(title);
  const kind = resultKind(data.url, basePath);
  if (kind) {
    const label = document.createElement('p');
    label.className = 'search-result__kind';
    label.textContent = kind;
    item.append(label);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result__excerpt';
  for (const piece of excerptPieces(data.excerpt)) {
    if (piece.marked) {
      const mark = document.createElement('mark');
      mark.textContent = piece.text;
      excerpt.append(mark);
    } else {
      excerpt.append(piece.text);
    }
  }
  item.append(excerpt);
  return item;
}

/** Wires the search page; does nothing on a page without `[data-search]`. */
export function startSearch(): void {
  const elements = findElements();
  if (!elements) return;
  const { root, form, input, status, fallback, fallbackReason, results, list, more, ask, anyway } = elements;
  const basePath = root.dataset['basePath'] ?? '/';
  const bundleUrl = root.dataset['bundle'] ?? `${basePath}pagefind/pagefind.js`;
  // src/pages/search.astro writes siteConfig.searchResultsPerPage here; markup without it is not this script's.
  const resultsPerPage = Number(root.dataset['resultsPerPage']);
  if (!Number.isInteger(resultsPerPage) || resultsPerPage < 1) return;
  const lang = document.documentElement.lang;

  fallback.hidden = true;

  let api: Promise<PagefindApi> | undefined;
  const loadApi = () => {
    api ??= (async () => {
      const loaded = (await import(/* @vite-ignore */ bundleUrl)) as PagefindApi;
      // In a worker Pagefind also downloads pagefind-worker.js (43 kB), a fifth of what a
      // one-word search downloads (docs/search.md); on the page a search of 10,000 quotes
      // still takes milliseconds, after the typing pauses.
      await loaded.options({ baseUrl: basePath, excerptLength: 24, excerptEllipsis: '…', noWorker: true });
      await loaded.init();
      return loaded;
    })();
    return api;
  };

  // Each search gets a number; a slower, older search never overwrites a newer one.
  let latest = 0;
  let pending: PagefindResult[] = [];
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const clear = () => {
    latest += 1;
    pending = [];
    list.replaceChildren();
    results.hidden = true;
    more.hidden = true;
    ask.hidden = true;
    status.textContent = '';
  };

  const showMore = async (search: number): Promise<HTMLAnchorElement | undefined> => {
    const batch = pending.slice(0, resultsPerPage);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (search !== latest) return undefined;
    pending = pending.slice(batch.length);
    const items = data.map((result) => renderResult(result, basePath));
    list.append(...items);
    more.hidden = pending.length === 0;
    more.textContent = `Show more results (${pending.length} more)`;
    return items[0]?.querySelector('a') ?? undefined;
  };

  // Common words the reader chose to search anyway: Pagefind keeps their part of the
  // index, so they are not asked about again.
  const searchedAnyway = new Set<string>();
  // The query the page asked about, and its words.
  let asked = { query: '', words: [] as string[] };

  const run = async (query: string) => {
    if (query === '') {
      clear();
      return;
    }
    const search = ++latest;
    const terms = searchTerms(query, lang);
    results.setAttribute('aria-busy', 'true');
    try {
      const pagefind = await loadApi();
      if (search !== latest) return;
      const common = onlyCommonWords(query, lang);
      if (common?.some((word) => !searchedAnyway.has(word))) {
        pending = [];
        list.replaceChildren();
        results.hidden = true;
        more.hidden = true;
        status.textContent = commonWordsMessage(common);
        asked = { query, words: common };
        ask.hidden = false;
        return;
      }
      ask.hidden = true;
      const response = await pagefind.search(terms);
      if (search !== latest || !response) return;
      pending = response.results;
      const total = pending.length;
      list.replaceChildren();
      await showMore(search);
      if (search !== latest) return;
      results.hidden = total === 0;
      status.textContent = resultsMessage(total, query);
    } catch (error) {
      if (search !== latest) return;
      console.error('Search could not load', error);
      clear();
      status.textContent = 'Search could not be loaded.';
      fallbackReason.textContent = 'Search could not be loaded in this browser.';
      fallback.hidden = false;
    } finally {
      results.removeAttribute('aria-busy');
    }
  };

  const setUrl = (query: string, push: boolean) => {
    const url = `${location.pathname}${searchQueryString(query)}`;
    if (url === `${location.pathname}${location.search}`) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    const query = input.value.trim();
    setUrl(query, true);
    void run(query);
  });

  // Results follow the typing, once it pauses, so the live region is not flooded.
  input.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      const query = input.value.trim();
      setUrl(query, false);
      void run(query);
    }, 300);
  });

  anyway.addEventListener('click', () => {
    for (const word of asked.words) searchedAnyway.add(word);
    ask.hidden = true;
    input.focus();
    void run(asked.query);
  });

  more.addEventListener('click', () => {
    const search = latest;
    void showMore(search).then((firstNew) => firstNew?.focus());
  });

  window.addEventListener('popstate', () => {
    const query = queryFromSearch(location.search);
    input.value = query;
    void run(query);
  });

  const initial = queryFromSearch(location.search);
  if (initial !== '') {
    input.value = initial;
    void run(initial);
  } else {
    // Fetch the small entry files while the reader types the first words.
    void loadApi().catch(() => undefined);
  }
}
