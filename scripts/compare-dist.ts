/**
 * Compares two built sites file by file, for a change that must not change the output
 * (a refactoring, an upgrade of a package that renders pages):
 *
 *   npm run compare-dist -- <before> <after>      (node scripts/compare-dist.ts, Node 24)
 *
 * Lists the files only in one folder and the files whose bytes differ, asset names under
 * `_astro/` included. Build both with the same environment (BUILD_DATE, TZ, SITE_URL,
 * CONTENT_DIR) and a fresh cache folder each (QTD_CACHE_DIR), e.g.
 * `npm run build -- --outDir /tmp/before`.
 * Exit codes: 0 identical, 1 any difference, 2 wrong arguments or a missing folder.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareTrees } from '../tests/support/trees.ts';

const USAGE = 'usage: npm run compare-dist -- <before> <after>';

function folder(path: string | undefined): string {
  if (!path) throw new Error(USAGE);
  const absolute = resolve(path);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) throw new Error(`${path} is not a folder`);
  return absolute;
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.length !== 2) throw new Error(USAGE);
  const before = folder(args[0]);
  const after = folder(args[1]);
  // compareTrees lists the expected folder's files that are missing from the other or differ there.
  const { actual, expected, different } = compareTrees(after, before);
  const inAfter = new Set(actual);
  const inBefore = new Set(expected);
  const onlyBefore = expected.filter((file) => !inAfter.has(file));
  const onlyAfter = actual.filter((file) => !inBefore.has(file));
  const differ = different.filter((file) => inAfter.has(file));

  const sections: [string, string[]][] = [
    [`only in ${args[0]}`, onlyBefore],
    [`only in ${args[1]}`, onlyAfter],
    ['different', differ],
  ];
  for (const [title, files] of sections) {
    if (files.length === 0) continue;
    console.log(`${title} (${files.length}):`);
    for (const file of files) console.log(`  ${file}`);
  }
  if (onlyBefore.length + onlyAfter.length + differ.length === 0) {
    console.log(`identical: ${expected.length} files`);
    return 0;
  }
  return 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
