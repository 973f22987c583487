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

export type FrontmatterResult = { ok: true; file: ParsedFile } | { ok: false; line?: number; message: string; fix?: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

/** Aliases (`*name`) a front matter may expand: a handful is plenty, thousands are an attack on memory. */
export const MAX_YAML_ALIASES = 50;

/**
 * The closing fence: the first line that is `---` (trailing blanks allowed). Lines end
 * at "\n" only, as YAML's do: U+2028 and U+2029, which JavaScript's `^`/`$` would take
 * as line ends, are characters inside a line here.
 */
function closingFence(rest: string): { index: number; length: number } | undefined {
  let start = 0;
  while (start <= rest.length) {
    const end = rest.indexOf('\n', start);
    const line = rest.slice(start, end === -1 ? rest.length : end);
    if (/^---[ \t]*\r?$/.test(line)) return { index: start, length: line.length };
    if (end === -1) return undefined;
    start = end + 1;
  }
  return undefined;
}

/**
 * The one reading of a content file: its front matter as YAML 1.2 (core schema) and
 * its Markdown body, exactly the text after the closing fence's line. The build's
 * loader and every check take what this returns.
 */
export function parseFrontmatter(source: string): FrontmatterResult {
  const opening = OPENING.exec(source);
  if (!opening) {
    return { ok: false, line: 1, message: 'the file does not start with a front-matter block (a line `---`, the fields, a line `---`)' };
  }
  const rest = source.slice(opening[0].length);
  const closing = closingFence(rest);
  if (!closing) return { ok: false, line: 1, message: 'the front matter has no closing `---` line' };
  const yamlText = rest.slice(0, closing.index);
  const afterClosing = rest.slice(closing.index + closing.length).replace(/^\n/, '');
  const lineCounter = new LineCounter();
  let data: unknown;
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(yamlText, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
    const firstError = document.errors[0];
    if (firstError && /call stack/i.test(firstError.message)) {
      return { ok: false, line: 2, message: yamlFailure(new RangeError(firstError.message)), fix: TOO_MUCH_YAML_FIX };
    }
    if (firstError) {
      const position = lineCounter.linePos(firstError.pos[0]);
      return {
        ok: false,
        line: position.line + 1,
        message: `the front matter is not valid YAML: ${firstError.message.split('\n')[0]}`,
      };
    }
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (error) {
    return { ok: false, line: 2, message: yamlFailure(error), fix: TOO_MUCH_YAML_FIX };
  }
  const keyLines = new Map<string, number>();
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        keyLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line + 1);
      }
    }
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, line: 2, message: 'the front matter must be a list of `field: value` lines' };
  }
  const bodyLine = source.slice(0, source.length - afterClosing.length).split('\n').length;
  return { ok: true, file: { data: (data ?? {}) as Record<string, unknown>, body: afterClosing, keyLines, bodyLine } };
}

const TOO_MUCH_YAML_FIX = 'write each value out instead of repeating it with YAML anchors and aliases (`&name`, `*name`), and nest lists and maps only a few levels deep.';

/** A YAML document the parser gave up on, told without a stack trace. */
export function yamlFailure(error: unknown): string {
  if (error instanceof RangeError) return 'the YAML is nested too deeply to be read';
  if (error instanceof Error && /excessive alias count/i.test(error.message)) {
    return `the YAML repeats its aliases (\`*name\`) so often that it would expand past any real entry (at most ${MAX_YAML_ALIASES} expansions)`;
  }
  return `the YAML cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}
