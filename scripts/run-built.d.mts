/** Types of scripts/run-built.mjs for the TypeScript that imports it (benchmarks, tests). */
export function bundlePaths(entry: string, cacheDir?: string): { bundle: string; stamp: string };
export function buildBundle(entry: string, options?: { root?: string; cacheDir?: string }): Promise<string>;
export function freshBundle(entry: string, options?: { root?: string; cacheDir?: string }): Promise<string>;
export function nodeBundleOptions(): {
  bundle: true;
  platform: 'node';
  format: 'esm';
  target: string;
  logLevel: 'error';
};
