/**
 * Feed text to plain text. Descriptions arrive as HTML, escaped HTML or plain text; we never interpret them,
 * we only turn them into text that the UI renders as text (never as HTML).
 */
import { decodeHTMLStrict } from 'entities/decode';

/**
 * Every HTML named entity (`&ouml;`, `&rsquo;`, `&CounterClockwiseContourIntegral;`…) and numeric reference, by
 * the `entities` package's table. Strict: only references closed by ";" decode, so "R&D" or "?a=1&copy=2" in
 * plain text stay as written. Its table weighs ~30 KB: this module is for the background and the CLI, never the
 * popup (tests/unit/ui/popup-imports.test.ts keeps it out).
 */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  // Most feeds only escape markup: those few references are read by one native replace, without the table's walk.
  if (OTHER_AMPERSAND.test(text)) return decodeHTMLStrict(text);
  return text.replace(COMMON_REFERENCE, (reference) => COMMON_REFERENCES[reference]!);
}

const COMMON_REFERENCES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': '\u00a0' };
const COMMON_REFERENCE = /&(?:amp|lt|gt|quot|#39|apos|nbsp);/g;
/** An "&" that does not start one of COMMON_REFERENCES. */
const OTHER_AMPERSAND = /&(?!(?:amp|lt|gt|quot|#39|apos|nbsp);)/;

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
