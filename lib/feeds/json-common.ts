/**
 * Pieces every JSON reader shares: the nesting guard, tolerant field access, places, statuses and the one
 * way a MeetupEvent is assembled (so ids, URLs and texts follow the same rules whatever the source).
 */
import { eventId, safeHttpUrl, UNTITLED_EVENT, type EventPlace, type EventStatus, type MeetupEvent, type ParseOptions } from '../events';
import { htmlToText, plainLine } from '../text';
import { FeedError } from './errors';

export const MAX_JSON_DEPTH = 64;

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const tooDeep = (limit: number) => new FeedError('tooDeep', `Too deeply nested JSON (more than ${limit} levels)`);

/**
 * Nesting depth of JSON text, counted before parsing so a hostile body costs one linear scan; stops as soon
 * as `limit` is passed. Brackets inside strings do not count.
 */
export function assertJsonTextDepth(text: string, limit = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) throw tooDeep(limit);
    } else if (c === 125 || c === 93) depth--;
  }
}

/** JSON.parse with the depth guard first and a short message on failure. */
export function parseJsonText(text: string, limit = MAX_JSON_DEPTH): unknown {
  assertJsonTextDepth(text, limit);
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'unreadable';
    throw new FeedError('malformed', `Broken JSON: ${detail}`, { kind: 'brokenJson' });
  }
}

/** First usable value: unwraps arrays and JSON-LD `{"@value": …}` wrappers. */
export function first(value: unknown): unknown {
  let current = value;
  for (let i = 0; i < 4; i++) {
    if (Array.isArray(current)) current = current.find((item) => item !== null && item !== undefined && item !== '');
    else if (isObject(current) && '@value' in current) current = current['@value'];
    else break;
  }
  return current;
}

/** A field under any of `names`, the first that holds something. */
export function pick(obj: JsonObject, names: readonly string[]): unknown {
  for (const name of names) {
    const value = obj[name];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** A key as hand-written lists spell it in any case: "VenueName", "venue_name", "venue-name" → "venuename". */
export function plainKey(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Key lists in plainKey form, for `pick` on withPlainKeys objects. */
export function plainKeys(names: readonly string[]): string[] {
  return [...new Set(names.map(plainKey))];
}

/** The object with its keys in plainKey form; when two keys collide, the first one written wins. */
export function withPlainKeys(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(obj)) {
    const plain = plainKey(key);
    if (!(plain in out)) out[plain] = obj[key];
  }
  return out;
}

/** A scalar field as trimmed text (numbers too), or null. */
export function text(value: unknown): string | null {
  const v = first(value);
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function line(value: unknown): string | null {
  const t = text(value);
  return t ? plainLine(t) || null : null;
}

export function number(value: unknown): number | null {
  const v = first(value);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*[+-]?\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

export function coordinates(latRaw: unknown, lonRaw: unknown): { lat: number; lon: number } | null {
  const lat = number(latRaw);
  const lon = number(lonRaw);
  if (lat === null || lon === null) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
  return { lat, lon };
}

export function emptyPlace(): EventPlace {
  return { name: null, street: null, postalCode: null, locality: null, region: null, country: null, lat: null, lon: null };
}

export function hasPlaceData(place: EventPlace): boolean {
  return Object.values(place).some((value) => value !== null);
}

/** True when `phrase` appears in `text` as whole words ("OR" is not in "Portland"). */
export function containsPhrase(text: string, phrase: string): boolean {
  const haystack = text.toLowerCase();
  const needle = phrase.toLowerCase();
  if (!needle) return true;
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (!isWordChar(haystack[at - 1]) && !isWordChar(haystack[at + needle.length])) return true;
  }
  return false;
}

/**
 * A place object as lists write it, keys in any case: `{name, address, postalCode, city}`, `venue {name,
 * address}`, an address object nested once, `geo {lat, lng}`. Fills what `place` does not have yet.
 */
export function readPlaceObject(raw: JsonObject, place: EventPlace, depth = 0): void {
  const obj = withPlainKeys(raw);
  place.name ??= line(pick(obj, PLACE_NAME_KEYS));
  const address = pick(obj, PLACE_ADDRESS_KEYS);
  if (isObject(address) && depth < 2) readPlaceObject(address, place, depth + 1);
  else {
    const addressLine = line(address);
    if (addressLine && !splitAddress(addressLine, place)) place.street ??= addressLine;
  }
  place.postalCode ??= line(pick(obj, PLACE_POSTAL_KEYS));
  place.locality ??= line(pick(obj, PLACE_LOCALITY_KEYS));
  place.region ??= line(pick(obj, PLACE_REGION_KEYS));
  const country = first(pick(obj, PLACE_COUNTRY_KEYS));
  place.country ??= isObject(country) ? line(withPlainKeys(country).name) : line(country);
  if (place.lat === null) {
    const geo = isObject(obj.geo) ? withPlainKeys(obj.geo) : isObject(obj.coordinates) ? withPlainKeys(obj.coordinates) : obj;
    const point = coordinates(pick(geo, ['lat', 'latitude']), pick(geo, ['lng', 'lon', 'long', 'longitude']));
    if (point) ({ lat: place.lat, lon: place.lon } = point);
  }
}

const PLACE_NAME_KEYS = plainKeys(['name', 'venue', 'venueName', 'title', 'label']);
const PLACE_ADDRESS_KEYS = plainKeys(['address', 'street', 'address1', 'streetAddress', 'address_1']);
const PLACE_POSTAL_KEYS = plainKeys(['zip', 'postal_code', 'postcode', 'zipcode']);
const PLACE_LOCALITY_KEYS = plainKeys(['city', 'locality', 'town', 'addressLocality']);
const PLACE_REGION_KEYS = plainKeys(['region', 'state', 'province', 'addressRegion']);
const PLACE_COUNTRY_KEYS = plainKeys(['country', 'country_name', 'addressCountry']);

/** "Name, street, postcode locality, region, country" without repeating what the name already says. */
export function placeText(place: EventPlace): string | null {
  const parts: string[] = [];
  const add = (part: string | null) => {
    if (part && !parts.some((p) => containsPhrase(p, part))) parts.push(part);
  };
  add(place.name);
  add(place.street);
  add([place.postalCode, place.locality].filter(Boolean).join(' ') || null);
  add(place.region);
  add(place.country);
  return parts.length ? parts.join(', ') : null;
}

/**
 * Fills street/postal code/locality from a one-line address when it has a recognisable shape:
 * "14 rue des Lilas, 35000 Rennes[, France]" (most of Europe) or "1 Main St, Portland, OR 97201[, USA]".
 * Anything else stays text only: guessing wrong would be worse than not knowing.
 */
export function splitAddress(address: string, place: EventPlace): boolean {
  const parts = address.split(',').map((p) => p.trim()).filter(Boolean);
  let country: string | null = null;
  const last = parts[parts.length - 1];
  const beforeLast = parts[parts.length - 2];
  if (parts.length >= 3 && last && beforeLast && /^[\p{L} .'-]{2,40}$/u.test(last) && /^\d{4,5}\s+\S|^[A-Z]{2}\s+\d{5}/.test(beforeLast)) {
    country = last;
    parts.pop();
  }
  if (parts.length < 2) return false;
  const tail = parts[parts.length - 1]!;
  const european = /^(\d{4,5})\s+(\D.*)$/.exec(tail);
  const american = /^([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/.exec(tail);
  if (european) {
    place.street ??= parts.slice(0, -1).join(', ');
    place.postalCode ??= european[1]!;
    place.locality ??= european[2]!.trim();
  } else if (american && parts.length >= 3) {
    place.street ??= parts.slice(0, -2).join(', ');
    place.locality ??= parts[parts.length - 2]!;
    place.region ??= american[1]!;
    place.postalCode ??= american[2]!;
  } else return false;
  if (country) place.country ??= country;
  return true;
}

/** Names of the places that mean "no place": the event happens online. */
export function isOnlinePlaceName(name: string | null): boolean {
  return !!name && /^(?:online|en ligne|virtual|virtuel|remote|zoom|webinar|visio(?:conf[ée]rence)?|internet)$/i.test(name.trim());
}

export function statusFromText(value: unknown): EventStatus | null {
  const t = text(value)?.toLowerCase();
  if (!t) return null;
  if (/cancel|annul/.test(t)) return 'cancelled';
  if (/tentative|postpone|provisional|draft|unconfirmed/.test(t)) return 'tentative';
  if (/confirm|schedul|publish|active|live|rescheduled|open/.test(t)) return 'confirmed';
  return null;
}

/** A short, stable hash (53 bits, base 36): the uid of an event whose feed gives it no identifier. */
export function stableHash(input: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export interface EventDraft {
  uid: string | null;
  title: string | null;
  start: string;
  end: string | null;
  allDay: boolean;
  timeZone: string | null;
  status?: EventStatus | null;
  online?: boolean;
  onlineUrl?: unknown;
  location?: string | null;
  place?: EventPlace | null;
  url?: unknown;
  description?: string | null;
  image?: unknown;
  categories?: unknown;
}

export function categoriesFrom(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const seen = new Set<string>();
  for (const item of items) {
    const name = line(isObject(item) ? (item.name ?? item.tag ?? item.title) : item);
    if (name && name.length <= 80) seen.add(name);
  }
  return [...seen];
}

/** The one way JSON readers build an event: http(s)-only links, plain text, stable id. */
export function buildEvent(draft: EventDraft, options: ParseOptions): MeetupEvent {
  const title = (draft.title && plainLine(draft.title)) || UNTITLED_EVENT;
  const url = safeHttpUrl(draft.url, options.baseUrl);
  const uid = draft.uid?.trim() || url || `generated-${stableHash(`${title}|${draft.start}`)}`;
  const place = draft.place && hasPlaceData(draft.place) ? draft.place : null;
  const location = (draft.location && plainLine(draft.location)) || (place ? placeText(place) : null);
  const description = draft.description ? htmlToText(draft.description) || null : null;
  return {
    id: eventId(options.feedId, uid, draft.start),
    uid,
    feedId: options.feedId,
    title,
    start: draft.start,
    end: draft.end,
    allDay: draft.allDay,
    timeZone: draft.timeZone,
    status: draft.status ?? 'confirmed',
    online: draft.online ?? false,
    onlineUrl: safeHttpUrl(draft.onlineUrl, options.baseUrl),
    location,
    place,
    url,
    description,
    image: safeHttpUrl(draft.image, options.baseUrl),
    categories: categoriesFrom(draft.categories),
  };
}

/** "event 3 ("Title")": how warnings name the event they skipped. */
export function describeItem(index: number, item: unknown, titleKeys: readonly string[] = ['name', 'title', 'summary']): string {
  const title = isObject(item) ? line(pick(item, titleKeys)) : null;
  return title ? `event ${index + 1} ("${title.slice(0, 60)}")` : `event ${index + 1}`;
}

/** Folds repeated warnings and caps their number, so a big broken feed still gives a readable list. */
export class WarningList {
  static readonly MAX = 20;

  private readonly counts = new Map<string, number>();
  private readonly order: string[] = [];

  add(message: string): void {
    if (!this.counts.has(message)) this.order.push(message);
    this.counts.set(message, (this.counts.get(message) ?? 0) + 1);
  }

  get size(): number {
    return this.order.length;
  }

  toArray(): string[] {
    const shown = this.order.slice(0, WarningList.MAX).map((message) => {
      const count = this.counts.get(message)!;
      return count > 1 ? `${message} (×${count})` : message;
    });
    const hidden = this.order.length - shown.length;
    if (hidden > 0) shown.push(`… and ${hidden} more warnings`);
    return shown;
  }
}
