/**
 * `npm run --silent events -- --discover <page-URL-or-file> [--base URL] [--json]`: the feeds a web
 * page offers, found by the same `findFeedCandidates` as the popup's "Find feeds on this page".
 * A saved file has no address of its own: its canonical link (or og:url) is the base for relative links,
 * unless --base gives one.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { decodeBody, DEFAULT_BODY_LIMIT, tooLarge } from '../../lib/feeds/body';
import { downloadFeed } from '../../lib/download';
import { FeedError } from '../../lib/feeds/errors';
import { findFeedCandidates } from '../../lib/discover/find-feed-candidates';
import { scanHtml, metaContent } from '../../lib/discover/html-scan';
import type { FeedCandidate } from '../../lib/discover/types';
import type { CliIo } from './run-events';
import { flagLines, readFlags, UsageError, type FlagSpec } from './flags';

export interface DiscoverCliOptions {
  source: string;
  base: string | null;
  json: boolean;
}

interface RawDiscoverArgs extends DiscoverCliOptions {
  help: boolean;
}

const DISCOVER_FLAGS: FlagSpec<RawDiscoverArgs>[] = [
  { name: '--discover', value: 'PAGE', help: 'the page: an http(s) address or a saved file', set: (r, v) => void (r.source = v) },
  { name: '--base', value: 'URL', help: 'address of a saved page, for its relative links (default: its canonical link)', set: (r, v) => void (r.base = v) },
  { name: '--json', help: 'print a JSON array of candidates (url, title, format, kind, eventCountOnPage)', set: (r) => void (r.json = true) },
  { name: '--help', help: 'show this help', set: (r) => void (r.help = true) },
];

export const DISCOVER_USAGE = [
  'Usage: npm run --silent events -- --discover <page-URL-or-file> [--base URL] [--json]',
  '',
  'Lists the calendar feeds a web page offers (the popup\'s "Find feeds on this page"): iCal and event JSON',
  'links, .ics and webcal: links, JSON-LD events on the page, and Meetup, Gancio, Mobilizon and Luma feeds.',
  '',
  'Options:',
  ...flagLines(DISCOVER_FLAGS.filter((flag) => flag.name === '--base' || flag.name === '--json')),
].join('\n');

/** The usage mistakes of `--discover`: the command line's one UsageError. */
export const DiscoverUsageError = UsageError;

/** True when the command line asks for discovery rather than for a feed's events. */
export function wantsDiscover(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--discover' || arg.startsWith('--discover='));
}

export function parseDiscoverArgs(argv: readonly string[]): DiscoverCliOptions | 'help' {
  const raw: RawDiscoverArgs = { source: '', base: null, json: false, help: false };
  readFlags(argv, raw, {
    flags: DISCOVER_FLAGS,
    positional: (_, arg) => {
      throw new UsageError(`${arg} cannot be used with --discover`);
    },
    unknown: (name) => `${name} cannot be used with --discover`,
  });
  if (raw.help) return 'help';
  if (!raw.source) throw new UsageError('--discover needs a page URL or a file');
  if (raw.base !== null && !/^https?:\/\//i.test(raw.base)) throw new UsageError('--base must be an http(s) address');
  return { source: raw.source, base: raw.base, json: raw.json };
}

const URL_LIKE = /^https?:\/\//i;

function declaredAddress(html: string, fileUrl: string): string | null {
  const page = scanHtml(html, fileUrl);
  const canonical = page.links.find((link) => (link.rel ?? '').toLowerCase().split(/\s+/).includes('canonical'))?.href;
  for (const candidate of [canonical, metaContent(page, 'og:url')]) {
    if (candidate && URL_LIKE.test(candidate)) return candidate;
  }
  return null;
}

export async function loadPage(options: DiscoverCliOptions, io: CliIo): Promise<{ html: string; pageUrl: string }> {
  if (URL_LIKE.test(options.source)) {
    const page = await downloadFeed(options.source, { fetch: io.fetch, timeoutMs: io.timeoutMs });
    return { html: page.body, pageUrl: options.base ?? page.url };
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(options.source, DEFAULT_BODY_LIMIT);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const code = (error as { code?: string }).code;
    throw new FeedError('notAFeed', `Cannot read ${options.source}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (bytes.byteLength > DEFAULT_BODY_LIMIT) throw tooLarge(DEFAULT_BODY_LIMIT);
  const html = decodeBody(bytes);
  const fileUrl = pathToFileURL(resolve(options.source)).href;
  return { html, pageUrl: options.base ?? declaredAddress(html, fileUrl) ?? fileUrl };
}

export function formatCandidateLine(candidate: FeedCandidate): string {
  const count = candidate.eventCountOnPage === null ? '' : ` (${candidate.eventCountOnPage} on the page)`;
  return `${candidate.format.padEnd(4)}  ${candidate.kind.padEnd(9)}  ${candidate.url}${candidate.title ? `  ${candidate.title}` : ''}${count}`;
}

/** Exit code: 0 (also when nothing is found), 1 when the page cannot be read. */
export async function runDiscover(options: DiscoverCliOptions, io: CliIo): Promise<number> {
  let page: { html: string; pageUrl: string };
  try {
    page = await loadPage(options, io);
  } catch (error) {
    io.stderr(`events: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const candidates = findFeedCandidates(page.html, page.pageUrl);
  if (page.pageUrl.startsWith('file:')) {
    io.stderr('events: this file names no address of its own; relative links are skipped (give --base URL).');
  }
  if (options.json) {
    io.stdout(JSON.stringify(candidates, null, 2));
  } else if (candidates.length === 0) {
    io.stdout('No feed found on this page.');
  } else {
    for (const candidate of candidates) io.stdout(formatCandidateLine(candidate));
  }
  return 0;
}
