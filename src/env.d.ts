interface ImportMetaEnv {
  /**
   * True in `astro build`: each quote's citation.json is then written from one bundle
   * (src/build/integrations/citation-files.ts, which sets it), not rendered route by route.
   * Not `!import.meta.env.DEV`, which a NODE_ENV other than "production" (a test runner's)
   * turns true in a build too.
   */
  readonly QTD_CITATIONS_BUNDLED: boolean;
  /**
   * True in `astro build`: every page then carries the site's CSP in a <meta> tag
   * (src/layouts/BaseLayout.astro; src/build/integrations/headers.ts sets it). Not
   * `import.meta.env.PROD`, which a `PROD` variable in the environment overrides (a test
   * runner sets one).
   */
  readonly QTD_PAGE_CSP: boolean;
}
