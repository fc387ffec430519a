import { describe, expect, it } from 'vitest';
import { meetupFeedUrl, normalizeFeedUrl } from '../../../scripts/directory/normalize-feed-url';

describe('normalizeFeedUrl', () => {
  it.each<[string, string, boolean, string, string]>([
    ['a Meetup group page', 'https://www.meetup.com/Kotlin-Athens/', false, 'https://www.meetup.com/kotlin-athens/events/ical/', 'meetup'],
    ['a Meetup feed without trailing slash', 'https://www.meetup.com/330ohms/events/ical', false, 'https://www.meetup.com/330ohms/events/ical/', 'meetup'],
    ['a locale segment', 'https://www.meetup.com/fr-FR/ReactJS-Paris/', false, 'https://www.meetup.com/reactjs-paris/events/ical/', 'meetup'],
    ['a short locale', 'https://www.meetup.com/es/React-en-Buenos-Aires', false, 'https://www.meetup.com/react-en-buenos-aires/events/ical/', 'meetup'],
    ['a query', 'https://www.meetup.com/DC-Kubernetes-Meetup/?utm_source=x&lang=en', false, 'https://www.meetup.com/dc-kubernetes-meetup/events/ical/', 'meetup'],
    ['the events page', 'https://www.meetup.com/fed-tech-layoffs-support-group/events/', true, 'https://www.meetup.com/fed-tech-layoffs-support-group/events/ical/', 'meetup'],
    ['no www, http', 'http://meetup.com/JSLouKY/events/ical/', true, 'https://www.meetup.com/jslouky/events/ical/', 'meetup'],
    ['webcal: Meetup', 'webcal://www.meetup.com/owasp-washington-dc-chapter/events/ical/', true, 'https://www.meetup.com/owasp-washington-dc-chapter/events/ical/', 'meetup'],
    ['webcal: elsewhere', 'webcal://calendar.example.org/team.ics', true, 'https://calendar.example.org/team.ics', 'other'],
    ['a Luma calendar feed, as given', 'https://api2.luma.com/ics/get?entity=calendar&id=cal-5PWfyGhbOvmW304', false, 'https://api2.luma.com/ics/get?entity=calendar&id=cal-5PWfyGhbOvmW304', 'luma'],
    ['an older Luma host', 'https://api.lu.ma/ics/get?entity=calendar&id=cal-tPiE7SLIv4FQ48E', false, 'https://api.lu.ma/ics/get?entity=calendar&id=cal-tPiE7SLIv4FQ48E', 'luma'],
    ['a Mobilizon group feed', 'https://mobilizon.us/@novalug/feed/ics', false, 'https://mobilizon.us/@novalug/feed/ics', 'mobilizon'],
    ['a Gancio feed', 'https://events.louisvilletech.org/feed/ics?show_recurrent=true', true, 'https://events.louisvilletech.org/feed/ics?show_recurrent=true', 'gancio'],
    ['a Google Calendar export', 'https://calendar.google.com/calendar/ical/x%40group.calendar.google.com/public/basic.ics', false, 'https://calendar.google.com/calendar/ical/x%40group.calendar.google.com/public/basic.ics', 'other'],
    ['an explicit feed of unknown shape', 'https://www.nvtc.org/events/?ical=1', true, 'https://www.nvtc.org/events/?ical=1', 'other'],
  ])('%s', (_label, raw, explicitFeed, feedUrl, platform) => {
    expect(normalizeFeedUrl(raw, { explicitFeed })).toEqual({ ok: true, feedUrl, platform });
  });

  it.each<[string, string, RegExp]>([
    ['a Luma event page', 'https://luma.com/ai-cdmx', /Luma page/],
    ['a Luma feed that is not a calendar', 'https://api.lu.ma/ics/get?entity=event&id=evt-123', /not a calendar/],
    ['a Google Developer Group page', 'https://gdg.community.dev/gdg-monterrey/', /web page/],
    ['an Eventbrite organizer', 'https://www.eventbrite.com.mx/o/hackgdl-72541932683', /web page/],
    ['a Meetup address naming no group', 'https://www.meetup.com/find/?keywords=react', /names no group/],
    ['not a URL', 'mailto:chapter@example.org', /not an http/],
  ])('refuses %s', (_label, raw, reason) => {
    const result = normalizeFeedUrl(raw, { explicitFeed: false });
    expect(result.ok ? 'accepted' : result.reason).toMatch(reason);
  });

  it.each([
    ['rladies-tirane', 'https://www.meetup.com/rladies-tirane/events/ical/'],
    ['OWASP-Bogota-Meetup-Group', 'https://www.meetup.com/owasp-bogota-meetup-group/events/ical/'],
    ['/owasp-berlin/', 'https://www.meetup.com/owasp-berlin/events/ical/'],
    ['owasp-dkte-societys-textile-and-engineering-institute/', 'https://www.meetup.com/owasp-dkte-societys-textile-and-engineering-institute/events/ical/'],
  ])('meetupFeedUrl(%s)', (slug, feedUrl) => {
    expect(meetupFeedUrl(slug)).toEqual({ ok: true, feedUrl, platform: 'meetup' });
  });

  it('refuses a Meetup name with spaces (OWASP writes some chapters that way)', () => {
    expect(meetupFeedUrl('Owasp La Paz Chapter').ok).toBe(false);
  });
});
