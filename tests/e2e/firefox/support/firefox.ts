/**
 * Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi, with the Firefox test build
 * (.output/firefox-mv3-test) installed as a temporary add-on. Playwright cannot drive a stock Firefox, and
 * Firefox sends no navigation events for moz-extension:// pages over BiDi, so pages are opened with a raw
 * `browsingContext.navigate` and awaited by polling. Console output of extension pages and the background
 * goes to Firefox's stdout (devtools.console.stdout.content): the session keeps it, to fail on errors.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_DIR = resolve(import.meta.dirname, '../../../../.output/firefox-mv3-test');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Chosen by us (Firefox would pick a random one), so the extension's pages have fixed URLs. */
export const EXTENSION_UUID = '11111111-2222-4333-8444-555555555555';
const GECKO_ID = 'local-meetups@local-meetups.org';

/** What only the Firefox build has, reached from an extension page (the polyfilled `browser` global). */
declare const browser: {
  runtime: { sendMessage(message: unknown): Promise<unknown>; getBackgroundPage(): Promise<Window & Record<string, unknown>> };
  storage: { local: { get(keys: string[] | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  permissions: { getAll(): Promise<{ origins: string[] }>; remove(p: { origins: string[] }): Promise<boolean> };
  notifications: { getAll(): Promise<Record<string, { title?: string; message?: string }>>; clear(id: string): Promise<boolean> };
};

export interface ShownNotification {
  id: string;
  title: string;
  message: string;
}

/**
 * The errors the extension printed, from Firefox's output lines: its console.error calls (an entry with its
 * indented continuation lines) and what it threw uncaught. A console.error whose text points only into
 * Firefox's own code (resource://, chrome://: its experiment loader offline, say) is Firefox's, not ours.
 */
export function extensionErrors(lines: readonly string[]): string[] {
  const errors: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.includes(`JavaScript error: moz-extension://${EXTENSION_UUID}/`)) errors.push(line);
    if (!line.startsWith('console.error:')) continue;
    let entry = line;
    while (index + 1 < lines.length && /^\s/.test(lines[index + 1]!)) entry += `\n${lines[++index]}`;
    const firefoxOwn = /(resource|chrome):\/\//.test(entry) && !entry.includes('moz-extension://');
    if (!firefoxOwn) errors.push(entry);
  }
  return errors;
}

interface BidiConnection {
  /** Answers the whole BiDi message: the command's result is its `result`. */
  send(method: string, params: object): Promise<{ result: unknown }>;
}

export class FirefoxSession {
  readonly output: string[] = [];
  private controlPage: Page | null = null;
  private chromeContext: string | null = null;
  /** Each permission prompt seen and answered: the host it named. */
  readonly prompts: string[] = [];

  constructor(readonly browser: Browser) {
    let pending = '';
    const collect = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      this.output.push(...lines);
    };
    browser.process()?.stdout?.on('data', collect);
    browser.process()?.stderr?.on('data', collect);
  }

  private get connection(): BidiConnection {
    return (this.browser as unknown as { connection: BidiConnection }).connection;
  }

  url(path: string): string {
    return `moz-extension://${EXTENSION_UUID}/${path}`;
  }

  /** Lines the extension printed as errors so far. */
  errors(): string[] {
    return extensionErrors(this.output);
  }

  /** Opens an extension page in a new tab of the given size and waits until it has loaded. */
  async open(path: string, size = { width: 400, height: 600 }): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setViewport(size);
    await this.navigate(page, path);
    return page;
  }

  async navigate(page: Page, path: string): Promise<void> {
    const url = this.url(path);
    const context = (page.mainFrame() as unknown as { _id: string })._id;
    await this.connection.send('browsingContext.navigate', { context, url, wait: 'none' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ready = await page.evaluate((wanted) => location.href === wanted && document.readyState === 'complete', url).catch(() => false);
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`${url} did not load`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** An extension page that is neither the popup nor the options page (opening those has effects). */
  private async control(): Promise<Page> {
    if (this.controlPage && !this.controlPage.isClosed()) return this.controlPage;
    this.controlPage = await this.open('manifest.json');
    return this.controlPage;
  }

  async inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const page = await this.control();
    return page.evaluate(fn as never, arg) as Promise<R>;
  }

  /** One message of lib/messages.ts's ProtocolMap, in @webext-core/messaging's envelope, as the pages send it. */
  async send<T = unknown>(type: string, data?: unknown): Promise<T> {
    const reply = await this.inExtension(
      ({ type, data }) => browser.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() }),
      { type, data },
    );
    const answer = reply as { res?: T; err?: { message: string } } | undefined;
    if (!answer) throw new Error(`background sent no answer to ${type}`);
    if (answer.err) throw new Error(`background failed ${type}: ${answer.err.message}`);
    return answer.res as T;
  }

  storageGet(keys: string[] | null = null): Promise<Record<string, unknown>> {
    return this.inExtension((k) => browser.storage.local.get(k), keys);
  }

  storageSet(items: Record<string, unknown>): Promise<void> {
    return this.inExtension((i) => browser.storage.local.set(i), items);
  }

  badgeText(): Promise<string> {
    return this.inExtension(() => browser.action.getBadgeText({}), undefined);
  }

  grantedOrigins(): Promise<string[]> {
    return this.inExtension(async () => (await browser.permissions.getAll()).origins, undefined);
  }

  /** Takes back a host grant, as the user can in about:addons. */
  revokeOrigin(pattern: string): Promise<boolean> {
    return this.inExtension((origins) => browser.permissions.remove({ origins }), [pattern]);
  }

  /** Firefox's getAll gives each notification's options: its title and message. */
  async notifications(): Promise<ShownNotification[]> {
    const all = await this.inExtension(() => browser.notifications.getAll(), undefined);
    return Object.entries(all).map(([id, options]) => ({ id, title: options.title ?? '', message: options.message ?? '' }));
  }

  async clearNotifications(): Promise<void> {
    await this.inExtension(async () => {
      for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
    }, undefined);
  }

  /** A value set on the background's global: gone once Firefox has suspended the background and started it again. */
  async markBackground(): Promise<void> {
    await this.inExtension(async () => {
      (await browser.runtime.getBackgroundPage()).__e2eMark = true;
    }, undefined);
  }

  async backgroundMarked(): Promise<boolean> {
    return this.inExtension(async () => (await browser.runtime.getBackgroundPage()).__e2eMark === true, undefined);
  }

  private async evaluateInChrome(expression: string): Promise<unknown> {
    if (!this.chromeContext) {
      const tree = (await this.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
        contexts: { context: string }[];
      };
      this.chromeContext = tree.contexts[0]!.context;
    }
    const answer = (
      await this.connection.send('script.evaluate', { expression, target: { context: this.chromeContext }, awaitPromise: false })
    ).result as { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } };
    if (answer.type !== 'success') throw new Error(`browser window: ${answer.exceptionDetails?.text ?? 'script failed'}`);
    return answer.result?.value;
  }

  /** The extension permission prompts the browser window shows right now (their text names the site). */
  async openPrompts(): Promise<string[]> {
    const json = await this.evaluateInChrome(
      `JSON.stringify(PopupNotifications._currentNotifications.filter((n) => n.id === 'addon-webext-permissions').map((n) => String(n.options?.name ?? '') + ' ' + JSON.stringify(n.options?.customElementOptions ?? {})))`,
    );
    return JSON.parse(String(json)) as string[];
  }

  /** Clicks "Allow" on the extension's permission prompt (as the user would), recording what it asked for. */
  async allowPrompt(): Promise<void> {
    const prompts = await this.openPrompts();
    if (prompts.length === 0) throw new Error('no permission prompt is open');
    this.prompts.push(...prompts);
    await this.evaluateInChrome(
      `(() => { const n = PopupNotifications._currentNotifications.find((n) => n.id === 'addon-webext-permissions'); n.mainAction.callback({}); PopupNotifications.remove(n); })()`,
    );
  }

  /** Waits up to `ms` for a permission prompt; answers it and returns true, or returns false when none came. */
  async allowPromptIfAny(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    do {
      if ((await this.openPrompts()).length > 0) {
        await this.allowPrompt();
        return true;
      }
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    return false;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export interface FirefoxLaunchOptions {
  locale?: 'en' | 'fr';
  timeZone?: string;
  /** Seconds of idleness after which Firefox suspends the background (its default is 30). */
  backgroundIdleMs?: number;
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  if (!existsSync(resolve(FIREFOX_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox test build in ${FIREFOX_DIR}: run \`npm run build:test:firefox\` first.`);
  }
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: \`apt-get install -y firefox-esr\` (or set FIREFOX_PATH).`);
  const locale = options.locale ?? 'en';
  const timeZone = options.timeZone ?? 'Europe/Paris';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Read by the session (never left unread: a full pipe would stall Firefox).
    dumpio: false,
    // Without it moz-extension:// pages cannot be opened over BiDi.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, TZ: timeZone, LANG: locale === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'devtools.console.stdout.content': true,
      // Firefox's own console errors (remote settings and the like) are not the extension's.
      'devtools.console.stdout.chrome': false,
      // Firefox's experiment loader logs a console.error offline; it is not the extension's.
      'messaging-system.rsexperimentloader.enabled': false,
      // No desktop notification service here (no D-Bus session): Firefox's own alerts show them, and list them.
      'alerts.useSystemBackend': false,
      'extensions.background.idle.timeout': options.backgroundIdleMs ?? 5000,
      'intl.locale.requested': locale === 'fr' ? 'fr' : 'en-US',
      'intl.accept_languages': locale === 'fr' ? 'fr-FR, fr' : 'en-US, en',
    },
  });
  const session = new FirefoxSession(browser);
  await browser.installExtension(FIREFOX_DIR);
  return session;
}
