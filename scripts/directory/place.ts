/**
 * Places each group with the project's own gazetteer, the search behind the options page's city picker, so
 * a directory city is one the user can pick. Lists write places their own way ("NYC", "Bay Area", "England
 * (UK)"): the alias tables below turn those into names the gazetteer knows. A group that still matches no
 * town is reported and left out; nothing is guessed.
 */
import { findCityForCli, UnknownCityError } from '../cli/city-filter';
import type { Gazetteer } from '../../lib/location/gazetteer';
import { distanceKm } from '../../lib/location/near';
import { normalizeName } from '../../lib/location/normalize';
import { countryFromText, isUsStateCode, regionsNamed } from '../../lib/location/regions';
import type { PlaceHint } from './types';

export interface Placed {
  city: string;
  country: string;
  coordinates: { lat: number; lon: number };
}

export type Placement = { ok: true; place: Placed } | { ok: false; reason: string };

/** Country names the lists use that are neither English short names nor in the gazetteer's own table. */
const COUNTRY_ALIASES: Record<string, string> = {
  'england uk': 'GB',
  'scotland uk': 'GB',
  'wales uk': 'GB',
  'northern ireland uk': 'GB',
  'south korea': 'KR',
  'korea': 'KR',
  'russia': 'RU',
  'turkiye': 'TR',
  'turkey': 'TR',
  'czech republic': 'CZ',
  'the netherlands': 'NL',
  'vietnam': 'VN',
  'viet nam': 'VN',
  'taiwan': 'TW',
  'hong kong': 'HK',
  'uae': 'AE',
  'united arab emirates': 'AE',
  'ivory coast': 'CI',
  "cote d ivoire": 'CI',
  'dr congo': 'CD',
  'democratic republic of the congo': 'CD',
  'macedonia': 'MK',
  'north macedonia': 'MK',
  'bosnia and herzegovina': 'BA',
  'kosovo': 'XK',
  'palestine': 'PS',
  'bolivia': 'BO',
  'venezuela': 'VE',
  'iran': 'IR',
  'tanzania': 'TZ',
  'moldova': 'MD',
  'laos': 'LA',
  'syria': 'SY',
  'eswatini': 'SZ',
  'swaziland': 'SZ',
  'cape verde': 'CV',
  'micronesia': 'FM',
  'korea south': 'KR',
  'swiss': 'CH',
  'kingdom of saudi arabia': 'SA',
};

/**
 * City names as the lists write them → a gazetteer query. Keys are normalized names, optionally with the
 * country (`key|CC`) when the name means something else elsewhere.
 */
export const CITY_ALIASES: Record<string, string> = {
  'nyc': 'New York City, US',
  'new york': 'New York City, US',
  'new york city': 'New York City, US',
  'new york|US': 'New York City, US',
  'nyc|US': 'New York City, US',
  'bay area': 'San Francisco, US',
  'sf bay area': 'San Francisco, US',
  'san francisco bay area': 'San Francisco, US',
  'silicon valley': 'San Jose, CA, US',
  'washington dc': 'Washington, DC, US',
  'washington d c': 'Washington, DC, US',
  'washington|US': 'Washington, DC, US',
  'dc': 'Washington, DC, US',
  'd c': 'Washington, DC, US',
  'dmv': 'Washington, DC, US',
  'zurich': 'Zürich, CH',
  'montreal': 'Montréal, CA',
  'twin cities': 'Minneapolis, US',
  'research triangle': 'Raleigh, US',
  'triangle': 'Raleigh, US',
  'dallas fort worth': 'Dallas, US',
  'dfw': 'Dallas, US',
  'tampa bay': 'Tampa, US',
  'la': 'Los Angeles, US',
  'los angeles metro': 'Los Angeles, US',
  'minneapolis saint paul': 'Minneapolis, MN, US',
  'minneapolis st paul': 'Minneapolis, MN, US',
  'rtp': 'Durham, NC, US',
  'research triangle park': 'Durham, NC, US',
  'jkpg': 'Jönköping, SE',
  'gurugram': 'Gurgaon, IN',
  'bhubaneswar': 'Bhubaneshwar, IN',
  'klagenfurt': 'Klagenfurt am Wörthersee, AT',
  'aarhus': 'Århus, DK',
  'penang': 'George Town, MY',
  'sivagangai': 'Sivaganga, IN',
  'pachuca': 'Pachuca de Soto, MX',
  'xalapa': 'Xalapa de Enríquez, MX',
  'jujuy': 'San Salvador de Jujuy, AR',
  'bariloche': 'San Carlos de Bariloche, AR',
  'masqat': 'Muscat, OM',
  'al khartum': 'Khartoum, SD',
  'ha noi': 'Hanoi, VN',
  'santiago de chile': 'Santiago, CL',
  'goettingen': 'Göttingen, DE',
  'hong kong': 'Hong Kong, HK',
  // An exact name that is a small town where the list means the city whose name starts with it.
  'newcastle|GB': 'Newcastle upon Tyne, GB',
  'queretaro|MX': 'Santiago de Querétaro, MX',
  'cdmx': 'Mexico City, MX',
  'ciudad de mexico': 'Mexico City, MX',
  'mexico city': 'Mexico City, MX',
  'delhi ncr': 'New Delhi, IN',
  'ncr': 'New Delhi, IN',
  'bangalore': 'Bengaluru, IN',
  'goteborg': 'Gothenburg, SE',
  'kyiv': 'Kyiv, UA',
  'kiev': 'Kyiv, UA',
  'cologne': 'Köln, DE',
  'sao paulo': 'São Paulo, BR',
};

/** Words that are also town names but, in a group's description, mean the country or something else. */
const TEXT_STOP_WORDS = new Set(['mexico', 'centro', 'ciudad', 'san', 'santa', 'la', 'el', 'de', 'nacional', 'victoria', 'progreso', 'reforma', 'tech', 'ai']);

/** A "Greater", "Metro", "Area", "Metro Area" the lists add to a city's name ("Atlanta Metro", "Greater Boston"). */
const AREA_SUFFIX = /\s+(?:greater|metro(?:politan)?(?: area)?|area|region|bay area)$/;
const AREA_PREFIX = /^(?:greater|metro)\s+/;

export class Placer {
  private readonly countryNames = new Map<string, string>();

  constructor(private readonly gazetteer: Gazetteer) {
    const english = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of gazetteer.countries) {
      try {
        const name = english.of(code);
        if (name && name !== code) this.countryNames.set(normalizeName(name), code);
      } catch {
        // Not a region code Intl knows (XK in some builds): the alias table covers it.
      }
    }
  }

  /** ISO code of a country as a list wrote it ("USA", "England (UK)", "Brazil"), or null. */
  countryCode(text: string | null | undefined): string | null {
    if (!text) return null;
    const key = normalizeName(text);
    if (!key) return null;
    return COUNTRY_ALIASES[key] ?? this.countryNames.get(key) ?? countryFromText(key, this.gazetteer.knownCountries);
  }

  async place(hint: PlaceHint): Promise<Placement> {
    const country = this.countryCode(hint.country);
    if (hint.coordinates) return this.placeAt(hint.coordinates, country, hint.texts ?? []);
    if (!hint.city?.trim()) {
      if (hint.texts?.length && country) return this.placeFromTexts(hint.texts, country);
      return { ok: false, reason: 'the list gives no city' };
    }
    if (hint.country && !country && !['international', 'online', 'virtual', 'global'].includes(normalizeName(hint.country))) {
      return { ok: false, reason: `unknown country "${hint.country}"` };
    }
    const queries = this.queries(hint.city, hint.region ?? null, country);
    // "OWASP Delaware" meets in the state, not in Delaware, Ohio: a US state's name is no town unless an alias
    // says which (New York, Washington).
    if (country === 'US' && !queries.some((q) => q.fromAlias) && regionsNamed(normalizeName(hint.city)).some((r) => r.country === 'US')) {
      return { ok: false, reason: `"${hint.city}" is a US state, not a city` };
    }
    for (const { query, fromAlias } of queries) {
      try {
        const { city } = await findCityForCli(this.gazetteer, query);
        // An alias names its country ("Hong Kong" is HK where OWASP writes China): it is trusted.
        if (country && !fromAlias && city.country !== country) continue;
        return { ok: true, place: { city: city.name, country: city.country, coordinates: round(city) } };
      } catch (error) {
        if (!(error instanceof UnknownCityError)) throw error;
      }
    }
    const where = [hint.city, hint.region, hint.country].filter(Boolean).join(', ');
    return { ok: false, reason: `no town named "${where}" in the gazetteer` };
  }

  /**
   * The gazetteer queries to try, most precise first: aliases, then the name with the list's region and
   * country. Lists append the country or state to the name ("Birmingham Uk", "Portland Me") and write twin
   * cities with a dash ("Resistencia-Corrientes"): those are read as the place they name first.
   */
  private queries(cityText: string, regionText: string | null, country: string | null): Array<{ query: string; fromAlias: boolean }> {
    let region = regionText;
    let key = normalizeName(cityText.replace(/\s*\([^)]*\)\s*/g, ' '));
    const words = key.split(' ');
    const last = words.at(-1) ?? '';
    if (words.length > 1 && country === 'US' && /^[a-z]{2}$/.test(last) && isUsStateCode(last.toUpperCase())) {
      key = words.slice(0, -1).join(' ');
      region ??= last.toUpperCase();
    } else if (words.length > 1 && country && this.countryCode(last) === country) {
      key = words.slice(0, -1).join(' ');
    }
    const bare = key.replace(AREA_PREFIX, '').replace(AREA_SUFFIX, '');
    const firstOfTwin = /[-/]/.test(cityText) ? normalizeName(cityText.split(/[-/]/)[0]!) : '';
    const names = [...new Set([key, bare, firstOfTwin].filter(Boolean))];
    const queries: Array<{ query: string; fromAlias: boolean }> = [];
    for (const name of names) {
      const alias = (country && CITY_ALIASES[`${name}|${country}`]) || CITY_ALIASES[name];
      if (alias) queries.push({ query: alias, fromAlias: true });
    }
    for (const name of names) {
      if (region && country) queries.push({ query: `${name}, ${region}, ${country}`, fromAlias: false });
      if (region) queries.push({ query: `${name}, ${region}`, fromAlias: false });
      queries.push({ query: country ? `${name}, ${country}` : name, fromAlias: false });
    }
    return queries;
  }

  /**
   * The city a group's own texts name ("Elixir Mexico City", "…en Guadalajara"): the longest run of words
   * that is an alias or the name of a town of 100,000+ inhabitants in the list's country, first text first.
   * Smaller towns are not looked for: their names are too often ordinary words.
   */
  private async placeFromTexts(texts: readonly string[], country: string): Promise<Placement> {
    for (const text of texts) {
      const words = normalizeName(text).split(' ').filter(Boolean);
      for (let n = Math.min(4, words.length); n >= 1; n--) {
        for (let i = 0; i + n <= words.length; i++) {
          const key = words.slice(i, i + n).join(' ');
          if (TEXT_STOP_WORDS.has(key)) continue;
          const alias = CITY_ALIASES[`${key}|${country}`] ?? CITY_ALIASES[key];
          if (alias) {
            const found = await this.place({ city: alias.split(',')[0]!, country: alias.split(',').at(-1)!.trim() });
            if (found.ok && found.place.country === country) return found;
            continue;
          }
          const row = this.gazetteer.rowsNamed(key).find((r) => this.gazetteer.countryOf(r) === country && this.gazetteer.populationOf(r) >= 100_000);
          if (row !== undefined) {
            const town = await this.gazetteer.town(row);
            return { ok: true, place: { city: town.name, country: town.country, coordinates: round(town) } };
          }
        }
      }
    }
    return { ok: false, reason: 'no city named in the group\'s name, address or description' };
  }

  /**
   * Coordinates a list gives (Kotlin user groups) are kept; the city is the town the group's name names near
   * them ("Berlin KUG" is Berlin, not the Mitte district its point falls in), else the town at the point.
   * A group named after a country ("Swiss KUG", placed at the country's middle), or after a big town far from
   * its point, is left out: its point is not where it meets.
   */
  private async placeAt(coordinates: { lat: number; lon: number }, country: string | null, texts: readonly string[]): Promise<Placement> {
    const at = `${coordinates.lat}, ${coordinates.lon}`;
    const nearest = await this.gazetteer.nearest(coordinates.lat, coordinates.lon);
    if (!nearest) return { ok: false, reason: `no town near ${at}` };
    const inCountry = country ?? nearest.town.country;
    let namesCountry = false;
    for (const text of texts) {
      const words = normalizeName(text).split(' ').filter(Boolean);
      for (let n = Math.min(4, words.length); n >= 1; n--) {
        for (let i = 0; i + n <= words.length; i++) {
          const key = words.slice(i, i + n).join(' ');
          const aliasName = CITY_ALIASES[key]?.split(',')[0];
          const rows = [...this.gazetteer.rowsNamed(key), ...(aliasName ? this.gazetteer.rowsNamed(normalizeName(aliasName)) : [])];
          const towns = await this.gazetteer.towns(rows.filter((r) => this.gazetteer.countryOf(r) === inCountry));
          const close = towns.find((t) => distanceKm(t.lat, t.lon, coordinates.lat, coordinates.lon) <= 30);
          if (close) return { ok: true, place: { city: close.name, country: close.country, coordinates: round(coordinates) } };
          const big = towns.find((t) => t.population >= 100_000);
          if (big) return { ok: false, reason: `named after ${big.name}, but its coordinates ${at} are elsewhere` };
          if (n === 1 && this.countryCode(key) === inCountry) namesCountry = true;
        }
      }
    }
    if (namesCountry) return { ok: false, reason: `named after a country, not a city (${texts.join(', ')})` };
    if (nearest.km > 10) return { ok: false, reason: `no town within 10 km of ${at}` };
    if (country && nearest.town.country !== country) return { ok: false, reason: `coordinates ${at} are in ${nearest.town.country}, not ${country}` };
    return { ok: true, place: { city: nearest.town.name, country: nearest.town.country, coordinates: round(coordinates) } };
  }
}

function round(point: { lat: number; lon: number }): { lat: number; lon: number } {
  return { lat: Math.round(point.lat * 10_000) / 10_000, lon: Math.round(point.lon * 10_000) / 10_000 };
}
