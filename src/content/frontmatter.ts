/**
 * Reads a Markdown file's YAML front matter the strict way: YAML 1.2 core schema,
 * so `date: 2021-02-30` stays the text the curator wrote (js-yaml, which Astro
 * uses, would silently turn it into March 2) and can be checked as written.
 */
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, visit, type Document } from 'yaml';

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of each top-level front-matter key. */
  keyLines: Map<string, number>;
  /** 1-based line of each item of a top-level list, by its field path: `tags[1]`. */
  itemLines: Map<string, number>;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

export type FrontmatterResult = { ok: true; file: ParsedFile } | { ok: false; line?: number; field?: string; message: string; fix?: string };

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
 * Where a file's front matter is: the YAML text between the fences and the index in
 * `source` where it starts, or undefined without a complete block. Tools that rewrite
 * a field in place (npm run rename-tag) edit exactly these characters.
 */
export function frontmatterSpan(source: string): { start: number; yamlText: string } | undefined {
  const opening = OPENING.exec(source);
  if (!opening) return undefined;
  const rest = source.slice(opening[0].length);
  const closing = closingFence(rest);
  return closing ? { start: opening[0].length, yamlText: rest.slice(0, closing.index) } : undefined;
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
    const problem = explainYaml(yamlText, document, lineCounter, 1);
    if (problem) return { ok: false, ...problem };
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (error) {
    return { ok: false, line: 2, message: yamlFailure(error), fix: TOO_MUCH_YAML_FIX };
  }
  const keyLines = new Map<string, number>();
  const itemLines = new Map<string, number>();
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      keyLines.set(key, lineCounter.linePos(pair.key.range[0]).line + 1);
      if (!isSeq(pair.value)) continue;
      pair.value.items.forEach((item, index) => {
        const range = (item as { range?: [number, number, number] } | null)?.range;
        if (range) itemLines.set(`${key}[${index}]`, lineCounter.linePos(range[0]).line + 1);
      });
    }
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    const glued = /^([A-Za-z][\w-]*):(\S.*)$/.exec(yamlText.split('\n')[0]?.trim() ?? '');
    if (glued) return { ok: false, line: 2, field: glued[1], message: 'YAML cannot read this line: the field name is not followed by a space after its colon', fix: `put a space after the colon: \`${glued[1]}: ${glued[2]}\`.` };
    return { ok: false, line: 2, message: 'the front matter must be a list of `field: value` lines' };
  }
  const bodyLine = source.slice(0, source.length - afterClosing.length).split('\n').length;
  return { ok: true, file: { data: (data ?? {}) as Record<string, unknown>, body: afterClosing, keyLines, itemLines, bodyLine } };
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

/** A YAML mistake told in plain words: the file's line, the field when known, what YAML did, and the line to write instead. */
export interface YamlProblem {
  line: number;
  field?: string;
  message: string;
  fix: string;
}

const RESERVED_START: Record<string, string> = {
  '@': 'YAML reserves @ at the start of a value',
  '`': 'YAML reserves ` at the start of a value',
  '%': 'YAML reads % at the start of a value as a directive',
  '*': 'YAML reads * at the start of a value as a reference to an anchor (`*name`)',
  '&': 'YAML reads & at the start of a value as an anchor name (`&name`) and drops it',
  '!': 'YAML reads ! at the start of a value as a type tag',
  '|': 'YAML reads | at the start of a value as the start of a block of lines',
  '>': 'YAML reads > at the start of a value as the start of a folded block of lines',
  '?': 'YAML reads ? at the start of a value as a complex key',
  '-': 'YAML reads "- " at the start of a value as a list',
  '[': 'YAML reads [ at the start of a value as the start of a list',
  '{': 'YAML reads { at the start of a value as the start of a map',
};

/**
 * A value written so that YAML reads it back as the same text: in double quotes when
 * it holds no `"` and no backslash (the way the docs write texts), else in single
 * quotes, where nothing is an escape and a `'` is written twice.
 */
export function quotedYamlValue(value: string): string {
  if (!value.includes('"') && !value.includes('\\')) return `"${value}"`;
  return `'${value.replaceAll("'", "''")}'`;
}

interface FieldLine {
  key: string;
  /** The value as written on the line, trimmed; empty when it starts on the next line. */
  value: string;
}

/** A line read as `key: value` (inside a list item too: `- id: x`). */
function fieldLine(text: string): FieldLine | undefined {
  const match = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/.exec(text);
  return match ? { key: match[1] ?? '', value: (match[2] ?? '').trim() } : undefined;
}

/** Where a quoted value that starts at index 0 ends (the index of its closing quote), or -1. */
function closingQuote(value: string): number {
  const quote = value[0];
  for (let index = 1; index < value.length; index++) {
    const char = value[index];
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && value[index + 1] === "'") index++;
      else return index;
    }
  }
  return -1;
}

/** The mistake a `key: value` line shows by itself, if any. */
function diagnoseLine(text: string, line: number): YamlProblem | undefined {
  const glued = /^\s*(?:-\s+)?([A-Za-z][\w-]*):([^\s/].*)$/.exec(text);
  if (glued && !text.includes(': ')) {
    return { line, field: glued[1], message: 'YAML cannot read this line: the field name is not followed by a space after its colon', fix: `put a space after the colon: \`${glued[1]}: ${glued[2]}\`.` };
  }
  const field = fieldLine(text);
  if (!field || field.value === '') return undefined;
  const { key, value } = field;
  const rewrite = `\`${key}: ${quotedYamlValue(value)}\``;
  const first = value[0] ?? '';
  if (first === '"' || first === "'") {
    const end = closingQuote(value);
    const after = end === -1 ? '' : value.slice(end + 1).trim();
    if (end === -1) {
      return { line, field: key, message: `the quoted value is not closed: it opens with ${first} and no ${first} ends it on this line`, fix: `end the value with ${first} on the same line; a ${first} inside it is written ${first === '"' ? '\\"' : "''"}.` };
    }
    if (after !== '' && !after.startsWith('#')) {
      return {
        line,
        field: key,
        message: `YAML cannot read this line: the value starts with a quotation mark, so YAML takes ${value.slice(0, end + 1)} for the whole value and does not expect the words after it`,
        fix: `put the whole value in quotes: ${rewrite}.`,
      };
    }
    return undefined;
  }
  if (first === '[' || first === '{') {
    const close = first === '[' ? ']' : '}';
    const end = value.lastIndexOf(close);
    if (end === -1) {
      return { line, field: key, message: `the ${first === '[' ? 'list' : 'map'} opened with ${first} is not closed with ${close} on this line`, fix: `close it on the same line (\`tags: [resistance, afghanistan]\`), or, if the value is text, put it in quotes: ${rewrite}.` };
    }
    if (value.slice(end + 1).trim() !== '' && !value.slice(end + 1).trim().startsWith('#')) {
      return { line, field: key, message: `YAML cannot read this line: ${RESERVED_START[first] ?? ''}, and does not expect the words after ${close}`, fix: `put the value in quotes: ${rewrite}.` };
    }
    return undefined;
  }
  const reserved = first === '-' ? (/^-(\s|$)/.test(value) ? RESERVED_START['-'] : undefined) : RESERVED_START[first];
  if (reserved) return { line, field: key, message: `YAML cannot read this value: ${reserved}`, fix: `put the value in quotes: ${rewrite}.` };
  if (/:\s/.test(value)) {
    return { line, field: key, message: 'YAML cannot read this line: the value holds ": ", which YAML takes for the start of another field', fix: `put this value in quotes, because it contains ": ": ${rewrite}.` };
  }
  return undefined;
}

/**
 * Why YAML text cannot be taken as the curator wrote it, in plain words with the line
 * to write instead: the parser's first error (a value holding ": ", a quoted value with
 * words after it, a tab as indentation, a repeated field, a reserved first character,
 * an unclosed quote or list), or a mistake YAML accepts in silence and that would
 * change the value (` #` making the rest a comment, an anchor or type tag eating the
 * first word, list items without a space after `-`). `lineOffset`: the lines of the
 * file before the YAML text.
 */
export function explainYaml(yamlText: string, document: Document, lineCounter: LineCounter, lineOffset: number): YamlProblem | undefined {
  const lines = yamlText.split('\n');
  const textOf = (line: number) => (lines[line - 1] ?? '').replace(/\r$/, '');
  const error = document.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    const fileLine = line + lineOffset;
    if (error.code === 'DUPLICATE_KEY') {
      const key = fieldLine(textOf(line))?.key;
      const indent = /^\s*/.exec(textOf(line))?.[0].length ?? 0;
      const earlier = key === undefined ? -1 : lines.slice(0, line - 1).findLastIndex((text) => fieldLine(text)?.key === key && (/^\s*/.exec(text)?.[0].length ?? 0) === indent);
      return {
        line: fileLine,
        ...(key ? { field: key } : {}),
        message: `the field is written twice${earlier >= 0 ? ` (lines ${earlier + 1 + lineOffset} and ${fileLine})` : ''}; a field may appear once`,
        fix: 'keep one of the two lines (merge their values if both matter).',
      };
    }
    if (error.code === 'TAB_AS_INDENT' || /^\s*\t/.test(textOf(line))) {
      return { line: fileLine, message: 'the line is indented with a tab; YAML indents with spaces only', fix: 'replace the tab at the start of the line with spaces (two for each level, like the lines around it).' };
    }
    if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) {
      for (let candidate = 1; candidate <= line; candidate++) {
        const diagnosed = diagnoseLine(textOf(candidate), candidate + lineOffset);
        if (diagnosed?.message.startsWith('the quoted value is not closed')) return diagnosed;
      }
    }
    for (const candidate of [line, line - 1, line + 1]) {
      const diagnosed = diagnoseLine(textOf(candidate), candidate + lineOffset);
      if (diagnosed) return diagnosed;
    }
    if (error.code === 'MULTILINE_IMPLICIT_KEY' || (error.code === 'MISSING_CHAR' && /map values/.test(error.message))) {
      const loose = [line - 1, line].find((candidate) => candidate >= 1 && textOf(candidate).trim() !== '' && !fieldLine(textOf(candidate)) && !/^\s/.test(textOf(candidate)));
      if (loose !== undefined) {
        return {
          line: loose + lineOffset,
          message: 'YAML cannot read this line: it is not a `field: value` line, nor indented under one',
          fix: 'if it goes on with the value above, put that whole value in quotes on one line; otherwise write it as `field: value`.',
        };
      }
    }
    return {
      line: fileLine,
      message: `the front matter is not valid YAML: ${error.message.split('\n')[0]}`,
      fix: 'put in quotes any value that holds ": " or " #", or that starts with a quotation mark or one of [ { & * ! | > % @ `; indent with spaces, not tabs.',
    };
  }
  return silentMistake(yamlText, document, lineCounter, lineOffset);
}

/**
 * Fields that hold prose, where "#1" or "#MeToo" after a space is part of the words; in
 * other fields (ids, days, addresses) a `#` after a space starts a comment, as curators
 * write them (`date: 2021-08-23 #todo`).
 */
const PROSE_FIELDS = new Set(['text', 'name', 'title', 'dek', 'description', 'caption', 'authorNote', 'rights', 'context', 'note', 'reason', 'sortName', 'publication', 'section']);

/** The first mistake YAML reads without an error but that changes the value written. */
function silentMistake(yamlText: string, document: Document, lineCounter: LineCounter, lineOffset: number): YamlProblem | undefined {
  const used = new Set<string>();
  visit(document, { Alias: (_, node) => void used.add(node.source) });
  let found: YamlProblem | undefined;
  visit(document, {
    Scalar: (_, node, path) => {
      if (!node.range) return undefined;
      const [start, valueEnd] = node.range;
      const line = lineCounter.linePos(start).line + lineOffset;
      const pair = [...path].reverse().find(isPair);
      const key = pair && isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (pair?.key === node) return undefined;
      const field = key ? { field: key } : {};
      const lineEnd = yamlText.indexOf('\n', valueEnd);
      const rest = yamlText.slice(valueEnd, lineEnd === -1 ? yamlText.length : lineEnd);
      const source = yamlText.slice(start, valueEnd);
      const written = yamlText.slice(yamlText.lastIndexOf('\n', start - 1) + 1, lineEnd === -1 ? yamlText.length : lineEnd);
      const writtenValue = fieldLine(written)?.value ?? source;
      const rewrite = key ? `\`${key}: ${quotedYamlValue(writtenValue)}\`` : quotedYamlValue(writtenValue);
      if (node.tag && /^\s*(?:-\s+)?[\w-]*:?\s*!/.test(written)) {
        found = { line, ...field, message: `${RESERVED_START['!']}, not as text (\`${node.tag}\`)`, fix: `put the value in quotes: ${rewrite}.` };
      } else if (node.anchor && !used.has(node.anchor)) {
        found = { line, ...field, message: `${RESERVED_START['&']}: the value would be "${String(node.value)}", without "&${node.anchor}"`, fix: `put the value in quotes: ${rewrite}.` };
      } else if (node.type === 'PLAIN' && key !== undefined && PROSE_FIELDS.has(key) && /^[ \t]+#\S/.test(rest)) {
        found = { line, ...field, message: `the value is cut short at " #": YAML reads "${rest.trim()}" as a comment, so the value would be "${String(node.value)}"`, fix: `put the value in quotes: ${rewrite}.` };
      } else if (node.type === 'PLAIN' && /^-\S/.test(source) && pair && isScalar(pair.key) && pair.key.range && lineCounter.linePos(pair.key.range[0]).line !== lineCounter.linePos(start).line) {
        found = { line, ...field, message: `the list items need a space after "-": as written, YAML reads one text, "${String(node.value)}"`, fix: 'write each item as `- item`, with a space after the dash.' };
      }
      return found ? visit.BREAK : undefined;
    },
  });
  return found;
}
