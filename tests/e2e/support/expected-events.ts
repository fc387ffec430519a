/**
 * What the sample feeds say, written out by hand from the templates (not computed by the product), so the
 * browser tests can check what the popup shows: which events are near Caen, on which day, at what local time.
 */
import { relativeDate, relativeInstant } from '../../fixtures/sample-feeds/render-template';

export interface ExpectedEvent {
  feed: string;
  title: string;
  /** Days from today (Europe/Paris) and local wall-clock start there. */
  day: number;
  start: string;
  near: boolean;
  cancelled?: boolean;
  online?: boolean;
}

/** Every upcoming event of the demo feeds; `near` = within 25 km of Caen, or online (included by default). */
export const EXPECTED_EVENTS: readonly ExpectedEvent[] = [
  // caen-js (Meetup iCal, VTIMEZONE, weekly RRULE from day-6 with EXDATE day+8 and day+15 moved to day+16 19:30)
  { feed: 'caen-js', title: 'Coding dojo hebdo', day: 1, start: '19:00', near: true },
  { feed: 'caen-js', title: 'Caen.js #42 — Les signals, enfin expliqués', day: 3, start: '18:30', near: true },
  { feed: 'caen-js', title: "Apéro de fin d'année Caen.js", day: 12, start: '19:00', near: true, cancelled: true },
  { feed: 'caen-js', title: 'Coding dojo hebdo (décalé au lendemain)', day: 16, start: '19:30', near: true },
  { feed: 'caen-js', title: 'Coding dojo hebdo', day: 22, start: '19:00', near: true },
  { feed: 'caen-js', title: 'Coding dojo hebdo', day: 29, start: '19:00', near: true },
  // normandie-ai (Luma: UTC, TENTATIVE, GEO)
  { feed: 'normandie-ai', title: "LLM & café : retours d'expérience", day: 2, start: '19:00', near: true },
  { feed: 'normandie-ai', title: 'Rouen AI Night #7', day: 5, start: '18:00', near: false },
  { feed: 'normandie-ai', title: 'Lunch & Learn en ligne : évaluer un RAG', day: 9, start: '12:30', near: true, online: true },
  { feed: 'normandie-ai', title: 'Paris AI Builders @ Station F', day: 20, start: '19:00', near: false },
  // freecodecamp-caen (JSON-LD array; Bayeux is ~26 km away, outside the default 25 km)
  { feed: 'freecodecamp-caen', title: 'Study group freeCodeCamp — Responsive Web Design', day: 4, start: '18:00', near: true },
  { feed: 'freecodecamp-caen', title: 'Atelier code pour débutants à Bayeux', day: 6, start: '14:00', near: false },
  { feed: 'freecodecamp-caen', title: 'Revue de code en ligne', day: 7, start: '20:00', near: true, online: true },
  { feed: 'freecodecamp-caen', title: 'Hackathon solidaire freeCodeCamp Caen', day: 11, start: '09:30', near: true },
  { feed: 'freecodecamp-caen', title: 'Study group freeCodeCamp — JavaScript Algorithms', day: 18, start: '18:00', near: true },
  // python-herouville (Gancio API, unix seconds; Hérouville-Saint-Clair ~4 km)
  { feed: 'python-herouville', title: 'Atelier Python : pandas sans douleur', day: 6, start: '18:30', near: true },
  { feed: 'python-herouville', title: 'Python Normandie en ligne : typer son code', day: 10, start: '20:00', near: true, online: true },
  { feed: 'python-herouville', title: 'Python débutants : vos premiers scripts', day: 13, start: '18:30', near: true },
  { feed: 'python-herouville', title: 'Week-end Django Girls Hérouville', day: 19, start: '09:00', near: true },
  // caencamp (content list, local times, "all events local"); edition 93 is unpublished, 90 is past
  { feed: 'caencamp', title: 'Accessibilité : ce que les audits ne disent pas', day: 10, start: '18:30', near: true },
  { feed: 'caencamp', title: 'Rust pour les développeurs web', day: 24, start: '18:30', near: true },
  // berlin-tech (HTML page with ld+json blocks)
  { feed: 'berlin-tech', title: 'BerlinJS: Web Components in Produktion', day: 8, start: '19:00', near: false },
  { feed: 'berlin-tech', title: 'Rust Berlin Hack & Learn', day: 14, start: '19:00', near: false },
];

/** The event each feed publishes when the fixture server switches it to "changed". */
export const ADDED_WHEN_CHANGED: Record<string, ExpectedEvent> = {
  'caen-js': { feed: 'caen-js', title: 'Caen.js #43 — Tests de bout en bout avec Playwright', day: 17, start: '18:30', near: true },
  'normandie-ai': { feed: 'normandie-ai', title: 'Atelier agents IA à Caen', day: 7, start: '18:30', near: true },
};

export const HOSTILE_TITLE_TEXT = /Soirée\s*sécurité\s*web/;

export function startInstant(event: Pick<ExpectedEvent, 'day' | 'start'>): number {
  return relativeInstant(event.day, event.start);
}

/**
 * The start as the popup's locale writes it, in Europe/Paris: hour and minute ("7:00", "19:00") plus the day
 * period when the locale uses one ("PM"), so "7:00 – 9:00 PM" and "19:00–21:00" both match their locale.
 */
export function localTimeParts(event: Pick<ExpectedEvent, 'day' | 'start'>, locale: string): string[] {
  const parts = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Paris' }).formatToParts(
    startInstant(event),
  );
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '';
  const separator = parts.find((p) => p.type === 'literal' && p.value.trim())?.value.trim() ?? ':';
  const period = parts.find((p) => p.type === 'dayPeriod')?.value;
  return [`${hour}${separator}${minute}`, ...(period ? [period] : [])];
}

/** True when the first time in a displayed time text is the event's local start (with its day period). */
export function showsLocalStart(text: string, event: Pick<ExpectedEvent, 'day' | 'start'>, locale: string): boolean {
  const [hourMinute, period] = localTimeParts(event, locale);
  const normalized = text.replace(/\s+/g, ' ').trim();
  // The first time in the text is the start ("7:00 – 9:00 PM", "Dec 10, 9:00 AM – Dec 11, 5:00 PM").
  const first = /\d{1,2}[:.h]\d{2}/.exec(normalized)?.[0];
  return first === hourMinute && (!period || normalized.includes(period));
}

/** Weekday names a day heading may use for `day` (long or short, in the locale). */
export function weekdayNames(day: number, locale: string): string[] {
  const date = new Date(`${relativeDate(day)}T12:00:00Z`);
  return (['long', 'short'] as const).map((weekday) =>
    new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' }).format(date),
  );
}

export function dayOfMonth(day: number): number {
  return Number(relativeDate(day).slice(8, 10));
}
