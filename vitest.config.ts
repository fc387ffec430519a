import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import './tests/node20-shims.ts';

// A fresh worker per test file cost about half the suite's time. The node tests (*.test.ts) share workers,
// and tests/unit/setup.ts hands each file the state a fresh worker has; the DOM tests (*.test.tsx, happy-dom)
// keep a fresh worker, so a new window, each. Each project calls WxtVitest() itself: a project that only
// `extends` the root config misses the setup file the plugin adds (the fake browser as `browser`/`chrome`).
const setupFiles = ['tests/unit/setup.ts'];

export default defineConfig({
  test: {
    // Vitest's default (cores - 1), but two at least: on CI's two cores the default runs one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { plugins: [WxtVitest()], test: { name: 'node', include: ['tests/unit/**/*.test.ts'], setupFiles, isolate: false } },
      { plugins: [WxtVitest()], test: { name: 'dom', include: ['tests/unit/**/*.test.tsx'], setupFiles } },
    ],
  },
});
