/** The popup: header (search, refresh, settings), filters, the list or a state, and the status footer. */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { formatRelativeTime } from '../../lib/format';
import { feedProblemText } from '../../lib/ui/feed-problem-text';
import { t, tn } from '../../lib/ui/i18n';
import type { ModeFilter } from '../../lib/ui/popup-model';
import { Icon } from '../icons';
import { DiscoverySlot } from './discovery-slot';
import { EventDetail } from './event-detail';
import { EventList, focusFirstEvent } from './event-list';
import { usePopup } from './popup-context';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Header({ searchRef }: { searchRef: { current: HTMLInputElement | null } }): JSX.Element {
  const { model } = usePopup();
  const refreshing = model.refreshing.value;
  // Search and filters mean nothing before the first feed; the header keeps its height while loading.
  const hasFeeds = !model.loaded.value || model.feeds.value.length > 0;
  return (
    <header class="popup-header">
      <div class="header-row">
        <h1 class="brand">{t('extName')}</h1>
        <button
          type="button"
          class={`icon-button${refreshing ? ' is-spinning' : ''}`}
          aria-label={t('refresh')}
          title={t('refresh')}
          disabled={refreshing || model.feeds.value.length === 0}
          onClick={() => void model.refresh(t('refreshFailed'))}
        >
          <Icon name="refresh" />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t('openSettings')}
          title={t('openSettings')}
          onClick={() => void model.openOptions()}
        >
          <Icon name="gear" />
        </button>
      </div>
      {hasFeeds && (
        <div class="search">
          <Icon name="search" />
          <input
            ref={searchRef}
            type="search"
            class="search-input"
            placeholder={t('searchPlaceholder')}
            aria-label={t('searchLabel')}
            aria-keyshortcuts="/"
            value={model.query.value}
            onInput={(e) => (model.query.value = e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && focusFirstEvent()) e.preventDefault();
            }}
          />
        </div>
      )}
      {hasFeeds && <Filters />}
    </header>
  );
}

function Filters(): JSX.Element {
  const { model } = usePopup();
  const feeds = model.feeds.value.filter((feed) => feed.enabled);
  return (
    <div class="filters" role="group" aria-label={t('filtersLabel')}>
      <button
        type="button"
        class="chip"
        aria-pressed={model.view.value === 'starred'}
        onClick={() => (model.view.value = model.view.value === 'starred' ? 'upcoming' : 'starred')}
      >
        <Icon name="star" size={14} filled={model.view.value === 'starred'} /> {t('filterStarred')}
      </button>
      <button
        type="button"
        class="chip"
        aria-pressed={model.when.value === 'week'}
        onClick={() => (model.when.value = model.when.value === 'week' ? 'all' : 'week')}
      >
        {t('filterThisWeek')}
      </button>
      <select
        class="chip-select"
        aria-label={t('filterModeLabel')}
        value={model.mode.value}
        onChange={(e) => (model.mode.value = e.currentTarget.value as ModeFilter)}
      >
        <option value="all">{t('filterModeAll')}</option>
        <option value="inPerson">{t('filterModeInPerson')}</option>
        <option value="online">{t('filterModeOnline')}</option>
      </select>
      {feeds.length > 1 && (
        <select
          class="chip-select"
          aria-label={t('filterFeedLabel')}
          value={model.feedFilter.value ?? ''}
          onChange={(e) => (model.feedFilter.value = e.currentTarget.value || null)}
        >
          <option value="">{t('filterFeedAll')}</option>
          {feeds.map((feed) => (
            <option key={feed.id} value={feed.id}>
              {feed.name || feed.url}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function EmptyState({ title, text, children }: { title: string; text?: string; children?: JSX.Element | JSX.Element[] | false | null }): JSX.Element {
  return (
    <div class="empty" role="status">
      <p class="empty-title">{title}</p>
      {text && <p class="empty-text">{text}</p>}
      {children && <div class="empty-actions">{children}</div>}
    </div>
  );
}

function Skeleton(): JSX.Element {
  return (
    <div class="skeleton" aria-busy="true" aria-label={t('loading')}>
      {Array.from({ length: 6 }, (_, index) => (
        <div class="skeleton-row" key={index} />
      ))}
    </div>
  );
}

function Content(): JSX.Element {
  const { model } = usePopup();
  const settings = model.settings.value;
  switch (model.screen.value) {
    case 'loading':
      return <Skeleton />;
    case 'welcome':
      return (
        <EmptyState title={t('welcomeTitle')} text={t('welcomeText')}>
          <button type="button" class="button primary" onClick={() => void model.openOptions()}>
            {t('openSettings')}
          </button>
        </EmptyState>
      );
    case 'noFeeds':
      return (
        <EmptyState title={t('noFeedsTitle')} text={t('noFeedsText')}>
          <button type="button" class="button primary" onClick={() => void model.openOptions()}>
            {t('addFeed')}
          </button>
        </EmptyState>
      );
    case 'noEvents': {
      const next = model.nextRadiusKm.value;
      return (
        <EmptyState title={t('noEventsTitle')} text={settings.city ? t('noEventsText', [settings.radiusKm, settings.city.name]) : undefined}>
          {next !== null && settings.city !== null && (
            <button type="button" class="button primary" onClick={() => void model.setRadius(next)}>
              {t('widenRadius', next)}
            </button>
          )}
        </EmptyState>
      );
    }
    case 'noMatches':
      return model.view.value === 'starred' && !model.filtersActive.value ? (
        <EmptyState title={t('noStarredTitle')} text={t('noStarredText')} />
      ) : (
        <EmptyState title={t('noMatchesTitle')}>
          <button type="button" class="button" onClick={() => model.clearFilters()}>
            {t('clearFilters')}
          </button>
        </EmptyState>
      );
    case 'list':
      return <EventList />;
  }
}

function Notices(): JSX.Element | null {
  const { model } = usePopup();
  const failing = model.failingFeeds.value;
  const needsCity = model.loaded.value && !model.settings.value.city && model.feeds.value.length > 0;
  if (!failing.length && !needsCity && !model.actionError.value) return null;
  return (
    <div class="notices">
      {needsCity && (
        <p class="notice">
          {t('noCityNotice')}{' '}
          <button type="button" class="link-button" onClick={() => void model.openOptions()}>
            {t('setCity')}
          </button>
        </p>
      )}
      {model.actionError.value && (
        <p class="notice notice-error" role="alert">
          {model.actionError.value}
        </p>
      )}
      {failing.length > 0 && (
        <ul class="feed-errors" aria-label={t('failingFeedsLabel')}>
          {failing.map((feed) => (
            <li key={feed.id} class="notice notice-error">
              <strong class="notice-name" title={feed.name}>
                {feed.name}
              </strong>
              : {feedProblemText(model.feedData.value[feed.id]?.state ?? feed) ?? feed.error}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Footer(): JSX.Element {
  const { model, locale } = usePopup();
  const status = model.refreshStatus.value;
  const last = model.lastUpdatedMs.value;
  let text: string;
  if (model.refreshing.value) {
    text = status.total > 0 ? t('refreshingProgress', [status.done, status.total]) : t('refreshing');
  } else if (last !== null) {
    text = t('updatedAgo', formatRelativeTime(last, model.now.value, locale));
  } else {
    text = model.feeds.value.length ? t('neverUpdated') : '';
  }
  return (
    <footer class="popup-footer">
      <span class="status" role="status" aria-live="polite">
        {text}
      </span>
      {model.refreshing.value && status.total > 0 && (
        <progress class="progress" max={status.total} value={status.done} aria-label={t('refreshing')} />
      )}
      {model.newCount.value > 0 && <span class="new-count">{tn('newCount', model.newCount.value)}</span>}
    </footer>
  );
}

export function PopupApp(): JSX.Element {
  const { model } = usePopup();
  const searchRef = useRef<HTMLInputElement>(null);
  const selected = model.selected.value;

  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        if (model.selectedId.peek() !== null) model.closeDetail();
        requestAnimationFrame(() => searchRef.current?.focus());
      } else if (e.key === 'Escape' && model.selectedId.peek() !== null) {
        // Without this the browser would close the whole popup on the first Escape.
        e.preventDefault();
        model.closeDetail();
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [model]);

  return (
    <div class="popup">
      <Header searchRef={searchRef} />
      {/* Busy until the full data replaced the popup index (search, details and the new count need it). */}
      <main class="content" aria-busy={!model.complete.value}>
        <Notices />
        {selected ? <EventDetail item={selected} /> : <Content />}
      </main>
      <DiscoverySlot />
      <Footer />
    </div>
  );
}
