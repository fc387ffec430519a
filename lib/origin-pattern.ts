/**
 * The host-permission match pattern of an origin: `https://example.org/*`. Ports are left out on purpose:
 * Firefox refuses match patterns with a port and Chrome's port-less pattern covers every port, so the pattern
 * the options page requests is exactly the one the background checks. Pure, so the popup may import it.
 */
export function originPattern(urlOrOrigin: string): string | null {
  try {
    const url = new URL(urlOrOrigin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}
