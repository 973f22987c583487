/** Comparing two built sites file by file (src/build/files.ts lists them). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../src/build/files.ts';

/** Both folders' files (sorted), and the expected files whose bytes differ in the other folder or are missing there. */
export function compareTrees(actualDir: string, expectedDir: string): { actual: string[]; expected: string[]; different: string[] } {
  const actual = listFiles(actualDir);
  const expected = listFiles(expectedDir);
  const present = new Set(actual);
  const different = expected.filter(
    (file) => !present.has(file) || !readFileSync(join(actualDir, file)).equals(readFileSync(join(expectedDir, file))),
  );
  return { actual, expected, different };
}
