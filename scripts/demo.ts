/**
 * `npm run demo`: the test build of the extension (it may read 127.0.0.1 without a permission prompt) in
 * Chromium, set to Caen, reading the bundled sample feeds from a local server. With a display it opens a window
 * and serves until Ctrl-C; without one it runs headless, saves screenshots of the popup and options page into
 * demo-output/, says where, and exits.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SAMPLE_FEEDS } from '../tests/fixtures/sample-feeds/sample-feeds';
import { launchExtension, type ExtensionSession } from '../tests/e2e/support/extension';
import { addSampleFeeds, refreshAll, seedSettings } from '../tests/e2e/support/seed';
import { startFixtureServer } from './fixture-server';

const OUTPUT_DIR = resolve(import.meta.dirname, '../demo-output');
const headed = !!process.env.DISPLAY && !process.env.CI;
const say = (line: string) => console.log(`demo: ${line}`);

async function main(): Promise<void> {
  const server = await startFixtureServer();
  say(`serving ${SAMPLE_FEEDS.filter((f) => f.demo).length} sample feeds on ${server.origin}`);
  for (const feed of SAMPLE_FEEDS.filter((f) => f.demo)) say(`  ${feed.name.padEnd(30)} ${server.url(feed.key)}`);

  say(`starting Chromium ${headed ? 'with a window' : 'headless (no DISPLAY)'} with the extension loaded`);
  let session: ExtensionSession;
  try {
    session = await launchExtension({ headed });
  } catch (error) {
    await server.close();
    throw error;
  }
  const stop = async () => {
    await session.close().catch(() => undefined);
    await server.close();
  };

  try {
    say('setting the city to Caen (49.1829, -0.3707, Europe/Paris), radius 25 km');
    await seedSettings(session);
    say('adding the sample feeds and reading them (the background fetches and parses them)');
    await addSampleFeeds(
      session,
      server,
      SAMPLE_FEEDS.filter((f) => f.demo).map((f) => f.key),
    );
    const summary = await refreshAll(session);
    say(`feeds up to date: ${summary.refreshed + summary.unchanged}, failed: ${summary.failed}`);

    if (headed) {
      await session.openOptions();
      await session.openPopup();
      say('the options page and the popup are open in the Chromium window (the toolbar button opens the popup too)');
      say('press Ctrl-C to stop');
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
        session.context.once('close', () => done());
      });
      say('stopping');
    } else {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      const popup = await session.openPopup();
      await popup.waitForEvents().catch(() => say('the popup shows no event (see the screenshot)'));
      await popup.page.waitForTimeout(300);
      const popupPath = resolve(OUTPUT_DIR, 'popup.png');
      await popup.screenshot(popupPath);
      const options = await session.openOptions();
      await options.page.waitForLoadState('networkidle');
      await options.page.waitForTimeout(300);
      const optionsPath = resolve(OUTPUT_DIR, 'options.png');
      await options.screenshot(optionsPath);
      say(`no display here: screenshots written to\n  ${popupPath}\n  ${optionsPath}`);
      say('with a display (DISPLAY set), `npm run demo` opens a Chromium window instead');
    }
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`demo: failed: ${error.message}`);
    process.exit(1);
  },
);
