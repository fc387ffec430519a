/**
 * Discovery's place on the options page (suggested local groups, directory URL, the opt-in toolbar hint):
 * rendered between the feeds section and the refresh settings.
 */
import type { JSX } from 'preact';
import { SuggestedGroups } from '../discover/suggested-groups';
import { t } from '../../lib/ui/i18n';
import { PageHintToggle } from './page-hint-toggle';

export function DiscoverySection(): JSX.Element | null {
  return (
    <>
      <SuggestedGroups />
      <section class="card" aria-labelledby="page-hint-heading">
        <h2 id="page-hint-heading">{t('pageHintHeading')}</h2>
        <PageHintToggle />
      </section>
    </>
  );
}
