/**
 * Where an event is, tried in this order: the coordinates the feed gives; the structured address
 * (locality + postal code + country); town names and postal codes found in the free text; online markers.
 * Everything is matched against the offline gazetteer: no address ever leaves the machine.
 */
import type { LocationSource, MeetupEvent, ResolvedLocation } from '../events';
import type { FeedHome, UserCity } from '../settings';
import { homeLocation } from './feed-home';
import type { Gazetteer, Town } from './gazetteer';
import { distanceKm, HOME_SOURCE } from './near';
import { normalizeName } from './normalize';
import { findOnlineMarkers, type OnlineMarkers } from './online';
import { findPostalCodes, postalAgreement, type PostalCode } from './postal';
import { countryFromText, isUsStateCode, regionsNamed } from './regions';

export interface ResolveContext {
  gazetteer: Gazetteer;
  /** The user's city: nearby towns win over far homonyms, and distances are measured from it. */
  city: Pick<UserCity, 'lat' | 'lon' | 'country'> | null;
  /** ISO country most of this feed's events are in, when known. */
  feedCountry?: string | null;
  /** Where the feed's group meets (lib/location/feed-home.ts): an in-person event placed nowhere is put there. */
  home?: FeedHome | null;
}

/** Below this, a text match is too weak to trust (see scoreCandidate for the scale). */
const MIN_TEXT_SCORE = 5;
/** A structured locality is strong evidence already; only a contradiction rejects it. */
const MIN_ADDRESS_SCORE = 3;
/** Beyond this from any town, coordinates still place the event but name no town. */
const MAX_TOWN_KM = 30;

// Words that open a street name: a town name after them ("Rue de Paris", "Avenue de Bayeux") is a street.
const STREET_WORDS = new Set([
  'rue', 'avenue', 'av', 'ave', 'boulevard', 'bd', 'blvd', 'place', 'pl', 'quai', 'chemin', 'allee', 'impasse',
  'route', 'rte', 'cours', 'esplanade', 'square', 'passage', 'parvis', 'street', 'road', 'rd', 'lane', 'ln', 'way',
  'drive', 'dr', 'court', 'ct', 'terrace', 'parkway', 'pkwy', 'highway', 'hwy', 'strasse', 'str', 'weg', 'platz',
  'gasse', 'damm', 'ring', 'ufer', 'allee', 'via', 'viale', 'piazza', 'corso', 'calle', 'plaza', 'paseo', 'carrer',
  'rua', 'praca', 'straat', 'laan', 'plein', 'gracht', 'saint', 'of', 'zi', 'za', 'zac', 'parc', 'campus',
]);

// Common words of venue names that are also the name of some town somewhere.
const NOT_A_TOWN = new Set([
  'street', 'centre', 'center', 'hall', 'station', 'campus', 'library', 'university', 'park', 'plaza', 'tower',
  'house', 'hub', 'lab', 'office', 'room', 'salle', 'online', 'hotel', 'cafe', 'bar', 'pub', 'school', 'college',
  'market', 'garden', 'gardens', 'church', 'museum', 'theatre', 'theater', 'cinema', 'factory', 'studio', 'space',
  'main', 'north', 'south', 'east', 'west', 'central', 'city', 'town', 'village', 'new', 'old', 'grand', 'le', 'la',
  'les', 'de', 'du', 'des', 'the', 'and', 'et', 'und', 'rue', 'floor', 'etage', 'building', 'batiment', 'bureau',
  'coworking', 'innovation', 'digital', 'tech', 'maison', 'forum', 'dome', 'arena', 'auditorium', 'amphi',
]);

const CITY_STATES = new Set(['LU', 'SG', 'MC', 'VA', 'SM', 'AD', 'LI', 'GI', 'HK', 'MO', 'DJ', 'KW', 'MT']);

interface Segment {
  raw: string;
  words: string[];
  postal: PostalCode[];
  streetLike: boolean;
}

interface Evidence {
  segments: Segment[];
  postal: PostalCode[];
  /** Countries named in full ("France", "Deutschland"): other countries are penalized. */
  countries: Set<string>;
  /** Countries written as a bare code ("DE", "CA"): ambiguous with US states, so only a bonus. */
  countryCodes: Set<string>;
  regions: Array<{ country: string; admin: string }>;
  /** Regions named in full ("Texas", "Normandie"), with the segment that names them. */
  namedRegions: Array<{ country: string; segment: number }>;
}

interface Candidate {
  row: number;
  segment: number;
  whole: boolean;
  leading: boolean;
  words: number;
  /** Found in the structured locality field. */
  locality: boolean;
}

function splitSegments(text: string): string[] {
  return text.split(/[,;()[\]\n|•·]|\s[-–—]\s|\s\/\s/).map((s) => s.trim()).filter(Boolean);
}

/**
 * GeoNames writes some towns with a qualifier in parentheses ("Frankfurt (Oder)", "Halle (Saale)"), which
 * splitSegments would cut off, leaving "Frankfurt" (am Main, 500 km away). Such names lose their parentheses here.
 */
function joinQualifiedNames(text: string, gazetteer: Gazetteer): string {
  // The pattern backtracks on long runs without separators: addresses are short, anything longer is left alone.
  if (!text.includes('(') || text.length > 500) return text;
  return text.replace(/([^,;()\n]*?)\s*\(([^(),;\n]{1,30})\)/g, (whole, before: string, qualifier: string) => {
    const words = before.trim().split(/\s+/).filter(Boolean);
    for (let n = Math.min(3, words.length); n >= 1; n--) {
      if (gazetteer.rowsNamed(normalizeName([...words.slice(-n), qualifier].join(' '))).length > 0) return `${before.trimEnd()} ${qualifier}`;
    }
    return whole;
  });
}

function gatherEvidence(texts: string[], gazetteer: Gazetteer): Evidence {
  const evidence: Evidence = { segments: [], postal: [], countries: new Set(), countryCodes: new Set(), regions: [], namedRegions: [] };
  for (const text of texts) {
    for (const raw of splitSegments(joinQualifiedNames(text, gazetteer))) {
      const postal = findPostalCodes(raw);
      let core = raw;
      for (const code of [...postal].reverse()) core = `${core.slice(0, code.start)} ${core.slice(code.end)}`;
      core = core.replace(/\bcedex\b\s*\d*/gi, ' ').replace(/^\s*\d+(?:[a-z](?![\p{L}\p{N}])|\s+(?:bis|ter)(?![\p{L}\p{N}]))?/iu, ' ').replace(/\b\d+\s*$/, ' ');
      const words = normalizeName(core).split(' ').filter(Boolean);
      evidence.postal.push(...postal);
      for (const code of postal) if (code.country === 'US' && code.usState) evidence.regions.push({ country: 'US', admin: code.usState });
      const key = words.join(' ');
      const firstWord = words[0] ?? '';
      const segment: Segment = { raw, words, postal, streetLike: STREET_WORDS.has(firstWord) || /^\d/.test(raw.trim()) };
      evidence.segments.push(segment);
      if (!key) continue;
      const upper = core.trim();
      if (/^[A-Z]{2}$/.test(upper)) {
        // "UK" and "US" name a country outright; other codes may be a US state too ("DE", "CA").
        const named = countryFromText(key);
        if (named) evidence.countries.add(named);
        else if (gazetteer.knownCountries.has(upper)) evidence.countryCodes.add(upper);
        if (isUsStateCode(upper)) evidence.regions.push({ country: 'US', admin: upper });
        continue;
      }
      const country = countryFromText(key);
      if (country) {
        evidence.countries.add(country);
        if (!CITY_STATES.has(country)) segment.words = [];
      }
      const named = regionsNamed(key);
      evidence.regions.push(...named);
      for (const region of named) evidence.namedRegions.push({ country: region.country, segment: evidence.segments.length - 1 });
    }
  }
  return evidence;
}

function findCandidates(evidence: Evidence, gazetteer: Gazetteer, localityKey: string | null): Candidate[] {
  const candidates: Candidate[] = [];
  if (localityKey) {
    for (const row of gazetteer.rowsNamed(localityKey)) {
      candidates.push({ row, segment: evidence.segments.length, whole: true, leading: true, words: 9, locality: true });
    }
  }
  evidence.segments.forEach((segment, index) => {
    const { words } = segment;
    const maxLength = Math.min(6, words.length);
    // Word ranges a longer town name already covers: "Frankfurt Oder" is not also "Frankfurt" (am Main).
    const covered: Array<[number, number]> = [];
    for (let n = maxLength; n >= 1; n--) {
      for (let start = 0; start + n <= words.length; start++) {
        if (covered.some(([from, to]) => from <= start && start + n <= to)) continue;
        const key = words.slice(start, start + n).join(' ');
        const whole = n === words.length;
        if (!whole && n === 1 && (key.length < 4 || NOT_A_TOWN.has(key))) continue;
        if (whole && NOT_A_TOWN.has(key)) continue;
        const rows = gazetteer.rowsNamed(key);
        if (rows.length > 0 && n > 1) covered.push([start, start + n]);
        for (const row of rows.slice(0, 40)) {
          candidates.push({ row, segment: index, whole, leading: start === 0, words: n, locality: false });
        }
      }
    }
  });
  return candidates;
}

interface Scored {
  town: Town;
  score: number;
  postalCode: string | null;
}

/**
 * The score of one candidate town. Rough scale: a whole comma-separated part that is a town name is worth 4,
 * a name inside a longer part 1–2; a named country +3 (−5 for any other), an agreeing postal code +3 (−3 when
 * it contradicts), the feed's usual country +2.5, the user's country +1 and nearness to the user's city up to
 * +2.5, and population up to ~2.8 as the tie-breaker.
 */
function scoreCandidate(candidate: Candidate, town: Town, evidence: Evidence, ctx: ResolveContext): Scored {
  let score = candidate.locality ? 6 : candidate.whole ? 4 : candidate.words > 1 ? 2 : 1;
  const segment = evidence.segments[candidate.segment];
  if (!candidate.whole && segment?.streetLike && !candidate.leading) score -= 2;
  if (!candidate.whole && candidate.leading && !segment?.streetLike) score += 1.5;
  if (evidence.countries.size > 0) score += evidence.countries.has(town.country) ? 3 : -5;
  else if (evidence.countryCodes.has(town.country)) score += 2;
  const sameCountryRegions = evidence.regions.filter((r) => r.country === town.country);
  if (sameCountryRegions.length > 0) score += sameCountryRegions.some((r) => r.admin === town.admin) ? 2 : -2;
  // A region named in full in another part ("Paris, Texas") places the town in that region's country, as a
  // named country does. Not when the part itself is the candidate: "Madrid" or "Berlin" are towns too.
  const otherRegions = evidence.namedRegions.filter((r) => r.segment !== candidate.segment);
  if (otherRegions.length > 0 && !otherRegions.some((r) => r.country === town.country)) score -= 3;

  let postalCode: string | null = null;
  let postalScore = 0;
  for (const code of evidence.postal) {
    const adjacent = segment?.postal.includes(code) ?? false;
    // "75013 Paris" is European order; a US ZIP follows the state ("Paris, TX 75460"), so a bare 5-digit code
    // written before the town name says nothing about a US town.
    const europeanOrder = adjacent && town.country === 'US' && !code.usState && /^\s*\d{5}\b/.test(segment?.raw ?? '');
    const agreement = europeanOrder ? 0 : postalAgreement(code, town);
    const value = agreement === 1 ? 3 : agreement === -1 ? -3 : adjacent && !code.country && !europeanOrder ? 1 : 0;
    if (postalCode === null || value > postalScore) {
      postalScore = value;
      postalCode = value >= 0 ? code.code : null;
    }
  }
  score += postalScore;

  if (ctx.feedCountry && ctx.feedCountry === town.country) score += 2.5;
  if (ctx.city) {
    if (ctx.city.country === town.country) score += 1;
    const km = distanceKm(ctx.city.lat, ctx.city.lon, town.lat, town.lon);
    score += km <= 50 ? 2.5 : km <= 200 ? 1.5 : km <= 1000 ? 0.5 : 0;
  }
  score += Math.log10(Math.max(1, town.population)) * 0.4;
  if (evidence.segments.length > 1) score += (0.3 * candidate.segment) / evidence.segments.length;
  return { town, score, postalCode };
}

async function bestTown(evidence: Evidence, ctx: ResolveContext, localityKey: string | null): Promise<Scored | null> {
  const { gazetteer } = ctx;
  const candidates = findCandidates(evidence, gazetteer, localityKey);
  if (candidates.length === 0) return null;
  // Shards are loaded only for the countries of the most plausible candidates.
  const preScore = (c: Candidate) => {
    const country = gazetteer.countryOf(c.row);
    let s = c.locality ? 6 : c.whole ? 4 : c.words > 1 ? 2 : 1;
    if (evidence.countries.size > 0) s += evidence.countries.has(country) ? 3 : -5;
    if (country === ctx.feedCountry || country === ctx.city?.country) s += 1.5;
    return s + Math.log10(Math.max(1, gazetteer.populationOf(c.row))) * 0.4;
  };
  const shortlist = candidates
    .map((c) => ({ c, s: preScore(c) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 24)
    .map((x) => x.c);
  await gazetteer.loadCountries(shortlist.map((c) => gazetteer.countryOf(c.row)));
  let best: Scored | null = null;
  for (const candidate of shortlist) {
    const town = gazetteer.townSync(candidate.row);
    if (!town) continue;
    const scored = scoreCandidate(candidate, town, evidence, ctx);
    if (!best || scored.score > best.score) best = scored;
  }
  return best;
}

function validCoordinates(lat: number | null | undefined, lon: number | null | undefined): lat is number {
  return (
    typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) &&
    Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0)
  );
}

function located(
  source: LocationSource,
  town: Town | null,
  lat: number,
  lon: number,
  ctx: ResolveContext,
  extra: { online: boolean; postalCode?: string | null },
): ResolvedLocation {
  return {
    source,
    city: town?.name ?? null,
    country: town?.country ?? null,
    lat,
    lon,
    distanceKm: ctx.city ? round1(distanceKm(ctx.city.lat, ctx.city.lon, lat, lon)) : null,
    region: town?.region ?? null,
    geonameId: town?.geonameId ?? null,
    postalCode: extra.postalCode ?? null,
    online: extra.online,
    inPerson: true,
  };
}

function round1(km: number): number {
  return Math.round(km * 10) / 10;
}

function countryCode(value: string | null | undefined, gazetteer: Gazetteer): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && gazetteer.knownCountries.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return countryFromText(normalizeName(trimmed));
}

/** Where one event is, relative to the user's city. */
export async function resolveEventLocation(event: MeetupEvent, ctx: ResolveContext): Promise<ResolvedLocation> {
  return (await locateEvent(event, ctx)).resolved;
}

/** Where one event is, and the online markers of its LOCATION (read once: the batch takes their link). */
async function locateEvent(event: MeetupEvent, ctx: ResolveContext): Promise<{ resolved: ResolvedLocation; markers: OnlineMarkers }> {
  const hasCoordinates = validCoordinates(event.place?.lat, event.place?.lon);
  // The reader's rule (attendanceOf): a link alone next to coordinates is where to register, not where to meet.
  const markers = findOnlineMarkers(event.location, hasCoordinates);
  return { resolved: await placeEvent(event, ctx, markers, hasCoordinates), markers };
}

async function placeEvent(event: MeetupEvent, ctx: ResolveContext, markers: OnlineMarkers, hasCoordinates: boolean): Promise<ResolvedLocation> {
  const { gazetteer } = ctx;
  const place = event.place;
  const placeNameMarkers = findOnlineMarkers(place?.name);
  const online = event.online || markers.online || (placeNameMarkers.online && !placeNameMarkers.rest);

  // 1. Coordinates (iCal GEO, JSON-LD geo, Gancio latitude/longitude).
  if (hasCoordinates) {
    const lat = place!.lat!;
    const lon = place!.lon!;
    const nearest = await gazetteer.nearest(lat, lon);
    const town = nearest && nearest.km <= MAX_TOWN_KM ? nearest.town : null;
    return located('coordinates', town, lat, lon, ctx, { online, postalCode: place?.postalCode ?? null });
  }

  // 2. Structured address: addressLocality + postalCode + addressCountry.
  const placeCountry = countryCode(place?.country, gazetteer);
  if (place?.locality) {
    const texts = [place.postalCode, place.region, placeCountry ? null : place.country].filter((t): t is string => !!t);
    const evidence = gatherEvidence(texts, gazetteer);
    if (placeCountry) evidence.countries.add(placeCountry);
    if (place.postalCode && evidence.postal.length === 0 && /^\d{4,5}$/.test(place.postalCode.trim())) {
      evidence.postal.push({ code: place.postalCode.trim(), country: null, usState: null, start: 0, end: 0 });
    }
    const best = await bestTown(evidence, ctx, normalizeName(place.locality));
    if (best && best.score >= MIN_ADDRESS_SCORE) {
      return located('address', best.town, best.town.lat, best.town.lon, ctx, { online, postalCode: place.postalCode ?? best.postalCode });
    }
  }

  // 3. Free text: the venue, the street, the LOCATION line.
  const placeTexts = place
    ? [placeNameMarkers.online ? placeNameMarkers.rest : place.name, place.street, [place.postalCode, place.locality].filter(Boolean).join(' '), place.region, place.country]
    : [];
  const locationText = markers.online ? markers.rest : (event.location ?? '');
  const texts = [...placeTexts, locationText].filter((t): t is string => !!t && !!t.trim());
  if (texts.length > 0) {
    const evidence = gatherEvidence(texts, gazetteer);
    if (placeCountry) evidence.countries.add(placeCountry);
    const best = await bestTown(evidence, ctx, null);
    if (best && best.score >= MIN_TEXT_SCORE) {
      return located('text', best.town, best.town.lat, best.town.lon, ctx, { online, postalCode: best.postalCode });
    }
  }

  // 4. Nothing placed it: online only, or somewhere we cannot tell.
  const inPerson = texts.some((t) => normalizeName(t).length > 0) || (!online && !!place);
  // Named no place, or a venue no town matches: a local group's event is at its home.
  if (ctx.home && (inPerson || !online)) return homeLocation(ctx.home, ctx.city, online);
  const unplaced: ResolvedLocation = {
    source: online && !inPerson ? 'online' : 'unresolved',
    city: null,
    country: null,
    lat: null,
    lon: null,
    distanceKm: null,
    region: null,
    geonameId: null,
    postalCode: null,
    online,
    inPerson: inPerson || !online,
  };
  return unplaced;
}

/**
 * Resolves a batch and returns the events with `resolved` set; online markers found in the text also set
 * `online` (and `onlineUrl` when the reader had none), so the popup shows them as online.
 */
export async function resolveEvents(events: readonly MeetupEvent[], ctx: ResolveContext): Promise<MeetupEvent[]> {
  const out: MeetupEvent[] = [];
  for (const event of events) {
    const { resolved, markers } = await locateEvent(event, ctx);
    out.push({
      ...event,
      online: event.online || resolved.online === true,
      onlineUrl: event.onlineUrl ?? markers.url,
      resolved,
    });
  }
  return out;
}

/** The country most of these resolved events are in: a hint for the feed's next refresh. */
export function usualCountry(events: readonly MeetupEvent[]): string | null {
  const counts = new Map<string, number>();
  for (const event of events) {
    const country = event.resolved?.country;
    if (country && event.resolved?.source !== 'text' && event.resolved?.source !== HOME_SOURCE) counts.set(country, (counts.get(country) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [country, count] of counts) {
    if (count > bestCount) {
      best = country;
      bestCount = count;
    }
  }
  return best;
}

/**
 * A whole feed: resolve, learn the feed's usual country from the events placed by coordinates or address,
 * then resolve again with that hint only the events the text placed (or could not), where it breaks ties
 * between homonyms. `ctx.feedCountry`, when given, is kept.
 */
export async function resolveFeedEvents(events: readonly MeetupEvent[], ctx: ResolveContext): Promise<MeetupEvent[]> {
  const firstPass = await resolveEvents(events, ctx);
  const feedCountry = ctx.feedCountry ?? usualCountry(firstPass);
  if (!feedCountry || feedCountry === ctx.feedCountry) return firstPass;
  const hinted = { ...ctx, feedCountry };
  const out: MeetupEvent[] = [];
  for (let i = 0; i < firstPass.length; i++) {
    const first = firstPass[i]!;
    const source = first.resolved?.source;
    out.push(source === 'text' || source === 'unresolved' || source === 'feed' ? (await resolveEvents([events[i]!], hinted))[0]! : first);
  }
  return out;
}
