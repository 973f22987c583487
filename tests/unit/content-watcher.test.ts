import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldersUnder, watchContentFolder, type ContentWatcher } from '../../src/content/content-watcher.ts';

let root: string | undefined;
let watcher: ContentWatcher | undefined;

afterEach(() => {
  watcher?.close();
  watcher = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function contentFolder(): string {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'qtd-watch-')));
  mkdirSync(join(root, 'quotes/2021'), { recursive: true });
  mkdirSync(join(root, 'people'));
  writeFileSync(join(root, 'quotes/a.md'), 'one');
  return root;
}

/** Resolves once `found` holds, asking every 20 ms, for at most 5 s. */
async function until(found: () => boolean): Promise<void> {
  const started = Date.now();
  while (!found()) {
    if (Date.now() - started > 5000) throw new Error('no such event within 5 s');
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

describe('watchContentFolder', () => {
  it('names each file changed, added or removed, in any folder, and whether only its content changed', async () => {
    const folder = contentFolder();
    const events: [string, boolean][] = [];
    watcher = watchContentFolder(folder, (path, contentOnly) => events.push([path, contentOnly]));
    const named = (path: string, contentOnly?: boolean) =>
      events.some(([p, c]) => p === path && (contentOnly === undefined || c === contentOnly));

    writeFileSync(join(folder, 'quotes/a.md'), 'two');
    await until(() => named(join(folder, 'quotes/a.md'), true));

    writeFileSync(join(folder, 'quotes/2021/b.md'), 'new');
    await until(() => named(join(folder, 'quotes/2021/b.md')));

    unlinkSync(join(folder, 'quotes/a.md'));
    await until(() => named(join(folder, 'quotes/a.md'), false));
  });

  it('watches a folder made after it started, and the files written into it', async () => {
    const folder = contentFolder();
    const events: string[] = [];
    watcher = watchContentFolder(folder, (path) => events.push(path));
    mkdirSync(join(folder, 'articles'));
    await until(() => events.includes(join(folder, 'articles')));
    writeFileSync(join(folder, 'articles/c.md'), 'text');
    await until(() => events.includes(join(folder, 'articles/c.md')));

    // Removed and made again: the new folder is watched, not the one that is gone.
    rmSync(join(folder, 'quotes/2021'), { recursive: true });
    mkdirSync(join(folder, 'quotes/2021'));
    await until(() => events.filter((path) => path === join(folder, 'quotes/2021')).length >= 2);
    writeFileSync(join(folder, 'quotes/2021/d.md'), 'text');
    await until(() => events.includes(join(folder, 'quotes/2021/d.md')));
  });
});

describe('foldersUnder', () => {
  it('lists the folder and every folder below it, not the files', () => {
    const folder = contentFolder();
    expect(foldersUnder(folder).sort()).toEqual([folder, join(folder, 'people'), join(folder, 'quotes'), join(folder, 'quotes/2021')]);
  });
});
