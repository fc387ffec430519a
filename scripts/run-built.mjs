/**
 * `node scripts/run-built.mjs scripts/events.ts [args…]`: runs a TypeScript script from a JavaScript bundle built
 * once with esbuild, instead of compiling TypeScript at every start as tsx does (≈0.5 s per run). The bundle is
 * rebuilt, before it runs, whenever one of the files it was built from changed (a developer editing lib/ and
 * running again gets the new code): checking costs one stat per source file, about a millisecond.
 *
 * Plain JavaScript on purpose: this file is what starts, so it must not need a compiler itself.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'run-built');
/** Bump when the build options below change: bundles built with the old ones are then rebuilt. */
const BUILD_VERSION = 1;

/**
 * Sources keep their own location: `import.meta.url` (and `dirname`/`filename`) are replaced by the source
 * file's, so code that finds files next to itself (the gazetteer directory, `createRequire` for packages'
 * data, "am I the main script" checks) behaves as it does under tsx, wherever the bundle is written.
 */
const keepSourceLocation = {
  name: 'keep-source-location',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * How every TypeScript script of this repository is bundled to run under this Node (here and in the
 * benchmarks' scripts/bench/support/processes.ts): one ES module with its dependencies, for this major
 * version, quiet unless something does not compile.
 */
export function nodeBundleOptions() {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'error',
  };
}

/** Where the bundle of `entry` (a path relative to the repository) and its list of sources are kept. */
export function bundlePaths(entry, cacheDir = CACHE_DIR) {
  const name = entry.replace(/\.[cm]?tsx?$/, '').replace(/[^a-z0-9]+/gi, '-');
  return { bundle: path.join(cacheDir, `${name}.mjs`), stamp: path.join(cacheDir, `${name}.json`) };
}

/** The sources a bundle was built from, each with the size and modification time it had then. */
function readStamp(file) {
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8'));
    return stamp.version === BUILD_VERSION && Array.isArray(stamp.inputs) ? stamp : null;
  } catch {
    return null;
  }
}

function isFresh(stamp, root) {
  if (!stamp) return false;
  for (const [file, size, mtimeMs] of stamp.inputs) {
    try {
      const info = statSync(path.resolve(root, file));
      if (info.size !== size || info.mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export async function buildBundle(entry, { root = ROOT, cacheDir = CACHE_DIR } = {}) {
  const { build } = await import('esbuild');
  const { bundle, stamp } = bundlePaths(entry, cacheDir);
  mkdirSync(cacheDir, { recursive: true });
  // Written next to the final files, then renamed: a second run starting meanwhile never reads half a bundle.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const result = await build({
    ...nodeBundleOptions(),
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: tmp,
    metafile: true,
    plugins: [keepSourceLocation],
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => {
    const info = statSync(path.resolve(root, file));
    return [file, info.size, info.mtimeMs];
  });
  renameSync(tmp, bundle);
  writeFileSync(`${stamp}.${process.pid}.tmp`, JSON.stringify({ version: BUILD_VERSION, entry, inputs }));
  renameSync(`${stamp}.${process.pid}.tmp`, stamp);
  return bundle;
}

/** The bundle of `entry`, built or rebuilt first if any of its sources changed since. */
export async function freshBundle(entry, options = {}) {
  const { root = ROOT, cacheDir = CACHE_DIR } = options;
  const paths = bundlePaths(entry, cacheDir);
  if (isFresh(readStamp(paths.stamp), root)) return paths.bundle;
  return buildBundle(entry, { root, cacheDir });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = process.argv[2];
  if (!entry) {
    process.stderr.write('usage: node scripts/run-built.mjs <script.ts> [arguments…]\n');
    process.exit(2);
  }
  let bundle;
  try {
    bundle = await freshBundle(entry);
  } catch (error) {
    // esbuild has already printed where the source does not compile.
    process.stderr.write(`${entry}: cannot build (${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`);
    process.exit(1);
  }
  // The script sees the arguments it would see under `tsx <script.ts> …`.
  process.argv.splice(1, 2, path.resolve(ROOT, entry));
  await import(pathToFileURL(bundle).href);
}
