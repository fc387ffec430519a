/**
 * iCalendar (RFC 5545) and jCal (RFC 7265) readers.
 *
 * Both end in the same event records: jCal arrays (from JSON, or from ICAL.parse for the calendar header,
 * VTIMEZONEs and any unusual VEVENT) are walked directly, and plain VEVENT text is scanned straight into the same
 * record. We never build an ICAL.Event/ICAL.Time per event: that is what makes the plain ical.js loop take seconds
 * on big feeds (`npm run bench`). Zone math goes through lib/time.ts (Intl, cached offsets); ical.js's
 * recurrence iterator serves only rules our fast path does not cover, and its Timezone only zones Intl does not know.
 *
 * Choices:
 * - `timeZone`: the IANA zone of a TZID; for floating times the zone used; for UTC ("Z") times the feed's
 *   X-WR-TIMEZONE when it has one, else null (a Z time says nothing about where the event happens); null for
 *   all-day dates and for custom VTIMEZONEs without an IANA name.
 * - Floating times and unknown TZIDs use the user's per-feed zone (options.feedTimeZone), else the feed's own
 *   X-WR-TIMEZONE, else options.defaultTimeZone (the user's city's zone), else the system zone.
 * - A timed event with neither DTEND nor DURATION has `end: null` (unknown), not end = start.
 * - DURATION days and weeks are nominal (RFC 5545 §3.3.6): "P1D" ends at the same wall time the next day in the
 *   start's zone, across a DST change too; hours, minutes and seconds are exact. A DTEND gives every occurrence
 *   the same exact length (§3.8.5.3).
 * - Ids use the original occurrence start (RECURRENCE-ID), so a moved occurrence keeps its id.
 *
 * The files follow ical.js's own split, in reading order:
 * - calendar.ts: the entry; VCALENDAR header, VTIMEZONEs, then the events.
 * - scan.ts: text to VEVENTs (the fast scan, ICAL.parse, the line-by-line fallback); jcal.ts: the jCal tree and
 *   the RawEvent both end in.
 * - values.ts: TEXT, DATE-TIME, DURATION; zones.ts: TZIDs to zones (windows-zones.ts is CLDR's table) and the
 *   instants of one feed's times.
 * - events.ts: one event or override to an event record; occurrences.ts: a UID's events, a series step by step;
 *   recurrence.ts: RRULE expansion.
 */
export { parseICal, parseJCal } from './calendar';
