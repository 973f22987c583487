/**
 * Reads a Markdown file's YAML front matter the strict way: YAML 1.2 core schema,
 * so `date: 2021-02-30` stays the text the curator wrote (js-yaml, which Astro
 * uses, would silently turn it into March 2) and can be checked as written.
 */
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of each top-level front-matter key. */
  keyLines: Map<string, number>;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

export type FrontmatterResult = { ok: true; file: ParsedFile } | { ok: false; line?: number; message: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

export function parseFrontmatter(source: string): FrontmatterResult {
  const opening = OPENING.exec(source);
  if (!opening) {
    return { ok: false, line: 1, message: 'the file does not start with a front-matter block (a line `---`, the fields, a line `---`)' };
  }
  const rest = source.slice(opening[0].length);
  const closing = /^---[ \t]*$/m.exec(rest);
  if (!closing) return { ok: false, line: 1, message: 'the front matter has no closing `---` line' };
  const yamlText = rest.slice(0, closing.index);
  const afterClosing = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const firstError = document.errors[0];
  if (firstError) {
    const position = lineCounter.linePos(firstError.pos[0]);
    return {
      ok: false,
      line: position.line + 1,
      message: `the front matter is not valid YAML: ${firstError.message.split('\n')[0]}`,
    };
  }
  const keyLines = new Map<string, number>();
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        keyLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line + 1);
      }
    }
  }
  const data = document.toJS() as unknown;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, line: 2, message: 'the front matter must be a list of `field: value` lines' };
  }
  const bodyLine = source.slice(0, source.length - afterClosing.length).split('\n').length;
  return { ok: true, file: { data: (data ?? {}) as Record<string, unknown>, body: afterClosing, keyLines, bodyLine } };
}

/** The top-level field whose block holds a given line of the file. */
export function fieldAtLine(keyLines: ReadonlyMap<string, number>, line: number, bodyLine: number): string | undefined {
  if (line >= bodyLine) return 'body';
  let best: string | undefined;
  let bestLine = 0;
  for (const [key, keyLine] of keyLines) {
    if (keyLine <= line && keyLine >= bestLine) {
      best = key;
      bestLine = keyLine;
    }
  }
  return best;
}
