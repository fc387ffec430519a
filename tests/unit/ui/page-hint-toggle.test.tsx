// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { giveBackPageAccess, PageHintToggle, type PermissionsLike } from '../../../components/options/page-hint-toggle';
import type { FeedConfig } from '../../../lib/settings';
import { feedsItem, settingsItem } from '../../../lib/storage';

const BROAD = ['http://*/*', 'https://*/*'];

function feed(url: string): FeedConfig {
  return { id: url, url, name: url, format: 'auto', enabled: true, timeZone: null, home: null, addedAt: '2026-11-01T00:00:00Z' };
}

/**
 * Permissions as Chrome keeps them: removing a pattern revokes every granted pattern it contains; asking again
 * for a soft-removed origin is granted without a prompt (here `regrant` decides, false = Firefox outside a gesture).
 */
function fakePermissions(granted: string[], answers: { prompt: boolean; regrant: boolean }) {
  const held = new Set(granted);
  const calls: string[] = [];
  const covers = (pattern: string, origin: string) =>
    pattern === origin || (pattern.endsWith('://*/*') && origin.startsWith(pattern.slice(0, pattern.indexOf('*'))));
  const permissions: PermissionsLike = {
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      calls.push(`request ${origins.join(' ')}`);
      const ok = origins.every((o) => BROAD.includes(o)) ? answers.prompt : answers.regrant;
      if (ok) for (const o of origins) held.add(o);
      return ok;
    }),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      calls.push(`remove ${origins.join(' ')}`);
      for (const h of [...held]) if (origins.some((o) => covers(o, h))) held.delete(h);
      return true;
    }),
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => [...held].some((h) => covers(h, o)))),
  };
  return { permissions, calls, held };
}

let root: HTMLElement;
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string) => (key === 'localeTag' ? 'en' : key)) as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() => 'en-US');
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

async function mount(permissions: PermissionsLike) {
  await act(() => render(<PageHintToggle permissions={permissions} />, root));
  await flush();
  return root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
}

async function click(box: HTMLInputElement): Promise<void> {
  await act(() => box.click());
  await flush();
}

describe('PageHintToggle', () => {
  it('is off by default and asks for every http(s) site as the first thing the click does', async () => {
    const { permissions, calls } = fakePermissions([], { prompt: true, regrant: true });
    const box = await mount(permissions);
    expect(box.checked).toBe(false);
    await click(box);
    expect(calls[0]).toBe('request http://*/* https://*/*');
    expect((await settingsItem.getValue()).pageFeedHint).toBe(true);
    expect(box.checked).toBe(true);
    expect(root.querySelector('[role=alert]')).toBeNull();
  });

  it('stays off and says why when the browser prompt is refused', async () => {
    const { permissions } = fakePermissions([], { prompt: false, regrant: true });
    const box = await mount(permissions);
    await click(box);
    expect((await settingsItem.getValue()).pageFeedHint).toBe(false);
    expect(box.checked).toBe(false);
    expect(root.querySelector('[role=alert]')?.textContent).toBe('pageHintDenied');
  });

  it('shows that an imported "on" has no access yet', async () => {
    await settingsItem.setValue({ ...(await settingsItem.getValue()), pageFeedHint: true });
    const { permissions } = fakePermissions([], { prompt: true, regrant: true });
    const box = await mount(permissions);
    expect(box.checked).toBe(true);
    expect(root.querySelector('[role=alert]')?.textContent).toBe('pageHintMissing');
  });

  it('turned off: gives the sites back and gets the feeds their own site again (Chrome took them too)', async () => {
    await settingsItem.setValue({ ...(await settingsItem.getValue()), pageFeedHint: true });
    await feedsItem.setValue([feed('webcal://agenda.example.org/cal.ics'), feed('https://agenda.example.org/other.ics'), feed('https://gancio.example/feed/ics')]);
    const { permissions, calls, held } = fakePermissions([...BROAD, 'https://agenda.example.org/*'], { prompt: true, regrant: true });
    const box = await mount(permissions);
    await click(box);
    expect((await settingsItem.getValue()).pageFeedHint).toBe(false);
    expect(calls).toEqual(['remove http://*/* https://*/*', 'request https://agenda.example.org/* https://gancio.example/*']);
    expect([...held].sort()).toEqual(['https://agenda.example.org/*', 'https://gancio.example/*']);
    expect(root.querySelector('[role=alert]')).toBeNull();
  });

  it('turned off where the feeds cannot be granted again without a prompt: points to their "Allow access"', async () => {
    await settingsItem.setValue({ ...(await settingsItem.getValue()), pageFeedHint: true });
    await feedsItem.setValue([feed('https://gancio.example/feed/ics')]);
    const { permissions } = fakePermissions([...BROAD], { prompt: true, regrant: false });
    const box = await mount(permissions);
    await click(box);
    expect(box.checked).toBe(false);
    expect(root.querySelector('[role=alert]')?.textContent).toBe('pageHintFeedsLost');
  });
});

describe('giveBackPageAccess', () => {
  it('asks for nothing when the feeds kept their sites (Firefox removes only the patterns named)', async () => {
    await feedsItem.setValue([feed('https://agenda.example.org/cal.ics')]);
    const held = new Set([...BROAD, 'https://agenda.example.org/*']);
    const permissions: PermissionsLike = {
      request: vi.fn(async () => true),
      remove: vi.fn(async ({ origins }: { origins: string[] }) => {
        for (const o of origins) held.delete(o);
        return true;
      }),
      contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => held.has(o))),
    };
    expect(await giveBackPageAccess(permissions)).toEqual({ lost: [] });
    expect(permissions.request).not.toHaveBeenCalled();
  });
});
