/** The options page: where, feeds, discovery, refresh and notifications, backup, about. */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatDistance } from '../../lib/format';
import type { BadgeMode } from '../../lib/settings';
import { everyInterval, reminderBefore, t, type MessageKey } from '../../lib/ui/i18n';
import { DirectoryCredits } from './directory-credits';
import { CityPicker } from './city-picker';
import { DiscoverySection } from './discovery-section';
import { FeedsSection } from './feeds-section';
import { useOptions } from './options-context';

export const REFRESH_CHOICES = [15, 30, 60, 120, 180, 360, 720, 1440];
export const REMINDER_CHOICES = [0, 15, 30, 60, 120, 1440];

function LocationSection(): JSX.Element {
  const { model, locale } = useOptions();
  const settings = model.settings.value;
  return (
    <section class="card" aria-labelledby="where-heading">
      <h2 id="where-heading">{t('whereHeading')}</h2>
      <CityPicker />
      <div class="field">
        <label for="radius">
          {t('radiusLabel')} <output for="radius" class="value">{formatDistance(settings.radiusKm, locale)}</output>
        </label>
        <input
          id="radius"
          type="range"
          min={5}
          max={200}
          step={5}
          value={settings.radiusKm}
          aria-valuetext={formatDistance(settings.radiusKm, locale)}
          onChange={(e) => void model.updateSettings({ radiusKm: Number(e.currentTarget.value) })}
          onInput={(e) => (model.settings.value = { ...model.settings.value, radiusKm: Number(e.currentTarget.value) })}
        />
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.includeOnline}
          onChange={(e) => void model.updateSettings({ includeOnline: e.currentTarget.checked })}
        />
        {t('includeOnline')}
      </label>
    </section>
  );
}

function RefreshSection(): JSX.Element {
  const { model } = useOptions();
  const settings = model.settings.value;
  return (
    <section class="card" aria-labelledby="refresh-heading">
      <h2 id="refresh-heading">{t('refreshHeading')}</h2>
      <div class="field">
        <label for="refresh-interval">{t('refreshIntervalLabel')}</label>
        <select
          id="refresh-interval"
          value={String(settings.refreshMinutes)}
          onChange={(e) => void model.updateSettings({ refreshMinutes: Number(e.currentTarget.value) })}
        >
          {REFRESH_CHOICES.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {everyInterval(minutes)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="badge-mode">{t('badgeModeLabel')}</label>
        <select
          id="badge-mode"
          value={settings.badgeMode}
          onChange={(e) => void model.updateSettings({ badgeMode: e.currentTarget.value as BadgeMode })}
        >
          <option value="new">{t('badgeModeNew')}</option>
          <option value="week">{t('badgeModeWeek')}</option>
        </select>
      </div>
      <fieldset class="field">
        <legend>{t('notificationsHeading')}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.notifyNewEvents}
            onChange={(e) => void model.updateSettings({ notifyNewEvents: e.currentTarget.checked })}
          />
          {t('notifyNewEvents')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.notifyStarredChanges}
            onChange={(e) => void model.updateSettings({ notifyStarredChanges: e.currentTarget.checked })}
          />
          {t('notifyStarredChanges')}
        </label>
        <label for="reminder">{t('reminderLabel')}</label>
        <select
          id="reminder"
          value={String(settings.reminderMinutes)}
          onChange={(e) => void model.updateSettings({ reminderMinutes: Number(e.currentTarget.value) })}
        >
          {REMINDER_CHOICES.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {minutes === 0 ? t('reminderOff') : reminderBefore(minutes)}
            </option>
          ))}
        </select>
      </fieldset>
    </section>
  );
}

const PROBLEM_KEYS: Record<string, MessageKey> = {
  notJson: 'importNotJson',
  notSettingsFile: 'importNotSettingsFile',
  newerVersion: 'importNewerVersion',
  missing: 'importMissing',
  wrongType: 'importWrongType',
  outOfRange: 'importOutOfRange',
  badUrl: 'importBadUrl',
  badTimeZone: 'importBadTimeZone',
  badValue: 'importBadValue',
  duplicate: 'importDuplicate',
  tooMany: 'importTooMany',
};

function BackupSection(): JSX.Element {
  const { model } = useOptions();
  const fileRef = useRef<HTMLInputElement>(null);
  const problems = model.importProblems.value;

  async function exportFile(): Promise<void> {
    const text = await model.exportText();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `local-meetups-settings-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  return (
    <section class="card" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <p class="hint">{t('backupHint')}</p>
      <div class="inline">
        <button type="button" class="button" onClick={() => void exportFile()}>
          {t('exportSettings')}
        </button>
        <button type="button" class="button" onClick={() => fileRef.current?.click()}>
          {t('importSettings')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            await model.importText(await file.text());
            input.value = '';
          }}
        />
      </div>
      {problems && (
        <div class="error-box" role="alert">
          <p>{t('importRejected')}</p>
          <ul>
            {problems.slice(0, 20).map((problem, index) => (
              <li key={index}>
                {problem.path && <code>{problem.path}</code>} {t(PROBLEM_KEYS[problem.code] ?? 'importBadValue')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {model.importDone.value && (
        <p class="success" role="status">
          {t('importDone')}
        </p>
      )}
    </section>
  );
}

function AboutSection(): JSX.Element {
  let version = '';
  try {
    version = browser.runtime.getManifest().version;
  } catch {
    version = '';
  }
  return (
    <section class="card" aria-labelledby="about-heading">
      <h2 id="about-heading">{t('aboutHeading')}</h2>
      <p>{t('aboutVersion', version)}</p>
      <p>{t('privacyStatement')}</p>
      <p>
        {t('geonamesCredit')}{' '}
        <a href="https://www.geonames.org/" target="_blank" rel="noopener noreferrer">
          GeoNames
        </a>{' '}
        (
        <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener noreferrer">
          CC BY 4.0
        </a>
        )
      </p>
      <DirectoryCredits />
    </section>
  );
}

function UndoSnackbar(): JSX.Element {
  const { model } = useOptions();
  const pending = model.pendingRemoval.value;
  return (
    <div class="snackbar-region" role="status" aria-live="polite">
      {pending && (
        <div class="snackbar">
          <span>{t('feedRemoved', pending.feed.name || pending.feed.url)}</span>
          <button type="button" class="button" onClick={() => void model.undoRemove()}>
            {t('undo')}
          </button>
        </div>
      )}
    </div>
  );
}

export function OptionsApp(): JSX.Element {
  const { model } = useOptions();
  useEffect(() => {
    const timer = setInterval(() => model.tick(), 30_000);
    return () => clearInterval(timer);
  }, [model]);
  return (
    <div class="options" aria-busy={!model.loaded.value}>
      <header class="options-header">
        <h1>{t('optionsTitle')}</h1>
        <p class="muted">{t('optionsIntro')}</p>
      </header>
      <main>
        <LocationSection />
        <FeedsSection />
        <DiscoverySection />
        <RefreshSection />
        <BackupSection />
        <AboutSection />
      </main>
      <UndoSnackbar />
    </div>
  );
}
