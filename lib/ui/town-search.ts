/**
 * The town search of the options page, for the user's city and for a feed's home alike: nothing is asked under
 * two letters, a query waits for a short pause in the typing, and an answer to an older query that arrives
 * late is dropped. The gazetteer is asked through `find` (the background's `searchCities` in the page).
 */
import type { CityMatch } from '../location/city-match';

export const TOWN_SEARCH_DELAY_MS = 250;
export const TOWN_SEARCH_MIN_LETTERS = 2;

export interface TownSearchOptions {
  find(query: string): Promise<CityMatch[]>;
  delayMs?: number;
  /** The answer to the latest query: the towns found, or none with `failed` when the search failed. */
  onAnswer(towns: CityMatch[], failed: boolean): void;
  /** Whether the latest query is waiting for its answer. */
  onSearching?(searching: boolean): void;
}

export interface TownSearch {
  /** A new query: under two letters it answers no town at once, otherwise it is asked after the pause. */
  search(query: string): void;
  /** Forgets the query on its way (a town was chosen, the page is left): nothing answers until the next one. */
  cancel(): void;
}

export function createTownSearch(options: TownSearchOptions): TownSearch {
  const delayMs = options.delayMs ?? TOWN_SEARCH_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every query and cancel: only the latest query's answer is given. */
  let latest = 0;

  function forget(): number {
    if (timer) clearTimeout(timer);
    timer = null;
    return ++latest;
  }

  return {
    search(query) {
      const mine = forget();
      const text = query.trim();
      if (text.length < TOWN_SEARCH_MIN_LETTERS) {
        options.onAnswer([], false);
        options.onSearching?.(false);
        return;
      }
      options.onSearching?.(true);
      timer = setTimeout(() => {
        timer = null;
        options
          .find(text)
          .then(
            (towns) => mine === latest && options.onAnswer(towns, false),
            () => mine === latest && options.onAnswer([], true),
          )
          .finally(() => mine === latest && options.onSearching?.(false));
      }, delayMs);
    },
    cancel() {
      forget();
      options.onSearching?.(false);
    },
  };
}
