/**
 * `npm run screenshots`: builds the site (unless --no-build), serves dist/ and saves
 * PNGs of each page type at 375 px and 1280 px, light and dark, into screenshots/
 * (git-ignored), with the headless Chromium of the test set-up.
 * Usage: node scripts/screenshots.ts [--no-build] [--dist dir] [--out dir] [/path/ …]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, closeBrowser } from '../tests/support/browser.ts';
import { serveStatic } from '../tests/support/static-server.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const dist = flag('--dist') ?? 'dist';
const out = flag('--out') ?? 'screenshots';
const paths = args.filter((arg) => arg.startsWith('/'));
const pages =
  paths.length > 0
    ? paths.map((path) => ({ name: path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home', path }))
    : [
        { name: 'home', path: '/' },
        { name: 'quote', path: '/quotes/spirit-of-resistance/' },
        { name: 'article', path: '/articles/the-afghan-who-wont-surrender-to-the-taliban/' },
        { name: 'person', path: '/people/ahmad-massoud/' },
        { name: 'quotes-list', path: '/quotes/' },
        { name: 'people-list', path: '/people/' },
        { name: 'feed', path: '/rss.xml' },
      ];

if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

mkdirSync(out, { recursive: true });
const server = await serveStatic(dist);
const browser = await launchBrowser();
try {
  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const { name, path } of pages) {
        // A feed is shown through its XSLT stylesheet, after which Chromium never reports the
        // network idle: the load event, once the stylesheet and its CSS have come, is enough.
        await page.goto(new URL(path, server.url).href, { waitUntil: path.endsWith('.xml') ? 'load' : 'networkidle' });
        const file = join(out, `${name}-${width}-${scheme}.png`);
        // Chromium cannot measure the full height of an XML document: feeds are shot at viewport size.
        await page.screenshot({ path: file, fullPage: !path.endsWith('.xml') });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await closeBrowser();
  await server.close();
}
