/**
 * Any other JSON event list: an array at the top or under `events`/`items`/`data`/`results` (also one level
 * deeper, `{data: {events: […]}}`), with the field names sites usually pick — including the shapes of
 * Google Calendar's, Eventbrite's and WordPress (The Events Calendar) APIs. Keys are matched in any case and
 * spelling (`Title`, `START_DATE`, `venue_name`): hand-written lists use them all.
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
  plainKeys,
  readPlaceObject,
  statusFromText,
  text,
  WarningList,
  withPlainKeys,
  type JsonObject,
} from './json-common';
import { parseTimeOfDayRange, timeOfDayIso, type TimeOfDayRange } from './time-of-day';

// Every key list is in plainKey form: items are read through withPlainKeys.
const LIST_KEYS = plainKeys(['events', 'items', 'data', 'results', 'entries', 'records']);
const TITLE_KEYS = plainKeys(['title', 'name', 'summary', 'label']);
const START_KEYS = plainKeys(['start', 'startDate', 'start_date', 'start_time', 'startTime', 'starts_at', 'startsAt', 'start_at', 'date', 'begin', 'datetime', 'dateTime', 'start_datetime']);
const END_KEYS = plainKeys(['end', 'endDate', 'end_date', 'end_time', 'endTime', 'ends_at', 'endsAt', 'end_at', 'finish', 'end_datetime']);
const ZONE_KEYS = plainKeys(['timezone', 'timeZone', 'time_zone', 'tz', 'tzid']);
const LOCATION_KEYS = plainKeys(['location', 'place', 'venue', 'address', 'venueName', 'locationName', 'placeName']);
const URL_KEYS = plainKeys(['url', 'link', 'permalink', 'href', 'event_url', 'eventUrl', 'htmlLink']);
const DESCRIPTION_KEYS = plainKeys(['description', 'details', 'body', 'content', 'excerpt', 'abstract']);
const IMAGE_KEYS = plainKeys(['image', 'image_url', 'imageUrl', 'cover', 'cover_image', 'thumbnail', 'picture', 'logo']);
const UID_KEYS = plainKeys(['uid', 'id', 'uuid', 'guid', 'identifier', 'iCalUID', 'slug']);

/** WordPress and others wrap texts: `{"rendered": "…"}`. */
function textField(value: unknown): string | null {
  const v = first(value);
  if (isObject(v)) {
    const o = withPlainKeys(v);
    return text(o.rendered ?? o.text ?? o.html ?? o.value ?? o.name);
  }
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
  const found = first(pick(item, keys));
  if (isObject(found)) {
    const raw = withPlainKeys(found);
    const zone = text(pick(raw, ['timezone', 'tz']));
    const value = pick(raw, ['utc', 'datetime', 'date', 'local', 'value']);
    return { value: value ?? null, zone };
  }
  return { value: found ?? null, zone: null };
}

const START_TIME_KEYS = plainKeys(['time', 'start_time', 'startTime', 'begin_time', 'hours', 'schedule']);
const END_TIME_KEYS = plainKeys(['end_time', 'endTime', 'finish_time']);
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

/** The first field of `keys` that reads as a time of day or a range ("19:00–21:00", "7pm-9pm", "19h30"). */
function timeOfDayField(item: JsonObject, keys: readonly string[]): TimeOfDayRange | null {
  for (const key of keys) {
    const value = text(first(item[key]));
    const range = value ? parseTimeOfDayRange(value) : null;
    if (range) return range;
  }
  return null;
}

/**
 * Lists that keep the day and the time of day apart (`date: "2026-12-01", time: "19:00"` or `"19:00–21:00"`): a
 * floating start, and the end when the time field is a range (the next day when it ends before it starts), or
 * null when the item has no such pair. `day` is used when the item has no date of its own (ends).
 */
function dateWithTimeOfDay(item: JsonObject, dateKeys: readonly string[], timeKeys: readonly string[], day: string | null = null): { start: string; end: string | null } | null {
  const date = bareField(item, dateKeys, PLAIN_DATE) ?? day;
  const range = date ? timeOfDayField(item, timeKeys) : null;
  if (!date || !range) return null;
  const { start, end } = range;
  const endDay = end && end.hour * 60 + end.minute < start.hour * 60 + start.minute ? addDaysToIsoDate(date, 1) : date;
  return { start: `${date}T${timeOfDayIso(start)}`, end: end ? `${endDay}T${timeOfDayIso(end)}` : null };
}

/** A start or end value that is only a day or only a time of day, which a separate field may complete. */
function isPartial(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && (PLAIN_DATE.test(value.trim()) || PLAIN_TIME.test(value.trim())));
}

function looksLikeEvent(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const item = withPlainKeys(raw);
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
    const zone = text(pick(withPlainKeys(container), ZONE_KEYS));
    if (zone) return zone;
  }
  return null;
}

/** The event array inside a JSON document, or null. An empty array under a list key is an empty feed. */
export function findEventList(data: unknown): FoundList | null {
  if (Array.isArray(data)) return data.length === 0 || isEventArray(data) ? { items: data, path: '', timeZone: null } : null;
  if (!isObject(data)) return null;
  return findListIn(data);
}

function findListIn(document: JsonObject): FoundList | null {
  const data = withPlainKeys(document);
  for (const key of LIST_KEYS) {
    const value = data[key];
    if (isEventArray(value)) return { items: value, path: key, timeZone: declaredZone(data) };
  }
  for (const key of LIST_KEYS) {
    const found = data[key];
    if (!isObject(found)) continue;
    const value = withPlainKeys(found);
    for (const inner of LIST_KEYS) {
      if (isEventArray(value[inner])) return { items: value[inner] as unknown[], path: `${key}.${inner}`, timeZone: declaredZone(data, value) };
    }
  }
  for (const key of LIST_KEYS) {
    const found = data[key];
    if (Array.isArray(found) && found.length === 0) return { items: found, path: key, timeZone: declaredZone(data) };
    if (isObject(found)) {
      const value = withPlainKeys(found);
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
    readPlaceObject(raw, place);
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
  const flag = pick(item, ['online', 'isonline', 'virtual', 'isvirtual', 'onlineevent']);
  if (flag === true || flag === 'true' || flag === 1) info.online = true;
  const onlineUrl = text(pick(item, ['onlineurl', 'meetingurl', 'streamurl', 'hangoutlink']));
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
  const allDayFlag = pick(item, ['allday', 'isallday', 'alldayevent']);
  const allDay = allDayFlag === true || allDayFlag === 'true' || allDayFlag === 1;
  // All-day: the local fields say which day; The Events Calendar's utc_* fields would move it to the day before.
  const start = timeField(item, START_KEYS, allDay ? '' : 'utcstartdate');
  const end = timeField(item, END_KEYS, allDay ? '' : 'utcenddate');
  const eventZone = start.zone ?? text(pick(item, ZONE_KEYS));
  let startValue = start.value;
  let endValue = end.value;
  const startWithTime = allDay || !isPartial(startValue) ? null : dateWithTimeOfDay(item, START_KEYS, START_TIME_KEYS);
  if (startWithTime) {
    startValue = startWithTime.start;
    if (isPartial(endValue)) endValue = startWithTime.end ?? dateWithTimeOfDay(item, END_KEYS, END_TIME_KEYS, startWithTime.start.slice(0, 10))?.start ?? endValue;
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
  const cancelled = pick(item, ['cancelled', 'canceled', 'iscancelled', 'iscanceled']);
  if (cancelled === true || cancelled === 'true' || cancelled === 1) return 'cancelled';
  return statusFromText(pick(item, ['status', 'state', 'eventstatus'])) ?? 'confirmed';
}

function readImage(value: unknown): unknown {
  const v = first(value);
  return isObject(v) ? pick(withPlainKeys(v), ['url', 'src', 'href', 'original']) : v;
}

function readListItem(item: JsonObject, options: ParseOptions, declaredZone: string | null): MeetupEvent | string {
  // `item` is in plainKey form (withPlainKeys).
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
    const keyed = withPlainKeys(item);
    try {
      const result = readListItem(keyed, options, declared);
      if (typeof result === 'string') warnings.add(`Skipped ${describeItem(index, keyed, TITLE_KEYS)}: ${result}`);
      else events.push(result);
    } catch (error) {
      warnings.add(`Skipped ${describeItem(index, keyed, TITLE_KEYS)}: ${error instanceof Error ? error.message : 'unreadable'}`);
    }
  });
  return { events, warnings: warnings.toArray(), format: 'json', title: null, minRefreshMinutes: null };
}
