import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFeedCandidates } from '../../../lib/discover/find-feed-candidates';
import type { FeedCandidate } from '../../../lib/discover/types';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');

type Expected = Pick<FeedCandidate, 'url' | 'format' | 'kind'> & Partial<FeedCandidate>;

describe('findFeedCandidates on saved pages of each platform', () => {
  it.each<[string, string, Expected[]]>([
    [
      'meetup-group.html',
      'https://www.meetup.com/fr-FR/CaenCamp/',
      // The group's JSON-LD events are the iCal feed's events: not offered twice; similar groups are not offered.
      [{ url: 'https://www.meetup.com/CaenCamp/events/ical/', format: 'ical', kind: 'meetup', title: 'CaenCamp | Meetup' }],
    ],
    [
      'gancio-home.html',
      'https://gancio.cisti.org/',
      [{ url: 'https://gancio.cisti.org/feed/ics', format: 'ical', kind: 'link', title: 'Gancio cisti.org' }],
    ],
    [
      'gancio-event.html',
      'https://gancio.cisti.org/event/cena-benefit',
      [{ url: 'https://gancio.cisti.org/feed/ics', format: 'ical', kind: 'gancio', title: 'Gancio cisti.org' }],
    ],
    [
      'mobilizon-group.html',
      'https://events.example.org/@libre_caen',
      [{ url: 'https://events.example.org/@libre_caen/feed/ics', format: 'ical', kind: 'mobilizon', title: 'Libre à Caen' }],
    ],
    [
      'mobilizon-group.html',
      'https://events.example.org/@libre_caen/events?future=true#top',
      [{ url: 'https://events.example.org/@libre_caen/feed/ics', format: 'ical', kind: 'mobilizon' }],
    ],
    [
      'luma-calendar.html',
      'https://luma.com/caen-tech-nights',
      // The page's own calendar, not the featured event's other calendar.
      [{ url: 'https://api.lu.ma/ics/get?entity=calendar&id=cal-Ab12Cd34Ef56Gh7', format: 'ical', kind: 'luma', title: 'Caen Tech Nights · Events Calendar' }],
    ],
    [
      'wordpress-events.html',
      'https://www.example-asso.fr/agenda/',
      [
        { url: 'https://www.example-asso.fr/evenements/?ical=1', format: 'ical', kind: 'link', title: 'Normandie Libre » Flux iCal' },
        { url: 'https://www.example-asso.fr/wp-json/tribe/events/v1/events', format: 'json', kind: 'link', title: 'Évènements (JSON)' },
        { url: 'https://www.example-asso.fr/agenda/?ical=1&eventDisplay=list', format: 'ical', kind: 'anchor', title: 'Exporter le fichier .ics' },
        { url: 'https://www.example-asso.fr/wp-content/uploads/2026/01/agenda-2026.ics', format: 'ical', kind: 'anchor', title: 'Agenda 2026 (fichier)' },
        { url: 'https://www.meetup.com/CaenCamp/events/ical/', format: 'ical', kind: 'meetup', title: 'le Meetup des CaenCamp' },
        { url: 'https://www.example-asso.fr/agenda/', format: 'html', kind: 'jsonld', title: 'Agenda - Normandie Libre', eventCountOnPage: 3 },
      ],
    ],
    ['nothing.html', 'https://devnotes.example/blog/static-site/', []],
    // A Mastodon profile is also /@name, but it is no Mobilizon group.
    ['nothing.html', 'https://mastodon.example/@devnotes', []],
  ])('%s at %s', (file, url, expected) => {
    const found = findFeedCandidates(page(file), url);
    expect(found).toHaveLength(expected.length);
    expected.forEach((want, i) => expect(found[i]).toMatchObject(want));
  });

  it('gives only absolute http(s) URLs, each once', () => {
    for (const [file, url] of [
      ['wordpress-events.html', 'https://www.example-asso.fr/agenda/'],
      ['meetup-group.html', 'https://www.meetup.com/fr-FR/CaenCamp/'],
      ['gancio-home.html', 'https://gancio.cisti.org/'],
    ] as const) {
      const urls = findFeedCandidates(page(file), url).map((c) => c.url);
      expect(new Set(urls).size).toBe(urls.length);
      for (const u of urls) expect(new URL(u).protocol).toMatch(/^https?:$/);
    }
  });
});

describe('findFeedCandidates on small real-world shapes', () => {
  it.each<[string, string, string, Expected[]]>([
    [
      'upper-case markup, unquoted attributes, a media type with parameters',
      '<HEAD><LINK REL=Alternate TYPE="TEXT/CALENDAR; charset=utf-8" HREF=/cal/club.ics TITLE=Club></HEAD>',
      'http://club.example/',
      [{ url: 'http://club.example/cal/club.ics', format: 'ical', kind: 'link', title: 'Club' }],
    ],
    [
      'webcals: and a <base href>',
      '<head><base href="https://cdn.example/site/"><title>Site</title></head><a href="webcals://cal.example/team">Subscribe</a><a href="files/agenda.ICS">Agenda</a>',
      'https://site.example/page',
      [
        { url: 'https://cal.example/team', format: 'ical', kind: 'anchor', title: 'Subscribe' },
        { url: 'https://cdn.example/site/files/agenda.ICS', format: 'ical', kind: 'anchor', title: 'Agenda' },
      ],
    ],
    [
      'a Luma calendar embedded on a group site',
      '<title>Our events</title><iframe src="https://lu.ma/embed/calendar/cal-PfKCHyYHQHvdr87/events" width="600"></iframe>',
      'https://group.example/events',
      [{ url: 'https://api.lu.ma/ics/get?entity=calendar&id=cal-PfKCHyYHQHvdr87', format: 'ical', kind: 'luma', title: 'Our events' }],
    ],
    [
      "a Luma subscription link copied into a page",
      '<a href="https://api.lu.ma/ics/get?entity=calendar&amp;id=cal-HBdmsARYSzYhpuc">iCal</a>',
      'https://group.example/',
      [{ url: 'https://api.lu.ma/ics/get?entity=calendar&id=cal-HBdmsARYSzYhpuc', format: 'ical', kind: 'anchor' }],
    ],
    [
      'a jCal link',
      '<link rel="alternate" type="application/calendar+json" href="/events.jcal">',
      'https://x.example/',
      [{ url: 'https://x.example/events.jcal', format: 'json', kind: 'link' }],
    ],
    [
      'JSON-LD events in an ItemList, one Event among Organization nodes',
      '<title>Agenda</title><script type="application/ld+json">{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":["Event"],"name":"A"}},{"@type":"ListItem","item":{"@type":"EducationEvent","name":"B"}}]}</script><script type="application/ld+json">{"@type":"Organization","event":{"@type":"SocialEvent","name":"C"}}</script>',
      'https://x.example/agenda#list',
      [{ url: 'https://x.example/agenda', format: 'html', kind: 'jsonld', eventCountOnPage: 3 }],
    ],
    [
      'a Meetup page that is not a group',
      '<title>Find events</title>',
      'https://www.meetup.com/find/?location=fr--Caen',
      [],
    ],
    [
      'a remote group seen through another Mobilizon instance',
      '<noscript>We\'re sorry but Mobilizon doesn\'t work properly without JavaScript enabled.</noscript>',
      'https://mobilizon.example/@caen_js@events.example.org',
      [{ url: 'https://mobilizon.example/@caen_js@events.example.org/feed/ics', format: 'ical', kind: 'mobilizon' }],
    ],
    ['not a page URL', '<a href="a.ics">a</a>', 'not a url', []],
    ['javascript: and data: links', '<a href="javascript:void(0)//x.ics">x</a><a href="data:text/calendar,BEGIN:VCALENDAR">y</a>', 'https://x.example/', []],
  ])('%s', (_label, html, url, expected) => {
    const found = findFeedCandidates(html, url);
    expect(found).toHaveLength(expected.length);
    expected.forEach((want, i) => expect(found[i]).toMatchObject(want));
  });
});

describe('findFeedCandidates on big pages', () => {
  it('stays linear on a page full of unclosed anchors (it once took seconds on 400 kB)', () => {
    const html = `<title>Big</title>${'<a href="/x">unclosed '.repeat(20_000)}<a href="/all.ics">All events</a>`;
    const started = performance.now();
    const found = findFeedCandidates(html, 'https://big.example/');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(found).toMatchObject([{ url: 'https://big.example/all.ics', title: 'All events' }]);
  });
});
