/**
 * The W3C Nu Html Checker (`vnu.jar`, from the `vnu-jar` package) over a folder of built
 * pages, for `npm run validate` (scripts/validate.ts). It is the checker behind
 * validator.w3.org, stricter than html-validate where the HTML parsing algorithm is
 * concerned (content after `</html>`, for one). It needs a Java runtime, 17 or later,
 * which the project cannot bring: that is why it runs as its own command, not in `npm test`.
 *
 * The checker reads the pages as files. Two of its Content-Security-Policy notices then
 * describe the file, not the page a browser gets, and are set aside with their reason
 * (`fileCheckArtefact`); every other message is reported.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The oldest Java the checker's jar runs on. */
export const MIN_JAVA = 17;

export interface NuMessage {
  /** Path of the page relative to the checked folder, with `/`. */
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  /** The checker's `error`, a `warning` (its info messages of subtype warning), or `info`. */
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The source around the problem, as the checker quotes it. */
  extract?: string | undefined;
}

/** The Java command to run: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` on the PATH. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env['JAVA_HOME'] ? join(env['JAVA_HOME'], 'bin', 'java') : 'java';
}

/** The major version `java -version` states: `openjdk version "17.0.15"` is 17, `java version "1.8.0_202"` is 8. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** Why the checker cannot run with this Java (missing, or too old), or undefined when it can. */
export function javaProblem(java: string): string | undefined {
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const install =
    'Install a Java runtime (Debian/Ubuntu: `sudo apt-get install default-jre-headless`; macOS: `brew install openjdk`; ' +
    'or Temurin from https://adoptium.net), or set JAVA_HOME to one.';
  if (probe.error) {
    return `The W3C checker needs Java ${MIN_JAVA} or later, and no Java runtime was found (${java}: ${probe.error.message}).\n${install}`;
  }
  const major = javaMajorVersion(`${probe.stderr}${probe.stdout}`);
  if (major === undefined) return `Could not read the version of ${java}: ${`${probe.stderr}${probe.stdout}`.trim()}\n${install}`;
  if (major < MIN_JAVA) return `The W3C checker needs Java ${MIN_JAVA} or later; ${java} is Java ${major}.\n${install}`;
  return undefined;
}

/** Where the `vnu-jar` package keeps the checker. */
export function vnuJarPath(): string {
  return String(createRequire(import.meta.url)('vnu-jar'));
}

interface RawMessage {
  type?: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message?: string;
  extract?: string;
}

/** The checker's JSON report (`--format json`) as messages, each page named relative to `folder`. */
export function readNuReport(json: string, folder: string): NuMessage[] {
  const report = JSON.parse(json) as { messages?: RawMessage[] };
  return (report.messages ?? []).map((raw) => {
    const path = raw.url?.startsWith('file:') ? fileURLToPath(raw.url) : (raw.url ?? '');
    const severity = raw.type === 'error' || raw.type === 'non-document-error' ? 'error' : raw.subType === 'warning' ? 'warning' : 'info';
    return {
      file: path ? relative(folder, path).split(sep).join('/') : '(the checker)',
      line: raw.lastLine,
      column: raw.firstColumn ?? raw.lastColumn,
      severity,
      message: raw.message ?? '',
      extract: raw.extract,
    };
  });
}

/**
 * Why a message describes the page read as a file rather than the page a browser gets,
 * or undefined for a real message. Two CSP notices are of that kind:
 * - a same-site resource (a relative URL: a stylesheet, a script, an image) "blocked" by
 *   `'self'`: a `file:` page has an opaque origin that `'self'` never matches, while a
 *   served page loads them (the browser tests check every page's CSP);
 * - a JSON-LD block "blocked" by `script-src`: a data block is never run, so a CSP
 *   does not apply to it.
 */
export function fileCheckArtefact(message: NuMessage): string | undefined {
  const resource = /^Resource violates Content Security Policy \(meta tag\): [^“]* “([^”]*)” blocked/.exec(message.message)?.[1];
  if (resource !== undefined && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(resource)) {
    return "a same-site file, allowed by 'self' once served";
  }
  if (
    message.message.startsWith('Inline script violates Content Security Policy') &&
    message.extract?.includes('<script type="application/ld+json">')
  ) {
    return 'a JSON-LD data block, which is never run';
  }
  return undefined;
}

export interface NuCheck {
  /** Every message but the file-check artefacts, in the checker's order. */
  messages: NuMessage[];
  /** The artefacts set aside, with why. */
  setAside: { message: NuMessage; reason: string }[];
}

/** Checks every HTML file under `folder` (the checker walks it) with one run of the checker. */
export function checkFolder(folder: string, java: string, jar = vnuJarPath()): NuCheck {
  const run = spawnSync(java, ['-jar', jar, '--format', 'json', '--stdout', '--skip-non-html', folder], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (!run.stdout.trim().startsWith('{')) {
    throw new Error(`The W3C checker did not report (exit status ${run.status}):\n${`${run.stdout}${run.stderr}`.trim()}`);
  }
  const check: NuCheck = { messages: [], setAside: [] };
  for (const message of readNuReport(run.stdout, folder)) {
    const reason = fileCheckArtefact(message);
    if (reason) check.setAside.push({ message, reason });
    else check.messages.push(message);
  }
  return check;
}

/** One line a message, `file:line:column: severity: message`, then the source it quotes. */
export function formatNuMessages(messages: readonly NuMessage[]): string {
  return messages
    .map((message) => {
      const where = [message.file, message.line, message.column].filter((part) => part !== undefined).join(':');
      const extract = message.extract ? `\n    ${message.extract.replace(/\s+/g, ' ').trim()}` : '';
      return `${where}: ${message.severity}: ${message.message}${extract}`;
    })
    .join('\n');
}
