/**
 * Notified ids v1 → v2: a list of ids becomes `{ id: expiry instant }`, so ids of past events can be pruned
 * even after their event has left the feed (v1 grew forever). The expiry of a v1 id is the occurrence start
 * its id ends with; ids that do not end with one are kept for 180 days.
 */
export type NotifiedV2 = Record<string, string>;

const KEEP_UNKNOWN_MS = 180 * 24 * 3600_000;

export function expiryFromEventId(id: string): string | null {
  const start = id.slice(id.lastIndexOf('|') + 1);
  if (/^\d{4}-\d{2}-\d{2}$/.test(start)) return `${start}T23:59:59Z`;
  if (/^\d{4}-\d{2}-\d{2}T/.test(start) && !Number.isNaN(Date.parse(start))) return start;
  return null;
}

export function migrateNotifiedToV2(old: unknown, now: number = Date.now()): NotifiedV2 {
  if (old && typeof old === 'object' && !Array.isArray(old)) return old as NotifiedV2;
  const out: NotifiedV2 = {};
  for (const id of Array.isArray(old) ? old : []) {
    if (typeof id !== 'string') continue;
    out[id] = expiryFromEventId(id) ?? new Date(now + KEEP_UNKNOWN_MS).toISOString();
  }
  return out;
}
