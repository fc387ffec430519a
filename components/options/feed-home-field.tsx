/**
 * A feed's home in its settings (lib/location/feed-home.ts): where its group meets, who said so (the directory,
 * its own events, the user), a town search to change it, and a button to clear it.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { homeOfTown } from '../../lib/location/feed-home';
import { sendMessage } from '../../lib/messages';
import type { CityMatch } from '../../lib/location/city-match';
import type { FeedConfig } from '../../lib/settings';
import { t, type MessageKey } from '../../lib/ui/i18n';
import { createTownSearch } from '../../lib/ui/town-search';
import { cityLabel, countryName } from './city-picker';
import { useOptions } from './options-context';

const SOURCE_TEXT: Record<NonNullable<FeedConfig['home']>['source'], MessageKey> = {
  directory: 'feedHomeDirectory',
  learned: 'feedHomeLearned',
  user: 'feedHomeUser',
};

/** The town search (lib/ui/town-search.ts) through the background, for as long as the field is shown. */
function useTownSearch(query: string): CityMatch[] {
  const [towns, setTowns] = useState<CityMatch[]>([]);
  const [search] = useState(() => createTownSearch({ find: (text) => sendMessage('searchCities', { query: text, limit: 6 }), onAnswer: setTowns }));
  useEffect(() => search.search(query), [search, query]);
  useEffect(() => () => search.cancel(), [search]);
  return towns;
}

export function FeedHomeField({ feed }: { feed: FeedConfig }): JSX.Element {
  const { model, locale } = useOptions();
  const [query, setQuery] = useState('');
  const results = useTownSearch(query);
  const home = feed.home ?? null;
  const inputId = `home-${feed.id}`;
  const hintId = `home-hint-${feed.id}`;

  function choose(match: CityMatch): void {
    setQuery('');
    void model.updateFeed(feed.id, { home: homeOfTown(match), learnHome: true });
  }

  return (
    <div class="feed-home" data-testid="feed-home">
      <p class="feed-home-current">
        {t('feedHomeLabel')}:{' '}
        <strong>
          {home
            ? t(SOURCE_TEXT[home.source], cityLabel({ name: home.city, region: null, country: home.country }, locale))
            : t('feedHomeNone')}
        </strong>
      </p>
      <label for={inputId}>{t('feedHomeSearchLabel')}</label>
      <input
        id={inputId}
        type="text"
        autocomplete="off"
        spellcheck={false}
        placeholder={t('cityPlaceholder')}
        aria-describedby={hintId}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {results.length > 0 && (
        <ul class="feed-home-results" aria-label={t('cityResultsLabel')}>
          {results.map((match) => (
            <li key={match.geonameId}>
              <button type="button" class="link-button" onClick={() => choose(match)}>
                {match.name} <span class="muted">{[match.region, countryName(match.country, locale)].filter(Boolean).join(', ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="hint" id={hintId}>
        {t('feedHomeHint')}
      </p>
      <div class="inline">
        {home && (
          <button type="button" class="button subtle" onClick={() => void model.updateFeed(feed.id, { home: null, learnHome: false })}>
            {t('feedHomeClear')}
          </button>
        )}
        {!home && feed.learnHome === false && (
          <button
            type="button"
            class="button subtle"
            onClick={() => void model.updateFeed(feed.id, { learnHome: true }).then(() => model.refreshFeed(feed.id))}
          >
            {t('feedHomeLearnAgain')}
          </button>
        )}
      </div>
    </div>
  );
}
