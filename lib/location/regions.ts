/**
 * Small hand-made tables the GeoNames extract lacks: admin-1 names for the countries most users live in (the
 * extract has only codes such as FR "28"), country names as addresses write them, and US ZIP prefixes.
 * Countries not listed here show their admin code, which still tells homonyms apart.
 */
import { normalizeName } from './normalize';

const ADMIN1: Record<string, Record<string, string>> = {
  FR: {
    '11': 'Île-de-France', '24': 'Centre-Val de Loire', '27': 'Bourgogne-Franche-Comté', '28': 'Normandie',
    '32': 'Hauts-de-France', '44': 'Grand Est', '52': 'Pays de la Loire', '53': 'Bretagne',
    '75': 'Nouvelle-Aquitaine', '76': 'Occitanie', '84': 'Auvergne-Rhône-Alpes',
    '93': "Provence-Alpes-Côte d'Azur", '94': 'Corse',
  },
  DE: {
    '01': 'Baden-Württemberg', '02': 'Bayern', '03': 'Bremen', '04': 'Hamburg', '05': 'Hessen',
    '06': 'Niedersachsen', '07': 'Nordrhein-Westfalen', '08': 'Rheinland-Pfalz', '09': 'Saarland',
    '10': 'Schleswig-Holstein', '11': 'Brandenburg', '12': 'Mecklenburg-Vorpommern', '13': 'Sachsen',
    '14': 'Sachsen-Anhalt', '15': 'Thüringen', '16': 'Berlin',
  },
  GB: { ENG: 'England', NIR: 'Northern Ireland', SCT: 'Scotland', WLS: 'Wales' },
  BE: { BRU: 'Brussels', VLG: 'Flanders', WAL: 'Wallonia' },
  CA: {
    '01': 'Alberta', '02': 'British Columbia', '03': 'Manitoba', '04': 'New Brunswick',
    '05': 'Newfoundland and Labrador', '07': 'Nova Scotia', '08': 'Ontario', '09': 'Prince Edward Island',
    '10': 'Quebec', '11': 'Saskatchewan', '12': 'Yukon', '13': 'Northwest Territories', '14': 'Nunavut',
  },
  IT: {
    '01': 'Abruzzo', '02': 'Basilicata', '03': 'Calabria', '04': 'Campania', '05': 'Emilia-Romagna',
    '06': 'Friuli Venezia Giulia', '07': 'Lazio', '08': 'Liguria', '09': 'Lombardia', '10': 'Marche',
    '11': 'Molise', '12': 'Piemonte', '13': 'Puglia', '14': 'Sardegna', '15': 'Sicilia', '16': 'Toscana',
    '17': 'Trentino-Alto Adige', '18': 'Umbria', '19': "Valle d'Aosta", '20': 'Veneto',
  },
  ES: {
    '07': 'Illes Balears', '27': 'La Rioja', '29': 'Madrid', '31': 'Murcia', '32': 'Navarra',
    '34': 'Asturias', '39': 'Cantabria', '51': 'Andalucía', '52': 'Aragón', '53': 'Canarias',
    '54': 'Castilla-La Mancha', '55': 'Castilla y León', '56': 'Catalunya', '57': 'Extremadura',
    '58': 'Galicia', '59': 'País Vasco', '60': 'Comunitat Valenciana', CE: 'Ceuta', ML: 'Melilla',
  },
  NL: {
    '01': 'Drenthe', '02': 'Friesland', '03': 'Gelderland', '04': 'Groningen', '05': 'Limburg',
    '06': 'Noord-Brabant', '07': 'Noord-Holland', '09': 'Utrecht', '10': 'Zeeland', '11': 'Zuid-Holland',
    '15': 'Overijssel', '16': 'Flevoland',
  },
  AT: {
    '01': 'Burgenland', '02': 'Kärnten', '03': 'Niederösterreich', '04': 'Oberösterreich', '05': 'Salzburg',
    '06': 'Steiermark', '07': 'Tirol', '08': 'Vorarlberg', '09': 'Wien',
  },
  AU: {
    '01': 'Australian Capital Territory', '02': 'New South Wales', '03': 'Northern Territory',
    '04': 'Queensland', '05': 'South Australia', '06': 'Tasmania', '07': 'Victoria', '08': 'Western Australia',
  },
  US: {
    AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
    CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii',
    ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana',
    ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi',
    MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
    NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma',
    OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
    TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington',
    WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  },
};

/** Readable admin-1 name, else the raw code (still enough to tell two Parises apart), else null. */
export function regionName(country: string, adminCode: string | null | undefined): string | null {
  if (!adminCode) return null;
  return ADMIN1[country]?.[adminCode] ?? adminCode;
}

let regionIndex: Map<string, Array<{ country: string; admin: string }>> | null = null;

/** Normalized admin code or name → regions; built once (look-ups run for every part of every address). */
function regionsByKey(): Map<string, Array<{ country: string; admin: string }>> {
  if (!regionIndex) {
    regionIndex = new Map();
    for (const [country, table] of Object.entries(ADMIN1)) {
      for (const [code, name] of Object.entries(table)) {
        for (const key of new Set([normalizeName(code), normalizeName(name)])) {
          let list = regionIndex.get(key);
          if (!list) regionIndex.set(key, (list = []));
          list.push({ country, admin: code });
        }
      }
    }
  }
  return regionIndex;
}

/** Admin codes of `country` whose code or name is `normalizedText` (US "tx" / "texas" → TX). */
export function adminCodesMatching(country: string, normalizedText: string): string[] {
  return (regionsByKey().get(normalizedText) ?? []).filter((r) => r.country === country).map((r) => r.admin);
}

/** Every (country, admin code) whose name is `normalizedText` ("texas" → US/TX, "normandie" → FR/28). */
export function regionsNamed(normalizedText: string): Array<{ country: string; admin: string }> {
  const table = ADMIN1;
  return (regionsByKey().get(normalizedText) ?? []).filter((r) => normalizeName(table[r.country]![r.admin]!) === normalizedText);
}

/** US states are written as their two-letter code in addresses ("Mountain View, CA 94043"). */
export function isUsStateCode(code: string): boolean {
  return Object.hasOwn(ADMIN1.US!, code);
}

// Country names as addresses and people write them (English and local), lower-cased and accent-free.
const COUNTRY_NAMES: Record<string, string[]> = {
  FR: ['france', 'république française'],
  DE: ['germany', 'deutschland', 'allemagne', 'bundesrepublik deutschland'],
  GB: ['uk', 'united kingdom', 'great britain', 'england', 'scotland', 'wales', 'northern ireland', 'royaume uni', 'gb'],
  US: ['usa', 'us', 'united states', 'united states of america', 'etats unis', 'u s a', 'u s'],
  BE: ['belgium', 'belgique', 'belgie', 'belgien'],
  NL: ['netherlands', 'the netherlands', 'nederland', 'pays bas', 'holland'],
  CH: ['switzerland', 'suisse', 'schweiz', 'svizzera'],
  AT: ['austria', 'osterreich', 'autriche'],
  ES: ['spain', 'espana', 'espagne', 'spanien'],
  IT: ['italy', 'italia', 'italie', 'italien'],
  PT: ['portugal'],
  IE: ['ireland', 'eire', 'irlande'],
  LU: ['luxembourg', 'luxemburg'],
  CA: ['canada'],
  AU: ['australia'],
  NZ: ['new zealand', 'aotearoa'],
  PL: ['poland', 'polska', 'pologne'],
  CZ: ['czechia', 'czech republic', 'cesko'],
  DK: ['denmark', 'danmark'],
  SE: ['sweden', 'sverige'],
  NO: ['norway', 'norge'],
  FI: ['finland', 'suomi'],
  JP: ['japan'],
  IN: ['india'],
  BR: ['brazil', 'brasil'],
  MX: ['mexico'],
  MA: ['morocco', 'maroc'],
  TN: ['tunisia', 'tunisie'],
  SN: ['senegal'],
  GR: ['greece', 'hellas'],
  RO: ['romania'],
  UA: ['ukraine'],
};

let countryIndex: Map<string, string> | null = null;

/** ISO code for a country name or code as written in an address, or null. `text` must be normalized. */
export function countryFromText(normalizedText: string, knownCodes?: ReadonlySet<string>): string | null {
  if (!countryIndex) {
    countryIndex = new Map();
    for (const [code, names] of Object.entries(COUNTRY_NAMES)) {
      for (const name of names) countryIndex.set(normalizeName(name), code);
    }
  }
  const named = countryIndex.get(normalizedText);
  if (named) return named;
  if (knownCodes && /^[a-z]{2}$/.test(normalizedText)) {
    const code = normalizedText.toUpperCase();
    if (knownCodes.has(code)) return code;
  }
  return null;
}

// US ZIP code prefixes (first three digits) → state, as published by USPS; a heuristic, not a postal database.
const ZIP3_RANGES: Array<[number, number, string]> = [
  [5, 5, 'NY'], [6, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'], [50, 54, 'VT'],
  [55, 55, 'MA'], [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'], [150, 196, 'PA'],
  [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'],
  [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'], [320, 349, 'FL'], [350, 369, 'AL'],
  [370, 385, 'TN'], [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'],
  [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'],
  [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'],
  [700, 714, 'LA'], [716, 729, 'AR'], [730, 732, 'OK'], [733, 733, 'TX'], [734, 749, 'OK'], [750, 799, 'TX'],
  [800, 816, 'CO'], [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'], [870, 884, 'NM'],
  [885, 885, 'TX'], [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'], [970, 979, 'OR'], [980, 994, 'WA'],
  [995, 999, 'AK'],
];

export function usStateForZip(zip: string): string | null {
  const prefix = Number(zip.slice(0, 3));
  for (const [from, to, state] of ZIP3_RANGES) if (prefix >= from && prefix <= to) return state;
  return null;
}
