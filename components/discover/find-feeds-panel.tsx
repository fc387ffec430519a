/**
 * "Find feeds on this page": scans the tab the popup was opened over, lists each feed found with
 * its format and event count, and adds one in a click (asking for that site's permission first).
 */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { CandidateFormat, CandidateKind, DiscoveredFeed } from '../../lib/discover/types';
import { t, tn, type MessageKey } from '../../lib/ui/i18n';
import { feedHostName } from '../../lib/host-name';
import { createFindFeedsModel, type AddState, type FindFeedsModel } from './discover-model';
import { feedProblemText } from '../../lib/ui/feed-problem-text';
import './discover.css';

const KIND_LABEL: Record<CandidateKind, MessageKey> = {
  link: 'discoverKindLink',
  anchor: 'discoverKindAnchor',
  jsonld: 'discoverKindJsonld',
  meetup: 'discoverKindMeetup',
  gancio: 'discoverKindGancio',
  mobilizon: 'discoverKindMobilizon',
  luma: 'discoverKindLuma',
};

const FORMAT_LABEL: Record<CandidateFormat, MessageKey> = {
  ical: 'discoverFormatIcal',
  json: 'discoverFormatJson',
  html: 'discoverFormatHtml',
};

function eventSummary(feed: DiscoveredFeed): string {
  if (feed.preview.ok) return tn('discoverEventCount', feed.preview.eventCount);
  // Events counted on the page itself are known without a fetch.
  if (feed.eventCountOnPage !== null) return tn('discoverEventCount', feed.eventCountOnPage);
  return t('discoverPreviewFailed', feedProblemText(feed.preview) ?? '?');
}

export function AddButton({ state, alreadyAdded, name, onAdd }: {
  state: AddState | undefined;
  alreadyAdded: boolean;
  name: string;
  onAdd: () => void;
}): JSX.Element {
  if (alreadyAdded || state === 'added') {
    return <span class="discover-status">{t(alreadyAdded ? 'discoverAlreadyAdded' : 'discoverAdded')}</span>;
  }
  return (
    <span class="discover-action">
      <button
        type="button"
        class="button primary discover-add"
        aria-label={t('discoverAddNamed', name)}
        disabled={state === 'adding'}
        onClick={onAdd}
      >
        {t(state === 'adding' ? 'discoverAdding' : 'discoverAdd')}
      </button>
      {state === 'denied' && <span class="discover-error" role="alert">{t('discoverDenied')}</span>}
      {state === 'failed' && <span class="discover-error" role="alert">{t('discoverAddFailed')}</span>}
    </span>
  );
}

function FoundFeed({ feed, model }: { feed: DiscoveredFeed; model: FindFeedsModel }): JSX.Element {
  const name = feed.preview.title ?? feed.title ?? feedHostName(feed.url);
  return (
    <li class="discover-item" data-feed-url={feed.url}>
      <div class="discover-text">
        <span class="discover-name">{name}</span>
        <span class="discover-meta">
          {t(KIND_LABEL[feed.kind])} · {t(FORMAT_LABEL[feed.format])} · {eventSummary(feed)}
        </span>
        <span class="discover-url" title={feed.url}>
          {feed.url}
        </span>
      </div>
      <AddButton
        state={model.addStates.value[feed.url]}
        alreadyAdded={feed.alreadyAdded}
        name={name}
        onAdd={() => void model.add(feed)}
      />
    </li>
  );
}

export function FindFeedsPanel({ model: given }: { model?: FindFeedsModel }): JSX.Element {
  const model = useMemo(() => given ?? createFindFeedsModel(), [given]);
  const phase = model.phase.value;
  const results = model.results.value;
  return (
    <section class="discover-panel" aria-labelledby="discover-heading">
      <h2 id="discover-heading" class="visually-hidden">
        {t('discoverHeading')}
      </h2>
      <button type="button" class="button discover-find" disabled={phase === 'scanning'} onClick={() => void model.scan()}>
        {t(phase === 'scanning' ? 'discoverScanning' : 'discoverFind')}
      </button>
      <div role="status" aria-live="polite" class="discover-state">
        {phase === 'done' && results.length === 0 && t('discoverNone')}
        {phase === 'failed' && t('discoverFailed')}
      </div>
      {phase === 'done' && results.some((feed) => !feed.preview.ok) && (
        <button type="button" class="link-button discover-allow" onClick={() => void model.allowPreviews()}>
          {t('discoverAllowPreviews')}
        </button>
      )}
      {results.length > 0 && (
        <ul class="discover-list" aria-label={t('discoverResultsLabel')}>
          {results.map((feed) => (
            <FoundFeed key={feed.url} feed={feed} model={model} />
          ))}
        </ul>
      )}
    </section>
  );
}
