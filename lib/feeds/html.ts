/**
 * Web pages: the events are in their `<script type="application/ld+json">` blocks. No DOM parser (the service
 * worker has none): a small scanner that knows about comments, attribute quoting and `</script>`.
 */
import type { FeedParseResult, MeetupEvent, ParseOptions } from '../events';
import { safeHttpUrl } from '../events';
import { decodeEntities, plainLine } from '../text';
import { withFeedZone } from './date-values';
import { FeedError } from './errors';
import { parseJsonText, WarningList } from './json-common';
import { readJsonLdEvents, scanJsonLd } from './json-ld';

export interface ScriptBlock {
  /** 1-based position among the page's JSON-LD blocks, for warnings. */
  index: number;
  content: string;
}

export type Attributes = Record<string, string>;

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Attributes of one start tag's inside (`type="…"`, `TYPE='…'`, `type=bare`, in any order); names lower-cased,
 * values entity-decoded. Also the discovery scanner's (lib/discover/html-scan).
 */
export function parseAttributes(source: string): Attributes {
  const attrs: Attributes = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (name in attrs) continue; // HTML keeps the first of duplicated attributes
    attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

/** End of a start tag that began at `from` (after "<script"), skipping `>` inside quoted values. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62 /* > */) return i;
  }
  return -1;
}

/** Every JSON-LD block's text, in page order; commented-out markup is skipped like a browser would. */
export function extractJsonLdBlocks(html: string): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  const lower = html.toLowerCase();
  let at = 0;
  // The next comment is searched again only once we are past it: pages with thousands of scripts stay linear.
  let comment = lower.indexOf('<!--');
  while (at < html.length) {
    const script = lower.indexOf('<script', at);
    if (script < 0) break;
    if (comment >= 0 && comment < at) comment = lower.indexOf('<!--', at);
    if (comment >= 0 && comment < script) {
      const close = lower.indexOf('-->', comment + 4);
      at = close < 0 ? html.length : close + 3;
      continue;
    }
    const nameEnd = script + 7;
    const next = lower.charCodeAt(nameEnd);
    // "<scripts" or "<script-foo" are other elements.
    if (!(next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13 || next === 12)) {
      at = nameEnd;
      continue;
    }
    const end = tagEnd(html, nameEnd);
    if (end < 0) break;
    const close = lower.indexOf('</script', end + 1);
    const contentEnd = close < 0 ? html.length : close;
    const type = (parseAttributes(html.slice(nameEnd, end)).type ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/ld+json') {
      blocks.push({ index: blocks.length + 1, content: html.slice(end + 1, contentEnd) });
    }
    if (close < 0) break;
    const closeEnd = lower.indexOf('>', close);
    at = closeEnd < 0 ? html.length : closeEnd + 1;
  }
  return blocks;
}

/** Removes the wrappers CMSs put around JSON in a script (`<!-- -->`, CDATA, `//` before them). */
export function unwrapScriptContent(content: string): string {
  return content
    .trim()
    .replace(/^(?:\/\/\s*)?<!--/, '')
    .replace(/(?:\/\/\s*)?-->$/, '')
    .trim()
    .replace(/^(?:\/\/\s*|\/\*\s*)?<!\[CDATA\[(?:\s*\*\/)?/, '')
    .replace(/(?:\/\/\s*|\/\*\s*)?\]\]>(?:\s*\*\/)?$/, '')
    .trim();
}

/** The JSON of one block, unwrapped; throws a FeedError ('malformed') when there is none to read. */
export function parseJsonLdBlock(content: string): unknown {
  const json = unwrapScriptContent(content);
  if (!json) throw new FeedError('malformed', 'empty block');
  try {
    return parseJsonText(json);
  } catch (error) {
    // Some CMSs HTML-escape the JSON (`&quot;`); browsers would not decode it, but the intent is clear.
    if (error instanceof FeedError && error.code === 'malformed' && /&(?:quot|#34|#x22);/i.test(json)) {
      return parseJsonText(decodeEntities(json));
    }
    throw error;
  }
}

export function htmlTitle(html: string): string | null {
  const m = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = m ? plainLine(m[1]) : '';
  return title ? title.slice(0, 120) : null;
}

/** `<link rel="alternate" type="text/calendar" href="…">`: where the page says its calendar feed is. */
export function calendarLinks(html: string, baseUrl?: string): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = parseAttributes(m[0].slice(5, -1));
    const type = (attrs.type ?? '').toLowerCase();
    if (!/^(?:text\/calendar|application\/calendar\+json)/.test(type)) continue;
    const href = safeHttpUrl(attrs.href, baseUrl) ?? (attrs.href?.startsWith('webcal:') ? attrs.href : null);
    if (href && !links.includes(href)) links.push(href);
  }
  return links;
}

/** A page without events: the English sentence, and what the pages say (the calendar it links to, else its title). */
function noEvents(html: string, otherTypes: string[], links: string[]): FeedError {
  const notes: string[] = [];
  const title = htmlTitle(html);
  const quotedTitle = title ? `"${title.length > 60 ? `${title.slice(0, 59)}…` : title}"` : undefined;
  if (quotedTitle) notes.push(quotedTitle);
  if (otherTypes.length) notes.push(`its JSON-LD describes ${otherTypes.slice(0, 4).join(', ')}`);
  if (links.length) notes.push(`it links to a calendar feed: ${links[0]}`);
  const message = `This is an HTML page with no events in it${notes.length ? ` (${notes.join('; ')})` : ''}`;
  return new FeedError('notAFeed', message, links.length ? { kind: 'htmlCalendarLink', detail: links[0] } : { kind: 'htmlPage', detail: quotedTitle });
}

/** An HTML page as a feed: the events of all its JSON-LD blocks; a page without any is an error. */
export function parseHtml(html: string, feedOptions: ParseOptions): FeedParseResult {
  const options = withFeedZone(feedOptions);
  const warnings = new WarningList();
  const events: MeetupEvent[] = [];
  const otherTypes = new Set<string>();
  let listTitle: string | null = null;
  for (const block of extractJsonLdBlocks(html)) {
    let data: unknown;
    try {
      data = parseJsonLdBlock(block.content);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Broken JSON: /, '') : 'unreadable';
      warnings.add(`Skipped JSON-LD block ${block.index}: ${reason}`);
      continue;
    }
    const scan = scanJsonLd(data);
    scan.otherTypes.forEach((type) => otherTypes.add(type));
    listTitle ??= scan.title;
    events.push(...readJsonLdEvents(scan.events, options, warnings));
  }
  // An empty event list is a page with nothing planned yet, not a page that is no feed.
  const emptyList = otherTypes.has('ItemList') || otherTypes.has('EventSeries');
  if (events.length === 0 && warnings.size === 0 && !emptyList) {
    throw noEvents(html, [...otherTypes], calendarLinks(html, options.baseUrl));
  }
  if (events.length === 0 && warnings.size > 0) {
    const first = warnings.toArray()[0];
    throw new FeedError('notAFeed', `This is an HTML page with no readable events in it (${first})`, { kind: 'htmlBrokenEvents' });
  }
  return { events, warnings: warnings.toArray(), format: 'html', title: listTitle ?? htmlTitle(html), minRefreshMinutes: null };
}
