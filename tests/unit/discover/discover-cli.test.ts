import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDiscoverArgs, runDiscover, wantsDiscover, DiscoverUsageError } from '../../../scripts/cli/run-discover';
import type { CliIo } from '../../../scripts/cli/run-events';

const fixture = (name: string) => `tests/fixtures/pages/${name}`;

function io(pages: Record<string, { status?: number; body: string; type?: string }> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: async (path) => readFile(path),
    readStdin: async () => new Uint8Array(),
    fetch: (async (input: string | URL | Request) => {
      const url = String(input instanceof Request ? input.url : input);
      const page = pages[url];
      if (!page) return new Response('not found', { status: 404 });
      return new Response(page.body, { status: page.status ?? 200, headers: { 'content-type': page.type ?? 'text/html; charset=utf-8' } });
    }) as typeof fetch,
    now: () => Date.parse('2026-11-21T10:00:00Z'),
  };
  return { cli, out, err };
}

describe('events --discover', () => {
  it.each<[string[], boolean]>([
    [['--discover', 'page.html'], true],
    [['--discover=https://x.example/'], true],
    [['feed.ics', '--json'], false],
  ])('wantsDiscover(%j)', (argv, wanted) => expect(wantsDiscover(argv)).toBe(wanted));

  it.each<[string[], string | RegExp]>([
    [['--discover'], /needs a value/],
    [['--discover', 'a.html', '--from', '2026-01-01'], /cannot be used with --discover/],
    [['--discover', 'a.html', '--base', 'file:///x'], /--base must be an http/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDiscoverArgs(argv)).toThrow(DiscoverUsageError);
    expect(() => parseDiscoverArgs(argv)).toThrow(message);
  });

  it('prints the candidates of a saved page as JSON, relative links resolved against its canonical address', async () => {
    const { cli, out, err } = io();
    const code = await runDiscover({ source: fixture('wordpress-events.html'), base: null, json: true }, cli);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const printed = JSON.parse(out.join('\n')) as { url: string; format: string }[];
    expect(printed.map((c) => c.url)).toEqual([
      'https://www.example-asso.fr/evenements/?ical=1',
      'https://www.example-asso.fr/wp-json/tribe/events/v1/events',
      'https://www.example-asso.fr/agenda/?ical=1&eventDisplay=list',
      'https://www.example-asso.fr/wp-content/uploads/2026/01/agenda-2026.ics',
      'https://www.meetup.com/CaenCamp/events/ical/',
      'https://www.example-asso.fr/agenda/',
    ]);
  });

  it('downloads a page by URL and resolves its links against the final address', async () => {
    const { cli, out } = io({
      'http://127.0.0.1:9/group/': {
        body: '<title>Club</title><link rel="alternate" type="text/calendar" href="cal.ics"><script type="application/ld+json">{"@type":"Event","name":"A"}</script>',
      },
    });
    expect(await runDiscover({ source: 'http://127.0.0.1:9/group/', base: null, json: false }, cli)).toBe(0);
    expect(out).toEqual([
      'ical  link       http://127.0.0.1:9/group/cal.ics  Club',
      'html  jsonld     http://127.0.0.1:9/group/  Club (1 on the page)',
    ]);
  });

  it('says when nothing is found, and fails with a short message when the page cannot be read', async () => {
    const found = io();
    expect(await runDiscover({ source: fixture('nothing.html'), base: 'https://devnotes.example/blog/', json: false }, found.cli)).toBe(0);
    expect(found.out).toEqual(['No feed found on this page.']);

    const missing = io();
    expect(await runDiscover({ source: 'no/such/page.html', base: null, json: true }, missing.cli)).toBe(1);
    expect(missing.err).toEqual(['events: Cannot read no/such/page.html: no such file']);
    expect(missing.out).toEqual([]);

    const gone = io();
    expect(await runDiscover({ source: 'https://gone.example/', base: null, json: true }, gone.cli)).toBe(1);
    expect(gone.err.join('')).toMatch(/404/);
  });
});
