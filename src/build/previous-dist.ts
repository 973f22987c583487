/**
 * The previous build's output, out of the way at once and deleted beside the next build.
 *
 * Astro empties `dist/` file by file before it renders, on the main thread: at 10,000
 * quotes that is 45,000 files and a gigabyte of share cards, seconds to over a minute
 * during which nothing else happens. A rename is instant on one file system, so the old
 * folder is renamed into a holding folder and deleted by a separate process while the
 * pages render; the build waits for that deletion only at its end, when it is long done.
 * Folders that an interrupted build left behind are deleted with it.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';

/** Folders set aside carry this prefix, so that a later build can find the ones an interrupted build left. */
export const SET_ASIDE_PREFIX = 'previous-output-';

export function setAsideName(pid: number, now: number): string {
  return `${SET_ASIDE_PREFIX}${pid}-${now}`;
}

export function isSetAsideName(name: string): boolean {
  return /^previous-output-\d+-\d+$/.test(name);
}

export interface SetAside {
  /** What happened to the previous output. */
  outcome: 'none' | 'moved' | 'emptied';
  /** Where it went, when moved. */
  movedTo?: string | undefined;
  /** The folders being deleted: this one, moved, and what interrupted builds left. */
  deleting: string[];
  /** Settles when they are deleted (never rejects: a leftover is deleted by the next build). */
  deleted: Promise<void>;
}

/** Deletes folders in a separate process: the deletion then costs the build's main thread nothing. */
export function deleteInBackground(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return Promise.resolve();
  const script =
    "const fs = process.getBuiltinModule('node:fs'); for (const p of process.argv.slice(1)) fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 });";
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script, ...paths], { stdio: 'ignore' });
    child.on('error', () => {
      // No child process: delete here, still without blocking the main thread.
      void Promise.all(
        paths.map((path) => import('node:fs/promises').then((fs) => fs.rm(path, { recursive: true, force: true, maxRetries: 3 }))),
      ).then(
        () => resolve(),
        () => resolve(),
      );
    });
    child.on('exit', () => resolve());
  });
}

/** What Astro's own emptying does: every entry of the folder removed, the folder kept. */
function emptyInPlace(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true, maxRetries: 3 });
}

function listed(dir: string, keep: (name: string) => boolean): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter(keep)
        .map((name) => join(dir, name))
    : [];
}

function tryRename(from: string, to: string): boolean {
  try {
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` is `folder` or inside it. */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Moves `outDir` into `holdingDir` (made if needed) and deletes it, with any earlier
 * leftovers there, in the background. When a rename cannot work (another file system,
 * a mount point, a symbolic link), the folder is emptied in place, as Astro would.
 */
export function setAsidePreviousOutput(
  outDir: string,
  holdingDir: string,
  now = Date.now(),
  /** Runs once the old output is moved, before it is deleted (src/build/reuse-pages.ts). */
  beforeDeleting?: (previousOutput: string) => void,
): SetAside {
  const siblingPrefix = `.${basename(outDir)}-`;
  const leftovers = [
    ...listed(holdingDir, (name) => isSetAsideName(name)),
    ...listed(dirname(outDir), (name) => name.startsWith(siblingPrefix) && isSetAsideName(name.slice(siblingPrefix.length))),
  ];
  let outcome: SetAside['outcome'] = 'none';
  let movedTo: string | undefined;
  if (existsSync(outDir)) {
    const name = setAsideName(process.pid, now);
    // A holding folder inside the output would go with it: then only the sibling will do.
    const candidates = [
      ...(isWithin(holdingDir, outDir) ? [] : [join(holdingDir, name)]),
      join(dirname(outDir), `${siblingPrefix}${name}`),
    ];
    movedTo = lstatSync(outDir).isDirectory() ? candidates.find((to) => tryRename(outDir, to)) : undefined;
    if (movedTo) outcome = 'moved';
    else {
      emptyInPlace(outDir);
      outcome = 'emptied';
    }
  }
  if (movedTo && beforeDeleting) beforeDeleting(movedTo);
  const deleting = movedTo ? [...leftovers, movedTo] : leftovers;
  return { outcome, movedTo, deleting, deleted: deleteInBackground(deleting) };
}
