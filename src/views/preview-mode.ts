/**
 * Whether the pages are served by `astro dev` (the curator's preview) rather than built.
 * The content-check integration sets `QTD_DEV_SERVER` when Astro starts its dev server:
 * the command tells, not NODE_ENV.
 */
export function isDevServer(): boolean {
  return process.env.QTD_DEV_SERVER === '1';
}
