/**
 * Loads the built test extension (.output/chrome-mv3-test, `npm run build:test`) into Debian's Chromium with
 * playwright-core, and gives the tests one session object: the worker, the pages, the badge, notifications,
 * messages to the background, and a real MV3 worker restart.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { OptionsPage } from './options-page';
import { PopupPage } from './popup-page';
import type { Browser } from '@wxt-dev/browser';

// Code passed to evaluate() runs inside the extension, where `chrome` is the extension API.
declare const chrome: typeof Browser;

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3-test');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** UI language of the browser (and so of browser.i18n). */
  locale?: 'en' | 'fr';
  /** Zone of the browser; the sample feeds live in Europe/Paris. */
  timeZone?: string;
  /** Headed window (the demo with a display). */
  headed?: boolean;
  extensionDir?: string;
}

export interface ProtocolResponse<T> {
  res?: T;
  err?: { message: string };
}

export class ExtensionSession {
  private controlPage: Page | null = null;

  constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
  ) {}

  url(path: string): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  /** The running service worker, waking it (and waiting for it) when Chromium has stopped it. */
  async worker(): Promise<Worker> {
    const running = this.context.serviceWorkers().find((w) => w.url().startsWith(this.url('')));
    if (running) return running;
    return this.context.waitForEvent('serviceworker', { timeout: 15_000 });
  }

  async inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const worker = await this.worker();
    return worker.evaluate(fn as never, arg) as Promise<R>;
  }

  /**
   * Sends one message of lib/messages.ts's ProtocolMap to the background, as the pages do (the
   * @webext-core/messaging envelope), from a hidden extension page: a worker cannot message itself.
   */
  async send<T = unknown>(type: string, data?: unknown, timeoutMs = 60_000): Promise<T> {
    const page = await this.control();
    const reply = await page.evaluate(
      async ({ type, data, timeoutMs }) => {
        const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer to ${type} in ${timeoutMs} ms`)), timeoutMs),
        );
        return (await Promise.race([chrome.runtime.sendMessage(message), timeout])) as ProtocolResponse<unknown>;
      },
      { type, data, timeoutMs },
    );
    if (!reply) throw new Error(`background sent no answer to ${type}`);
    if (reply.err) throw new Error(`background failed ${type}: ${reply.err.message}`);
    return reply.res as T;
  }

  /** An extension page used only to talk to the background (it is not the popup: opening that marks seen). */
  private async control(): Promise<Page> {
    if (this.controlPage && !this.controlPage.isClosed()) return this.controlPage;
    const page = await this.context.newPage();
    // A page of the extension that is neither the popup nor the options page, so nothing runs on load.
    await page.goto(this.url('manifest.json'));
    const hasApi = await page.evaluate(() => typeof chrome !== 'undefined' && !!chrome.runtime?.sendMessage);
    if (!hasApi) await page.goto(this.url('options.html'));
    this.controlPage = page;
    return page;
  }

  async storageGet(keys: string[] | null = null): Promise<Record<string, unknown>> {
    return this.inWorker((k) => chrome.storage.local.get(k), keys);
  }

  async storageSet(items: Record<string, unknown>): Promise<void> {
    await this.inWorker((i) => chrome.storage.local.set(i), items);
  }

  async badgeText(): Promise<string> {
    return this.inWorker(() => chrome.action.getBadgeText({}), undefined);
  }

  async badgeTitle(): Promise<string> {
    return this.inWorker(() => chrome.action.getTitle({}), undefined);
  }

  /** Ids and contents of the notifications currently shown, read from the worker's record of them. */
  async notificationIds(): Promise<string[]> {
    return this.inWorker(async () => Object.keys(await chrome.notifications.getAll()), undefined);
  }

  async clearNotifications(): Promise<void> {
    await this.inWorker(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    }, undefined);
  }

  /**
   * Stops the MV3 service worker the way Chromium does after 30 s idle (DevTools' ServiceWorker.stopAllWorkers),
   * then wakes it with a message. Returns once the restarted worker answers; a global set before the stop is
   * gone afterwards, which proves it really restarted.
   */
  async restartWorker(): Promise<void> {
    await this.inWorker(() => {
      (self as unknown as { __e2eAlive?: boolean }).__e2eAlive = true;
    }, undefined);
    const page = await this.control();
    const cdp = await this.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const deadline = Date.now() + 15_000;
    for (;;) {
      // Waking: any extension event starts the worker again; a storage read through the worker does too.
      await page.evaluate(() => chrome.runtime.sendMessage({ type: '__e2e_wake', timestamp: Date.now() }).catch(() => null));
      const alive = await this.inWorker(() => (self as unknown as { __e2eAlive?: boolean }).__e2eAlive === true, undefined).catch(
        () => null,
      );
      if (alive === false) return;
      if (Date.now() > deadline) throw new Error('the service worker did not restart');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async openPopup(options: { width?: number; height?: number } = {}): Promise<PopupPage> {
    const page = await this.context.newPage();
    await page.setViewportSize({ width: options.width ?? 400, height: options.height ?? 600 });
    await page.goto(this.url('popup.html'));
    return new PopupPage(page, this);
  }

  async openOptions(): Promise<OptionsPage> {
    const page = await this.context.newPage();
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto(this.url('options.html'));
    return new OptionsPage(page, this);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`No test build in ${dir}: run \`npm run build:test\` first.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  const locale = options.locale ?? 'en';
  const timeZone = options.timeZone ?? 'Europe/Paris';
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: false,
    locale: locale === 'fr' ? 'fr-FR' : 'en-US',
    timezoneId: timeZone,
    acceptDownloads: true,
    viewport: { width: 400, height: 600 },
    env: { ...process.env, TZ: timeZone, LANGUAGE: locale, LANG: locale === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
    args: [
      ...(options.headed ? [] : ['--headless=new']),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${locale}`,
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  // Chromium opens a blank first tab; the tests open their own pages.
  return new ExtensionSession(context, extensionId);
}
