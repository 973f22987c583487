/**
 * The site's Content Security Policy and the other security headers, in one place:
 * every built page carries the policy in a <meta> tag (src/layouts/BaseLayout.astro),
 * for hosts that send no headers of a site's choosing, such as GitHub Pages; the
 * headers integration writes it, with what a meta tag cannot carry, into
 * dist/_headers for Netlify and Cloudflare Pages.
 *
 * The policy allows no inline script or style, so it needs no hashes and is the same
 * on every page: a page loads its scripts and stylesheets as files (astro.config.mjs).
 */

/** Directives beyond script-src and style-src. */
export const contentSecurityDirectives = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "manifest-src 'self'",
] as const;

/** script-src and style-src as the headers file states them: no inline code anywhere. */
export const scriptAndStyleDirectives = ["script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'"] as const;

/** Only an HTTP header can forbid framing (a meta CSP ignores frame-ancestors). */
export const headerOnlyDirectives = ["frame-ancestors 'none'"] as const;

/** The policy of every page's <meta> tag: the header's, but for what only a header can carry. */
export function metaPolicy(): string {
  return [...contentSecurityDirectives, ...scriptAndStyleDirectives].join('; ');
}

export function headerPolicy(): string {
  return [...contentSecurityDirectives, ...scriptAndStyleDirectives, ...headerOnlyDirectives].join('; ');
}

export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()',
  'X-Frame-Options': 'DENY',
};

/**
 * dist/_headers (Netlify, Cloudflare Pages): security headers on everything, long
 * caching for Astro's content-hashed assets, short caching for pages and feeds, and
 * the content types of the citation files.
 */
export function headersFile(basePath: string): string {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const lines = [`${base}*`, `  Content-Security-Policy: ${headerPolicy()}`];
  for (const [name, value] of Object.entries(securityHeaders)) lines.push(`  ${name}: ${value}`);
  lines.push('', `${base}_astro/*`, '  Cache-Control: public, max-age=31536000, immutable');
  lines.push('', `${base}og/*`, '  Cache-Control: public, max-age=86400');
  lines.push('', `${base}pagefind/*`, '  Cache-Control: public, max-age=3600');
  for (const feed of ['*.xml', 'feed.json', 'quotes.json']) {
    lines.push('', `${base}${feed}`, '  Cache-Control: public, max-age=900');
  }
  lines.push('', `${base}*.html`, '  Cache-Control: public, max-age=300, must-revalidate');
  // Hosts guess a type from the extension, and know neither: a reference manager, or a
  // browser told to download, should get the citation's own type.
  lines.push('', `${base}quotes/*/citation.bib`, '  Content-Type: application/x-bibtex; charset=utf-8');
  lines.push('', `${base}quotes/*/citation.json`, '  Content-Type: application/vnd.citationstyles.csl+json; charset=utf-8');
  return `${lines.join('\n')}\n`;
}
