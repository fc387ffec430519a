/**
 * Issue 7's place on the options page (suggested local groups, directory URL): rendered between the feeds
 * section and the refresh settings.
 */
import type { JSX } from 'preact';
import { SuggestedGroups } from '../discover/suggested-groups';

export function DiscoverySection(): JSX.Element | null {
  return <SuggestedGroups />;
}
