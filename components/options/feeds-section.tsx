/** Feeds: add one (tested before saving), then one row per feed with its status and settings. */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { eventStartDayKey, formatEventTime, formatRelativeTime, shortDate } from '../../lib/format';
import type { FeedPreview } from '../../lib/discover/types';
import type { FeedConfig } from '../../lib/settings';
import { canonicalTimeZone } from '../../lib/time';
import { readingZone } from '../../lib/upcoming';
import { feedProblemText } from '../../lib/ui/feed-problem-text';
import { t, tn, type MessageKey } from '../../lib/ui/i18n';
import { feedLabel, hostOf } from '../../lib/host-name';
import { FeedHomeField } from './feed-home-field';
import { useOptions } from './options-context';

const ADD_ERRORS: Record<string, MessageKey> = {
  badUrl: 'feedUrlInvalid',
  testFailed: 'feedTestFailed',
  permissionDenied: 'feedPermissionDenied',
  addFailed: 'feedAddFailed',
};

const FORMAT_NAMES: Record<string, string> = {
  ical: 'iCalendar',
  jcal: 'jCal (JSON)',
  jsonld: 'schema.org JSON-LD',
  html: 'HTML (JSON-LD)',
  gancio: 'Gancio',
  caencamp: 'JSON',
  json: 'JSON',
};

function formatName(format: string | null): string {
  return format ? (FORMAT_NAMES[format] ?? format) : '—';
}

/** How many of the tested feed's events the popup would list, and where its group meets when that is clear. */
function PreviewNear({ preview }: { preview: FeedPreview }): JSX.Element {
  const { model } = useOptions();
  const { city, radiusKm } = model.settings.value;
  return (
    <p class="preview-near" data-testid="preview-near">
      {preview.nearCount !== null && preview.nearCount !== undefined && city
        ? tn('previewNear', preview.nearCount, [radiusKm, city.name])
        : t('previewNoCity')}
      {preview.home && <> · {t('previewHome', preview.home.city)}</>}
    </p>
  );
}

function AddFeed(): JSX.Element {
  const { model, locale } = useOptions();
  const preview = model.preview.value;
  const phase = model.addPhase.value;
  const zone = readingZone();
  const errorKey = model.addError.value ? ADD_ERRORS[model.addError.value] : undefined;
  return (
    <form
      class="add-feed"
      onSubmit={(e) => {
        e.preventDefault();
        void model.testFeed();
      }}
    >
      <label for="feed-url">{t('feedUrlLabel')}</label>
      <div class="inline">
        <input
          id="feed-url"
          type="url"
          inputMode="url"
          placeholder="https://… / webcal://…"
          aria-describedby="feed-url-hint"
          value={model.feedUrl.value}
          onInput={(e) => model.setFeedUrl(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={phase === 'testing' || !model.feedUrl.value.trim()}>
          {phase === 'testing' ? t('feedTesting') : t('feedTest')}
        </button>
      </div>
      <p id="feed-url-hint" class="hint">
        {t('feedUrlHint')}
      </p>
      {errorKey && (
        <p class="error" role="alert">
          {t(errorKey)}
        </p>
      )}
      {preview && (
        <div class={`preview${preview.ok ? '' : ' is-error'}`} data-testid="feed-preview" role="status" aria-live="polite">
          {preview.ok ? (
            <>
              <p>
                <strong>{t('feedDetected', formatName(preview.format))}</strong> · {tn('eventCount', preview.eventCount)}
              </p>
              <PreviewNear preview={preview} />
              {preview.next.length > 0 ? (
                <ul class="preview-events">
                  {preview.next.slice(0, 3).map((event) => {
                    const time = formatEventTime(event, zone, locale);
                    const day = eventStartDayKey(event, zone);
                    return (
                      <li key={event.id}>
                        <span class="muted">
                          {shortDate(day, locale)} {time.allDay ? t('allDay') : time.local}
                        </span>{' '}
                        {event.title}
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <p class="muted">{t('feedNoUpcoming')}</p>
              )}
              {preview.warnings.length > 0 && (
                <details>
                  <summary>{tn('warningCount', preview.warnings.length)}</summary>
                  <ul>
                    {preview.warnings.map((warning, index) => (
                      <li key={index}>{warning}</li>
                    ))}
                  </ul>
                </details>
              )}
              <label for="feed-name">{t('feedNameLabel')}</label>
              <input
                id="feed-name"
                type="text"
                value={model.feedName.value}
                onInput={(e) => (model.feedName.value = e.currentTarget.value)}
              />
              <div class="inline">
                <button
                  type="button"
                  class="button primary"
                  disabled={phase === 'adding'}
                  onClick={() => void model.addTestedFeed()}
                >
                  {phase === 'adding' ? t('feedAdding') : t('feedAdd')}
                </button>
                <button type="button" class="button subtle" onClick={() => model.resetAddForm()}>
                  {t('cancel')}
                </button>
              </div>
              <p class="hint">{t('feedPermissionHint', hostOf(model.previewUrl.value ?? ''))}</p>
            </>
          ) : (
            <p class="error">{t('feedTestError', feedProblemText(preview, locale) ?? t('feedUnknownError'))}</p>
          )}
        </div>
      )}
    </form>
  );
}

function FeedRow({ feed, zones }: { feed: FeedConfig; zones: string[] }): JSX.Element {
  const { model, locale } = useOptions();
  const state = model.feedStates.value[feed.id];
  const granted = model.granted.value[feed.id] !== false;
  const nameId = `feed-name-${feed.id}`;
  const last = state?.lastSuccess ? formatRelativeTime(Date.parse(state.lastSuccess), model.now.value, locale) : null;
  return (
    <li class={`feed${feed.enabled ? '' : ' is-disabled'}`} aria-labelledby={nameId}>
      <div class="feed-head">
        <h3 class="feed-name" id={nameId}>
          {feedLabel(feed)}
        </h3>
        <label class="switch">
          <input
            type="checkbox"
            checked={feed.enabled}
            onChange={(e) => void model.updateFeed(feed.id, { enabled: e.currentTarget.checked })}
          />
          {t('feedEnabled')}
        </label>
      </div>
      <p class="feed-url muted">{feed.url}</p>
      <p class="feed-status">
        {last ? t('feedLastRefresh', last) : t('feedNeverRefreshed')}
        {state && state.lastSuccess ? ` · ${tn('eventCount', state.eventCount)}` : ''}
        {state?.format ? ` · ${formatName(state.format)}` : ''}
      </p>
      {state?.error && (
        <p class="error">
          {t('feedError', feedProblemText(state, locale) ?? state.error)}
        </p>
      )}
      {!granted && (
        <p class="notice">
          {t('feedNeedsPermission')}{' '}
          <button type="button" class="button" onClick={() => void model.grantFeed(feed)}>
            {t('feedGrant')}
          </button>
        </p>
      )}
      <details class="feed-settings">
        <summary>{t('feedSettings')}</summary>
        <label for={`rename-${feed.id}`}>{t('feedNameLabel')}</label>
        <input
          id={`rename-${feed.id}`}
          type="text"
          value={feed.name}
          onChange={(e) => void model.updateFeed(feed.id, { name: e.currentTarget.value.trim() })}
        />
        <label for={`zone-${feed.id}`}>{t('feedZoneLabel')}</label>
        <input
          id={`zone-${feed.id}`}
          type="text"
          list="time-zones"
          placeholder={t('feedZoneDefault')}
          aria-describedby={`zone-hint-${feed.id}`}
          value={feed.timeZone ?? ''}
          onChange={(e) => {
            const raw = e.currentTarget.value.trim();
            const zone = raw ? canonicalTimeZone(raw) : null;
            if (raw && !zone) {
              e.currentTarget.setCustomValidity(t('feedZoneInvalid'));
              e.currentTarget.reportValidity();
              return;
            }
            e.currentTarget.setCustomValidity('');
            void model.updateFeed(feed.id, { timeZone: zone });
          }}
        />
        <p class="hint" id={`zone-hint-${feed.id}`}>
          {t('feedZoneHint')}
        </p>
        <FeedHomeField feed={feed} />
      </details>
      <div class="inline feed-actions">
        <button
          type="button"
          class="button subtle"
          aria-label={t('feedRefreshNamed', feedLabel(feed))}
          onClick={() => void model.refreshFeed(feed.id)}
        >
          {t('refresh')}
        </button>
        <button
          type="button"
          class="button danger"
          aria-label={t('feedRemoveNamed', feedLabel(feed))}
          onClick={() => void model.removeFeed(feed.id)}
        >
          {t('feedRemove')}
        </button>
      </div>
    </li>
  );
}

export function FeedsSection(): JSX.Element {
  const { model } = useOptions();
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return [];
    }
  }, []);
  const feeds = model.feeds.value;
  return (
    <section class="card" aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">{t('feedsHeading')}</h2>
      <AddFeed />
      {feeds.length === 0 ? (
        <p class="muted">{t('feedsEmpty')}</p>
      ) : (
        <ul class="feed-list" role="list">
          {feeds.map((feed) => (
            <FeedRow key={feed.id} feed={feed} zones={zones} />
          ))}
        </ul>
      )}
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </section>
  );
}
