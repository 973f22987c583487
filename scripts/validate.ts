/**
 * `npm run validate [-- <folder>]`: runs the W3C Nu Html Checker (the checker of
 * validator.w3.org, from the `vnu-jar` package) on every HTML page of a built site,
 * `dist/` unless a folder is given, and lists each error and warning with its page,
 * line and column. It needs a Java runtime, 17 or later (`java` on the PATH, or
 * JAVA_HOME); without one it says so and what to install. `npm test` does not run it,
 * since the project cannot bring Java; html-validate checks every page there.
 * Exit codes: 0 clean, 1 errors or warnings, 2 no folder, no pages or no Java.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkFolder, formatNuMessages, javaCommand, javaProblem } from '../tests/support/nu-checker.ts';

const USAGE = 'usage: npm run validate [-- <folder>]   (default: dist)';

function countPages(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && /\.x?html?$/i.test(entry.name))
    .length;
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.length > 1 || args[0]?.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const folder = resolve(args[0] ?? 'dist');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    console.error(`${args[0] ?? 'dist'} is not a folder: build the site first (npm run build), or name a built site.\n${USAGE}`);
    return 2;
  }
  const pages = countPages(folder);
  if (pages === 0) {
    console.error(`${folder} holds no HTML page.`);
    return 2;
  }
  const java = javaCommand();
  const problem = javaProblem(java);
  if (problem) {
    console.error(problem);
    return 2;
  }

  console.log(`Checking ${pages} pages in ${folder} with the W3C Nu Html Checker…`);
  const { messages, setAside } = checkFolder(folder, java);
  const reported = messages.filter((message) => message.severity !== 'info');
  const notes = messages.filter((message) => message.severity === 'info');
  if (notes.length > 0) console.log(`Notes (not problems):\n${formatNuMessages(notes)}`);
  if (setAside.length > 0) {
    const reasons = new Map<string, number>();
    for (const { reason } of setAside) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const list = [...reasons].map(([reason, count]) => `${count} × ${reason}`).join('; ');
    console.log(`Set aside ${setAside.length} CSP notices that only a check of files raises (${list}).`);
  }
  if (reported.length > 0) {
    const errors = reported.filter((message) => message.severity === 'error').length;
    console.error(formatNuMessages(reported));
    console.error(
      `\n${errors} errors and ${reported.length - errors} warnings in ${new Set(reported.map((m) => m.file)).size} of ${pages} pages.`,
    );
    return 1;
  }
  console.log(`All ${pages} pages are valid HTML for the W3C checker.`);
  return 0;
}

process.exitCode = main();
