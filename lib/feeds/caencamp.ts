/**
 * CaenCamp's content lists: its markdown front matter served as JSON. `date` is a wall-clock time in the
 * feed's zone; `published: false` marks an edition that is not public yet. (CaenCamp's API is schema.org
 * JSON-LD and goes through the JSON-LD reader.)
 */
import type { FeedParseResult, MeetupEvent, ParseOptions } from '../events';
import { resolveEventTimes, withFeedZone } from './date-values';
import {
  buildEvent,
  describeItem,
  emptyPlace,
  hasPlaceData,
  isObject,
  isOnlinePlaceName,
  line,
  placeText,
  readPlaceObject,
  text,
  WarningList,
  type JsonObject,
} from './json-common';

const WALL_DATE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$/;

function isCaenCampItem(item: unknown): item is JsonObject {
  return (
    isObject(item) && typeof item.date === 'string' && WALL_DATE.test(item.date.trim()) &&
    ('edition' in item || 'meetupId' in item || ('published' in item && 'slug' in item))
  );
}

export function isCaenCampList(data: unknown): data is unknown[] {
  return Array.isArray(data) && data.length > 0 && data.slice(0, 10).some(isCaenCampItem);
}

/** Markdown to the plain text our descriptions hold: links keep their target, markup goes. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_, label: string, href: string) => (label === href ? href : `${label} (${href})`))
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*[-*+][ \t]+/gm, '• ')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[\s(])([*_])(?=\S)([^*_\n]*?\S)\2(?=[\s).,;:!?]|$)/gm, '$1$3')
    .replace(/`([^`\n]+)`/g, '$1');
}

/** A place written as a slug ("la-cantine-numerique") reads better as words. */
function placeLabel(value: unknown): string | null {
  const place = line(value);
  if (!place) return null;
  return /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(place) ? place.replace(/-/g, ' ') : place;
}

function readCaenCampItem(item: JsonObject, options: ParseOptions): MeetupEvent | string {
  const times = resolveEventTimes(text(item.date), text(item.endDate ?? item.end), { zone: options.defaultTimeZone });
  if (!times) return item.date === undefined ? 'no date' : `unreadable date "${String(item.date).slice(0, 40)}"`;
  // `place` is a name, an address or a slug, or (newer files) an object {name, address, postalCode, city}.
  const structured = isObject(item.place) ? emptyPlace() : null;
  if (structured) readPlaceObject(item.place as JsonObject, structured);
  const place = structured ? (hasPlaceData(structured) ? placeText(structured) : null) : placeLabel(item.place);
  const online = isOnlinePlaceName(structured ? structured.name : place) && !structured?.street;
  const description = text(item.description) ?? text(item.abstract);
  const edition = text(item.edition);
  const slug = text(item.slug);
  return buildEvent(
    {
      uid: text(item.id) ?? (edition ? `caencamp-${edition}` : slug ? `caencamp-${slug}` : null),
      title: line(item.title) ?? (edition ? `CaenCamp #${edition}` : null),
      ...times,
      status: item.cancelled === true || item.canceled === true ? 'cancelled' : 'confirmed',
      online,
      location: online ? null : place,
      place: online || !structured || !hasPlaceData(structured) ? null : structured,
      url: item.url ?? item.link,
      description: description ? markdownToText(description) : null,
      image: item.image ?? item.cover,
      categories: item.tags,
    },
    options,
  );
}

/** `published: false` as front matter and database-backed exports write it: false, "false", 0, "0", "no". */
function isUnpublished(value: unknown): boolean {
  if (value === false || value === 0) return true;
  return typeof value === 'string' && ['false', '0', 'no'].includes(value.trim().toLowerCase());
}

export function parseCaenCamp(data: unknown[], feedOptions: ParseOptions): FeedParseResult {
  const options = withFeedZone(feedOptions);
  const warnings = new WarningList();
  const events: MeetupEvent[] = [];
  let unpublished = 0;
  data.forEach((item, index) => {
    if (!isObject(item)) return warnings.add(`Skipped event ${index + 1}: not an object`);
    if (isUnpublished(item.published)) {
      unpublished++;
      return;
    }
    const result = readCaenCampItem(item, options);
    if (typeof result === 'string') warnings.add(`Skipped ${describeItem(index, item, ['title'])}: ${result}`);
    else events.push(result);
  });
  const list = warnings.toArray();
  if (unpublished) list.unshift(`Skipped ${unpublished} unpublished ${unpublished === 1 ? 'edition' : 'editions'}`);
  return { events, warnings: list, format: 'caencamp', title: null, minRefreshMinutes: null };
}
