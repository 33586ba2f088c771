import { defineConfig } from 'vitest/config';

// Every suite runs on PGlite (in memory). With DATABASE_URL_TEST set, the server suites run a second time
// on PostgreSQL, so both engines are tested on every run.
const serverTests = ['packages/server/src/**/*.test.ts', 'packages/server/test/**/*.test.ts'];
const shared = { testTimeout: 30_000, hookTimeout: 120_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    globalSetup: ['packages/server/test/global-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'pglite',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          env: { ZUZHANG_TEST_ENGINE: 'pglite' },
        },
      },
      ...(process.env.DATABASE_URL_TEST
        ? [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: serverTests,
                env: { ZUZHANG_TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
