/**
 * Stored state of the directory updater. Kept beside the directory code rather than in lib/storage.ts
 * because that file was being reworked by another change when this landed; it follows the same rules
 * (typed, fallback, version).
 */
import { storage } from 'wxt/utils/storage';
import { EMPTY_DIRECTORY_STATE, type DirectoryState } from './update-directory';

export const directoryStateItem = storage.defineItem<DirectoryState>('local:groupsDirectory', {
  fallback: EMPTY_DIRECTORY_STATE,
  version: 1,
});
