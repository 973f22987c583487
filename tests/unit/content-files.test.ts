import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import {
  COLLECTIONS,
  MAX_FILE_BYTES,
  MAX_FOLDER_DEPTH,
  TOP_LEVEL_FILES,
  isSystemLeftover,
  listContentFiles,
  visibleName,
  type ContentListing,
} from '../../src/content/content-files.ts';
import { readContentFolder } from '../../src/content/read-content.ts';
import { validateContent } from '../../src/content/validate.ts';
import type { Collection } from '../../src/content/schema.ts';
import { seededRandom } from '../support/random.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project folder on disk (links resolved, so that paths compare as written) with an empty content folder. */
function project(): { root: string; base: string; write: (path: string, text?: string) => string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'qtd-files-')));
  made.push(root);
  const base = join(root, 'content');
  mkdirSync(base);
  const write = (path: string, text = VALID.people): string => {
    const absolute = join(base, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    return absolute;
  };
  return { root, base, write };
}

/** A text each collection accepts as an entry (references aside, which never keep an entry out). */
const VALID: Record<Collection, string> = {
  people: '---\nname: Someone\n---\nA person.\n',
  articles: '---\ntitle: A title\nauthors: [someone]\npublished: 2021-08-23T12:56:00Z\n---\nAn article.\n',
  quotes: '---\ntext: Some words\nspeaker: someone\ndate: 2021-08-23\n---\n',
};

const listedPaths = (listing: ContentListing) => listing.files.map((file) => file.path);
const issueFor = (listing: ContentListing, path: string) => listing.issues.filter((found) => found.file === path);

/** A named pipe; where `mkfifo` is missing, a Unix socket, which the listing refuses the same way. */
function makeSpecialFile(path: string, servers: Server[]): Promise<void> {
  if (spawnSync('mkfifo', [path]).status === 0) return Promise.resolve();
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) => server.listen(path, resolve));
}

describe('listContentFiles: what is listed', () => {
  it('lists the .md files of every collection at any depth, in order, and the top-level files', () => {
    const { root, base, write } = project();
    write('quotes/b.md', VALID.quotes);
    write('quotes/2021/a.md', VALID.quotes);
    write('people/someone.md');
    write('articles/x/y/z.md', VALID.articles);
    write('tags.yaml', '[]\n');
    write('permalinks.txt', '');
    const listing = listContentFiles(root, base);
    expect(listing.issues).toEqual([]);
    expect(listing.files.map(({ stamp: _stamp, ...file }) => file)).toEqual([
      { absolute: join(base, 'articles/x/y/z.md'), path: 'content/articles/x/y/z.md', collection: 'articles' },
      { absolute: join(base, 'people/someone.md'), path: 'content/people/someone.md', collection: 'people' },
      { absolute: join(base, 'quotes/2021/a.md'), path: 'content/quotes/2021/a.md', collection: 'quotes' },
      { absolute: join(base, 'quotes/b.md'), path: 'content/quotes/b.md', collection: 'quotes' },
    ]);
    expect(listing.topLevel).toEqual({
      'tags.yaml': { absolute: join(base, 'tags.yaml'), path: 'content/tags.yaml' },
      'permalinks.txt': { absolute: join(base, 'permalinks.txt'), path: 'content/permalinks.txt' },
    });
  });

  it('stamps each file with its size and times, and a rewritten file with a new stamp', () => {
    const { root, base, write } = project();
    write('quotes/b.md', VALID.quotes);
    const [before] = listContentFiles(root, base).files;
    expect(before?.stamp).toMatch(new RegExp(`^${Buffer.byteLength(VALID.quotes)} `));
    expect(listContentFiles(root, base).files[0]?.stamp).toBe(before?.stamp);
    write('quotes/b.md', `${VALID.quotes}\nMore.\n`);
    expect(listContentFiles(root, base).files[0]?.stamp).not.toBe(before?.stamp);
  });

  it('names paths relative to the project root, wherever the content folder is', () => {
    const { root } = project();
    const elsewhere = join(root, 'corpus', 'content');
    mkdirSync(join(elsewhere, 'people'), { recursive: true });
    writeFileSync(join(elsewhere, 'people', 'a.md'), VALID.people);
    expect(listedPaths(listContentFiles(root, elsewhere))).toEqual(['corpus/content/people/a.md']);
  });

  it('reports a content folder that cannot be read instead of listing nothing', () => {
    const { root } = project();
    const listing = listContentFiles(root, join(root, 'missing'));
    expect(listing.files).toEqual([]);
    expect(listing.issues).toEqual([{ file: 'missing', message: 'cannot be read (ENOENT).', fix: 'check the folder’s permissions.' }]);
  });
});

describe('listContentFiles: what is refused', () => {
  it('refuses a symbolic link to a file, inside or outside the content folder, even named .md', () => {
    const { root, base, write } = project();
    const target = write('people/real.md');
    const outside = join(root, 'outside.md');
    writeFileSync(outside, VALID.people);
    symlinkSync(target, join(base, 'people/inside-link.md'));
    symlinkSync(outside, join(base, 'people/outside-link.md'));
    symlinkSync(join(root, 'nowhere.md'), join(base, 'people/dangling.md'));
    const listing = listContentFiles(root, base);
    expect(listedPaths(listing)).toEqual(['content/people/real.md']);
    for (const name of ['inside-link', 'outside-link', 'dangling']) {
      expect(issueFor(listing, `content/people/${name}.md`)).toEqual([
        {
          file: `content/people/${name}.md`,
          message:
            'is a symbolic link. The build reads only files that are inside the content folder itself, so a link is neither checked nor published.',
          fix: 'replace the link with a copy of the file or folder it points to.',
        },
      ]);
    }
    expect(listing.issues).toHaveLength(3);
  });

  it('refuses a symbolic link to a folder and lists nothing through it', () => {
    const { root, base, write } = project();
    write('quotes/2021/a.md', VALID.quotes);
    const outside = join(root, 'drafts');
    mkdirSync(outside);
    writeFileSync(join(outside, 'b.md'), VALID.quotes);
    symlinkSync(join(base, 'quotes/2021'), join(base, 'quotes/again'));
    symlinkSync(outside, join(base, 'quotes/drafts'));
    const listing = listContentFiles(root, base);
    expect(listedPaths(listing)).toEqual(['content/quotes/2021/a.md']);
    expect(listing.issues.map((found) => found.file)).toEqual(['content/quotes/again', 'content/quotes/drafts']);
  });

  it('refuses a collection that is a symbolic link', () => {
    const { root, base } = project();
    const outside = join(root, 'people-elsewhere');
    mkdirSync(outside);
    writeFileSync(join(outside, 'a.md'), VALID.people);
    symlinkSync(outside, join(base, 'people'));
    const listing = listContentFiles(root, base);
    expect(listing.files).toEqual([]);
    expect(listing.issues.map((found) => [found.file, found.message.split('.')[0]])).toEqual([['content/people', 'is a symbolic link']]);
  });

  it('refuses the other Markdown extensions and .txt, whatever their case, with the name to use', () => {
    const { root, base, write } = project();
    for (const name of ['upper.MD', 'mixed.Md', 'long.markdown', 'shout.MARKDOWN', 'plain.txt', 'page.mdx'])
      write(`quotes/${name}`, VALID.quotes);
    const listing = listContentFiles(root, base);
    expect(listing.files).toEqual([]);
    expect(listing.issues.map(({ file, message, fix }) => ({ file, message, fix }))).toEqual([
      {
        file: 'content/quotes/long.markdown',
        message: 'has the extension “.markdown”; only files ending in “.md” (lower case) are published.',
        fix: 'rename it to long.md.',
      },
      {
        file: 'content/quotes/mixed.Md',
        message: 'has the extension “.Md”; only files ending in “.md” (lower case) are published.',
        fix: 'rename it to mixed.md.',
      },
      {
        file: 'content/quotes/page.mdx',
        message: 'has the extension “.mdx”; only files ending in “.md” (lower case) are published.',
        fix: 'rename it to page.md.',
      },
      {
        file: 'content/quotes/plain.txt',
        message: 'has the extension “.txt”; only files ending in “.md” (lower case) are published.',
        fix: 'rename it to plain.md.',
      },
      {
        file: 'content/quotes/shout.MARKDOWN',
        message: 'has the extension “.MARKDOWN”; only files ending in “.md” (lower case) are published.',
        fix: 'rename it to shout.md.',
      },
      {
        file: 'content/quotes/upper.MD',
        message: 'has the extension “.MD”; only files ending in “.md” (lower case) are published.',
        fix: 'rename it to upper.md.',
      },
    ]);
  });

  it('refuses any other file in a collection', () => {
    const { root, base, write } = project();
    write('articles/photo.png', 'png');
    write('articles/no-extension', VALID.articles);
    write('articles/tags.yaml', '[]');
    const listing = listContentFiles(root, base);
    expect(listing.files).toEqual([]);
    expect(listing.issues.map(({ file, message }) => [file, message])).toEqual(
      ['content/articles/no-extension', 'content/articles/photo.png', 'content/articles/tags.yaml'].map((file) => [
        file,
        'is not a Markdown file; content/articles/ holds only .md files, and anything else there is never published.',
      ]),
    );
  });

  it('refuses a hidden folder once, with nothing in it listed or reported again', () => {
    const { root, base, write } = project();
    write('quotes/.drafts/a.md', VALID.quotes);
    write('quotes/.drafts/deeper/b.MD', VALID.quotes);
    write('quotes/kept.md', VALID.quotes);
    const listing = listContentFiles(root, base);
    expect(listedPaths(listing)).toEqual(['content/quotes/kept.md']);
    expect(listing.issues).toEqual([
      {
        file: 'content/quotes/.drafts',
        message: 'is hidden (its name starts with a dot), so it would never be published, nor anything in it.',
        fix: 'keep drafts outside the content folder (for example in drafts/ beside it), or rename the folder without the dot.',
      },
    ]);
  });

  it('refuses a hidden file with the name to use', () => {
    const { root, base, write } = project();
    write('people/.someone.md');
    const listing = listContentFiles(root, base);
    expect(listing.files).toEqual([]);
    expect(listing.issues).toEqual([
      {
        file: 'content/people/.someone.md',
        message: 'is hidden (its name starts with a dot), so it would never be published.',
        fix: 'rename it without the dot (someone.md), or move it out of the content folder.',
      },
    ]);
  });

  it('refuses a top-level folder that is not a collection, naming the collection it resembles', () => {
    const { root, base, write } = project();
    write('quote/a.md', VALID.quotes);
    write('Articles/b.md', VALID.articles);
    write('misc/c.md', VALID.people);
    write('notes.md', VALID.people);
    const listing = listContentFiles(root, base);
    expect(listing.files).toEqual([]);
    expect(listing.issues.map(({ file, fix }) => [file, fix])).toEqual([
      ['content/Articles', 'move its files into content/articles/.'],
      ['content/misc', 'move it out of the content folder.'],
      ['content/notes.md', 'move it out of the content folder.'],
      ['content/quote', 'move its files into content/quotes/.'],
    ]);
    expect(issueFor(listing, 'content/quote')[0]?.message).toBe(
      `is not a collection: the content folder holds people/, articles/, quotes/ and ${TOP_LEVEL_FILES.join(', ')}, and nothing in this folder would be published.`,
    );
  });

  it('refuses a named pipe and a socket without opening them', async () => {
    const { root, base, write } = project();
    write('quotes/a.md', VALID.quotes);
    const servers: Server[] = [];
    await makeSpecialFile(join(base, 'quotes/pipe.md'), servers);
    await makeSpecialFile(join(base, 'pipe.md'), servers);
    const socketServer = createServer();
    servers.push(socketServer);
    await new Promise<void>((resolve) => socketServer.listen(join(base, 'people.sock'), resolve));
    try {
      const listing = listContentFiles(root, base);
      expect(listedPaths(listing)).toEqual(['content/quotes/a.md']);
      const other = { message: 'is not a regular file or folder (a device, socket or pipe).', fix: 'remove it from the content folder.' };
      expect(listing.issues).toEqual([
        { file: 'content/people.sock', ...other },
        { file: 'content/pipe.md', ...other },
        { file: 'content/quotes/pipe.md', ...other },
      ]);
      // Reading never opens them either (a pipe would block the build for ever).
      const folder = await readContentFolder(root, 'content');
      expect(folder.files.map((file) => file.path)).toEqual(['content/quotes/a.md']);
      expect(folder.issues).toEqual(listing.issues);
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });

  it(`walks ${MAX_FOLDER_DEPTH} folders deep in a collection and refuses the next`, () => {
    const { root, base, write } = project();
    const folders = Array.from({ length: MAX_FOLDER_DEPTH + 2 }, (_, index) => `d${index + 1}`);
    write(`quotes/${folders.slice(0, MAX_FOLDER_DEPTH).join('/')}/deepest.md`, VALID.quotes);
    write(`quotes/${folders.join('/')}/too-deep.md`, VALID.quotes);
    const listing = listContentFiles(root, base);
    expect(listedPaths(listing)).toEqual([`content/quotes/${folders.slice(0, MAX_FOLDER_DEPTH).join('/')}/deepest.md`]);
    expect(listing.issues).toEqual([
      {
        file: `content/quotes/${folders.slice(0, MAX_FOLDER_DEPTH + 1).join('/')}`,
        message: `is more than ${MAX_FOLDER_DEPTH} folders deep in content/quotes/.`,
        fix: 'move its files into a shallower folder (ids do not depend on folders).',
      },
    ]);
  });

  it(`refuses a file over ${MAX_FILE_BYTES / 1024 / 1024} MB before reading it, and lists one of exactly that size`, async () => {
    const { root, base, write } = project();
    // Sparse files: their size is set, not written.
    truncateSync(write('articles/huge.md', VALID.articles), MAX_FILE_BYTES + 1);
    truncateSync(write('articles/largest.md', VALID.articles), MAX_FILE_BYTES);
    const listing = listContentFiles(root, base);
    expect(listedPaths(listing)).toEqual(['content/articles/largest.md']);
    expect(listing.issues).toEqual([
      {
        file: 'content/articles/huge.md',
        message: `is 4.0 MB; a content file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.`,
        fix: 'split it, or keep only the part of the article the quotes come from (`display: excerpt`).',
      },
    ]);
  });
});

describe('listContentFiles: leftovers of systems and editors', () => {
  const LEFTOVERS = [
    '.DS_Store',
    'Thumbs.db',
    'desktop.ini',
    '.gitkeep',
    '.keep',
    '._quote.md',
    '.#quote.md',
    '.quote.md.swp',
    '.quote.md.swo',
    'quote.md~',
  ];

  it('passes over them in silence, in collections, in subfolders and at the top', () => {
    const { root, base, write } = project();
    for (const name of LEFTOVERS) {
      expect(isSystemLeftover(name), name).toBe(true);
      write(`quotes/${name}`, 'x');
      write(`quotes/2021/${name}`, 'x');
      write(name, 'x');
    }
    write('quotes/2021/kept.md', VALID.quotes);
    const listing = listContentFiles(root, base);
    expect(listing.issues).toEqual([]);
    expect(listedPaths(listing)).toEqual(['content/quotes/2021/kept.md']);
  });

  it('treats only regular files so: a folder or link with such a name is refused', () => {
    const { root, base, write } = project();
    write('quotes/.DS_Store/a.md', VALID.quotes);
    write('quotes/Thumbs.db/b.md', VALID.quotes);
    symlinkSync(join(base, 'quotes/Thumbs.db/b.md'), join(base, 'quotes/quote.md~'));
    const listing = listContentFiles(root, base);
    expect(listedPaths(listing)).toEqual(['content/quotes/Thumbs.db/b.md']);
    expect(listing.issues.map((found) => found.file)).toEqual(['content/quotes/.DS_Store', 'content/quotes/quote.md~']);
  });

  it('does not take ordinary names for leftovers', () => {
    for (const name of ['quote.md', 'swp.md', 'a~b.md', 'keep.md', 'desktop.md', 'DS_Store.md'])
      expect(isSystemLeftover(name), name).toBe(false);
  });
});

describe('file names the listing accepts and the id check refuses', () => {
  it('lists names with spaces, line breaks, invisible and non-ASCII characters, and validate reports each id', async () => {
    const { root, base, write } = project();
    const names = ['with space', 'new\nline', 'zero\u200Bwidth', 'right\u202Eleft', 'café', '日本'];
    for (const name of names) write(`people/${name}.md`);
    write('people/fine-name.md');
    const listing = listContentFiles(root, base);
    expect(listing.issues).toEqual([]);
    expect(listing.files).toHaveLength(names.length + 1);

    const folder = await readContentFolder(root, 'content');
    const { issues, content } = validateContent(folder.files, { siteTimeZone: 'UTC', allowSeveralQuotesPerDay: false });
    for (const name of names) {
      const [only, ...rest] = issues.filter((found) => found.file === `content/people/${name}.md`);
      expect(rest, name).toEqual([]);
      // Invisible and control characters are shown as code points: nothing in the message rewrites the terminal.
      expect(only?.message, name).toBe(
        `the file name "${visibleName(name)}" is not a valid id: ids are lower-case words joined by hyphens, and become URLs.`,
      );
    }
    expect(issues).toHaveLength(names.length);
    expect(issues.find((found) => found.file === 'content/people/café.md')?.fix).toBe('rename the file, e.g. to cafe.md.');
    expect(content.people.map((person) => person.id)).toContain('fine-name');
  });

  it('shows invisible characters of a refused name as code points in the message', () => {
    const { root, base, write } = project();
    write('quotes/line\nbreak\u200B.MD', VALID.quotes);
    const [only] = listContentFiles(root, base).issues;
    expect(only?.file).toBe('content/quotes/line\nbreak\u200B.MD');
    expect(only?.fix).toBe('rename it to line[U+000A]break[U+200B].md.');
    expect(only?.message).not.toMatch(/[\n\u200B]/);
  });
});

// ---------------------------------------------------------------------------
// Property: every file under the content folder is listed, or named by an issue
// (itself or a refused folder or link above it), or is a leftover; nothing else.

interface Made {
  /** Relative to the content folder, with `/`. */
  path: string;
  kind: 'file' | 'folder' | 'link' | 'special';
  /** Made from the leftover names. */
  leftover?: boolean;
  /** The file is an entry its collection accepts. */
  valid?: boolean;
  oversize?: boolean;
}

const STEMS = [
  'alpha',
  'quote-1',
  'Mixed Case',
  'with space',
  'new\nline',
  'zero\u200Bwidth',
  'café',
  '日本',
  'x'.repeat(101),
  'ok-name',
  '2021',
  'page',
  'a.b',
];
const EXTENSIONS = ['.md', '.md', '.md', '.md', '.MD', '.Md', '.markdown', '.txt', '.png', '.yaml', '', '.mdx'];
const LEFTOVER_NAMES = ['.DS_Store', 'Thumbs.db', 'desktop.ini', '.gitkeep', '._x.md', '.#x.md', '.x.md.swp', 'x.md~'];
const TOP_FOLDERS = ['people', 'articles', 'quotes', 'quotes', 'quote', 'Quotes', '.git', 'drafts'];

function randomCase(text: string, next: () => number): string {
  return next() < 0.8 ? text : [...text].map((char) => (next() < 0.5 ? char.toUpperCase() : char.toLowerCase())).join('');
}

function generateTree(seed: number, base: string, outside: string, canMakeFifo: boolean): Made[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const made: Made[] = [];
  const used = new Set<string>();
  const fresh = (folder: string, name: string): string | undefined => {
    const path = folder ? `${folder}/${name}` : name;
    if (used.has(path)) return undefined;
    used.add(path);
    return path;
  };
  const textFor = (path: string): { text: string | Buffer; valid: boolean } => {
    const collection = COLLECTIONS.find((name) => path.startsWith(`${name}/`)) ?? 'people';
    const roll = next();
    if (roll < 0.7) return { text: VALID[collection], valid: true };
    if (roll < 0.85) return { text: 'No front matter.\n', valid: false };
    return { text: Buffer.from('---\nname: Andr\xe9\n---\n', 'latin1'), valid: false };
  };
  const makeFile = (folder: string): void => {
    const leftover = next() < 0.1;
    const hidden = !leftover && next() < 0.08;
    const name = leftover ? pick(LEFTOVER_NAMES) : `${hidden ? '.' : ''}${pick(STEMS)}${randomCase(pick(EXTENSIONS), next)}`;
    const path = fresh(folder, name);
    if (!path) return;
    const absolute = join(base, path);
    const roll = next();
    if (roll < 0.03 && canMakeFifo) {
      spawnSync('mkfifo', [absolute]);
      made.push({ path, kind: 'special' });
      return;
    }
    const { text, valid } = textFor(path);
    writeFileSync(absolute, text);
    const oversize = roll > 0.97;
    if (oversize) truncateSync(absolute, MAX_FILE_BYTES + 1 + Math.floor(next() * 1000));
    made.push({ path, kind: 'file', leftover, valid: valid && !oversize, oversize });
  };
  const makeLink = (folder: string): void => {
    const path = fresh(folder, `${pick(['link', 'alias', '.hidden-link'])}${randomCase(pick(['.md', '', '.MD']), next)}`);
    if (!path) return;
    const inside = made.filter((item) => item.kind !== 'special');
    const roll = next();
    const target =
      roll < 0.4 && inside.length > 0
        ? join(base, pick(inside).path)
        : roll < 0.6
          ? join(outside, 'folder')
          : roll < 0.8
            ? join(outside, 'file.md')
            : join(outside, 'missing.md');
    symlinkSync(target, join(base, path));
    made.push({ path, kind: 'link' });
  };
  const fill = (folder: string, depth: number): void => {
    const count = 1 + Math.floor(next() * 5);
    for (let index = 0; index < count; index++) {
      const roll = next();
      if (roll < 0.55) makeFile(folder);
      else if (roll < 0.65) makeLink(folder);
      else if (depth < 11 && (depth < 3 || next() < 0.6)) {
        const hidden = next() < 0.1;
        const path = fresh(
          folder,
          hidden ? pick(['.drafts', '.git', '.DS_Store']) : pick(['2021', '2022', 'sub folder', 'déjà', 'Thumbs.db', 'x.md~', 'nested']),
        );
        if (!path) continue;
        mkdirSync(join(base, path));
        made.push({ path, kind: 'folder' });
        fill(path, depth + 1);
      }
    }
  };
  const tops = 1 + Math.floor(next() * 4);
  for (let index = 0; index < tops; index++) {
    const roll = next();
    if (roll < 0.7) {
      const path = fresh('', pick(TOP_FOLDERS));
      if (!path) continue;
      mkdirSync(join(base, path));
      made.push({ path, kind: 'folder' });
      fill(path, 0);
    } else if (roll < 0.8) makeLink('');
    else if (roll < 0.9) {
      const path = fresh('', pick([...TOP_LEVEL_FILES, 'notes.md', '.DS_Store']));
      if (!path) continue;
      writeFileSync(join(base, path), '[]\n');
      made.push({ path, kind: 'file', leftover: path === '.DS_Store' });
    } else makeFile('');
  }
  return made;
}

/** What the rules say of a file made in the tree: listed, or not. */
function shouldBeListed(item: Made, byPath: ReadonlyMap<string, Made>): boolean {
  if (item.kind !== 'file' || item.leftover || item.oversize) return false;
  const parts = item.path.split('/');
  const name = parts.at(-1) ?? '';
  if (!name.endsWith('.md') || name.startsWith('.')) return false;
  const [top, ...folders] = parts.slice(0, -1);
  if (!top || !(COLLECTIONS as readonly string[]).includes(top) || byPath.get(top)?.kind !== 'folder') return false;
  if (folders.length > MAX_FOLDER_DEPTH) return false;
  let path = top;
  for (const folder of folders) {
    path = `${path}/${folder}`;
    if (folder.startsWith('.') || byPath.get(path)?.kind !== 'folder') return false;
  }
  return true;
}

/** Every entry under `dir` that is not a folder, found without following links. */
function everyNonFolder(dir: string, base: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolute = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...everyNonFolder(absolute, base));
    else found.push(relative(base, absolute).split(sep).join('/'));
  }
  return found;
}

describe('property: the listing leaves nothing in between', () => {
  it('lists, reports or passes over every file of 200 random content trees, and never follows a link', async () => {
    const canMakeFifo = spawnSync('mkfifo', ['--version']).status === 0;
    const { root } = project();
    const base = join(root, 'content');
    const outside = join(root, 'outside');
    mkdirSync(join(outside, 'folder'), { recursive: true });
    writeFileSync(join(outside, 'folder', 'entry.md'), VALID.quotes);
    writeFileSync(join(outside, 'file.md'), VALID.quotes);
    const totals = { listed: 0, refused: 0, leftovers: 0, entries: 0, links: 0 };

    for (let seed = 1; seed <= 200; seed++) {
      rmSync(base, { recursive: true, force: true });
      mkdirSync(base);
      const made = generateTree(seed, base, outside, canMakeFifo);
      const byPath = new Map(made.map((item) => [item.path, item]));
      const listing = listContentFiles(root, base);
      const listed = new Set(listedPaths(listing));
      const topLevel = new Set(Object.values(listing.topLevel).map((file) => file.path));
      const named = (path: string) => listing.issues.some((found) => found.file === path || path.startsWith(`${found.file}/`));
      const context = `seed ${seed}`;

      // What the rules say is listed, is; nothing else is.
      const expected = made.filter((item) => shouldBeListed(item, byPath)).map((item) => `content/${item.path}`);
      expect([...listed].sort(), context).toEqual(expected.sort());

      for (const path of everyNonFolder(base, base)) {
        const shown = `content/${path}`;
        const item = byPath.get(path);
        const name = path.split('/').at(-1) ?? '';
        const leftover = lstatSync(join(base, path)).isFile() && isSystemLeftover(name);
        const isListed = listed.has(shown) || topLevel.has(shown);
        // Listed, or else named by an issue or a leftover: exactly one side.
        expect(isListed !== (named(shown) || leftover), `${context}: ${JSON.stringify(shown)}`).toBe(true);
        if (isListed) expect(named(shown), `${context}: ${JSON.stringify(shown)} listed and refused`).toBe(false);
        if (item?.leftover && !named(shown)) expect(leftover, `${context}: ${JSON.stringify(shown)}`).toBe(true);
        if (isListed) totals.listed++;
        else if (leftover && !named(shown)) totals.leftovers++;
        else totals.refused++;
      }

      // Every issue is about something in the tree.
      for (const found of listing.issues) {
        expect(found.file.startsWith('content/'), `${context}: ${found.file}`).toBe(true);
        expect(byPath.has(found.file.slice('content/'.length)), `${context}: ${JSON.stringify(found.file)}`).toBe(true);
      }

      // No listed path is a link or lies under one.
      for (const file of listing.files) {
        const parts = relative(base, file.absolute).split(sep);
        for (let index = 1; index <= parts.length; index++) {
          expect(lstatSync(join(base, ...parts.slice(0, index))).isSymbolicLink(), `${context}: ${file.path}`).toBe(false);
        }
        expect(realpathSync(file.absolute)).toBe(file.absolute);
        expect(lstatSync(file.absolute).isFile()).toBe(true);
      }
      totals.links += made.filter((item) => item.kind === 'link').length;

      // Every listed file whose text is an entry (and whose id is not too long) becomes that entry.
      const folder = await readContentFolder(root, 'content');
      const { content } = validateContent(folder.files, {
        siteTimeZone: 'UTC',
        allowSeveralQuotesPerDay: true,
        ...(folder.tagsFile ? { tagsFile: folder.tagsFile } : {}),
      });
      const entryPaths = new Set([...content.people, ...content.articles, ...content.quotes].map((entry) => entry.path));
      for (const file of listing.files) {
        const item = byPath.get(file.path.slice('content/'.length));
        const id = (file.path.split('/').at(-1) ?? '').slice(0, -'.md'.length);
        const shouldBeEntry = Boolean(item?.valid) && id.length <= 100;
        expect(entryPaths.has(file.path), `${context}: ${JSON.stringify(file.path)}`).toBe(shouldBeEntry);
        if (shouldBeEntry) totals.entries++;
      }
      expect(
        [...entryPaths].every((path) => listed.has(path)),
        context,
      ).toBe(true);
    }
    // The trees held every kind of case.
    expect(totals.listed).toBeGreaterThan(200);
    expect(totals.refused).toBeGreaterThan(200);
    expect(totals.leftovers).toBeGreaterThan(20);
    expect(totals.entries).toBeGreaterThan(100);
    expect(totals.links).toBeGreaterThan(50);
  });
});
