import { describe, expect, it } from 'vitest';
import { fileCheckArtefact, formatNuMessages, javaCommand, javaMajorVersion, readNuReport } from '../support/nu-checker.ts';

// A report as vnu.jar 26.9 writes it with `--format json`, for a folder /site.
const REPORT = JSON.stringify({
  version: '26.9.27',
  messages: [
    {
      type: 'error',
      url: 'file:/site/search/index.html',
      lastLine: 1,
      firstColumn: 5219,
      lastColumn: 5324,
      message: 'Stray start tag “script”.',
      extract: '></footer></body></html><script type="module" src="/_astro/search.js"></scri',
    },
    {
      type: 'info',
      subType: 'warning',
      url: 'file:/site/index.html',
      lastLine: 1,
      firstColumn: 2805,
      message:
        'Resource violates Content Security Policy (meta tag): external stylesheet “/_astro/BaseLayout.css” blocked by “style-src” directive.',
      extract: '"><link rel="stylesheet" href="/_astro/BaseLayout.css"></head',
    },
    {
      type: 'info',
      subType: 'warning',
      url: 'file:/site/quotes/a/index.html',
      lastLine: 1,
      firstColumn: 900,
      message:
        'Inline script violates Content Security Policy (meta tag): blocked by “script-src” directive (missing “‘unsafe-inline’” or nonce/hash).',
      extract: ' Massoud"><script type="application/ld+json">{"@con',
    },
    {
      type: 'info',
      url: 'file:/site/about/index.html',
      lastLine: 3,
      firstColumn: 4,
      message: 'Trailing slash on void elements has no effect.',
    },
  ],
});

describe('readNuReport', () => {
  it('names each page relative to the folder, with its line, column and severity', () => {
    const messages = readNuReport(REPORT, '/site');
    expect(messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity}`)).toEqual([
      'search/index.html:1:5219 error',
      'index.html:1:2805 warning',
      'quotes/a/index.html:1:900 warning',
      'about/index.html:3:4 info',
    ]);
  });
});

describe('fileCheckArtefact', () => {
  const [stray, sameSite, jsonLd, note] = readNuReport(REPORT, '/site');

  it('sets aside the CSP notices a check of files raises, and only those', () => {
    expect(sameSite && fileCheckArtefact(sameSite)).toMatch(/same-site/);
    expect(jsonLd && fileCheckArtefact(jsonLd)).toMatch(/JSON-LD/);
    expect(stray && fileCheckArtefact(stray)).toBeUndefined();
    expect(note && fileCheckArtefact(note)).toBeUndefined();
  });

  it('sets aside a relative image as a same-site file too', () => {
    const image = 'Resource violates Content Security Policy (meta tag): image “x” blocked by “img-src” directive.';
    expect(fileCheckArtefact({ file: 'quotes/a/index.html', severity: 'warning', message: image })).toMatch(/same-site/);
  });

  it('keeps a CSP notice about another site’s file or a script that would run', () => {
    const base = { file: 'index.html', severity: 'warning' as const };
    const foreign =
      'Resource violates Content Security Policy (meta tag): external script “//cdn.example/x.js” blocked by “script-src” directive.';
    expect(fileCheckArtefact({ ...base, message: foreign })).toBeUndefined();
    const absolute =
      'Resource violates Content Security Policy (meta tag): image “https://cdn.example/a.png” blocked by “img-src” directive.';
    expect(fileCheckArtefact({ ...base, message: absolute })).toBeUndefined();
    const inline = 'Inline script violates Content Security Policy (meta tag): blocked by “script-src” directive.';
    expect(fileCheckArtefact({ ...base, message: inline, extract: '<script>alert(1)</script>' })).toBeUndefined();
  });
});

describe('formatNuMessages', () => {
  it('writes file:line:column, the severity, the message and the quoted source', () => {
    const [stray] = readNuReport(REPORT, '/site');
    expect(formatNuMessages(stray ? [stray] : [])).toBe(
      'search/index.html:1:5219: error: Stray start tag “script”.\n' +
        '    ></footer></body></html><script type="module" src="/_astro/search.js"></scri',
    );
  });
});

describe('Java', () => {
  it('reads the major version of old and new version strings', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_202"')).toBe(8);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('no version here')).toBeUndefined();
  });

  it('runs the JAVA_HOME one when it is set, else java from the PATH', () => {
    expect(javaCommand({ JAVA_HOME: '/opt/jdk' })).toBe('/opt/jdk/bin/java');
    expect(javaCommand({})).toBe('java');
  });
});
