/**
 * The harness itself: the test build loads, its worker runs, its pages open, it may reach the fixture server
 * without a permission prompt, and the fixture server answers like a real feed host (ETag → 304, faults).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import { launchExtension, type ExtensionSession } from './support/extension';
import type { Browser } from '@wxt-dev/browser';

// Code passed to evaluate() runs inside the extension, where `chrome` is the extension API.
declare const chrome: typeof Browser;

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('harness', () => {
  it('loads the test build with its worker, popup and options page', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    const manifest = await session.inWorker(() => chrome.runtime.getManifest(), undefined);
    expect(manifest.host_permissions).toContain('http://127.0.0.1/*');
    const popup = await session.openPopup();
    await expect(popup.page.title()).resolves.toBe('Local Meetups');
    await popup.close();
    const options = await session.openOptions();
    expect(options.page.url()).toBe(session.url('options.html'));
    await options.close();
  });

  it('lets the worker fetch the fixture server, with ETag → 304 on the second request', async () => {
    const url = server.url('caen-js');
    const first = await session.inWorker(async (u) => {
      const res = await fetch(u);
      return { status: res.status, etag: res.headers.get('etag'), body: await res.text() };
    }, url);
    expect(first.status).toBe(200);
    expect(first.body).toContain('BEGIN:VCALENDAR');
    expect(first.etag).toMatch(/^"[0-9a-f]{20}"$/);
    const second = await session.inWorker(
      async ({ u, etag }) => (await fetch(u, { headers: { 'If-None-Match': etag }, cache: 'no-store' })).status,
      { u: url, etag: first.etag! },
    );
    expect(second).toBe(304);
    expect(server.stats('caen-js')).toMatchObject({ requests: 2, ok: 1, notModified: 1, conditional: 1 });
  });

  it('switches faults per feed and adds an event when a feed changes', async () => {
    const get = (key: string) => fetch(server.url(key)).then(async (res) => ({ status: res.status, body: await res.text() }));
    server.setFault('python-herouville', 'error500');
    expect((await get('python-herouville')).status).toBe(500);
    server.setFault('python-herouville', 'garbage');
    const garbage = await get('python-herouville');
    expect(garbage.status).toBe(200);
    expect(() => JSON.parse(garbage.body)).toThrow();
    server.setFault('python-herouville', 'hang');
    const hung = await Promise.race([
      get('python-herouville').then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('hung'), 500)),
    ]);
    expect(hung).toBe('hung');
    server.setFault('python-herouville', 'none');
    const before = JSON.parse((await get('python-herouville')).body) as unknown[];
    server.setChanged('python-herouville', true);
    const after = JSON.parse((await get('python-herouville')).body) as unknown[];
    expect(after.length).toBe(before.length + 1);
    // A copy is its own feed with its own counters.
    await get('caen-js');
    expect((await fetch(server.url('caen-js', 3))).status).toBe(200);
    expect(server.stats('caen-js@3').requests).toBe(1);
  });
});
