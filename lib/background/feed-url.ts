/** What the user typed → the URL stored in FeedConfig (webcal:// kept as typed; it is fetched over https). */
const READABLE = ['http:', 'https:', 'webcal:', 'webcals:'];

export function normalizeFeedUrl(input: string): string {
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('Not a web address');
  }
  if (!READABLE.includes(url.protocol)) throw new Error('Only http, https and webcal addresses can be read');
  if (!url.host) throw new Error('Not a web address');
  url.hash = '';
  return url.href;
}

/** "meetup.com" for https://www.meetup.com/…: a default feed name. */
export function feedHostName(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}
