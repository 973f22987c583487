import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        // Pure modules: no build, no browser.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000, sequence: { groupOrder: 0 } },
      },
      {
        // Real builds of real and fixture content, and headless Chromium on them.
        test: {
          name: 'site',
          include: ['tests/build/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          exclude: ['tests/build/dev-server.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // One browser per worker; two cores.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // `astro dev` in the project, after everything else: Astro's dev server watches the project's
        // `.astro/` folder, which every build of the project writes, so no build runs beside it
        // (a fresh-clone run once saw the first server's content pages answer 404 while builds ran).
        test: {
          name: 'preview',
          include: ['tests/build/dev-server.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
