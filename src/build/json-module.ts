/**
 * Astro bundles its content store (every entry's data and rendered HTML: 32 MB at
 * 10,000 quotes) as one module, `export default JSON.parse("…")`, with the whole store
 * in a single string literal. V8 compiles a string literal in time that grows faster
 * than its length: that module took 10–12 s to import at 10,000 quotes (7 s inside a
 * build), against 1.7 s for the same text as 64 K-character pieces joined at run time,
 * and 1 s for the text read from a file at run time (Node 24). Rolldown also parses and
 * writes the 33 MB chunk while bundling. The module's value is the same either way.
 *
 * The module's shape is Astro's private choice (docs/internals.md, "The content store read
 * from its file"): a module of any other shape is left as it is, and the content-store
 * plugin reports it (src/build/vite-content-store.ts).
 */

/** Characters per piece: small enough for V8's fast path, few enough pieces (~500 at 10,000 quotes) to join cheaply. */
export const STRING_PIECE_LENGTH = 64 * 1024;

const PREFIX = 'export default JSON.parse(';
const SUFFIX = ')';

/** `text` cut into pieces of at most `pieceLength` characters, never inside a surrogate pair. */
export function stringPieces(text: string, pieceLength = STRING_PIECE_LENGTH): string[] {
  if (pieceLength < 2) throw new RangeError(`pieceLength must be at least 2, got ${pieceLength}`);
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + pieceLength, text.length);
    const last = text.charCodeAt(end - 1);
    // A high surrogate at the cut: keep its pair together by ending one character earlier.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/**
 * The JSON text of a module `export default JSON.parse("<one literal>")`, or
 * `undefined` for a module of any other shape (an Astro that emits something else
 * is left untouched) or a literal no longer than `minLength`.
 */
export function jsonParseModuleText(code: string, minLength = 0): string | undefined {
  const source = code.trimEnd().replace(/;$/, '');
  if (!source.startsWith(PREFIX) || !source.endsWith(SUFFIX)) return undefined;
  const literal = source.slice(PREFIX.length, -SUFFIX.length);
  if (!literal.startsWith('"') || !literal.endsWith('"') || literal.length <= minLength) return undefined;
  try {
    // What JSON.stringify writes for a string is a JSON string: JSON.parse reads it back.
    const text: unknown = JSON.parse(literal);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The same module with its literal as pieces joined at run time; `undefined` as for jsonParseModuleText. */
export function splitJsonParseModule(code: string, pieceLength = STRING_PIECE_LENGTH): string | undefined {
  const text = jsonParseModuleText(code, pieceLength);
  if (text === undefined) return undefined;
  const pieces = stringPieces(text, pieceLength).map((piece) => JSON.stringify(piece));
  return `${PREFIX}[\n${pieces.join(',\n')}\n].join(''))`;
}

/** A module whose default export is the JSON in `file`, read when the module loads. */
export function jsonFileModule(file: string): string {
  return `import { readFileSync } from 'node:fs';\n${PREFIX}readFileSync(${JSON.stringify(file)}, 'utf8'))`;
}
