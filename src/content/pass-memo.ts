/**
 * What one content pass keeps for the next, in `astro dev`: each file's text as read
 * (by absolute path, with the stamp it was listed with), the rules within each file as
 * checked (by path and text), and the ledger of published words as parsed (by text).
 * A pass given the memo lists the whole folder again, so that added, deleted and
 * renamed files are found; reads again only the files whose stamp changed or that the
 * watcher named; checks again only the files whose text changed; and runs the rules
 * between files over every entry. Its result is the same as a pass without the memo
 * (tests/unit/pass-memo.test.ts). A build never uses one: it reads everything once.
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import type { FileReads } from './read-content.ts';
import type { FileChecksMemo } from './validate.ts';
import type { ContentIssue } from './issues.ts';
import type { QuoteTextLedger } from './quote-ledger.ts';
import { decodeContent } from './read-content.ts';

export interface PassMemo {
  reads: FileReads;
  checks: FileChecksMemo;
  /** `quote-texts.yaml` as the last pass parsed it. */
  ledger?: { path: string; text: string; ledger: QuoteTextLedger; issues: ContentIssue[] };
}

export function createPassMemo(): PassMemo {
  return { reads: new Map(), checks: new Map() };
}

/**
 * Drops what the memo holds of each path (absolute) and of everything below it, so
 * that the next pass reads it again. The watcher names the paths: a file rewritten
 * within the same tick of a coarse clock, with the same size, keeps its stamp.
 */
export function forgetPaths(memo: PassMemo, paths: Iterable<string>): void {
  for (const path of paths) {
    memo.reads.delete(path);
    const below = path.endsWith(sep) ? path : `${path}${sep}`;
    for (const known of memo.reads.keys()) if (known.startsWith(below)) memo.reads.delete(known);
  }
}

/**
 * True when every path is a file the memo holds and each still has the text read then:
 * a pass for these changes would find what the last one found. An editor that writes a
 * file in two steps, or saves it unchanged, makes the watcher report it again.
 */
export async function sameTexts(memo: PassMemo, paths: Iterable<string>): Promise<boolean> {
  for (const path of paths) {
    const known = memo.reads.get(path)?.result;
    if (!known || !('text' in known)) return false;
    const fresh = decodeContent(path, await readFile(path));
    if ('issue' in fresh || fresh.text !== known.text) return false;
  }
  return true;
}
