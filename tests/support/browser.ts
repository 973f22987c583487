// One headless Chromium per test worker, with no set-up beyond `npm install`.
//
// CHROME_PATH wins when set. Otherwise on Linux x64 the browser shipped inside
// @sparticuz/chromium is inflated once into node_modules/.cache/qtd-chromium/
// (the package's own loader assumes AWS Lambda and /tmp, so we do it ourselves)
// and given its own fonts; a CHROME_PATH browser uses the machine's fonts.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, createBrotliDecompress, inflateSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const cacheRoot = join(projectRoot, 'node_modules', '.cache', 'qtd-chromium');
const requireFromHere = createRequire(import.meta.url);

// Bump when the cache layout or the font set changes, so old caches are not reused.
const cacheLayout = 'v1';

// Quiet on a closed network: nothing phones home, nothing needs a GPU.
// Playwright adds --headless and --no-sandbox itself and refuses --user-data-dir
// in `args`: it always gives each launch a fresh temporary profile.
const browserArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-dev-shm-usage',
];

const macChromePaths = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

// Fallback fonts for pages without web fonts: Latin serif, Latin sans, Arabic.
const fontsourceFiles = [
  ...['latin', 'latin-ext'].flatMap((subset) =>
    ['400-normal', '400-italic', '700-normal', '700-italic'].map(
      (style) => `@fontsource/noto-serif/files/noto-serif-${subset}-${style}.woff`,
    ),
  ),
  '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff',
  '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff',
];

interface BrowserInstall {
  executablePath: string;
  env?: Record<string, string>;
  description: string;
}

let launching: Promise<Browser> | undefined;

export async function launchBrowser(): Promise<Browser> {
  launching ??= startBrowser().catch((error: unknown) => {
    launching = undefined;
    throw error;
  });
  return launching;
}

export async function closeBrowser(): Promise<void> {
  const pending = launching;
  launching = undefined;
  if (!pending) return;
  const browser = await pending.catch(() => undefined);
  await browser?.close();
}

async function startBrowser(): Promise<Browser> {
  const install = await findBrowser();
  try {
    return await chromium.launch({
      executablePath: install.executablePath,
      args: browserArgs,
      ...(install.env ? { env: install.env } : {}),
    });
  } catch (error) {
    throw new Error(`Could not launch Chromium (${install.description}).\n${howToFix}\nLaunch error: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

const howToFix = [
  'How to fix:',
  '  - set CHROME_PATH to a Chrome or Chromium executable, e.g.',
  "    macOS: install Google Chrome, then CHROME_PATH='/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'",
  '    Linux: CHROME_PATH=$(command -v chromium || command -v google-chrome)',
  `  - on Linux x64 the bundled @sparticuz/chromium is used; delete ${cacheRoot} to inflate it again`,
].join('\n');

async function findBrowser(): Promise<BrowserInstall> {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.\n${howToFix}`);
    }
    return { executablePath: fromEnv, description: `CHROME_PATH=${fromEnv}` };
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      return await bundledChromium();
    } catch (error) {
      throw new Error(
        `Could not prepare the Chromium bundled in @sparticuz/chromium into ${cacheRoot}.\n${howToFix}\nError: ${messageOf(error)}`,
        { cause: error },
      );
    }
  }
  const installed = process.platform === 'darwin' ? macChromePaths.find((path) => existsSync(path)) : undefined;
  if (installed) return { executablePath: installed, description: installed };
  const tried = process.platform === 'darwin' ? `, ${macChromePaths.join(', ')}` : '';
  throw new Error(
    `No browser for ${process.platform}-${process.arch}: tried CHROME_PATH (unset)${tried}; ` +
      `the bundled @sparticuz/chromium only runs on Linux x64.\n${howToFix}`,
  );
}

async function bundledChromium(): Promise<BrowserInstall> {
  const packageDir = resolve(dirname(requireFromHere.resolve('@sparticuz/chromium')), '..', '..');
  const binDir = join(packageDir, 'bin');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const installDir = join(cacheRoot, `${version}-${cacheLayout}`);
  if (!existsSync(join(installDir, 'chromium'))) {
    await inflateInto(installDir, binDir);
    await removeOtherVersions(installDir);
  }

  const executablePath = join(installDir, 'chromium');
  const env: Record<string, string> = { ...definedEnv(), FONTCONFIG_FILE: join(installDir, 'fonts.conf') };
  // Debian/Ubuntu usually have NSS; Amazon Linux and slim images may not. Only then
  // use the package's copies, so a working system NSS is never shadowed.
  if (await hasMissingLibraries(executablePath)) {
    env['LD_LIBRARY_PATH'] = [join(installDir, 'lib'), process.env['LD_LIBRARY_PATH']].filter(Boolean).join(':');
  }
  return { executablePath, env, description: `bundled @sparticuz/chromium ${version} at ${executablePath}` };
}

// Several test workers may race here: each builds a private folder and renames it
// into place; a loser throws its copy away and uses the winner's.
async function inflateInto(installDir: string, binDir: string): Promise<void> {
  const workDir = `${installDir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(join(workDir, 'fonts'), { recursive: true });
  try {
    await pipeline(
      createReadStream(join(binDir, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(workDir, 'chromium'), { mode: 0o755 }),
    );
    await extractTar(brotliDecompressSync(await readFile(join(binDir, 'al2023.tar.br'))), workDir);
    await extractTar(brotliDecompressSync(await readFile(join(binDir, 'fonts.tar.br'))), join(workDir, 'package-fonts'));
    for (const file of fontsourceFiles) {
      const ttfName = file.replace(/^.*\//, '').replace(/\.woff$/, '.ttf');
      await writeFile(join(workDir, 'fonts', ttfName), woffToSfnt(await readFile(requireFromHere.resolve(file))));
    }
    // Paths inside fonts.conf must name the final folder, not this temporary one.
    await writeFile(join(workDir, 'fonts.conf'), fontConfig(installDir));
    await mkdir(dirname(installDir), { recursive: true });
    await rename(workDir, installDir).catch((error: unknown) => {
      if (!existsSync(join(installDir, 'chromium'))) throw error;
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// Each inflated browser takes ~200 MB; keep only the current one.
async function removeOtherVersions(installDir: string): Promise<void> {
  const current = basename(installDir);
  for (const entry of await readdir(cacheRoot)) {
    // Other workers' temporary folders for the current version start with its name.
    if (!entry.startsWith(current)) await rm(join(cacheRoot, entry), { recursive: true, force: true });
  }
}

// Only our fonts, not the machine's, so text renders the same on every Linux host.
function fontConfig(installDir: string): string {
  const family = (name: string) => `<family>${name}</family>`;
  const alias = (names: string[], prefer: string[]) =>
    names.map((name) => `  <alias>${family(name)}<prefer>${prefer.map(family).join('')}</prefer></alias>`).join('\n');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(installDir, 'fonts')}</dir>
  <dir>${join(installDir, 'package-fonts')}</dir>
  <cachedir>${join(installDir, 'fontconfig-cache')}</cachedir>
${alias(['serif', 'Times New Roman', 'Times'], ['Noto Serif', 'Noto Naskh Arabic'])}
${alias(['sans-serif', 'Arial', 'Helvetica', 'system-ui'], ['Open Sans', 'Noto Naskh Arabic'])}
</fontconfig>
`;
}

async function hasMissingLibraries(executablePath: string): Promise<boolean> {
  return new Promise((done) => {
    execFile('ldd', [executablePath], (error, stdout) => {
      // Without ldd we cannot tell; the package's libraries are the safer bet.
      done(error !== null || /not found/.test(stdout));
    });
  });
}

function definedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

// Enough of tar for the package's archives: plain files and folders (ustar and
// GNU), with GNU long names and pax `path` records.
async function extractTar(archive: Buffer, destination: string): Promise<void> {
  const root = resolve(destination);
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;

    if (type === 'L') {
      longName = cString(body);
      continue;
    }
    if (type === 'x') {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? longName;
      continue;
    }
    const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? cString(header.subarray(345, 500)) : '';
    const name = longName ?? (prefix ? `${prefix}/` : '') + cString(header.subarray(0, 100));
    longName = undefined;
    const target = resolve(root, name);
    if (target !== root && !target.startsWith(root + sep)) throw new Error(`tar entry escapes its folder: ${name}`);
    if (type === '5') {
      await mkdir(target, { recursive: true });
    } else if (type === '0' || type === '\0') {
      const mode = parseInt(cString(header.subarray(100, 108)).trim() || '644', 8);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, body, { mode });
    }
  }
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

// Fontconfig in this Chromium ignores WOFF files, and @fontsource ships nothing
// else, so unwrap WOFF 1.0 into a plain TrueType/OpenType file.
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressedLength = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compressedLength);
    return {
      tag: woff.readUInt32BE(entry),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressedLength < length ? inflateSync(stored) : stored,
    };
  });

  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const padded = (length: number) => Math.ceil(length / 4) * 4;
  const headerLength = 12 + numTables * 16;
  const sfnt = Buffer.alloc(headerLength + tables.reduce((sum, table) => sum + padded(table.data.length), 0));
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(numTables, 4);
  sfnt.writeUInt16BE(searchRange, 6);
  sfnt.writeUInt16BE(entrySelector, 8);
  sfnt.writeUInt16BE(numTables * 16 - searchRange, 10);
  let dataOffset = headerLength;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    sfnt.writeUInt32BE(table.tag, record);
    sfnt.writeUInt32BE(table.checksum, record + 4);
    sfnt.writeUInt32BE(dataOffset, record + 8);
    sfnt.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(sfnt, dataOffset);
    dataOffset += padded(table.data.length);
  });
  return sfnt;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
