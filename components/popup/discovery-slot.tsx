/**
 * Where issue 7's "Find feeds on this page" panel and the local-groups suggestions go: the popup renders this
 * slot above its footer. It renders nothing until discovery fills it.
 */
import type { JSX } from 'preact';

export function DiscoverySlot(): JSX.Element | null {
  return null;
}
