import { execFileSync } from 'node:child_process';
import { defineConfig } from 'wxt';

// A test build (LOCAL_MEETUPS_TEST_HOSTS=1) may reach the fixture servers on 127.0.0.1 without asking:
// chrome.permissions.request() cannot be answered in headless Chromium. The production build asks for no host.
const testHosts = process.env.LOCAL_MEETUPS_TEST_HOSTS === '1';
const BENCH_BLANK_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body><p>Blank</p></body></html>\n';
/** The same with one script, as the popup's first one: when the browser runs a page's first line of code. */
const BENCH_SCRIPT_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Script</title><script src="/bench-script.js"></script></head><body><p>Script</p></body></html>\n';
const BENCH_SCRIPT = 'window.__scriptMs = performance.now();\n';

export default defineConfig({
  imports: false,
  // The test build goes to its own folder (.output/chrome-mv3-test) so it never overwrites the production one.
  ...(testHosts ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-test' } : {}),
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip for Firefox review: generated data (npm install rebuilds the gazetteer) and run outputs stay out.
  zip: {
    excludeSources: ['public/gazetteer/**', 'demo-output/**', 'docs/**', 'test-results/**', 'tests/e2e/output/**', '.vitest/**'],
  },
  hooks: {
    // The browser bench's floor (tests/e2e/support/measure.ts): an extension page with nothing in it, and one with
    // a single script, opened like the popup in the same run. Test build only.
    'build:publicAssets': (_wxt, files) => {
      if (!testHosts) return;
      files.push({ relativeDest: 'bench-blank.html', contents: BENCH_BLANK_PAGE });
      files.push({ relativeDest: 'bench-script.html', contents: BENCH_SCRIPT_PAGE });
      files.push({ relativeDest: 'bench-script.js', contents: BENCH_SCRIPT });
    },
    // The offline gazetteer (issue #3) is generated from node_modules into public/gazetteer/ (gitignored), so
    // every dev, build and zip makes sure it exists and is current (a no-op when it is).
    'build:before': () => {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-gazetteer.ts'], { stdio: 'inherit' });
    },
    // Lets the background call browser.runtime.getURL(`/gazetteer/${file}`) for any shard.
    'prepare:publicPaths': (_wxt, paths) => {
      paths.push({ type: 'templateLiteral', path: 'gazetteer/${string}' });
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications', 'activeTab', 'scripting'],
    host_permissions: testHosts ? ['http://127.0.0.1/*'] : [],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // data_collection_permissions exists since Firefox 140 (the current ESR) and 142 on Android:
            // an older minimum makes `web-ext lint` warn that the key would be ignored there.
            gecko: {
              id: 'local-meetups@local-meetups.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
