import groupsJson from './groups.json';
import type { GroupsDirectory } from './directory-schema';
import { validateDirectory } from './validate-directory';

/**
 * The directory shipped with the extension, validated like a download (tests/unit/discover checks every
 * entry); an invalid bundled file is a build bug, so it fails loudly instead of suggesting nothing.
 */
export function bundledDirectory(): GroupsDirectory {
  const result = validateDirectory(groupsJson);
  if (!result.ok) throw new Error(`Bundled groups directory is invalid: ${result.errors.join('; ')}`);
  return result.directory;
}
