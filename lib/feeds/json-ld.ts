/**
 * schema.org Event in JSON-LD: single objects, arrays, `@graph`, `ItemList`, pages' `mainEntity`, and every
 * Event subtype (SocialEvent, Hackathon…), with short names or full IRIs. Used for JSON-LD feeds, CaenCamp's
 * API and the blocks embedded in HTML pages.
 */
import type { EventPlace, EventStatus, FeedParseResult, MeetupEvent, ParseOptions } from '../events';
import { toUtcIso } from '../time';
import { resolveEventTimes, withFeedZone } from './date-values';
import { addDuration, approximateMs, parseDuration } from './duration';
import {
  buildEvent,
  containsPhrase,
  coordinates,
  describeItem,
  emptyPlace,
  first,
  hasPlaceData,
  isObject,
  isOnlinePlaceName,
  line,
  placeText,
  splitAddress,
  text,
  WarningList,
  type JsonObject,
} from './json-common';
import { safeHttpUrl } from '../events';

const SCHEMA_PREFIX = /^(?:https?:\/\/schema\.org\/|schema:)/i;

/** A property under its short name or as a compact/full schema.org IRI. */
function prop(node: JsonObject, name: string): unknown {
  const direct = node[name];
  if (direct !== undefined && direct !== null) return direct;
  let aliases = ALIASES.get(name);
  if (!aliases) ALIASES.set(name, (aliases = [`schema:${name}`, `https://schema.org/${name}`, `http://schema.org/${name}`]));
  for (const alias of aliases) {
    const value = node[alias];
    if (value !== undefined && value !== null) return value;
  }
  return direct;
}
const ALIASES = new Map<string, string[]>();

export function jsonLdTypes(node: JsonObject): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.trim().replace(SCHEMA_PREFIX, ''));
}

/** Event subtypes whose names do not end in "Event". (EventSeries is a container: its subEvents are read.) */
const OTHER_EVENT_TYPES = new Set(['Hackathon', 'Festival', 'CourseInstance']);

/** Event and its subtypes: SocialEvent, BusinessEvent, ScreeningEvent… and the few named otherwise. */
export function isEventNode(node: JsonObject): boolean {
  return jsonLdTypes(node).some((t) => /Event$/.test(t) || OTHER_EVENT_TYPES.has(t));
}

/** True when the value is JSON-LD at all (a context, a graph, or typed nodes), events or not. */
export function looksLikeJsonLd(data: unknown): boolean {
  const nodes = Array.isArray(data) ? data.slice(0, 20) : [data];
  return nodes.some((node) => isObject(node) && ('@context' in node || '@graph' in node || typeof node['@type'] === 'string' || Array.isArray(node['@type'])));
}

/** Properties through which pages and lists reach their events. */
const CONTAINER_KEYS = ['@graph', 'itemListElement', 'item', 'mainEntity', 'event', 'events', 'subEvent', 'hasPart', 'about'];

export interface JsonLdScan {
  events: JsonObject[];
  /** Types of the non-event nodes met on the way (for "found Organization, WebSite" messages). */
  otherTypes: string[];
  /** Name of the first ItemList or similar container: the feed's title. */
  title: string | null;
}

/** Finds every Event node, iteratively (the depth was checked before, but a loop needs no stack at all). */
export function scanJsonLd(data: unknown): JsonLdScan {
  const events: JsonObject[] = [];
  const otherTypes = new Set<string>();
  let title: string | null = null;
  const seen = new Set<object>();
  const stack: unknown[] = [data];
  while (stack.length) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]);
      continue;
    }
    if (!isObject(current) || seen.has(current)) continue;
    seen.add(current);
    if (isEventNode(current)) {
      events.push(current);
      continue;
    }
    const types = jsonLdTypes(current);
    for (const type of types) if (type !== 'ListItem') otherTypes.add(type);
    if (title === null && types.includes('ItemList')) title = line(prop(current, 'name'));
    for (let i = CONTAINER_KEYS.length - 1; i >= 0; i--) {
      const child = prop(current, CONTAINER_KEYS[i]!);
      if (child !== undefined) stack.push(child);
    }
  }
  return { events, otherTypes: [...otherTypes], title };
}

interface LocationInfo {
  location: string | null;
  place: EventPlace | null;
  online: boolean;
  onlineUrl: string | null;
}

function readAddress(address: unknown, place: EventPlace): string | null {
  const value = first(address);
  if (typeof value === 'string') return line(value);
  if (!isObject(value)) return null;
  place.street ??= line(prop(value, 'streetAddress'));
  place.postalCode ??= line(prop(value, 'postalCode'));
  place.locality ??= line(prop(value, 'addressLocality'));
  place.region ??= line(prop(value, 'addressRegion'));
  const country = first(prop(value, 'addressCountry'));
  place.country ??= isObject(country) ? line(prop(country, 'name')) : line(country);
  return null;
}

function readGeo(node: JsonObject, place: EventPlace): void {
  const geo = first(prop(node, 'geo'));
  const source = isObject(geo) ? geo : node;
  const point = coordinates(prop(source, 'latitude'), prop(source, 'longitude'));
  if (point && place.lat === null) {
    place.lat = point.lat;
    place.lon = point.lon;
  }
}

function joinDistinct(parts: (string | null)[]): string | null {
  const kept: string[] = [];
  for (const part of parts) {
    if (part && !kept.some((k) => containsPhrase(k, part))) kept.push(part);
  }
  return kept.length ? kept.join(', ') : null;
}

/** Place, PostalAddress, VirtualLocation, plain text or URL, or an array mixing them. */
export function readJsonLdLocation(value: unknown): LocationInfo {
  const info: LocationInfo = { location: null, place: null, online: false, onlineUrl: null };
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  for (const item of items) {
    if (typeof item === 'string') {
      const url = safeHttpUrl(item);
      if (url && /^https?:\/\//i.test(item.trim())) {
        info.online = true;
        info.onlineUrl ??= url;
      } else if (isOnlinePlaceName(item)) info.online = true;
      else info.location ??= line(item);
      continue;
    }
    if (!isObject(item)) continue;
    const types = jsonLdTypes(item);
    if (types.includes('VirtualLocation')) {
      info.online = true;
      info.onlineUrl ??= safeHttpUrl(first(prop(item, 'url')));
      continue;
    }
    if (info.place) continue;
    const place = emptyPlace();
    const isAddress = types.includes('PostalAddress');
    const addressText = isAddress ? readAddress(item, place) : readAddress(prop(item, 'address'), place);
    if (addressText) splitAddress(addressText, place);
    if (!isAddress) place.name = line(prop(item, 'name'));
    readGeo(item, place);
    if (isOnlinePlaceName(place.name) && !addressText && !place.street && place.lat === null) {
      info.online = true;
      continue;
    }
    if (!hasPlaceData(place) && !addressText) continue;
    info.place = hasPlaceData(place) ? place : null;
    info.location ??= joinDistinct([placeText(place), addressText]);
  }
  return info;
}

const STATUS: Record<string, EventStatus> = {
  EventScheduled: 'confirmed',
  EventRescheduled: 'confirmed',
  EventMovedOnline: 'confirmed',
  EventCancelled: 'cancelled',
  EventCanceled: 'cancelled',
  EventPostponed: 'tentative',
};

function shortName(value: unknown): string | null {
  const v = first(value);
  const raw = isObject(v) ? (v['@id'] ?? v['@type']) : v;
  return typeof raw === 'string' ? raw.trim().replace(SCHEMA_PREFIX, '') : null;
}

function readImage(value: unknown): unknown {
  const v = first(value);
  if (isObject(v)) return first(prop(v, 'url')) ?? first(prop(v, 'contentUrl'));
  return v;
}

function readUid(node: JsonObject): string | null {
  const identifier = first(prop(node, 'identifier'));
  const fromIdentifier = isObject(identifier) ? text(prop(identifier, 'value')) : text(identifier);
  if (fromIdentifier) return fromIdentifier;
  const id = text(node['@id']);
  // Blank node ids ("_:b0") are renumbered by every serialization: useless as a stable uid.
  return id && !id.startsWith('_:') ? id : null;
}

/** The zone an Event names itself: its `eventSchedule`'s `scheduleTimezone` (schema.org Schedule). */
function eventZoneOf(node: JsonObject): string | null {
  const schedule = first(prop(node, 'eventSchedule'));
  return isObject(schedule) ? text(prop(schedule, 'scheduleTimezone')) : null;
}

/** One Event node to a MeetupEvent, or the reason it was skipped. */
export function readJsonLdEvent(node: JsonObject, options: ParseOptions): MeetupEvent | string {
  const startRaw = first(prop(node, 'startDate'));
  const endRaw = first(prop(node, 'endDate'));
  // An instant with an offset ("+01:00") keeps timeZone null unless the event names its zone: the user's
  // default zone says nothing about where a Berlin event happens.
  const times = resolveEventTimes(startRaw, endRaw, { zone: options.defaultTimeZone, eventZone: eventZoneOf(node), inclusiveEndDate: true });
  if (!times) return startRaw === undefined ? 'no start date' : `unreadable start date "${String(startRaw).slice(0, 40)}"`;
  if (!times.allDay && times.end === null && endRaw === undefined) {
    // "P1D" is a nominal day in the event's zone; without a known zone (an offset) a day is 24 hours.
    const duration = parseDuration(text(prop(node, 'duration')));
    if (duration && approximateMs(duration) > 0) times.end = toUtcIso(addDuration(Date.parse(times.start), duration, times.timeZone));
  }

  const location = readJsonLdLocation(prop(node, 'location'));
  const mode = shortName(prop(node, 'eventAttendanceMode'));
  const statusName = shortName(prop(node, 'eventStatus'));
  let online = location.online;
  if (mode === 'OnlineEventAttendanceMode' || mode === 'MixedEventAttendanceMode') online = true;
  // Offline is many templates' default: only a location that is nothing but a link overrides it.
  else if (mode === 'OfflineEventAttendanceMode') online = location.online && !location.location;
  if (statusName === 'EventMovedOnline') online = true;

  const keywords = prop(node, 'keywords');
  return buildEvent(
    {
      uid: readUid(node),
      title: line(prop(node, 'name')) ?? line(prop(node, 'headline')),
      ...times,
      status: (statusName ? STATUS[statusName] : undefined) ?? 'confirmed',
      online,
      onlineUrl: location.onlineUrl,
      location: location.location,
      place: location.place,
      url: first(prop(node, 'url')),
      description: text(prop(node, 'description')),
      image: readImage(prop(node, 'image')),
      categories: typeof keywords === 'string' ? keywords.split(',') : keywords,
    },
    options,
  );
}

/** Reads the events of a scan; broken ones become warnings. */
export function readJsonLdEvents(nodes: JsonObject[], options: ParseOptions, warnings: WarningList): MeetupEvent[] {
  const events: MeetupEvent[] = [];
  nodes.forEach((node, index) => {
    try {
      const result = readJsonLdEvent(node, options);
      if (typeof result === 'string') warnings.add(`Skipped ${describeItem(index, node, ['name', 'headline'])}: ${result}`);
      else events.push(result);
    } catch (error) {
      warnings.add(`Skipped ${describeItem(index, node, ['name'])}: ${error instanceof Error ? error.message : 'unreadable'}`);
    }
  });
  return events;
}

/** A JSON-LD document (already parsed and depth-checked) as a feed. */
export function parseJsonLd(data: unknown, feedOptions: ParseOptions): FeedParseResult {
  const options = withFeedZone(feedOptions);
  const scan = scanJsonLd(data);
  const warnings = new WarningList();
  const events = readJsonLdEvents(scan.events, options, warnings);
  return { events, warnings: warnings.toArray(), format: 'jsonld', title: scan.title, minRefreshMinutes: null };
}
