/**
 * The pure part of `npm run rename-tag -- <old> <new>`: the edits that replace a tag id
 * in a content file's `tags:` and, when the registry still lists the old id, in
 * `content/tags.yaml` (the new id, the old one under `renamedFrom`). Every edit replaces
 * only the characters of the values it changes, so the rest of each file (comments,
 * quoting, spacing, line ends, the body) stays byte for byte as it was.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { frontmatterSpan } from '../content/frontmatter.ts';

/** One changed line, as the curator is shown it: its number, and its lines before and after (none when removed). */
export interface LineChange {
  line: number;
  before: string[];
  after: string[];
}

export interface Rewrite {
  text: string;
  changes: LineChange[];
}

interface Splice {
  start: number;
  end: number;
  insert: string;
}

type Range = [number, number, number];

function rangeOf(node: unknown): Range | undefined {
  return (node as { range?: Range | null } | null)?.range ?? undefined;
}

const linesOf = (segment: string): string[] => (segment === '' ? [] : segment.replace(/\r?\n$/, '').split(/\r?\n/));

/** The text with the splices made (they do not overlap), and each line they touch, before and after. */
function applySplices(source: string, splices: readonly Splice[]): Rewrite {
  const ascending = [...splices].sort((a, b) => a.start - b.start);
  let text = source;
  for (const splice of [...ascending].reverse()) text = text.slice(0, splice.start) + splice.insert + text.slice(splice.end);
  const byLine = new Map<number, { end: number; splices: Splice[] }>();
  for (const splice of ascending) {
    // A whole line inserted is shown after the line it follows.
    const insertsLine =
      splice.start === splice.end && splice.start > 0 && source[splice.start - 1] === '\n' && splice.insert.endsWith('\n');
    const at = insertsLine ? splice.start - 1 : splice.start;
    const lineStart = source.lastIndexOf('\n', at - 1) + 1;
    const probe = splice.end > splice.start && source[splice.end - 1] === '\n' ? splice.end - 1 : insertsLine ? at : splice.end;
    const newline = source.indexOf('\n', probe);
    const end = newline === -1 ? source.length : newline + 1;
    const group = byLine.get(lineStart) ?? { end, splices: [] };
    group.end = Math.max(group.end, end);
    group.splices.push(splice);
    byLine.set(lineStart, group);
  }
  const changes = [...byLine].map(([lineStart, group]): LineChange => {
    const segment = source.slice(lineStart, group.end);
    let changed = segment;
    for (const splice of [...group.splices].reverse())
      changed = changed.slice(0, splice.start - lineStart) + splice.insert + changed.slice(splice.end - lineStart);
    return { line: source.slice(0, lineStart).split('\n').length, before: linesOf(segment), after: linesOf(changed) };
  });
  return { text, changes };
}

/** A plain id written as YAML: quoted when YAML would read it as something else (`null`, `2021`, `true`). */
function written(id: string, original: string): string {
  const quote = original[0];
  if (quote === '"' || quote === "'") return `${quote}${id}${quote}`;
  const plain = parseDocument(id, { schema: 'core' }).toJS() as unknown;
  return plain === id ? id : `"${id}"`;
}

/** The splices that remove an item from a list, with its separator (flow) or its line (block). */
function removeItem(source: string, sequence: YAMLSeq, index: number, offset: number): Splice | undefined {
  const item = rangeOf(sequence.items[index]);
  if (!item) return undefined;
  if (sequence.flow) {
    const next = rangeOf(sequence.items[index + 1]);
    if (next) return { start: offset + item[0], end: offset + next[0], insert: '' };
    const previous = rangeOf(sequence.items[index - 1]);
    return previous ? { start: offset + previous[1], end: offset + item[1], insert: '' } : undefined;
  }
  const lineStart = source.lastIndexOf('\n', offset + item[0] - 1) + 1;
  const lineEnd = source.indexOf('\n', offset + item[1]);
  return { start: lineStart, end: lineEnd === -1 ? source.length : lineEnd + 1, insert: '' };
}

/** The edits of one list of tag ids: `oldId` becomes `newId`, or goes when `newId` is there already. */
function renameInList(source: string, sequence: YAMLSeq, offset: number, oldId: string, newId: string): Splice[] {
  const values = sequence.items.map((item) => (isScalar(item) ? item.value : undefined));
  const splices: Splice[] = [];
  let hasNew = values.includes(newId);
  values.forEach((value, index) => {
    const range = rangeOf(sequence.items[index]);
    if (value !== oldId || !range) return;
    if (hasNew) {
      const removal = removeItem(source, sequence, index, offset);
      if (removal) splices.push(removal);
      return;
    }
    const original = source.slice(offset + range[0], offset + range[1]);
    splices.push({ start: offset + range[0], end: offset + range[1], insert: written(newId, original) });
    hasNew = true;
  });
  // Removals that meet in a flow list (the old id written twice after the new one) would
  // overlap: the first is made, and the build reports what is left.
  const kept: Splice[] = [];
  for (const splice of splices) if (splice.start >= (kept.at(-1)?.end ?? 0)) kept.push(splice);
  return kept;
}

/**
 * A content file with `oldId` replaced by `newId` in its `tags:` list (removed when the
 * list holds `newId` already); undefined when its tags do not hold `oldId`; 'unreadable'
 * when it has no front matter YAML can read (the build reports why).
 */
export function renameTagInContentFile(source: string, oldId: string, newId: string): Rewrite | 'unreadable' | undefined {
  const span = frontmatterSpan(source);
  if (!span) return 'unreadable';
  const document = parseDocument(span.yamlText, { schema: 'core', uniqueKeys: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return 'unreadable';
  const tags = document.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'tags')?.value;
  if (!isSeq(tags)) return undefined;
  const splices = renameInList(source, tags, span.start, oldId, newId);
  return splices.length > 0 ? applySplices(source, splices) : undefined;
}

export type RegistryState =
  /** The registry lists `newId` with `oldId` under `renamedFrom`: only content files change. */
  | { kind: 'renamed' }
  /** The registry lists `oldId`: it becomes `newId`, with `oldId` under `renamedFrom`. */
  | { kind: 'rename'; rewrite: Rewrite }
  /** The registry lists `newId` and not `oldId`: content files change, the registry stays. */
  | { kind: 'new-only' }
  | { kind: 'refused'; reason: string };

function entryWithId(sequence: YAMLSeq, id: string): YAMLMap | undefined {
  return sequence.items.find(
    (item): item is YAMLMap =>
      isMap(item) &&
      item.items.some((pair) => isScalar(pair.key) && pair.key.value === 'id' && isScalar(pair.value) && pair.value.value === id),
  );
}

function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** What `content/tags.yaml` needs for the rename, and its edit when it needs one. */
export function renameTagInRegistry(source: string, oldId: string, newId: string): RegistryState {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { schema: 'core', lineCounter });
  if (document.errors.length > 0 || (!isSeq(document.contents) && document.contents !== null)) {
    return { kind: 'refused', reason: 'content/tags.yaml cannot be read; run the build to see why, fix it, then run this again.' };
  }
  const entries = isSeq(document.contents) ? document.contents : undefined;
  const oldEntry = entries && entryWithId(entries, oldId);
  const newEntry = entries && entryWithId(entries, newId);
  const formerIds = (entry: YAMLMap | undefined) => {
    const value = entry && pairOf(entry, 'renamedFrom')?.value;
    return isSeq(value) ? value.items.map((item) => (isScalar(item) ? item.value : undefined)) : [];
  };
  if (newEntry && formerIds(newEntry).includes(oldId)) return { kind: 'renamed' };
  if (oldEntry && newEntry) {
    return {
      kind: 'refused',
      reason: `content/tags.yaml lists both "${oldId}" and "${newId}": to merge them, delete the entry of "${oldId}" and add "${oldId}" to \`renamedFrom\` of "${newId}", then run this again.`,
    };
  }
  if (newEntry) return { kind: 'new-only' };
  if (!oldEntry)
    return {
      kind: 'refused',
      reason: `content/tags.yaml lists neither "${oldId}" nor "${newId}": add the tag "${newId}" there (id, name, description), then run this again.`,
    };
  const idPair = pairOf(oldEntry, 'id');
  const idRange = rangeOf(idPair?.value);
  if (!idRange)
    return { kind: 'refused', reason: `the entry of "${oldId}" in content/tags.yaml has no id this tool can edit; rename it by hand.` };
  const splices: Splice[] = [{ start: idRange[0], end: idRange[1], insert: written(newId, source.slice(idRange[0], idRange[1])) }];
  const former = pairOf(oldEntry, 'renamedFrom')?.value;
  if (isSeq(former) && former.flow) {
    const range = rangeOf(former);
    const close = range ? source.lastIndexOf(']', range[1]) : -1;
    if (close < 0)
      return {
        kind: 'refused',
        reason: `the renamedFrom of "${oldId}" in content/tags.yaml cannot be edited; add "${oldId}" to it by hand.`,
      };
    splices.push({ start: close, end: close, insert: former.items.length > 0 ? `, ${oldId}` : oldId });
  } else if (isSeq(former)) {
    const last = rangeOf(former.items.at(-1));
    if (!last)
      return {
        kind: 'refused',
        reason: `the renamedFrom of "${oldId}" in content/tags.yaml cannot be edited; add "${oldId}" to it by hand.`,
      };
    const lineStart = source.lastIndexOf('\n', last[0] - 1) + 1;
    const lineEnd = source.indexOf('\n', last[1]);
    const indent = source.slice(lineStart, last[0]);
    const at = lineEnd === -1 ? source.length : lineEnd + 1;
    splices.push({ start: at, end: at, insert: `${lineEnd === -1 ? '\n' : ''}${indent}${oldId}\n` });
  } else if (former === undefined) {
    // A new line after the entry's last line, indented as its keys are.
    const keyStart = rangeOf(idPair?.key as Node | undefined)?.[0] ?? idRange[0];
    const keyColumn = lineCounter.linePos(keyStart).col - 1;
    const end = oldEntry.items.reduce((furthest, pair) => Math.max(furthest, rangeOf(pair.value)?.[1] ?? rangeOf(pair.key)?.[1] ?? 0), 0);
    const lineEnd = source.indexOf('\n', end);
    const at = lineEnd === -1 ? source.length : lineEnd + 1;
    const newline = source.includes('\r\n') ? '\r\n' : '\n';
    splices.push({
      start: at,
      end: at,
      insert: `${lineEnd === -1 ? newline : ''}${' '.repeat(keyColumn)}renamedFrom: [${oldId}]${newline}`,
    });
  } else {
    return {
      kind: 'refused',
      reason: `the renamedFrom of "${oldId}" in content/tags.yaml is not a list; write it as \`renamedFrom: [${oldId}]\`.`,
    };
  }
  return { kind: 'rename', rewrite: applySplices(source, splices) };
}
