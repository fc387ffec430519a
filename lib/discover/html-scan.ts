/**
 * A small tag scanner for feed discovery. No DOM: it must run in Node (the CLI) and in the service worker,
 * where DOMParser does not exist. It only needs the head's links and metas, the anchors, the JSON-LD
 * blocks and the title, so regular expressions over the markup are enough; it never executes or renders
 * anything it reads.
 */
import { extractJsonLdBlocks, parseAttributes, type Attributes } from '../feeds/html';
import { decodeEntities } from '../text';

export interface ScannedAnchor {
  attrs: Attributes;
  /** Visible text of the anchor, tags stripped, whitespace collapsed (computed on first read). */
  readonly text: string;
}

export interface ScannedPage {
  links: Attributes[];
  metas: Attributes[];
  anchors: ScannedAnchor[];
  iframes: Attributes[];
  /** Raw text of every `<script type="application/ld+json">`. */
  jsonLd: string[];
  title: string | null;
  /** `<base href>`, already resolved against the page URL. */
  baseUrl: string;
}

/** How far after `<a …>` its text is looked for. */
const ANCHOR_TEXT_WINDOW = 1000;

function collapse(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function tagsNamed(html: string, name: string): Attributes[] {
  const found: Attributes[] = [];
  const pattern = new RegExp(`<${name}\\b([^>]*)>`, 'gi');
  for (const match of html.matchAll(pattern)) found.push(parseAttributes(match[1] ?? ''));
  return found;
}

function resolveBase(html: string, pageUrl: string): string {
  const base = tagsNamed(html, 'base').find((attrs) => attrs.href);
  if (!base?.href) return pageUrl;
  try {
    return new URL(base.href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

export function scanHtml(html: string, pageUrl: string): ScannedPage {
  // Comments hide old markup ("<!-- <a href=old.ics> -->"): never offer what the page does not show.
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');

  // Links and anchors inside scripts, styles and templates are strings of code, not links on the page.
  const markup = withoutComments
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, ' ')
    .replace(/<(style|template|textarea)\b[\s\S]*?<\/\1\s*>/gi, ' ');

  const anchors: ScannedAnchor[] = [];
  const lower = markup.toLowerCase();
  // The next `</a` at or after the current anchor, remembered so that a page full of unclosed anchors is
  // still read in one pass (-1: there is none further on).
  let close = -2;
  for (const match of markup.matchAll(/<a\b([^>]*)>/gi)) {
    // The text runs to the closing tag, within a short window: a link's label is never pages long.
    const start = match.index + match[0].length;
    if (close !== -1 && close < start) close = lower.indexOf('</a', start);
    const end = close === -1 || close - start > ANCHOR_TEXT_WINDOW ? Math.min(start + ANCHOR_TEXT_WINDOW, markup.length) : close;
    let text: string | null = null;
    anchors.push({
      attrs: parseAttributes(match[1] ?? ''),
      // Read only for the few anchors that turn out to be feeds.
      get text() {
        text ??= collapse(markup.slice(start, end));
        return text;
      },
    });
  }

  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(markup);
  const title = titleMatch ? collapse(titleMatch[1] ?? '') || null : null;

  return {
    links: tagsNamed(markup, 'link'),
    metas: tagsNamed(markup, 'meta'),
    anchors,
    iframes: tagsNamed(markup, 'iframe'),
    // The feed reader's own block finder, so discovery counts the blocks that adding the page will read.
    jsonLd: extractJsonLdBlocks(html).map((block) => block.content),
    title,
    baseUrl: resolveBase(markup, pageUrl),
  };
}

/** `content` of the first `<meta name=…>` or `<meta property=…>` with that key. */
export function metaContent(page: ScannedPage, key: string): string | null {
  const wanted = key.toLowerCase();
  for (const meta of page.metas) {
    const name = (meta.name ?? meta.property ?? '').toLowerCase();
    if (name === wanted && meta.content?.trim()) return meta.content.trim();
  }
  return null;
}
