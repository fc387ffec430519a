import { defineConfig } from 'vitest/config';

import './tests/node20-shims';

// Browser tests: the built test extension (.output/chrome-mv3-test, `npm run build:test`) in Debian's Chromium.
// One file at a time: each launches its own Chromium, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    // Firefox's suite has its own config and build (npm run test:e2e:firefox).
    exclude: ['tests/e2e/firefox/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
