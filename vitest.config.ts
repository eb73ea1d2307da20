import { defineConfig } from 'vitest/config';

// Integration and e2e suites share one PostgreSQL and one NATS server: files run one at a time so their
// streams, consumers and databases never race each other.
export default defineConfig({
  test: {
    include: ['services/*/src/**/*.test.ts', 'operator/src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: false,
    globalSetup: ['test/support/bundle.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
