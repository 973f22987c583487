/**
 * Puts a cached file into the output: a hard link to `source` where the file
 * system allows (no bytes copied), else a copy; an existing `target` is
 * replaced. A hard link shares its bytes with the cache, so nothing may write
 * into such an output file in place (rewriting means unlink + create).
 *
 * Synchronous on purpose: builds place thousands of small files in a row, and
 * Node's sync calls beat promises through the thread pool by 2–3× at that.
 */
import { copyFileSync, linkSync, rmSync } from 'node:fs';

export function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      rmSync(target, { force: true });
      linkOrCopy(source, target);
      return;
    }
    // Another file system, or one without hard links.
    copyFileSync(source, target);
  }
}
