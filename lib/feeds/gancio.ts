/**
 * Gancio's API (`/api/events`): an array of events with unix-second times, a place with coordinates (the place
 * named "online" for online events) and `online_locations`.
 */
import type { FeedParseResult, MeetupEvent, ParseOptions } from '../events';
import { safeHttpUrl } from '../events';
import { resolveEventTimes, withFeedZone } from './date-values';
import {
  buildEvent,
  coordinates,
  describeItem,
  emptyPlace,
  isObject,
  isOnlinePlaceName,
  line,
  number,
  splitAddress,
  text,
  WarningList,
  type JsonObject,
} from './json-common';

function isUnixTime(value: unknown): boolean {
  const n = number(value);
  return n !== null && n > 1e8;
}

/** An array whose items look like Gancio events (unix `start_datetime` and a title or slug). */
export function isGancioList(data: unknown): data is unknown[] {
  if (!Array.isArray(data) || data.length === 0) return false;
  const sample = data.slice(0, 10).filter(isObject);
  return sample.length > 0 && sample.some((item) => isUnixTime(item.start_datetime) && ('slug' in item || 'title' in item));
}

/** The instance's root ("https://gancio.example") from the API URL the feed was read from. */
export function gancioBase(baseUrl: string | undefined): string | null {
  if (!baseUrl) return null;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const api = url.pathname.indexOf('/api/');
    return `${url.origin}${api >= 0 ? url.pathname.slice(0, api) : ''}`;
  } catch {
    return null;
  }
}

function readGancioEvent(item: JsonObject, base: string | null, options: ParseOptions): MeetupEvent | string {
  const times = resolveEventTimes(number(item.start_datetime), number(item.end_datetime), { zone: options.defaultTimeZone });
  if (!times) return item.start_datetime === undefined ? 'no start_datetime' : 'unreadable start_datetime';

  const onlineLocations = (Array.isArray(item.online_locations) ? item.online_locations : [])
    .map((u) => safeHttpUrl(u))
    .filter((u): u is string => u !== null);
  const placeObj = isObject(item.place) ? item.place : null;
  const placeName = placeObj ? line(placeObj.name) : null;
  // Gancio repeats the name as address for places without one.
  const address = placeObj && line(placeObj.address) !== placeName ? line(placeObj.address) : null;
  const isOnlinePlace = isOnlinePlaceName(placeName);
  const place = emptyPlace();
  if (placeObj && !isOnlinePlace) {
    place.name = placeName;
    if (address && !splitAddress(address, place)) place.street = address;
    const point = coordinates(placeObj.latitude, placeObj.longitude);
    if (point) ({ lat: place.lat, lon: place.lon } = point);
  }
  const host = base ? new URL(base).host : null;
  const id = text(item.id);
  const slug = text(item.slug);
  const media = Array.isArray(item.media) && isObject(item.media[0]) ? text(item.media[0].url) : null;
  return buildEvent(
    {
      uid: id ? (host ? `${id}@${host}` : `gancio-${id}`) : slug,
      title: line(item.title),
      ...times,
      status: 'confirmed',
      online: isOnlinePlace || onlineLocations.length > 0,
      onlineUrl: onlineLocations[0] ?? null,
      location: isOnlinePlace ? null : [placeName, address].filter(Boolean).join(', ') || null,
      place,
      url: text(item.url) ?? (base && (slug || id) ? `${base}/event/${encodeURIComponent(slug ?? id!)}` : null),
      description: text(item.description),
      image: media && base ? (safeHttpUrl(media) ?? `${base}/media/${encodeURIComponent(media)}`) : null,
      categories: item.tags,
    },
    options,
  );
}

export function parseGancio(data: unknown[], feedOptions: ParseOptions): FeedParseResult {
  const options = withFeedZone(feedOptions);
  const base = gancioBase(options.baseUrl);
  const warnings = new WarningList();
  const events: MeetupEvent[] = [];
  data.forEach((item, index) => {
    if (!isObject(item)) {
      warnings.add(`Skipped event ${index + 1}: not an object`);
      return;
    }
    const result = readGancioEvent(item, base, options);
    if (typeof result === 'string') warnings.add(`Skipped ${describeItem(index, item, ['title'])}: ${result}`);
    else events.push(result);
  });
  return { events, warnings: warnings.toArray(), format: 'gancio', title: null, minRefreshMinutes: null };
}
