/**
 * The storage.local keys the popup reads, in one module without imports: lib/storage.ts defines its items with
 * them, and the popup's first script (lib/ui/popup-reads.ts) asks for them before any other module has loaded.
 */
export const STORAGE_KEYS = {
  settings: 'settings',
  feeds: 'feeds',
  starred: 'starred',
  refreshStatus: 'refreshStatus',
  popupIndex: 'popupIndex',
  seen: 'seenEventIds',
} as const;

/** A feed's data and its version (`feed:<id>`, `feed:<id>$`). */
export function feedDataKeys(feedIds: readonly string[]): string[] {
  return feedIds.flatMap((id) => [feedDataKey(id), `${feedDataKey(id)}$`]);
}

export function feedDataKey(feedId: string): string {
  return `feed:${feedId}`;
}
