/**
 * Attribution for the bundled directory: every open list it is built from, with its licence. The licences
 * (CC BY, CC BY-SA, MIT, Apache-2.0) ask for this credit, so it is read from the manifest that pins the sources
 * and cannot drift from the build. Only the small manifest is imported: the options page does not carry the
 * directory itself (the background does).
 */
import manifest from '../../scripts/directory/manifest.json';

export interface DirectoryCredit {
  name: string;
  /** The site the list's owners ask to be credited. */
  url: string;
  licence: string;
  licenceUrl: string | null;
}

const LICENCE_URLS: Record<string, string> = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  MIT: 'https://opensource.org/license/mit',
  'Apache-2.0': 'https://www.apache.org/licenses/LICENSE-2.0',
};

export function directoryCredits(): DirectoryCredit[] {
  return manifest.sources
    .filter((source) => source.ship && source.licence)
    .map((source) => ({ name: source.name, url: source.credit, licence: source.licence!, licenceUrl: LICENCE_URLS[source.licence!] ?? null }));
}
