import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Build tests spawn real `astro build`s; the browser tests share one Chromium.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
