/**
 * Where the "Find feeds on this page" panel and the local-groups suggestions go: the popup renders this
 * slot above its footer. The suggestions show only while no feed is configured (onboarding).
 */
import type { JSX } from 'preact';
import { FindFeedsPanel } from '../discover/find-feeds-panel';
import { SuggestedGroups } from '../discover/suggested-groups';
import { usePopup } from './popup-context';

export function DiscoverySlot(): JSX.Element | null {
  const { model } = usePopup();
  return (
    <>
      {model.loaded.value && model.feeds.value.length === 0 && <SuggestedGroups compact />}
      <FindFeedsPanel />
    </>
  );
}
