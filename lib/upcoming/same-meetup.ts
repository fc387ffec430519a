/**
 * The same meetup published by two feeds — a group's Meetup calendar and its own site, a city aggregator and
 * the group itself — is one event. Two events from different feeds are the same meetup when:
 * - they start within a few minutes of each other (an aggregator rounds 18:45 to 19:00; an all-day event
 *   only matches an all-day event of the same date);
 * - their titles say the same thing once case, accents, punctuation, filler words and platform prefixes
 *   ("[Gancio]", "Meetup:") are set aside: one title's words are all in the other ("WebGPU en pratique" and
 *   "Caen.js · WebGPU en pratique"), and numbers, when both give some, do not disagree ("#41" vs "#42");
 * - they are at the same place (within a kilometre, or venue names alike), or both online only; a copy that
 *   says nothing about its place does not contradict the other.
 * Events of one feed are never merged: a feed listing two sessions at the same time means two sessions.
 * Wrongly merging two talks would hide one, so every rule errs towards keeping events apart.
 */
import type { MeetupEvent } from '../events';
import { distanceKm } from '../location/near';
import { foldedWords } from '../search-text';

/** Two copies of one meetup start at most this far apart. */
export const SAME_START_TOLERANCE_MS = 10 * 60_000;
/** Two in-person copies of one meetup are at most this far apart. */
export const SAME_PLACE_KM = 1;

/** Words that never tell two meetups apart (en, fr, de). */
const FILLER = new Set(
  ('a an and at by for from in of on or the to with ' +
    'au aux avec chez d de des du en et l la le les par pour sur un une ' +
    'am bei das der die ein eine im mit und von zu zum zur').split(' '),
);

/** Platforms that prefix their copies: "[Gancio] …", "Meetup: …", "(Mobilizon) …". */
const PLATFORM_PREFIX =
  /^\s*(?:[[(][^\])]{1,40}[\])]\s*[-:–—|·]?\s*|(?:meetup|luma|lu\.ma|gancio|mobilizon|eventbrite|agenda du libre)\s*[-:–—|·]\s*)/i;

export interface TitleWords {
  words: Set<string>;
  numbers: Set<string>;
}

export function titleWords(title: string): TitleWords {
  let text = title;
  // Most titles have no prefix: one test, no new strings.
  while (PLATFORM_PREFIX.test(text)) {
    const next = text.replace(PLATFORM_PREFIX, '');
    if (next === text) break;
    text = next;
  }
  const words = new Set<string>();
  const numbers = new Set<string>();
  for (const word of foldedWords(text)) {
    if (/^\d+$/.test(word)) numbers.add(String(Number(word)));
    // A lone letter ("x" in "Caen.js x Flutter", an elided "l'") says nothing.
    else if (word.length === 1 || FILLER.has(word)) continue;
    else words.add(word);
  }
  return { words, numbers };
}

function contains<T>(large: ReadonlySet<T>, small: ReadonlySet<T>): boolean {
  for (const item of small) if (!large.has(item)) return false;
  return true;
}

function eitherContains<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size >= b.size ? contains(a, b) : contains(b, a);
}

export function titlesAlike(a: string, b: string): boolean {
  return wordsAlike(titleWords(a), titleWords(b));
}

function wordsAlike(ta: TitleWords, tb: TitleWords): boolean {
  if (ta.words.size === 0 || tb.words.size === 0) return false;
  if (ta.numbers.size > 0 && tb.numbers.size > 0 && !eitherContains(ta.numbers, tb.numbers)) return false;
  return eitherContains(ta.words, tb.words);
}

export function startsAlike(a: MeetupEvent, aStartMs: number, b: MeetupEvent, bStartMs: number): boolean {
  if (a.allDay || b.allDay) return a.allDay && b.allDay && a.start.slice(0, 10) === b.start.slice(0, 10);
  return Math.abs(aStartMs - bStartMs) <= SAME_START_TOLERANCE_MS;
}

function isInPerson(event: MeetupEvent): boolean {
  const online = event.online || event.resolved?.online === true;
  return event.resolved?.inPerson ?? (!online || event.place?.lat != null);
}

function coordinatesOf(event: MeetupEvent): { lat: number; lon: number } | null {
  const where = event.resolved?.lat != null ? event.resolved : event.place;
  return where?.lat != null && where.lon != null ? { lat: where.lat, lon: where.lon } : null;
}

/** The venue's words: the reader's venue name, else the location text before its first comma. */
function venueWords(event: MeetupEvent): Set<string> {
  const name = event.place?.name?.trim() || event.location?.split(/[,(\n]/)[0]?.trim() || '';
  return new Set(foldedWords(name).filter((word) => !FILLER.has(word)));
}

export function placesAlike(a: MeetupEvent, b: MeetupEvent): boolean {
  const aHere = isInPerson(a);
  const bHere = isInPerson(b);
  if (!aHere || !bHere) return !aHere && !bHere;
  const ca = coordinatesOf(a);
  const cb = coordinatesOf(b);
  if (ca && cb && distanceKm(ca.lat, ca.lon, cb.lat, cb.lon) <= SAME_PLACE_KM) return true;
  const va = venueWords(a);
  const vb = venueWords(b);
  if (va.size > 0 && vb.size > 0) return eitherContains(va, vb);
  // Far apart by coordinates and no venue names to reconcile them.
  if (ca && cb) return false;
  return true;
}

/** Title words per event: the popup recomputes its list every 30 s, the titles stay the same objects. */
const wordsOfEvent = new WeakMap<MeetupEvent, TitleWords>();
function eventTitleWords(event: MeetupEvent): TitleWords {
  let words = wordsOfEvent.get(event);
  if (!words) {
    words = titleWords(event.title);
    wordsOfEvent.set(event, words);
  }
  return words;
}

export function isSameMeetup(a: MeetupEvent, aStartMs: number, b: MeetupEvent, bStartMs: number): boolean {
  return (
    a.feedId !== b.feedId &&
    startsAlike(a, aStartMs, b, bStartMs) &&
    wordsAlike(eventTitleWords(a), eventTitleWords(b)) &&
    placesAlike(a, b)
  );
}

export interface TimedEvent {
  event: MeetupEvent;
  startMs: number;
}

/**
 * The events grouped by meetup, in the order of each group's first event. `items` must be sorted by start:
 * only events starting within the tolerance are compared, so 2,000 events cost a few thousand comparisons.
 */
export function groupSameMeetups<T extends TimedEvent>(items: readonly T[]): T[][] {
  const groups: T[][] = [];
  /** Groups from `firstOpen` on started recently enough to take more copies (groups open in start order). */
  let firstOpen = 0;
  for (const item of items) {
    while (firstOpen < groups.length && item.startMs - groups[firstOpen]![0]!.startMs > SAME_START_TOLERANCE_MS) firstOpen++;
    let home: T[] | undefined;
    for (let i = firstOpen; i < groups.length && !home; i++) {
      const group = groups[i]!;
      if (
        !group.some((member) => member.event.feedId === item.event.feedId) &&
        group.every((member) => isSameMeetup(member.event, member.startMs, item.event, item.startMs))
      ) {
        home = group;
      }
    }
    if (home) home.push(item);
    else groups.push([item]);
  }
  return groups;
}

function descriptionLength(event: MeetupEvent): number {
  return event.description?.trim().length ?? 0;
}

/**
 * One event out of the copies: the copy with the richer description leads (its id, title and time), and
 * what it lacks (page, place, image, online link, resolved place) comes from the others in order.
 */
export function mergeCopies(copies: readonly MeetupEvent[]): { event: MeetupEvent; sources: MeetupEvent[] } {
  if (copies.length === 1) return { event: copies[0]!, sources: [copies[0]!] };
  let lead = copies[0]!;
  for (const copy of copies) if (descriptionLength(copy) > descriptionLength(lead)) lead = copy;
  const sources = [lead, ...copies.filter((copy) => copy !== lead)];
  const first = <K extends keyof MeetupEvent>(key: K): MeetupEvent[K] => {
    for (const copy of sources) if (copy[key] !== null && copy[key] !== undefined) return copy[key];
    return lead[key];
  };
  const resolved = sources.find((copy) => copy.resolved && copy.resolved.source !== 'unresolved')?.resolved ?? lead.resolved;
  const event: MeetupEvent = {
    ...lead,
    url: first('url'),
    location: first('location'),
    place: first('place'),
    image: first('image'),
    onlineUrl: first('onlineUrl'),
  };
  if (resolved) event.resolved = resolved;
  return { event, sources };
}
