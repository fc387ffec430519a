/**
 * Feed text to plain text. Descriptions arrive as HTML, escaped HTML or plain text; we never interpret them,
 * we only turn them into text that the UI renders as text (never as HTML).
 */
import { htmlEntityTable } from './html-entity-table';

/**
 * Every HTML named reference (`&ouml;`, `&rsquo;`, `&CounterClockwiseContourIntegral;`…) and numeric reference,
 * decoded as the `entities` package's decodeHTMLStrict does (tests hold it to that). Strict: only references
 * closed by ";" decode, so "R&D" or "?a=1&copy=2" in plain text stay as written. The named-reference table
 * (lib/html-entity-table.ts, ~30 KB) is read on the first reference that is not one of the everyday few: a worker
 * that wakes pays nothing for it, and most feeds never need it. Background and CLI only, never the popup
 * (tests/unit/ui/popup-imports.test.ts keeps this module out).
 */
export function decodeEntities(text: string): string {
  let at = text.indexOf('&');
  if (at === -1) return text;
  let decoded = '';
  let copied = 0;
  while (at !== -1) {
    const reference = referenceAt(text, at + 1);
    if (reference === null) {
      at = text.indexOf('&', at + 1);
      continue;
    }
    decoded += text.slice(copied, at) + reference.text;
    copied = reference.end;
    at = text.indexOf('&', copied);
  }
  return copied === 0 ? text : decoded + text.slice(copied);
}

/** The reference starting at `start` (just after "&") and where it ends (after its ";"), or null. */
function referenceAt(text: string, start: number): { text: string; end: number } | null {
  const first = text.charCodeAt(start);
  if (first === 35 /* # */) {
    const hex = (text.charCodeAt(start + 1) | 0x20) === 120; /* x or X */
    let at = hex ? start + 2 : start + 1;
    const digitsStart = at;
    let codePoint = 0;
    for (;;) {
      const c = text.charCodeAt(at);
      const digit = c >= 48 && c <= 57 ? c - 48 : hex && (c | 0x20) >= 97 && (c | 0x20) <= 102 ? (c | 0x20) - 87 : -1;
      if (digit < 0) break;
      codePoint = codePoint * (hex ? 16 : 10) + digit;
      at++;
    }
    if (at === digitsStart || text.charCodeAt(at) !== 59 /* ; */) return null;
    return { text: codePointText(codePoint), end: at + 1 };
  }
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return null;
  let end = start + 1;
  while (isAsciiAlphanumeric(text.charCodeAt(end))) end++;
  if (text.charCodeAt(end) !== 59) return null;
  const name = text.slice(start, end);
  const value = everydayReference(name) ?? namedReferences().get(name);
  return value === undefined ? null : { text: value, end: end + 1 };
}

const isAsciiAlphanumeric = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Most references in feeds, read without the table. */
function everydayReference(name: string): string | undefined {
  switch (name) {
    case 'amp': return '&';
    case 'lt': return '<';
    case 'gt': return '>';
    case 'quot': return '"';
    case 'apos': return "'";
    case 'nbsp': return '\u00a0';
    default: return undefined;
  }
}

let namedTable: Map<string, string> | null = null;

function namedReferences(): Map<string, string> {
  if (!namedTable) {
    namedTable = new Map();
    for (const entry of htmlEntityTable().split(',')) {
      const colon = entry.indexOf(':');
      namedTable.set(entry.slice(0, colon), String.fromCodePoint(...entry.slice(colon + 1).split('+').map(Number)));
    }
  }
  return namedTable;
}

/** Windows-1252's characters for the C1 controls 0x80–0x9F (0: kept), as HTML reads numeric references to them. */
const C1_REPLACEMENTS = [
  8364, 0, 8218, 402, 8222, 8230, 8224, 8225, 710, 8240, 352, 8249, 338, 0, 381, 0, 0, 8216, 8217, 8220, 8221, 8226, 8211,
  8212, 732, 8482, 353, 8250, 339, 0, 382, 376,
];

/** A numeric reference's text: NUL, surrogates and code points past U+10FFFF read as U+FFFD, C1 controls as Windows-1252. */
function codePointText(codePoint: number): string {
  if (codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return '\ufffd';
  if (codePoint >= 0x80 && codePoint <= 0x9f) return String.fromCodePoint(C1_REPLACEMENTS[codePoint - 0x80] || codePoint);
  return String.fromCodePoint(codePoint);
}

const BLOCK_TAGS = /<\/?(?:p|div|br|ul|ol|h[1-6]|tr|table|section|article|blockquote|pre|hr)\b[^>]*>/gi;

/** HTML (or text that may contain tags) to plain text with paragraph breaks kept. */
export function htmlToText(input: string | null | undefined): string {
  if (!input) return '';
  let text = input
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template|iframe|object|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(BLOCK_TAGS, '\n')
    .replace(/<\/?[a-z!?][^>]*>/gi, '');
  text = decodeEntities(text);
  // A second pass catches escaped HTML (`&lt;b&gt;`) that decoded into tags.
  if (/<\/?[a-z!][^>]*>/i.test(text)) text = text.replace(/<\/?[a-z!][^>]*>/gi, '');
  return tidySpaces(text);
}

/**
 * Line breaks as "\n", spaces collapsed, no space around a line break, at most one empty line, trimmed. The patterns
 * match only what changes: a single space or a bare line break (hundreds in a description) is left where it is
 * rather than replaced by itself.
 */
export function tidySpaces(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]{2,}|[\t\u00a0]/g, ' ')
    .replace(/ +\n *|\n +/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One-line text (titles, locations): HTML stripped, whitespace collapsed. */
export function plainLine(input: string | null | undefined): string {
  return htmlToText(input).replace(/\s+/g, ' ').trim();
}
