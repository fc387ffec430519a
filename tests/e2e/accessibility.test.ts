/**
 * axe-core on the popup (with the demo feeds) and the options page, light and dark: no serious or critical
 * violation. The same pages are saved as the README's screenshots (docs/*.png).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import { SAMPLE_FEEDS } from '../fixtures/sample-feeds/sample-feeds';
import { seriousViolations } from './support/axe';
import { launchExtension, type ExtensionSession } from './support/extension';
import { addSampleFeeds, seedSettings } from './support/seed';

const DOCS = resolve(import.meta.dirname, '../../docs');
let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension();
  await seedSettings(session);
  await addSampleFeeds(
    session,
    server,
    SAMPLE_FEEDS.filter((feed) => feed.demo).map((feed) => feed.key),
  );
  mkdirSync(DOCS, { recursive: true });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the accessibility scan itself', () => {
  it('reports a serious violation when there is one (so a clean result means something)', async () => {
    const options = await session.openOptions();
    await options.page.getByRole('heading').first().waitFor({ state: 'visible' });
    await options.page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.body.append(img);
    });
    expect((await seriousViolations(options.page)).map((v) => v.id)).toContain('image-alt');
    await options.close();
  });
});

describe.each(['light', 'dark'] as const)('accessibility, %s theme', (colorScheme) => {
  const suffix = colorScheme === 'dark' ? '-dark' : '';

  it('popup with events: no serious or critical violation', async () => {
    const popup = await session.openPopup();
    await popup.page.emulateMedia({ colorScheme });
    await popup.waitForEvents();
    // The list settles (fonts, first paint) before the scan and the screenshot.
    await popup.page.waitForTimeout(200);
    expect(await seriousViolations(popup.page)).toEqual([]);
    await popup.screenshot(resolve(DOCS, `popup${suffix}.png`));

    await popup.openEvent(/Caen\.js #42/);
    expect(await seriousViolations(popup.page)).toEqual([]);
    await popup.close();
  });

  it('options page: no serious or critical violation', async () => {
    const options = await session.openOptions();
    await options.page.emulateMedia({ colorScheme });
    await options.page.getByRole('heading').first().waitFor({ state: 'visible' });
    await options.page.waitForTimeout(300);
    expect(await seriousViolations(options.page)).toEqual([]);
    await options.screenshot(resolve(DOCS, `options${suffix}.png`));
    await options.close();
  });
});
