/**
 * How events are kept in chrome.storage.local, whose quota is 10 MB for everything: empty fields
 * and what the storage key already says (the feed id, an id rebuilt from feed + UID + start) are left out.
 * Readers never see this form: `feedDataItem()` expands every event back to a full `MeetupEvent`.
 */
import { eventId, type EventPlace, type MeetupEvent, type ResolvedLocation } from './events';

/** A `MeetupEvent` without its empty and derivable fields; `uid`, `title` and `start` are always kept. */
export type StoredEvent = Partial<MeetupEvent> & Pick<MeetupEvent, 'uid' | 'title' | 'start'>;

const EMPTY_PLACE: EventPlace = {
  name: null,
  street: null,
  postalCode: null,
  locality: null,
  region: null,
  country: null,
  lat: null,
  lon: null,
};

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}

function withoutEmpty<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, field] of Object.entries(value) as [keyof T, T[keyof T]][]) {
    if (!isEmpty(field)) out[key] = field;
  }
  return out;
}

function withoutNull<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined)) as Partial<T>;
}

export function compactEvent(event: MeetupEvent, feedId: string): StoredEvent {
  const { id, feedId: eventFeedId, status, place, resolved, ...rest } = event;
  const stored: StoredEvent = { ...withoutEmpty(rest), uid: event.uid, title: event.title, start: event.start };
  if (id !== eventId(eventFeedId, event.uid, event.start)) stored.id = id;
  if (eventFeedId !== feedId) stored.feedId = eventFeedId;
  if (status !== 'confirmed') stored.status = status;
  if (place) {
    const compactPlace = withoutEmpty(place);
    // `lat: 0` is a real coordinate: withoutEmpty keeps numbers, only null/false/''/[] go.
    if (Object.keys(compactPlace).length > 0) stored.place = compactPlace as EventPlace;
  }
  // `online: false` / `inPerson: false` say something in a ResolvedLocation: only nulls go.
  if (resolved) stored.resolved = withoutNull(resolved) as ResolvedLocation;
  return stored;
}

/** Accepts both the compact and the full form, so it also reads data written before compaction (v1). */
export function expandEvent(stored: StoredEvent, feedId: string): MeetupEvent {
  const eventFeedId = stored.feedId ?? feedId;
  const event: MeetupEvent = {
    // Fields added to the model later (optional ones) come back as they were stored.
    ...stored,
    id: stored.id ?? eventId(eventFeedId, stored.uid, stored.start),
    uid: stored.uid,
    feedId: eventFeedId,
    title: stored.title,
    start: stored.start,
    end: stored.end ?? null,
    allDay: stored.allDay ?? false,
    timeZone: stored.timeZone ?? null,
    status: stored.status ?? 'confirmed',
    online: stored.online ?? false,
    onlineUrl: stored.onlineUrl ?? null,
    location: stored.location ?? null,
    place: stored.place ? { ...EMPTY_PLACE, ...stored.place } : null,
    url: stored.url ?? null,
    description: stored.description ?? null,
    image: stored.image ?? null,
    categories: stored.categories ?? [],
  };
  if (stored.resolved) {
    event.resolved = {
      ...stored.resolved,
      source: stored.resolved.source ?? 'unresolved',
      city: stored.resolved.city ?? null,
      country: stored.resolved.country ?? null,
      lat: stored.resolved.lat ?? null,
      lon: stored.resolved.lon ?? null,
      distanceKm: stored.resolved.distanceKm ?? null,
    };
  }
  return event;
}
