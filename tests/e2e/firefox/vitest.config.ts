import { defineConfig } from 'vitest/config';

import '../../node20-shims';

// The Firefox suite: the Firefox test build (.output/firefox-mv3-test, `npm run build:test:firefox`) in Debian's
// firefox-esr. One browser, one file at a time: the machine has 2 cores.
export default defineConfig({
  test: {
    root: new URL('../../..', import.meta.url).pathname,
    include: ['tests/e2e/firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
