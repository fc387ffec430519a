import { describe, expect, it } from 'vitest';
import { mergeGroups, type PlacedGroup } from '../../../scripts/directory/merge-groups';

const place = { city: 'Washington, D.C.', country: 'US', coordinates: { lat: 38.8951, lon: -77.0364 } };
const entry = (name: string, sourceName: string, tags: string[], feedUrl = 'https://www.meetup.com/owasp-washington-dc-chapter/events/ical/'): PlacedGroup => ({
  group: { name, feedUrl, platform: 'meetup', homepage: null, tags, place: { city: 'DC' }, file: 'x' },
  place,
  source: { name: sourceName, url: `https://github.com/example/${sourceName}/blob/abc/list`, licence: 'MIT' },
});

describe('mergeGroups', () => {
  it('makes one group of lists naming the same feed: tags and sources united, the first list names it', () => {
    const merged = mergeGroups([entry('OWASP Washington DC', 'OWASP', ['security', 'owasp']), entry('OWASP Washington, DC Chapter', 'DC Tech Events', ['Cybersecurity', 'security'])]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.name).toBe('OWASP Washington DC');
    expect(merged[0]!.tags).toEqual(['cybersecurity', 'owasp', 'security']);
    expect(merged[0]!.sources.map((s) => s.name)).toEqual(['OWASP', 'DC Tech Events']);
  });

  it('knows a Meetup group whatever the letter case of its slug', () => {
    const upper = 'https://www.meetup.com/OWASP-Washington-DC-Chapter/events/ical/';
    expect(mergeGroups([entry('A', 'OWASP', []), entry('A', 'DC Tech Events', [], upper)])).toHaveLength(1);
  });

  it('does not repeat a source that lists a feed twice', () => {
    const merged = mergeGroups([entry('A', 'OWASP', []), entry('A again', 'OWASP', [])]);
    expect(merged[0]!.sources).toHaveLength(1);
  });

  it('sorts by country, city, name, feed whatever the input order', () => {
    const a = entry('B group', 'X', [], 'https://www.meetup.com/b/events/ical/');
    const b = entry('A group', 'X', [], 'https://www.meetup.com/a/events/ical/');
    expect(mergeGroups([a, b]).map((g) => g.name)).toEqual(['A group', 'B group']);
    expect(mergeGroups([b, a])).toEqual(mergeGroups([a, b]));
  });
});
