/**
 * Watches the content folder for the preview (`astro dev`): one `fs.watch` on each of its
 * folders, which names the file an event is about. Vite's own watcher, given a folder,
 * reads the whole folder again on every event in it, to find added and removed files:
 * at 10,000 quotes each edit cost ~0.5 s of the server's time, and an editor's save is
 * often two events. Here an event costs a look at the one path it names; the pass lists
 * the folder itself (content-files.ts), so added and removed files are found there.
 */
import { lstatSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';

export interface ContentWatcher {
  close(): void;
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Every folder under `root`, `root` included; links are not followed (the build refuses them). */
export function foldersUnder(root: string): string[] {
  const folders: string[] = [];
  const visit = (folder: string): void => {
    folders.push(folder);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) visit(join(folder, entry.name));
  };
  visit(root);
  return folders;
}

/**
 * Calls `changed` with the absolute path of each file or folder an event names, and
 * whether the event was only a change of its content (not its creation, removal or
 * renaming). Events come as the system reports them: one save may give several.
 */
export function watchContentFolder(root: string, changed: (path: string, contentOnly: boolean) => void): ContentWatcher {
  const watchers = new Map<string, FSWatcher>();
  const stop = (folder: string): void => {
    watchers.get(folder)?.close();
    watchers.delete(folder);
  };
  const refresh = (): void => {
    const now = new Set(foldersUnder(root));
    for (const folder of watchers.keys()) if (!now.has(folder)) stop(folder);
    for (const folder of now) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (event, name) => {
          const path = name ? join(folder, name.toString()) : folder;
          // A folder created, moved in or made again: watch it and those below it afresh, so that files written into it are seen.
          if (event === 'rename' && isFolder(path)) {
            for (const known of [...watchers.keys()]) if (known === path || known.startsWith(`${path}${sep}`)) stop(known);
            refresh();
          }
          changed(path, event === 'change');
        });
        // A folder removed: its watcher ends; the event on its parent names it.
        watcher.on('error', () => stop(folder));
        watchers.set(folder, watcher);
      } catch {
        // Gone before it could be watched: the event on its parent names it.
      }
    }
  };
  refresh();
  return {
    close: () => {
      for (const folder of [...watchers.keys()]) stop(folder);
    },
  };
}
