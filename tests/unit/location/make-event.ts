import type { EventPlace, MeetupEvent } from '../../../lib/events';

/** A parsed event as the readers produce it, with only what location resolution looks at varying. */
export function makeEvent(over: { location?: string | null; place?: Partial<EventPlace> | null; online?: boolean; onlineUrl?: string | null; feedId?: string; id?: string } = {}): MeetupEvent {
  const place = over.place
    ? { name: null, street: null, postalCode: null, locality: null, region: null, country: null, lat: null, lon: null, ...over.place }
    : null;
  return {
    id: over.id ?? `feed|uid-${Math.random().toString(36).slice(2)}|2026-11-24T17:30:00Z`,
    uid: 'uid',
    feedId: over.feedId ?? 'feed',
    title: 'Meetup',
    start: '2026-11-24T17:30:00Z',
    end: '2026-11-24T20:00:00Z',
    allDay: false,
    timeZone: 'Europe/Paris',
    status: 'confirmed',
    online: over.online ?? false,
    onlineUrl: over.onlineUrl ?? null,
    location: over.location ?? null,
    place,
    url: 'https://www.meetup.com/caencamp/events/1/',
    description: null,
    image: null,
    categories: [],
  };
}
