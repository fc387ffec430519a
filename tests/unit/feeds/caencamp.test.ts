import { describe, expect, it } from 'vitest';
import type { ParseOptions } from '../../../lib/events';
import { isCaenCampList, markdownToText, parseCaenCamp } from '../../../lib/feeds/caencamp';
import { fixtureJson, NOW } from './json-fixtures';

const data = fixtureJson('json/caencamp-content.json') as unknown[];
const options: ParseOptions = { feedId: 'cc', defaultTimeZone: 'Europe/Paris', now: NOW, baseUrl: 'https://www.caen.camp/api/editions.json' };

describe('CaenCamp content lists', () => {
  const result = parseCaenCamp(data, options);

  it('recognizes the shape', () => {
    expect(isCaenCampList(data)).toBe(true);
    expect(isCaenCampList([{ title: 'x', date: '2026-12-01 18:00:00' }])).toBe(false);
  });

  it('skips unpublished editions and counts them in one warning', () => {
    expect(result.events.map((e) => e.title)).toEqual(['Le TDD expliqué aux managers', 'Les Web Components en 2026']);
    expect(result.warnings).toEqual(['Skipped 2 unpublished editions']);
    expect(result.format).toBe('caencamp');
  });

  // Front matter and database-backed exports write the flag as false, "false", 0, "0" or "no".
  it.each([[false, 0], ['false', 0], [0, 0], ['0', 0], ['no', 0], [true, 1], [1, 1], ['true', 1], [undefined, 1]])('published: %j keeps %i event', (published, kept) => {
    const item = { edition: 90, title: 'Edition', slug: 'edition', date: '2026-12-16 18:30:00', place: 'x', ...(published === undefined ? {} : { published }) };
    expect(parseCaenCamp([item], options).events).toHaveLength(kept);
  });

  it('reads the wall-clock date in the feed zone, winter and summer time', () => {
    expect(result.events[0]).toMatchObject({ start: '2026-11-24T17:30:00Z', end: null, timeZone: 'Europe/Paris', uid: 'caencamp-73' });
    // 29 March 2026 is the day Europe moves to summer time: 18:30 is then UTC+2.
    expect(result.events[1]).toMatchObject({ start: '2026-03-29T16:30:00Z' });
  });

  it('follows the feed zone setting, not the machine', () => {
    const tokyo = parseCaenCamp(data, { ...options, defaultTimeZone: 'Asia/Tokyo' });
    expect(tokyo.events[0]!.start).toBe('2026-11-24T09:30:00Z');
  });

  it('turns markdown into plain text, slugs into words, and resolves the image', () => {
    expect(result.events[0]).toMatchObject({
      location: 'le dome',
      image: 'https://www.caen.camp/images/editions/73.png',
      description: "Au programme\n\nUn retour d'expérience sur le TDD (https://fr.wikipedia.org/wiki/Test_driven_development) en équipe.\n\n• pourquoi\n• comment",
    });
    expect(result.events[1]!.location).toBe('Le Dôme, 3 esplanade Stéphane Hessel, 14000 Caen');
  });
});

describe('markdownToText', () => {
  it.each([
    ['**bold** and __strong__', 'bold and strong'],
    ['*em* and _em_ but snake_case_name stays', 'em and em but snake_case_name stays'],
    ['[site](https://x.example) ![logo](/l.png)', 'site (https://x.example) logo'],
    ['# Title\n> quote', 'Title\nquote'],
    ['`code` here', 'code here'],
  ])('%j', (md, text) => {
    expect(markdownToText(md)).toBe(text);
  });
});
