/**
 * Local groups near the user's city, from the groups directory: on the options page (with the
 * directory address setting) and in the popup's onboarding. One click adds a group's feed.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SuggestedGroup } from '../../lib/directory/directory-schema';
import { settingsItem } from '../../lib/storage';
import { t } from '../../lib/ui/i18n';
import { createSuggestedGroupsModel, type SuggestedGroupsModel } from './discover-model';
import { AddButton } from './find-feeds-panel';
import './discover.css';
import { sitePattern, sitePermissions } from '../../lib/permissions';

/** Platform names are the services' own; only a group's own site is described. */
const PLATFORM_NAMES: Record<string, string> = { meetup: 'Meetup', luma: 'Luma', gancio: 'Gancio', mobilizon: 'Mobilizon' };

/** Chips past this are left out: a row stays two lines high in the 400 px popup. */
const MAX_TAGS = 4;

export function platformLabel(platform: string): string {
  return PLATFORM_NAMES[platform] ?? t('groupsPlatformOther');
}

function GroupRow({ suggestion, model }: { suggestion: SuggestedGroup; model: SuggestedGroupsModel }): JSX.Element {
  const { group } = suggestion;
  return (
    <li class="discover-item" data-feed-url={group.feedUrl}>
      <div class="discover-text">
        <span class="discover-name" title={group.name}>
          {group.name}
        </span>
        <span class="discover-meta">
          {group.city} · {t('groupsDistance', String(Math.round(suggestion.distanceKm)))}
          {group.homepage && (
            <>
              {' · '}
              <a href={group.homepage} title={group.homepage} target="_blank" rel="noopener noreferrer">
                {t('groupsHomepage')}
              </a>
            </>
          )}
        </span>
        <ul class="discover-chips" aria-label={t('groupsTagsLabel')}>
          <li class="chip chip-platform" data-platform={group.platform}>
            {platformLabel(group.platform)}
          </li>
          {group.tags.slice(0, MAX_TAGS).map((tag) => (
            <li key={tag} class="chip">
              {tag}
            </li>
          ))}
        </ul>
      </div>
      <AddButton
        state={model.addStates.value[group.feedUrl]}
        alreadyAdded={suggestion.alreadyAdded}
        name={group.name}
        onAdd={() => void model.add(suggestion)}
      />
    </li>
  );
}

/** "Add all (N)": one permission prompt for every site, then the groups are added together. */
function AddAllButton({ model }: { model: SuggestedGroupsModel }): JSX.Element | null {
  const addable = model.addable();
  const states = Object.values(model.addStates.value);
  const adding = states.includes('adding');
  if (addable.length < 2 && !adding) return null;
  return (
    <p class="discover-add-all">
      <button type="button" class="button primary" disabled={adding} onClick={() => void model.addAll()}>
        {adding ? t('discoverAdding') : t('groupsAddAll', String(addable.length))}
      </button>
    </p>
  );
}

/** The directory address setting; saving asks for that site's permission, in the click. */
function DirectoryUrlField({ onSaved }: { onSaved: () => void }): JSX.Element {
  const [value, setValue] = useState('');
  const [error, setError] = useState<'invalid' | 'denied' | null>(null);
  useEffect(() => {
    void settingsItem.getValue().then((settings) => setValue(settings.directoryUrl ?? ''));
  }, []);

  function save(event: Event): void {
    event.preventDefault();
    const text = value.trim();
    const save = (url: string | null) =>
      settingsItem
        .getValue()
        .then((settings) => settingsItem.setValue({ ...settings, directoryUrl: url }))
        .then(() => {
          setError(null);
          onSaved();
        });
    if (!text) {
      void save(null);
      return;
    }
    if (!/^https?:\/\//i.test(text) || !sitePattern(text)) {
      setError('invalid');
      return;
    }
    void sitePermissions.request([text]).then((granted) => (granted ? save(text) : setError('denied')));
  }

  return (
    <form class="field discover-directory" onSubmit={save}>
      <label for="directory-url">{t('directoryUrlLabel')}</label>
      <div class="discover-directory-row">
        <input
          id="directory-url"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={value}
          aria-describedby="directory-url-hint"
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t('directoryUrlSave')}
        </button>
      </div>
      <p id="directory-url-hint" class="hint">
        {t('directoryUrlHint')}
      </p>
      {error && (
        <p class="notice notice-error" role="alert">
          {t(error === 'invalid' ? 'directoryUrlInvalid' : 'directoryUrlDenied')}
        </p>
      )}
    </form>
  );
}

const FIRST_GROUPS = 10;
const FIRST_GROUPS_COMPACT = 5;
const MORE_GROUPS = 20;

export function SuggestedGroups({ model: given, compact = false }: { model?: SuggestedGroupsModel; compact?: boolean }): JSX.Element | null {
  const model = useMemo(() => given ?? createSuggestedGroupsModel(), [given]);
  // A big city lists dozens of groups: the closest first, the rest on demand.
  const [shown, setShown] = useState(compact ? FIRST_GROUPS_COMPACT : FIRST_GROUPS);
  useEffect(() => {
    void model.load();
    // Suggestions follow the city and radius the user sets on the same page.
    return settingsItem.watch(() => void model.load());
  }, [model]);

  const answer = model.answer.value;
  const phase = model.phase.value;
  // The popup shows the section only when it has something to add.
  if (compact && (!answer || answer.groups.every((g) => g.alreadyAdded))) return null;

  const groups = answer?.groups ?? [];
  return (
    <section class={compact ? 'discover-groups is-compact' : 'card discover-groups'} aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t('groupsHeading')}</h2>
      {phase === 'loading' && <p class="hint">{t('groupsLoading')}</p>}
      {phase === 'failed' && <p class="notice notice-error">{t('groupsFailed')}</p>}
      {answer && !answer.city && <p class="hint">{t('groupsNoCity')}</p>}
      {answer?.city && (
        <p class="hint">
          {groups.length > 0
            ? t('groupsIntro', [String(answer.radiusKm), answer.city])
            : t('groupsNone', [String(answer.radiusKm), answer.city])}
        </p>
      )}
      {groups.length > 0 && <AddAllButton model={model} />}
      {groups.length > 0 && (
        <ul class="discover-list" aria-label={t('groupsListLabel')}>
          {groups.slice(0, shown).map((suggestion) => (
            <GroupRow key={suggestion.group.feedUrl} suggestion={suggestion} model={model} />
          ))}
        </ul>
      )}
      {groups.length > shown && (
        <button type="button" class="button subtle discover-more" onClick={() => setShown(shown + MORE_GROUPS)}>
          {t('showMore', String(Math.min(MORE_GROUPS, groups.length - shown)))}
        </button>
      )}
      {!compact && answer && (
        <p class="hint discover-source">
          {t(answer.source === 'downloaded' ? 'groupsSourceDownloaded' : 'groupsSourceBundled', answer.version)}
          {answer.error && <> — {t('groupsUpdateFailed', answer.error)}</>}
        </p>
      )}
      {!compact && <DirectoryUrlField onSaved={() => void model.load()} />}
    </section>
  );
}
