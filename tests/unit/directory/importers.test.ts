import { describe, expect, it } from 'vitest';
import { importCronQuiles } from '../../../scripts/directory/importers/cron-quiles';
import { importDcTech } from '../../../scripts/directory/importers/dctech';
import { importKotlin } from '../../../scripts/directory/importers/kotlin';
import { importLouisville } from '../../../scripts/directory/importers/louisville';
import { importOwasp, owaspDate } from '../../../scripts/directory/importers/owasp';
import { importReact } from '../../../scripts/directory/importers/react';
import { decodeRByteEscapes, importRLadies } from '../../../scripts/directory/importers/rladies';
import type { ImportResult, Importer } from '../../../scripts/directory/types';
import { fixtureFiles, manifestSource } from './fixture-sources';

const run = (importer: Importer, id: string): Promise<ImportResult> => importer(fixtureFiles(id), manifestSource(id));
const summary = (result: ImportResult) => result.groups.map((g) => [g.name, g.feedUrl, g.platform]);
const reasons = (result: ImportResult) => Object.fromEntries(result.dropped.map((d) => [d.name, d.reason]));

describe('R-Ladies importer', () => {
  it('keeps active chapters with a Meetup group, their city as written (R byte escapes decoded)', async () => {
    const result = await run(importRLadies, 'rladies');
    expect(summary(result)).toEqual([
      ['R-Ladies Bogotá', 'https://www.meetup.com/rladies-bogota/events/ical/', 'meetup'],
      ['R-Ladies Remote', 'https://www.meetup.com/rladies-remote/events/ical/', 'meetup'],
      ['R-Ladies Zurich', 'https://www.meetup.com/rladies-zurich/events/ical/', 'meetup'],
      ['R-Ladies NYC', 'https://www.meetup.com/rladies-nyc/events/ical/', 'meetup'],
    ]);
    expect(result.groups[3]!.place).toEqual({ city: 'NYC', region: 'New York', country: 'USA' });
    expect(result.groups[0]!.tags).toEqual(['r', 'data-science', 'diversity']);
    expect(result.groups[0]!.file).toBe('data/chapters/colombia-bogota.json');
  });

  it('drops prospective and retired chapters, saying why', async () => {
    expect(reasons(await run(importRLadies, 'rladies'))).toEqual({
      'R-Ladies Campeche': 'status: prospective',
      'R-Ladies Portland': 'status: retired on 29-09-2019',
    });
  });

  it.each([
    ['Bogot<e1>', 'Bogotá'],
    ['S<e3>o Paulo', 'São Paulo'],
    ['Zürich', 'Zürich'],
  ])('decodeRByteEscapes(%s)', (raw, decoded) => {
    expect(decodeRByteEscapes(raw)).toBe(decoded);
  });
});

describe('OWASP importer', () => {
  it('keeps chapters with a Meetup group that OWASP counts as active', async () => {
    const result = await run(importOwasp, 'owasp');
    expect(summary(result)).toEqual([
      ['OWASP Bogota', 'https://www.meetup.com/owasp-bogota-meetup-group/events/ical/', 'meetup'],
      ['OWASP Washington DC', 'https://www.meetup.com/owasp-washington-dc-chapter/events/ical/', 'meetup'],
      ['OWASP Chile', 'https://www.meetup.com/owasp-chile-meetup-group/events/ical/', 'meetup'],
    ]);
    expect(result.groups[0]!.place).toEqual({ city: 'Bogota', country: 'Colombia' });
    expect(result.groups[0]!.homepage).toBe('https://owasp.org/www-chapter-bogota/');
  });

  it('drops inactive chapters: no pages, needs website update, listed inactive and not updated since', async () => {
    expect(reasons(await run(importOwasp, 'owasp'))).toEqual({
      'OWASP Bahia Blanca': 'no Meetup group',
      'OWASP Cuiaba': 'inactive: its chapter site is not built ("no pages")',
      'OWASP Monterrey': 'not yet active: "Needs Website Update"',
      'OWASP Brasilia': 'listed in inactive_chapters.json',
      'OWASP La Paz': 'not a Meetup group name: "Owasp La Paz Chapter"',
    });
  });

  it.each([
    ['2025-10-20', Date.UTC(2025, 9, 20)],
    ['Wed Jul  7 16:30:39 2021', Date.UTC(2021, 6, 7, 16, 30, 39)],
    ['', Number.NaN],
  ])('owaspDate(%s)', (text, ms) => {
    expect(owaspDate(text)).toBe(ms);
  });
});

describe('DC Tech Events importer', () => {
  it('keeps active tech groups with their iCal address, placed by the manifest', async () => {
    const result = await run(importDcTech, 'dctech');
    expect(summary(result)).toEqual([
      ['DC DAO Calendar', 'https://api.lu.ma/ics/get?entity=calendar&id=cal-tPiE7SLIv4FQ48E', 'luma'],
      ['OWASP Washington, DC Chapter', 'https://www.meetup.com/owasp-washington-dc-chapter/events/ical/', 'meetup'],
      ['Northern Virginia Linux Users Group (NoVaLUG)', 'https://mobilizon.us/@novalug/feed/ics', 'mobilizon'],
      ['PyDistrict™', 'https://www.meetup.com/pydistrict/events/ical/', 'meetup'],
    ]);
    expect(result.groups[0]!.place).toEqual({ city: 'Washington DC', country: 'US' });
    expect(result.groups[3]!.tags).toEqual(['programming-languages']);
  });

  it('drops inactive groups and those whose categories are not about technology', async () => {
    expect(reasons(await run(importDcTech, 'dctech'))).toEqual({
      'An Old Group': 'active: false',
      'TEDx Logan Circle': 'not a tech group (conferences)',
    });
  });
});

describe('Cron-Quiles importer', () => {
  it('keeps feeds, with the texts that may name their city', async () => {
    const result = await run(importCronQuiles, 'cron-quiles');
    expect(summary(result)).toEqual([
      ['Elixir Mexico City', 'https://www.meetup.com/elixir-mexico-city/events/ical/', 'meetup'],
      ['Claude Users Group', 'https://api2.luma.com/ics/get?entity=calendar&id=cal-gKhhS6fDDrX3mqz', 'luma'],
      ['AWS User Group Jalisco', 'https://www.meetup.com/amazon-web-services-jalisco/events/ical/', 'meetup'],
      ['Python Puebla', 'https://www.meetup.com/python-puebla/events/ical/', 'meetup'],
    ]);
    expect(result.groups[2]!.place).toEqual({
      city: null,
      country: 'MX',
      texts: ['AWS User Group Jalisco', 'amazon web services jalisco', 'User Group oficial de AWS en Guadalajara. Eventos sobre servicios en la nube de Amazon.'],
    });
  });

  it('drops pages that are not feeds', async () => {
    expect(Object.keys(reasons(await run(importCronQuiles, 'cron-quiles')))).toEqual(['AI/IA CDMX', 'GDG Monterrey']);
  });
});

describe('Kotlin user groups importer', () => {
  it('keeps Meetup groups with their coordinates, drops virtual groups and pages without feed', async () => {
    const result = await run(importKotlin, 'kotlin');
    expect(summary(result)).toEqual([
      ['Berlin KUG', 'https://www.meetup.com/kotlin-berlin/events/ical/', 'meetup'],
      ['Swiss KUG', 'https://www.meetup.com/swiss-kotlin/events/ical/', 'meetup'],
      ['Sao Paulo Kotlin Meetup', 'https://www.meetup.com/kotlin-meetup-sp/events/ical/', 'meetup'],
    ]);
    expect(result.groups[0]!.place).toEqual({ city: null, country: 'Germany', coordinates: { lat: 52.5200066, lon: 13.404954 }, texts: ['Berlin KUG'] });
    expect(reasons(result)).toEqual({ 'Virtual KUG': 'virtual group', 'Czech KUG': 'a web page, not a feed: https://www.facebook.com/czkug/' });
  });
});

describe('React meetups importer', () => {
  it('reads country headings and "City, region - label" items', async () => {
    const result = await run(importReact, 'react');
    expect(result.groups.map((g) => [g.name, g.feedUrl, g.place])).toEqual([
      ['React Belgium', 'https://www.meetup.com/reactjs-belgium/events/ical/', { city: 'Belgium', region: null, country: 'Belgium' }],
      ['React São Paulo', 'https://www.meetup.com/reactjs-sp/events/ical/', { city: 'São Paulo', region: null, country: 'Brazil' }],
      ['React Toronto, ON', 'https://www.meetup.com/toronto-react-native/events/ical/', { city: 'Toronto', region: 'ON', country: 'Canada' }],
      ['React.JS Girls London', 'https://www.meetup.com/reactjs-girls-london/events/ical/', { city: 'London', region: null, country: 'England (UK)' }],
      ['ReactJS Atlanta', 'https://www.meetup.com/react-atl/events/ical/', { city: 'Atlanta', region: 'GA', country: 'US' }],
      ['ReactJS New York', 'https://www.meetup.com/nyc-javascript-react-group/events/ical/', { city: 'New York', region: 'NY', country: 'US' }],
    ]);
    expect(reasons(result)).toEqual({ 'React Montreal, QC': 'a web page, not a feed: https://guild.host/react-montreal/' });
  });
});

describe('Louisville Tech importer', () => {
  it('keeps groups with a calendar, placed by the manifest', async () => {
    const result = await run(importLouisville, 'louisville');
    expect(summary(result)).toEqual([
      ['Louisville Tech Events', 'https://events.louisvilletech.org/feed/ics?show_recurrent=true', 'gancio'],
      ['DerbyPy', 'https://www.meetup.com/derbypy/events/ical/', 'meetup'],
      [
        'Code Louisville',
        'https://calendar.google.com/calendar/ical/c_b962996be36c2b5add4c7febdea9cba9602ef4182427f07c2b2e3dd93990c5e0%40group.calendar.google.com/public/basic.ics',
        'other',
      ],
    ]);
    expect(result.groups[0]!.place).toEqual({ city: 'Louisville', region: 'Kentucky', country: 'US' });
    expect(reasons(result)).toEqual({ 'AIGA Louisville': 'no calendar feed' });
  });
});
