/**
 * Runs before each test file. The node tests share workers (`isolate: false`, vitest.config.ts): whatever a
 * file leaves behind would reach the files after it in the same worker, so each file ends by putting back
 * what a fresh worker has.
 */
import ICAL from 'ical.js';
import { afterAll, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});

// fakeBrowser.reset() empties the fake's data and listeners but keeps the methods tests put on it (i18n,
// scripting, permissions, runtime). Its objects as the worker first loaded them, recorded once per worker
// (this file runs again for every test file, the fake package does not).
type Descriptors = Map<PropertyKey, PropertyDescriptor>;
type Recorded = Map<object, Descriptors>;
const RECORDS = Symbol.for('tests/unit/setup: pristine fakes');
const shared = globalThis as { [RECORDS]?: WeakMap<object, Recorded> };
const pristine = (shared[RECORDS] ??= new WeakMap());
if (!pristine.has(fakeBrowser)) pristine.set(fakeBrowser, recordObjects(fakeBrowser, 3));

function recordObjects(root: object, depth: number, into: Recorded = new Map()): Recorded {
  const record: Descriptors = new Map();
  into.set(root, record);
  for (const key of Reflect.ownKeys(root)) {
    const descriptor = Object.getOwnPropertyDescriptor(root, key)!;
    record.set(key, descriptor);
    const value: unknown = descriptor.value;
    if (depth > 0 && value && typeof value === 'object' && !into.has(value)) recordObjects(value, depth - 1, into);
  }
  return into;
}

function restoreObjects(recorded: Recorded): void {
  for (const [object, record] of recorded) {
    for (const key of Reflect.ownKeys(object)) if (!record.has(key)) Reflect.deleteProperty(object, key);
    for (const [key, descriptor] of record) {
      const now = Object.getOwnPropertyDescriptor(object, key);
      if (!now || now.value !== descriptor.value || now.get !== descriptor.get || now.set !== descriptor.set) {
        Object.defineProperty(object, key, descriptor);
      }
    }
  }
}

afterAll(() => {
  // Spies first: one wrapped around a method a test had replaced would put that method back afterwards.
  vi.restoreAllMocks();
  restoreObjects(pristine.get(fakeBrowser)!);
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  // ical.js keeps the zones tests register in one registry per process.
  ICAL.TimezoneService.reset();
  // What the extension's own code hands over in globals (the popup's early reads, lib/ui/popup-reads.ts).
  for (const key of Object.keys(globalThis)) if (key.startsWith('__localMeetups')) Reflect.deleteProperty(globalThis, key);
  // lib/'s module state (lazily defined storage items and their migrations, the running worker, the message
  // handlers, caches) starts again with the next file's imports, as in a fresh worker.
  vi.resetModules();
});
