/**
 * Gazetteer files from disk, for Node only (tests, the CLI, the benchmark). The extension passes a loader
 * built on `fetch(browser.runtime.getURL('/gazetteer/' + file))` instead; nothing in the extension imports this.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GazetteerLoader } from '../../lib/location/gazetteer';

export const NODE_GAZETTEER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/gazetteer');

export function nodeGazetteerLoader(dir = NODE_GAZETTEER_DIR): GazetteerLoader {
  return (file) => readFile(path.join(dir, file), 'utf8');
}
