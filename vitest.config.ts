import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Suites talk to a real MariaDB and spawn processes; a loaded two-core CI box is slow.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
