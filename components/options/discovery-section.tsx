/**
 * Issue 7's place on the options page (suggested local groups, directory URL): rendered between the feeds
 * section and the refresh settings. It renders nothing until discovery fills it.
 */
import type { JSX } from 'preact';

export function DiscoverySection(): JSX.Element | null {
  return null;
}
