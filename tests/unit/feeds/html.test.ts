import { describe, expect, it } from 'vitest';
import type { ParseOptions } from '../../../lib/events';
import { FeedError } from '../../../lib/feeds/errors';
import { calendarLinks, extractJsonLdBlocks, parseHtml, unwrapScriptContent } from '../../../lib/feeds/html';
import { fixtureText, NOW } from './json-fixtures';

const options: ParseOptions = { feedId: 'page', defaultTimeZone: 'Europe/Paris', now: NOW, baseUrl: 'https://rennes-tech.example/agenda' };

function thrown(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('extractJsonLdBlocks', () => {
  it.each([
    ['<script type="application/ld+json">{"a":1}</script>', ['{"a":1}']],
    ["<SCRIPT TYPE='application/ld+json'>{\"a\":1}</SCRIPT >", ['{"a":1}']],
    ['<script id=x type=application/ld+json>{"a":1}</script>', ['{"a":1}']],
    ['<script data-x="a > b" type="application/ld+json">{"a":1}</script>', ['{"a":1}']],
    ['<script\n  type="application/ld+json;charset=utf-8"\n>{"a":1}</script>', ['{"a":1}']],
    ['<script type="text/javascript">var s = "<script type=\\"application/ld+json\\">";</script>', []],
    ['<!-- <script type="application/ld+json">{"a":1}</script> -->', []],
    ['<scripts type="application/ld+json">{"a":1}</scripts>', []],
    ['<script type="application/json">{"a":1}</script>', []],
    ['<script type="application/ld+json">{"a":1}', ['{"a":1}']],
  ])('%s', (html, expected) => {
    expect(extractJsonLdBlocks(html).map((b) => b.content)).toEqual(expected);
  });
});

describe('unwrapScriptContent', () => {
  it.each([
    ['<!--\n{"a":1}\n-->', '{"a":1}'],
    ['//<![CDATA[\n{"a":1}\n//]]>', '{"a":1}'],
    ['/*<![CDATA[*/{"a":1}/*]]>*/', '{"a":1}'],
    ['<![CDATA[{"a":1}]]>', '{"a":1}'],
    ['  {"a":1}  ', '{"a":1}'],
  ])('%j', (content, expected) => {
    expect(unwrapScriptContent(content)).toBe(expected);
  });
});

describe('parseHtml on a real-shaped agenda page', () => {
  const result = parseHtml(fixtureText('html/meetup-page.html'), options);

  it('keeps the events of every block, ignores Organization/BreadcrumbList and commented-out markup', () => {
    expect(result.events.map((e) => e.title)).toEqual(['Rust & Coffee', 'JS Night', 'Rust & Coffee']);
    expect(result.format).toBe('html');
    expect(result.title).toBe('Rennes Tech Meetups — Agenda');
  });

  it('reads the event fully, with relative links resolved against the page and scripts never kept', () => {
    expect(result.events[0]).toMatchObject({
      uid: 'https://rennes-tech.example/e/42',
      start: '2026-11-28T09:00:00Z',
      end: '2026-11-28T11:00:00Z',
      url: 'https://rennes-tech.example/e/42',
      image: 'https://rennes-tech.example/img/42.jpg',
      description: 'Bring your laptop.',
      location: 'Café Cosy, 2 place Sainte-Anne, 35000 Rennes, FR',
    });
  });

  it('skips the broken block with a warning', () => {
    expect(result.warnings).toEqual([expect.stringMatching(/^Skipped JSON-LD block 4: /)]);
  });
});

describe('pages without events', () => {
  it('says so, with the page title, what its JSON-LD holds and the calendar it links to', () => {
    const error = thrown(() => parseHtml(fixtureText('html/no-events.html'), options));
    expect(error.code).toBe('notAFeed');
    expect(error.message).toBe(
      'This is an HTML page with no events in it ("Rennes Tech — À propos"; its JSON-LD describes Organization, WebSite; it links to a calendar feed: https://rennes-tech.example/agenda.ics)',
    );
    // For the pages: the calendar the page links to is what helps most.
    expect(error.found).toEqual({ kind: 'htmlCalendarLink', detail: 'https://rennes-tech.example/agenda.ics' });
  });

  it('a plain page says it has no events', () => {
    const error = thrown(() => parseHtml('<html><body>Hello</body></html>', options));
    expect(error.message).toBe('This is an HTML page with no events in it');
    expect(error.found).toEqual({ kind: 'htmlPage' });
    expect(thrown(() => parseHtml('<html><head><title>Agenda</title></head></html>', options)).found).toEqual({ kind: 'htmlPage', detail: '"Agenda"' });
  });

  it('a page whose only event blocks are broken says why', () => {
    const error = thrown(() => parseHtml('<script type="application/ld+json">{"@type": "Event",}</script>', options));
    expect(error.message).toMatch(/^This is an HTML page with no readable events in it \(Skipped JSON-LD block 1: /);
    expect(error.found).toEqual({ kind: 'htmlBrokenEvents' });
  });

  it('an empty ItemList is an agenda with nothing planned: no error', () => {
    const html = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"ItemList","itemListElement":[]}</script>';
    expect(parseHtml(html, options).events).toEqual([]);
  });

  it('a too-deep block is skipped, not fatal', () => {
    const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
    const html = `<script type="application/ld+json">${deep}</script><script type="application/ld+json">{"@type":"Event","name":"ok","startDate":"2026-12-01T18:00:00Z"}</script>`;
    const result = parseHtml(html, options);
    expect(result.events.map((e) => e.title)).toEqual(['ok']);
    expect(result.warnings).toEqual(['Skipped JSON-LD block 1: Too deeply nested JSON (more than 64 levels)']);
  });

  it('HTML-escaped JSON (a CMS bug) is still read', () => {
    const html = '<script type="application/ld+json">{&quot;@type&quot;:&quot;Event&quot;,&quot;name&quot;:&quot;Escaped&quot;,&quot;startDate&quot;:&quot;2026-12-01T18:00:00Z&quot;}</script>';
    expect(parseHtml(html, options).events.map((e) => e.title)).toEqual(['Escaped']);
  });
});

describe('calendarLinks', () => {
  it('finds text/calendar alternates, resolved, and webcal links', () => {
    const html = '<link href="/a.ics" rel="alternate" type="text/calendar"><link rel="alternate" type="application/rss+xml" href="/rss"><link type="text/calendar" href="webcal://x.example/b.ics">';
    expect(calendarLinks(html, 'https://x.example/page')).toEqual(['https://x.example/a.ics', 'webcal://x.example/b.ics']);
  });
});
