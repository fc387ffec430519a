/**
 * Online markers in what a feed writes: a meeting link or any URL as the LOCATION, "Online event",
 * "En ligne", "Microsoft Teams Meeting"… A LOCATION may carry both a venue and a link: that event is mixed.
 */

// Hosts of meeting services; BigBlueButton is self-hosted, so its usual host names and paths are matched too.
const MEETING_HOSTS = [
  'meet.google.com', 'zoom.us', 'zoom.com', 'zoomgov.com', 'teams.microsoft.com', 'teams.live.com', 'meet.jit.si',
  'jitsi', 'webex.com', 'whereby.com', 'discord.gg', 'discord.com', 'gotomeeting.com', 'gotomeet.me',
  'meet.goto.com', 'bluejeans.com', 'chime.aws', 'livestorm.co', 'streamyard.com', 'hopin.com', 'crowdcast.io',
  'airmeet.com', 'bigbluebutton', 'bbb.', 'twitch.tv', 'youtube.com', 'youtu.be', 'meet.lync.com', 'skype.com',
  'framatalk.org', 'visio.', 'vconf.', 'gather.town', 'app.gather.town', 'luma.com/join', 'lu.ma/join',
];

// Whole-phrase markers in several languages, matched on accent-free lower-case text.
const ONLINE_PHRASES = [
  'online', 'online event', 'online only', 'virtual', 'virtual event', 'remote', 'webinar', 'livestream',
  'live stream', 'en ligne', 'evenement en ligne', 'a distance', 'distanciel', 'visio', 'visioconference',
  'microsoft teams meeting', 'microsoft teams', 'teams meeting', 'reunion microsoft teams', 'zoom', 'zoom meeting',
  'google meet', 'jitsi', 'jitsi meet', 'discord', 'twitch', 'youtube', 'webex', 'bigbluebutton', 'gather town',
  'internet', 'virtuell', 'online veranstaltung', 'en linea', 'in linea', 'on line',
];

// Pages where an event is announced or tickets are sold: a link to one says where to register, not where to meet.
const EVENT_PAGE_HOSTS = [
  'luma.com', 'lu.ma', 'eventbrite.com', 'eventbrite.fr', 'eventbrite.de', 'eventbrite.co.uk', 'eventbrite.ca',
  'eventbrite.com.au', 'eventbrite.es', 'eventbrite.it', 'eventbrite.nl', 'meetup.com', 'ti.to', 'tito.io',
  'billetweb.fr', 'helloasso.com', 'weezevent.com', 'yurplan.com', 'pretix.eu', 'humanitix.com', 'dice.fm',
  'shotgun.live', 'universe.com', 'ticketmaster.com', 'eventim.de', 'tickettailor.com', 'mobilizon.fr',
  'meetup.ch', 'xing.com', 'linkedin.com', 'facebook.com', 'conference-hall.io', 'sessionize.com',
];

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()"']+/gi;
const BARE_MEETING_HOST = /\b(?:meet\.google\.com|zoom\.us|teams\.microsoft\.com|meet\.jit\.si|whereby\.com|discord\.gg)\/[^\s<>()"']*/gi;

function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

export function isMeetingUrl(url: string): boolean {
  let host: string;
  let hostAndPath: string;
  try {
    const parsed = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    host = parsed.hostname.toLowerCase();
    hostAndPath = `${host}${parsed.pathname.toLowerCase()}`;
  } catch {
    return false;
  }
  return MEETING_HOSTS.some((marker) =>
    marker.includes('/') ? hostAndPath.startsWith(marker) : host === marker || host.endsWith(`.${marker}`) || host.includes(marker),
  ) || (/\/(?:b|rooms)\/[a-z0-9-]{3,}/.test(hostAndPath) && /bbb|bigbluebutton|visio|conf/.test(host));
}

/** A link to an event or ticket page (Luma, Eventbrite, Meetup…), which is not a meeting link. */
export function isEventPageUrl(url: string): boolean {
  if (isMeetingUrl(url)) return false;
  try {
    const host = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).hostname.toLowerCase();
    return EVENT_PAGE_HOSTS.some((page) => host === page || host.endsWith(`.${page}`));
  } catch {
    return false;
  }
}

export interface OnlineMarkers {
  /** The text says the event happens online (a meeting link, a link alone as the place, or a marker phrase). */
  online: boolean;
  /** The first URL found, when any (meeting links first). */
  url: string | null;
  /** The text with URLs and online phrases removed: what is left may still name a venue (mixed events). */
  rest: string;
}

/**
 * Whether links written alone as the place (no meeting link among them, no marker phrase, no other text) say
 * the event is online. Next to coordinates a link is where to register: Luma writes its own page as the
 * LOCATION of in-person events too (next to their GEO), Meetup and Eventbrite theirs. With no coordinates it is
 * where to join. When the caller cannot tell, an event or ticket page is taken for where to register and any
 * other page for where to join.
 */
function linksAloneSayOnline(urls: readonly string[], hasCoordinates: boolean | undefined): boolean {
  if (hasCoordinates !== undefined) return !hasCoordinates;
  return !urls.every(isEventPageUrl);
}

/**
 * Finds online markers in a location text. `hasCoordinates`, when the caller knows it, says whether the event
 * has coordinates (GEO): it decides what links written alone mean (see linksAloneSayOnline).
 */
export function findOnlineMarkers(text: string | null | undefined, hasCoordinates?: boolean): OnlineMarkers {
  if (!text || !text.trim()) return { online: false, url: null, rest: '' };
  const urls = [...text.matchAll(URL_PATTERN), ...text.matchAll(BARE_MEETING_HOST)]
    .map((m) => m[0].replace(/[.,;:!?]+$/, ''))
    .map((u) => (/^https?:\/\//i.test(u) ? u : `https://${u}`));
  const meeting = urls.find(isMeetingUrl) ?? null;
  let rest = text.replace(URL_PATTERN, ' ').replace(BARE_MEETING_HOST, ' ');
  const folded = fold(rest);
  // A phrase counts when it is the whole remaining text or a whole comma/dash-separated part of it.
  const parts = rest.split(/[,;()|/\n]|\s[-–—]\s/).map((p) => p.trim()).filter(Boolean);
  const phraseParts = parts.filter((part) => ONLINE_PHRASES.includes(fold(part)));
  const phrase = ONLINE_PHRASES.includes(folded) || phraseParts.length > 0 || /\b(?:microsoft teams|zoom|google meet|jitsi) (?:meeting|call|link)\b/.test(folded);
  for (const part of phraseParts) rest = rest.replace(part, ' ');
  rest = rest.replace(/\s+/g, ' ').replace(/^[\s,;:()|/-]+|[\s,;:()|/-]+$/g, '').trim();
  const linksAlone = urls.length > 0 && meeting === null && !phrase && !fold(rest);
  const online = meeting !== null || phrase || (linksAlone && linksAloneSayOnline(urls, hasCoordinates));
  const url = meeting ?? urls[0] ?? null;
  return { online, url: online ? url : null, rest: online ? rest : text.trim() };
}

export interface Attendance {
  online: boolean;
  /** The meeting link, or the page to join from, when the event is online. */
  onlineUrl: string | null;
  /**
   * The feed's coordinates stand for where the event happens. False for an online-only event: Meetup writes its
   * group's GEO next to "Online event", which is no venue.
   */
  coordinatesArePlace: boolean;
}

/**
 * Online or in person, from what a calendar event gives: its LOCATION text and whether it has coordinates (GEO).
 * - a meeting link (Zoom, Meet, Teams, Jitsi, BigBlueButton, Webex, Whereby…) or an explicit marker ("Online
 *   event", "Microsoft Teams Meeting") makes it online; with nothing else in the text it is online only;
 * - a link alone to any other page (Luma, Eventbrite…) is where to join when nothing places the event, but next to
 *   coordinates it is only where to register: the event is in person;
 * - anything else is in person.
 * It is what `findOnlineMarkers(location, hasCoordinates)` finds, said for the reader.
 */
export function attendanceOf(location: string | null, hasCoordinates: boolean): Attendance {
  const markers = findOnlineMarkers(location, hasCoordinates);
  if (!markers.online) return { online: false, onlineUrl: null, coordinatesArePlace: true };
  return { online: true, onlineUrl: markers.url, coordinatesArePlace: fold(markers.rest) !== '' };
}
