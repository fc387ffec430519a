/**
 * Attribution for the bundled directory: every open list it is built from, with its licence and how many
 * groups it gives. The licences (CC BY, CC BY-SA, MIT, Apache-2.0) ask for exactly this credit, so the list is
 * read from the manifest that pins the sources and counted from the directory itself: it cannot drift.
 */
import manifest from '../../scripts/directory/manifest.json';
import type { GroupsDirectory } from './directory-schema';

export interface DirectoryCredit {
  name: string;
  /** The site the list's owners ask to be credited. */
  url: string;
  licence: string;
  licenceUrl: string | null;
  groups: number;
}

const LICENCE_URLS: Record<string, string> = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  MIT: 'https://opensource.org/license/mit',
  'Apache-2.0': 'https://www.apache.org/licenses/LICENSE-2.0',
};

export function directoryCredits(directory: GroupsDirectory): DirectoryCredit[] {
  return manifest.sources
    .filter((source) => source.ship && source.licence)
    .map((source) => ({
      name: source.name,
      url: source.credit,
      licence: source.licence!,
      licenceUrl: LICENCE_URLS[source.licence!] ?? null,
      groups: directory.groups.filter((group) => group.sources.some((s) => s.name === source.name && s.licence === source.licence)).length,
    }))
    .filter((credit) => credit.groups > 0);
}
