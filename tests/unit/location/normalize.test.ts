import { describe, expect, it } from 'vitest';
import { normalizeName, normalizePrefix } from '../../../lib/location/normalize';

describe('normalizeName', () => {
  it.each([
    ['Hérouville-Saint-Clair', 'herouville saint clair'],
    ['herouville saint clair', 'herouville saint clair'],
    ['HÉROUVILLE ST-CLAIR', 'herouville saint clair'],
    ['Hérouville Ste Clair', 'herouville sainte clair'],
    ['St. Pölten', 'saint polten'],
    ['Sankt Pölten', 'saint polten'],
    ['Köln', 'koln'],
    ['Straße', 'strasse'],
    ["Villeneuve-d'Ascq", 'villeneuve d ascq'],
    ['Villeneuve d’Ascq', 'villeneuve d ascq'],
    ['Œuilly', 'oeuilly'],
    ['Łódź', 'lodz'],
    ['  Caen ,  ', 'caen'],
    ['Mt. Vernon', 'mount vernon'],
    ['São Paulo', 'sao paulo'],
    ['東京', '東京'],
    ['constructor', 'constructor'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('normalizePrefix', () => {
  it.each([
    ['st', 'st'],
    ['st ', 'saint '],
    ['St-L', 'saint l'],
    ['san', 'san'],
    ['Hérouv', 'herouv'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePrefix(input)).toBe(expected);
  });
});
