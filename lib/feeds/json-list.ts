/**
 * Any other JSON event list: an array at the top or under `events`/`items`/`data`/`results` (also one level
 * deeper, `{data: {events: […]}}`), with the field names sites usually pick — including the shapes of
 * Google Calendar's, Eventbrite's and WordPress (The Events Calendar) APIs.
 */
import type { EventPlace, FeedParseResult, MeetupEvent, ParseOptions } from '../events';
import { addDaysToIsoDate, canonicalTimeZone, toIsoDate, utcMsToZonedTime } from '../time';
import { floatingZone, parseDateValue, resolveEventTimes, withFeedZone, type EventTimes } from './date-values';
import {
  buildEvent,
  coordinates,
  describeItem,
  emptyPlace,
  first,
  hasPlaceData,
  isObject,
  isOnlinePlaceName,
  line,
  pick,
  placeText,
  splitAddress,
  statusFromText,
  text,
  WarningList,
  type JsonObject,
} from './json-common';

const LIST_KEYS = ['events', 'items', 'data', 'results', 'entries', 'records'];
const TITLE_KEYS = ['title', 'name', 'summary', 'label'];
const START_KEYS = ['start', 'startDate', 'start_date', 'start_time', 'startTime', 'starts_at', 'startsAt', 'start_at', 'date', 'begin', 'datetime', 'dateTime', 'start_datetime'];
const END_KEYS = ['end', 'endDate', 'end_date', 'end_time', 'endTime', 'ends_at', 'endsAt', 'end_at', 'finish', 'end_datetime'];
const ZONE_KEYS = ['timezone', 'timeZone', 'time_zone', 'tz', 'tzid'];
const LOCATION_KEYS = ['location', 'place', 'venue', 'address'];
const URL_KEYS = ['url', 'link', 'permalink', 'href', 'event_url', 'eventUrl', 'htmlLink'];
const DESCRIPTION_KEYS = ['description', 'details', 'body', 'content', 'excerpt', 'abstract'];
const IMAGE_KEYS = ['image', 'image_url', 'imageUrl', 'cover', 'cover_image', 'thumbnail', 'picture', 'logo'];
const UID_KEYS = ['uid', 'id', 'uuid', 'guid', 'identifier', 'iCalUID', 'slug'];

/** WordPress and others wrap texts: `{"rendered": "…"}`. */
function textField(value: unknown): string | null {
  const v = first(value);
  if (isObject(v)) return text(v.rendered ?? v.text ?? v.html ?? v.value ?? v.name);
  return text(v);
}

interface TimeField {
  value: unknown;
  zone: string | null;
}

/** A start/end field: a value, or an object such as Google's `{dateTime, date, timeZone}` or Eventbrite's `{utc, local, timezone}`. */
function timeField(item: JsonObject, keys: readonly string[], utcKey: string): TimeField {
  // "utc_start_date" (The Events Calendar) is a UTC wall time: the safest of the two it sends.
  const utc = text(item[utcKey]);
  if (utc && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$/.test(utc)) return { value: `${utc.replace(' ', 'T')}Z`, zone: null };
  const raw = first(pick(item, keys));
  if (isObject(raw)) {
    const zone = text(pick(raw, ['timeZone', 'timezone', 'tz']));
    const value = pick(raw, ['utc', 'dateTime', 'datetime', 'date', 'local', 'value']);
    return { value: value ?? null, zone };
  }
  return { value: raw ?? null, zone: null };
}

const START_TIME_KEYS = ['time', 'start_time', 'startTime', 'begin_time'];
const END_TIME_KEYS = ['end_time', 'endTime', 'finish_time'];
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLAIN_TIME = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** The first field of `keys` that holds a bare value matching `pattern`, trimmed. */
function bareField(item: JsonObject, keys: readonly string[], pattern: RegExp): string | null {
  for (const key of keys) {
    const value = text(first(item[key]))?.trim();
    if (value && pattern.test(value)) return value;
  }
  return null;
}

/**
 * Lists that keep the day and the time of day apart (`date: "2026-12-01", time: "19:00"`): one floating
 * date-time, or null when the item has no such pair. `day` is used when the item has no date of its own (ends).
 */
function dateWithTimeOfDay(item: JsonObject, dateKeys: readonly string[], timeKeys: readonly string[], day: string | null = null): string | null {
  const date = bareField(item, dateKeys, PLAIN_DATE) ?? day;
  const time = date ? bareField(item, timeKeys, PLAIN_TIME) : null;
  if (!date || !time) return null;
  const [, h, m, sec] = PLAIN_TIME.exec(time)!;
  return `${date}T${h!.padStart(2, '0')}:${m}:${sec ?? '00'}`;
}

/** A start or end value that is only a day or only a time of day, which a separate field may complete. */
function isPartial(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && (PLAIN_DATE.test(value.trim()) || PLAIN_TIME.test(value.trim())));
}

function looksLikeEvent(item: unknown): boolean {
  if (!isObject(item)) return false;
  const title = textField(pick(item, TITLE_KEYS));
  const start = timeField(item, START_KEYS, 'utc_start_date').value;
  return !!title && (resolveEventTimes(start, null, { zone: 'UTC' }) !== null || dateWithTimeOfDay(item, START_KEYS, START_TIME_KEYS) !== null);
}

function isEventArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.slice(0, 10).some(looksLikeEvent);
}

export interface FoundList {
  items: unknown[];
  /** Where the list was found ("events", "data.events", "" for the top level). */
  path: string;
  /**
   * The zone the document declares next to its list (`{"timeZone": "America/New_York", "items": […]}`, as
   * Google Calendar's API sends), as written; null when none.
   */
  timeZone?: string | null;
}

/** A zone field of the objects around the list, the innermost first. */
function declaredZone(...containers: JsonObject[]): string | null {
  for (const container of containers.reverse()) {
    const zone = text(pick(container, ZONE_KEYS));
    if (zone) return zone;
  }
  return null;
}

/** The event array inside a JSON document, or null. An empty array under a list key is an empty feed. */
export function findEventList(data: unknown): FoundList | null {
  if (Array.isArray(data)) return data.length === 0 || isEventArray(data) ? { items: data, path: '', timeZone: null } : null;
  if (!isObject(data)) return null;
  for (const key of LIST_KEYS) {
    const value = data[key];
    if (isEventArray(value)) return { items: value, path: key, timeZone: declaredZone(data) };
  }
  for (const key of LIST_KEYS) {
    const value = data[key];
    if (!isObject(value)) continue;
    for (const inner of LIST_KEYS) {
      if (isEventArray(value[inner])) return { items: value[inner] as unknown[], path: `${key}.${inner}`, timeZone: declaredZone(data, value) };
    }
  }
  for (const key of LIST_KEYS) {
    const value = data[key];
    if (Array.isArray(value) && value.length === 0) return { items: value, path: key, timeZone: declaredZone(data) };
    if (isObject(value)) {
      for (const inner of LIST_KEYS) {
        const v = value[inner];
        if (Array.isArray(v) && v.length === 0) return { items: v, path: `${key}.${inner}`, timeZone: declaredZone(data, value) };
      }
    }
  }
  return null;
}

interface LocationInfo {
  location: string | null;
  place: EventPlace | null;
  online: boolean;
  onlineUrl: string | null;
}

function readPlace(obj: JsonObject, place: EventPlace, depth: number): void {
  place.name ??= line(pick(obj, ['name', 'venue', 'title', 'label']));
  const address = pick(obj, ['address', 'street', 'address1', 'streetAddress', 'street_address', 'address_1']);
  if (isObject(address) && depth < 2) readPlace(address, place, depth + 1);
  else {
    const addressLine = line(address);
    if (addressLine && !splitAddress(addressLine, place)) place.street ??= addressLine;
  }
  place.postalCode ??= line(pick(obj, ['zip', 'postal_code', 'postalCode', 'postcode', 'zipcode']));
  place.locality ??= line(pick(obj, ['city', 'locality', 'town', 'addressLocality']));
  place.region ??= line(pick(obj, ['region', 'state', 'province', 'addressRegion']));
  const country = first(pick(obj, ['country', 'country_name', 'countryName', 'addressCountry']));
  place.country ??= isObject(country) ? line(country.name) : line(country);
  if (place.lat === null) {
    const geo = isObject(obj.geo) ? obj.geo : isObject(obj.coordinates) ? obj.coordinates : obj;
    const point = coordinates(pick(geo, ['lat', 'latitude']), pick(geo, ['lng', 'lon', 'long', 'longitude']));
    if (point) ({ lat: place.lat, lon: place.lon } = point);
  }
}

function readLocation(item: JsonObject): LocationInfo {
  const info: LocationInfo = { location: null, place: null, online: false, onlineUrl: null };
  const raw = first(pick(item, LOCATION_KEYS));
  if (typeof raw === 'string') {
    if (/^https?:\/\//i.test(raw.trim())) {
      info.online = true;
      info.onlineUrl = raw.trim();
    } else if (isOnlinePlaceName(raw)) info.online = true;
    else info.location = line(raw);
  } else if (isObject(raw)) {
    const place = emptyPlace();
    readPlace(raw, place, 0);
    if (isOnlinePlaceName(place.name) && !place.street && place.lat === null) info.online = true;
    else if (hasPlaceData(place)) {
      info.place = place;
      info.location = placeText(place);
    }
  }
  if (item.lat !== undefined || item.latitude !== undefined) {
    const point = coordinates(pick(item, ['lat', 'latitude']), pick(item, ['lng', 'lon', 'longitude']));
    if (point) {
      info.place ??= emptyPlace();
      if (info.place.lat === null) ({ lat: info.place.lat, lon: info.place.lon } = point);
    }
  }
  const flag = pick(item, ['online', 'is_online', 'isOnline', 'virtual', 'is_virtual', 'online_event']);
  if (flag === true || flag === 'true' || flag === 1) info.online = true;
  const onlineUrl = text(pick(item, ['online_url', 'onlineUrl', 'meeting_url', 'meetingUrl', 'stream_url', 'hangoutLink']));
  if (onlineUrl) {
    info.online = true;
    info.onlineUrl ??= onlineUrl;
  }
  return info;
}

const WRITTEN_MIDNIGHT = /^(\d{4}-\d{2}-\d{2})[T ]00:00(?::00(?:[.,]0+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The calendar date an all-day event's date-time stands for, and whether its clock says midnight. A value written
 * at midnight keeps its written date (also "…T00:00:00Z": never shifted through a zone); any other instant is
 * taken in `zone` (an app that saved local midnight with toISOString() sends "2026-12-23T23:00:00.000Z" for the
 * 24th in Paris, The Events Calendar ends all-day events at 23:59:59).
 */
function allDayDate(value: unknown, zone: string): { date: string; midnight: boolean } | null {
  const parsed = parseDateValue(value);
  if (!parsed) return null;
  if (parsed.kind === 'date') return { date: parsed.date, midnight: true };
  const written = typeof value === 'string' ? WRITTEN_MIDNIGHT.exec(value.trim()) : null;
  if (written) return { date: written[1]!, midnight: true };
  const wall = parsed.kind === 'floating' ? parsed.wall : utcMsToZonedTime(parsed.ms, zone);
  return { date: toIsoDate(wall.year, wall.month, wall.day), midnight: wall.hour === 0 && wall.minute === 0 && wall.second === 0 };
}

function readTimes(item: JsonObject, zoneFallback: string | undefined, declaredZone: string | null): EventTimes | null {
  const allDayFlag = pick(item, ['all_day', 'allDay', 'isAllDay', 'all_day_event']);
  const allDay = allDayFlag === true || allDayFlag === 'true' || allDayFlag === 1;
  // All-day: the local fields say which day; The Events Calendar's utc_* fields would move it to the day before.
  const start = timeField(item, START_KEYS, allDay ? '' : 'utc_start_date');
  const end = timeField(item, END_KEYS, allDay ? '' : 'utc_end_date');
  const eventZone = start.zone ?? text(pick(item, ZONE_KEYS));
  let startValue = start.value;
  let endValue = end.value;
  const startWithTime = allDay || !isPartial(startValue) ? null : dateWithTimeOfDay(item, START_KEYS, START_TIME_KEYS);
  if (startWithTime) {
    startValue = startWithTime;
    if (isPartial(endValue)) endValue = dateWithTimeOfDay(item, END_KEYS, END_TIME_KEYS, startWithTime.slice(0, 10)) ?? endValue;
  }
  if (allDay) {
    // An all-day flag with times attached: the dates are what counts.
    const zone = canonicalTimeZone(eventZone) ?? floatingZone(zoneFallback);
    const first = allDayDate(startValue, zone);
    if (first) {
      startValue = first.date;
      const last = endValue === null || endValue === undefined || endValue === '' ? null : allDayDate(endValue, zone);
      // An end at midnight is exclusive already; "23:59:59" names the last day itself.
      endValue = last ? (last.midnight ? last.date : addDaysToIsoDate(last.date, 1)) : null;
    }
  }
  return resolveEventTimes(startValue, endValue, { zone: zoneFallback, eventZone, declaredZone });
}

function readStatus(item: JsonObject): MeetupEvent['status'] {
  const cancelled = pick(item, ['cancelled', 'canceled', 'is_cancelled', 'is_canceled', 'isCancelled', 'isCanceled']);
  if (cancelled === true || cancelled === 'true' || cancelled === 1) return 'cancelled';
  return statusFromText(pick(item, ['status', 'state', 'eventStatus'])) ?? 'confirmed';
}

function readImage(value: unknown): unknown {
  const v = first(value);
  return isObject(v) ? pick(v, ['url', 'src', 'href', 'original']) : v;
}

function readListItem(item: JsonObject, options: ParseOptions, declaredZone: string | null): MeetupEvent | string {
  const times = readTimes(item, options.defaultTimeZone, declaredZone);
  if (!times) {
    const raw = pick(item, START_KEYS);
    return raw === undefined ? 'no start date' : `unreadable start date "${String(first(raw)).slice(0, 40)}"`;
  }
  const where = readLocation(item);
  return buildEvent(
    {
      uid: text(pick(item, UID_KEYS)),
      title: textField(pick(item, TITLE_KEYS)),
      ...times,
      status: readStatus(item),
      online: where.online,
      onlineUrl: where.onlineUrl,
      location: where.location,
      place: where.place,
      url: first(pick(item, URL_KEYS)),
      description: textField(pick(item, DESCRIPTION_KEYS)),
      image: readImage(pick(item, IMAGE_KEYS)),
      categories: pick(item, ['tags', 'categories', 'category', 'keywords', 'topics']),
    },
    options,
  );
}

export function parseJsonList(list: FoundList, feedOptions: ParseOptions): FeedParseResult {
  // The user's per-feed zone > the list's own `timezone` > the user's city's zone > the system's.
  const declared = canonicalTimeZone(list.timeZone ?? null);
  const options = withFeedZone(feedOptions, declared);
  const warnings = new WarningList();
  const events: MeetupEvent[] = [];
  list.items.forEach((item, index) => {
    if (!isObject(item)) return warnings.add(`Skipped event ${index + 1}: not an object`);
    try {
      const result = readListItem(item, options, declared);
      if (typeof result === 'string') warnings.add(`Skipped ${describeItem(index, item, TITLE_KEYS)}: ${result}`);
      else events.push(result);
    } catch (error) {
      warnings.add(`Skipped ${describeItem(index, item, TITLE_KEYS)}: ${error instanceof Error ? error.message : 'unreadable'}`);
    }
  });
  return { events, warnings: warnings.toArray(), format: 'json', title: null, minRefreshMinutes: null };
}
