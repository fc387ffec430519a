import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CityMatch } from '../../../lib/location/city-match';
import { createTownSearch } from '../../../lib/ui/town-search';

const town = (name: string): CityMatch => ({ geonameId: name.length, name, region: null, country: 'FR', lat: 0, lon: 0, timeZone: 'Europe/Paris', population: 1 });

function harness(find: (query: string) => Promise<CityMatch[]>) {
  const asked: string[] = [];
  const answers: Array<[string[], boolean]> = [];
  const searching: boolean[] = [];
  const search = createTownSearch({
    find: (query) => {
      asked.push(query);
      return find(query);
    },
    delayMs: 100,
    onAnswer: (towns, failed) => answers.push([towns.map((t) => t.name), failed]),
    onSearching: (value) => searching.push(value),
  });
  return { search, asked, answers, searching };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('town search', () => {
  it('asks nothing under two letters and answers no town at once', () => {
    const h = harness(async () => [town('Caen')]);
    h.search.search(' C ');
    expect(h.answers).toEqual([[[], false]]);
    expect(h.searching).toEqual([false]);
    vi.advanceTimersByTime(1000);
    expect(h.asked).toEqual([]);
  });

  it('asks only the query typed last, after the pause, trimmed', async () => {
    const h = harness(async (query) => [town(query)]);
    h.search.search('Ca');
    vi.advanceTimersByTime(50);
    h.search.search('Cae');
    vi.advanceTimersByTime(50);
    h.search.search(' Caen ');
    vi.advanceTimersByTime(99);
    expect(h.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.asked).toEqual(['Caen']);
    expect(h.answers).toEqual([[['Caen'], false]]);
    expect(h.searching.at(-1)).toBe(false);
  });

  it('drops an answer that arrives after a newer query', async () => {
    const pending = new Map<string, (towns: CityMatch[]) => void>();
    const h = harness((query) => new Promise((resolve) => pending.set(query, resolve)));
    h.search.search('Cae');
    await vi.advanceTimersByTimeAsync(100);
    h.search.search('Caen');
    await vi.advanceTimersByTimeAsync(100);
    pending.get('Caen')!([town('Caen')]);
    pending.get('Cae')!([town('Caen'), town('Caen-la-Mer')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.asked).toEqual(['Cae', 'Caen']);
    expect(h.answers).toEqual([[['Caen'], false]]);
  });

  it('says the search failed, with no town', async () => {
    const h = harness(() => Promise.reject(new Error('no gazetteer')));
    h.search.search('Caen');
    await vi.advanceTimersByTimeAsync(100);
    expect(h.answers).toEqual([[[], true]]);
    expect(h.searching).toEqual([true, false]);
  });

  it('answers nothing more once cancelled', async () => {
    let resolve: (towns: CityMatch[]) => void = () => {};
    const h = harness(() => new Promise((r) => (resolve = r)));
    h.search.search('Caen');
    await vi.advanceTimersByTimeAsync(100);
    h.search.cancel();
    resolve([town('Caen')]);
    h.search.search('Bay');
    h.search.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.asked).toEqual(['Caen']);
    expect(h.answers).toEqual([]);
  });
});
