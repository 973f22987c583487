/**
 * html-validate over built pages, with the project's `.htmlvalidate.json`.
 *
 * The config is loaded once from the project root and used for every file, wherever
 * it lies (a fixture build in a temp folder gets the same rules as dist/), and
 * html-validate resolves it once instead of walking directories per file.
 *
 * Why `.htmlvalidate.json` departs from `html-validate:recommended` (JSON has no comments):
 * - `doctype-style` off: Astro writes `<!DOCTYPE html>` on pages but `<!doctype html>` on
 *   the redirect pages it generates for `redirects`; the doctype is case-insensitive.
 * - `valid-id` relaxed: Astro's Markdown heading slugs start with a digit when the heading
 *   does ("2024 review" → `id="2024-review"`); HTML5 allows any id without spaces, and the
 *   strict mode only spares authors of CSS selectors an escape.
 * - `long-title` off: html-validate measures the escaped source, so a title holding `<` or
 *   `&` counts `&lt;` as four characters. The 70-character limit is kept by
 *   `pageTitle` (src/views/head.ts) on the text a reader sees, and checked on every built
 *   page by tests/build/trust.test.ts.
 * - `root: true`: no configuration from folders above the project applies.
 * Kept on deliberately: `no-inline-style` (the CSP forbids style attributes, so one is a
 * real breakage, e.g. Shiki's highlighted code).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import type { ConfigData, Report, ResolvedConfig } from 'html-validate';
import { readFilesAhead } from './link-check.ts';

export const HTML_VALIDATE_CONFIG_FILE = fileURLToPath(new URL('../../.htmlvalidate.json', import.meta.url));

export interface HtmlValidationResult {
  /** `file:line:col rule message`, one per problem. */
  messages: string[];
  errorCount: number;
  warningCount: number;
  filesChecked: number;
}

/**
 * html-validate resolves the configuration (element metadata and all) again for every
 * document, a third of the time spent on a page; with one static config the result is
 * the same each time, so it is resolved once.
 */
class ResolveOnceConfigLoader extends StaticConfigLoader {
  #resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;

  override getConfigFor(handle: string, configOverride?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride !== undefined) return super.getConfigFor(handle, configOverride);
    this.#resolved ??= super.getConfigFor(handle);
    return this.#resolved;
  }

  override setConfig(config: ConfigData): void {
    super.setConfig(config);
    this.#resolved = undefined;
  }

  override flushCache(): void {
    this.#resolved = undefined;
  }
}

export function createHtmlValidator(configFile = HTML_VALIDATE_CONFIG_FILE): HtmlValidate {
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as ConfigData;
  return new HtmlValidate(new ResolveOnceConfigLoader(config));
}

export function formatValidationReport(report: Report): string[] {
  return report.results.flatMap((result) =>
    result.messages.map((message) => `${result.filePath}:${message.line}:${message.column} ${message.ruleId} ${message.message}`),
  );
}

/** Validates one document; `filename` is only used in the messages. */
export async function validateHtmlString(
  html: string,
  filename: string,
  validator: HtmlValidate = createHtmlValidator(),
): Promise<HtmlValidationResult> {
  const report = await validator.validateString(html, filename);
  return {
    messages: formatValidationReport(report),
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    filesChecked: 1,
  };
}

/**
 * Validates files one at a time (html-validate keeps each source in its report, so a
 * single report over thousands of pages would hold them all), with the next reads
 * in flight. Paths are reported as given, resolved against `baseDir`.
 */
export async function validateHtmlFiles(
  files: readonly string[],
  opts: { baseDir?: string; validator?: HtmlValidate } = {},
): Promise<HtmlValidationResult> {
  const validator = opts.validator ?? createHtmlValidator();
  const result: HtmlValidationResult = { messages: [], errorCount: 0, warningCount: 0, filesChecked: 0 };
  for await (const { file, text } of readFilesAhead(opts.baseDir ?? '', files, 2)) {
    const report = await validator.validateString(text, file);
    result.messages.push(...formatValidationReport(report));
    result.errorCount += report.errorCount;
    result.warningCount += report.warningCount;
    result.filesChecked++;
  }
  return result;
}
