/**
 * City autocomplete (ARIA 1.2 combobox with a listbox popup): focus stays in the input, the highlighted
 * option is announced through aria-activedescendant; homonyms show their region and country.
 */
import { useSignal } from '@preact/signals';
import type { JSX } from 'preact';
import { t } from '../../lib/ui/i18n';
import type { CityMatch } from '../../lib/location/city-match';
import { useOptions } from './options-context';

const regionNames = new Map<string, Intl.DisplayNames | null>();

export function countryName(code: string, locale: string): string {
  if (!regionNames.has(locale)) {
    try {
      regionNames.set(locale, new Intl.DisplayNames([locale], { type: 'region' }));
    } catch {
      regionNames.set(locale, null);
    }
  }
  try {
    return regionNames.get(locale)?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function cityLabel(city: { name: string; region: string | null; country: string }, locale: string): string {
  return [city.name, city.region, countryName(city.country, locale)].filter(Boolean).join(', ');
}

export function CityPicker(): JSX.Element {
  const { model, locale } = useOptions();
  const active = useSignal(-1);
  const results = model.cityResults.value;
  const open = results.length > 0;
  const city = model.settings.value.city;

  function choose(match: CityMatch | undefined): void {
    if (!match) return;
    active.value = -1;
    void model.chooseCity(match);
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      active.value = (active.value + 1) % results.length;
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      active.value = active.value <= 0 ? results.length - 1 : active.value - 1;
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      choose(results[Math.max(0, active.value)]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      active.value = -1;
      model.cityResults.value = [];
    }
  }

  const errorKey =
    model.cityError.value === 'geolocation'
      ? 'locationFailed'
      : model.cityError.value === 'noNearest'
        ? 'locationNoTown'
        : model.cityError.value === 'search'
          ? 'citySearchFailed'
          : null;

  return (
    <div class="field">
      <p class="current-city" aria-live="polite">
        {city ? t('currentCity', cityLabel(city, locale)) : t('noCityYet')}
      </p>
      <label for="city-input">{t('cityLabel')}</label>
      <div class="combobox">
        <input
          id="city-input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls="city-listbox"
          aria-describedby="city-hint"
          aria-activedescendant={open && active.value >= 0 ? `city-option-${active.value}` : undefined}
          placeholder={t('cityPlaceholder')}
          value={model.cityQuery.value}
          onInput={(e) => {
            active.value = -1;
            model.searchCity(e.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            // Options keep focus in the input on mousedown, so this only runs when focus really leaves.
            active.value = -1;
            model.cityResults.value = [];
          }}
        />
        <ul id="city-listbox" role="listbox" aria-label={t('cityResultsLabel')} class="listbox" hidden={!open}>
          {results.map((match, index) => (
            <li
              key={match.geonameId}
              id={`city-option-${index}`}
              role="option"
              aria-selected={index === active.value}
              class="option"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(match)}
            >
              <span class="option-name">{match.name}</span>{' '}
              <span class="option-detail">{[match.region, countryName(match.country, locale)].filter(Boolean).join(', ')}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id="city-hint" class="hint">
        {model.citySearching.value
          ? t('searching')
          : model.cityQuery.value.trim().length >= 2 && !open
            ? t('cityNoResults')
            : t('cityHint')}
      </p>
      <button type="button" class="button" disabled={model.locating.value} onClick={() => void model.useMyLocation()}>
        {model.locating.value ? t('locating') : t('useMyLocation')}
      </button>
      <p class="hint">{t('useMyLocationHint')}</p>
      {errorKey && (
        <p class="error" role="alert">
          {t(errorKey)}
        </p>
      )}
    </div>
  );
}
