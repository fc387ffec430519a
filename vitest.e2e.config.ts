import { defineConfig } from 'vitest/config';

// vitest 5's reporter prints failures with Map.groupBy, which Node 20 lacks (Node 21+): without this a failing
// test reports only "Map.groupBy is not a function" instead of its assertion.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

// Browser tests: the built test extension (.output/chrome-mv3-test, `npm run build:test`) in Debian's Chromium.
// One file at a time: each launches its own Chromium, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
