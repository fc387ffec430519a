import { describe, expect, it } from 'vitest';
import { findOnlineMarkers, isMeetingUrl } from '../../../lib/location/online';
import { findPostalCodes, postalAgreement } from '../../../lib/location/postal';

describe('findOnlineMarkers', () => {
  it.each([
    ['Microsoft Teams Meeting', true, null, ''],
    ['https://meet.google.com/abc-defg-hij', true, 'https://meet.google.com/abc-defg-hij', ''],
    ['Zoom: https://us02web.zoom.us/j/845?pwd=x.', true, 'https://us02web.zoom.us/j/845?pwd=x', ''],
    ['meet.jit.si/CaenCamp', true, 'https://meet.jit.si/CaenCamp', ''],
    ['Le Dôme, Caen / https://zoom.us/j/1', true, 'https://zoom.us/j/1', 'Le Dôme, Caen'],
    ['En ligne', true, null, ''],
    ['Événement en ligne', true, null, ''],
    ['Online event', true, null, ''],
    ['Le Dôme, 14000 Caen', false, null, 'Le Dôme, 14000 Caen'],
    ['Onlineville Hall', false, null, 'Onlineville Hall'],
    ['Zoomarine, Albufeira', false, null, 'Zoomarine, Albufeira'],
    ['', false, null, ''],
  ])('%s → online %s, url %s, rest %s', (text, online, url, rest) => {
    expect(findOnlineMarkers(text)).toEqual({ online, url, rest });
  });

  // Links alone: next to coordinates where to register, without them where to join; when the caller cannot
  // tell, an event or ticket page is where to register.
  it.each<[string, boolean | undefined, boolean]>([
    ['https://luma.com/abc123', undefined, false],
    ['https://luma.com/abc123', false, true],
    ['https://luma.com/abc123', true, false],
    ['https://example.org/stream', undefined, true],
    ['https://example.org/stream', false, true],
    ['https://example.org/stream', true, false],
    ['www.example.org/stream', true, false],
    ['https://a.example.org https://b.example.org', true, false],
    ['https://meet.google.com/abc-defg-hij', true, true],
    ['Online event https://luma.com/abc123', true, true],
  ])('%s with coordinates %s → online %s', (text, hasCoordinates, online) => {
    expect(findOnlineMarkers(text, hasCoordinates).online).toBe(online);
  });

  it.each([
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting', true],
    ['https://app.webex.com/meet/x', true],
    ['https://whereby.com/caencamp', true],
    ['https://visio.example.org/b/abc-def-ghi', true],
    ['https://www.meetup.com/caencamp/events/1/', false],
    ['not a url', false],
  ])('isMeetingUrl(%s) = %s', (url, expected) => {
    expect(isMeetingUrl(url)).toBe(expected);
  });
});

describe('findPostalCodes', () => {
  it.each([
    ['Hey! Coworking (47 Quai de Juillet, Caen, France 14000)', [{ code: '14000', country: null }]],
    ['Mountain View, CA 94043-1351, USA', [{ code: '94043', country: 'US', usState: 'CA' }]],
    ['10 Downing St, London SW1A 2AA, UK', [{ code: 'SW1A 2AA', country: 'GB' }]],
    ['Montréal, QC H3B 0A1', [{ code: 'H3B 0A1', country: 'CA' }]],
    ['Keizersgracht 123, 1015 CJ Amsterdam', [{ code: '1015 CJ', country: 'NL' }]],
    ['Alexanderplatz 1, D-10178 Berlin', [{ code: '10178', country: null }]],
    ['Salle 12, 2e étage', []],
  ])('%s', (text, expected) => {
    expect(findPostalCodes(text)).toMatchObject(expected);
  });

  it.each([
    ['14000', { country: 'FR', admin: '28', postalPrefix: '14' }, 1],
    ['75011', { country: 'FR', admin: '28', postalPrefix: '14' }, -1],
    ['94043', { country: 'US', admin: 'CA', postalPrefix: '' }, 1],
    ['75460', { country: 'US', admin: 'CA', postalPrefix: '' }, -1],
    ['10178', { country: 'DE', admin: '16', postalPrefix: '' }, 0],
  ])('postal code %s vs %o → %i', (code, town, expected) => {
    expect(postalAgreement({ code, country: null, usState: null, start: 0, end: 0 }, town)).toBe(expected);
  });
});
