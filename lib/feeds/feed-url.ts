/** Feed addresses as users paste them: `webcal://` is https (RFC 5545 clients agree), anything else but http(s) is refused. */
import { FeedError } from './errors';

export function toFetchUrl(url: string): string {
  const trimmed = url.trim();
  const rewritten = trimmed.replace(/^webcals?:\/\//i, 'https://');
  let parsed: URL;
  try {
    parsed = new URL(rewritten);
  } catch {
    throw new FeedError('unsupported-url', `Not a web address: "${trimmed.slice(0, 80)}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedError('unsupported-url', `Only http, https and webcal addresses can be read (got ${parsed.protocol})`);
  }
  return parsed.href;
}
