import { decodeHTMLStrict } from 'entities/decode';
import { describe, expect, it } from 'vitest';
import { parseWhen, unescapeText } from '../../../lib/feeds/ical/values';
import { decodeEntities } from '../../../lib/text';

/** Every string of `length` tokens drawn by a seeded generator: the same cases on every run. */
function strings(tokens: readonly string[], count: number, maxTokens: number): string[] {
  let seed = 12345;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => {
    let text = '';
    for (let n = Math.floor(next() * (maxTokens + 1)); n > 0; n--) text += tokens[Math.floor(next() * tokens.length)];
    return text;
  });
}

describe('parseWhen', () => {
  const at = (value: string, type = 'date-time', tzid: string | null = 'Europe/Paris') => parseWhen({ value, type, tzid });
  const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });

  it.each([
    ['20261124T183000', { allDay: false, wall: wall(2026, 11, 24, 18, 30), utc: false, tzid: 'Europe/Paris' }],
    ['20261124T183005Z', { allDay: false, wall: wall(2026, 11, 24, 18, 30, 5), utc: true, tzid: null }],
    ['20261124T183000z', { allDay: false, wall: wall(2026, 11, 24, 18, 30), utc: true, tzid: null }],
    ['20261124', { allDay: true, wall: wall(2026, 11, 24), date: '2026-11-24' }],
    ['2026-11-24T18:30:00', { allDay: false, wall: wall(2026, 11, 24, 18, 30), utc: false, tzid: 'Europe/Paris' }],
    ['2026-11-24T18:30:00Z', { allDay: false, wall: wall(2026, 11, 24, 18, 30), utc: true, tzid: null }],
    ['2026-11-24', { allDay: true, wall: wall(2026, 11, 24), date: '2026-11-24' }],
    ['20240229', { allDay: true, wall: wall(2024, 2, 29), date: '2024-02-29' }],
    // Midnight written as the end of the day, and a leap second: kept as written, as ical.js does.
    ['20261124T240000', { allDay: false, wall: wall(2026, 11, 24, 24), utc: false, tzid: 'Europe/Paris' }],
    ['20261231T235960Z', { allDay: false, wall: wall(2026, 12, 31, 23, 59, 60), utc: true, tzid: null }],
    // Other spellings go through the general pattern.
    ['2026-11-24T18:30:00.000Z', { allDay: false, wall: wall(2026, 11, 24, 18, 30), utc: true, tzid: null }],
    [' 20261124T183000 ', { allDay: false, wall: wall(2026, 11, 24, 18, 30), utc: false, tzid: 'Europe/Paris' }],
    ['2026-11-24T::', { allDay: true, wall: wall(2026, 11, 24), date: '2026-11-24' }],
  ])('reads %j', (value, expected) => {
    expect(at(value)).toEqual(expected);
  });

  it.each([
    '2026112AT183000', '20261124X183000', '20261124T18300Z', '2026-11-24t18:30:00', '2026-11-24T18:30:00+', '2026-11-24 18:30:00',
    '20260231', '20261324', '20261100', '20261124T250000', '20261124T186000', '2026-11-24T18:30', '+2026-1-24', '', 'tomorrow',
  ])('refuses %j', (value) => {
    expect(at(value)).toBeNull();
  });

  it('keeps a time written in a date value, and says so', () => {
    expect(at('20270315T190000', 'date')).toEqual({ allDay: false, wall: wall(2027, 3, 15, 19), utc: false, tzid: 'Europe/Paris', timeInDate: true });
  });

  /** The reading before the usual shapes were matched by one pattern each: digit by digit, the shape fixed by its length. */
  function digitByDigit(value: string): [number, number, number, number, number, number, boolean] | null | 'general' {
    const digits = (from: number, n: number) => {
      let v = 0;
      for (let i = from; i < from + n; i++) {
        const d = value.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return NaN;
        v = v * 10 + d;
      }
      return v;
    };
    const zulu = (i: number) => value.charCodeAt(i) === 90 || value.charCodeAt(i) === 122;
    if ((value.length === 19 || value.length === 20 || value.length === 10) && value[4] === '-' && value[7] === '-') {
      if (value.length === 10) return [digits(0, 4), digits(5, 2), digits(8, 2), 0, 0, 0, false];
      if (value[10] !== 'T' || value[13] !== ':' || value[16] !== ':' || (value.length === 20 && !zulu(19))) return null;
      return [digits(0, 4), digits(5, 2), digits(8, 2), digits(11, 2), digits(14, 2), digits(17, 2), value.length === 20];
    }
    if ((value.length === 15 || value.length === 16 || value.length === 8) && value[8] !== '-') {
      if (value.length === 8) return [digits(0, 4), digits(4, 2), digits(6, 2), 0, 0, 0, false];
      if (value[8] !== 'T' || (value.length === 16 && !zulu(15))) return null;
      return [digits(0, 4), digits(4, 2), digits(6, 2), digits(9, 2), digits(11, 2), digits(13, 2), value.length === 16];
    }
    return 'general';
  }

  it('reads the usual shapes as a digit-by-digit reading does, on 20,000 generated values', () => {
    const values = strings(['2', '0', '1', '9', '3', '-', '-', 'T', 'Z', 'z', ':', 't', ' ', '+', 'x', '٣'], 20_000, 20)
      .filter((v) => [8, 10, 15, 16, 19, 20].includes(v.length))
      .concat(strings(['20261124', 'T', '183000', 'Z', '2026-11-24', '18:30:00', '1', ':'], 5000, 4));
    let usual = 0;
    for (const value of values) {
      const expected = digitByDigit(value);
      if (expected === 'general') continue;
      usual++;
      const when = at(value);
      if (expected === null || when === null) {
        // A shape read digit by digit can still be no date (NaN, 31 February): both must refuse it.
        const [year, month, day, hour, minute, second] = expected ?? [NaN];
        const valid = expected !== null && month! >= 1 && month! <= 12 && day! >= 1 && day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate() && hour! <= 24 && minute! <= 59 && second! <= 60;
        expect(when === null ? false : true, value).toBe(valid);
        continue;
      }
      const [year, month, day, hour, minute, second, utc] = expected;
      expect(when.wall, value).toEqual(wall(year, month, day, hour, minute, second));
      expect(when.allDay ? null : when.utc, value).toBe(when.allDay ? null : utc);
    }
    expect(usual).toBeGreaterThan(2000);
  });
});

describe('unescapeText', () => {
  /** RFC 5545 TEXT unescaping as one pattern reads it, left to right. */
  const reference = (value: string) => value.replace(/\\\\|\\;|\\,|\\[Nn]/g, (m) => (m === '\\\\' ? '\\' : m[1] === ';' ? ';' : m[1] === ',' ? ',' : '\n'));

  it.each([
    ['Line one\\nLine two\\NLine three', 'Line one\nLine two\nLine three'],
    ['a\\, b\\; c', 'a, b; c'],
    ['C:\\\\new\\\\n', 'C:\\new\\n'],
    ['kept \\t and a lone \\', 'kept \\t and a lone \\'],
  ])('%j', (value, expected) => {
    expect(unescapeText(value)).toBe(expected);
  });

  it('reads 20,000 generated texts as the pattern does', () => {
    for (const value of strings(['\\', '\\', 'n', 'N', ',', ';', 'a', 't', ' '], 20_000, 12)) expect(unescapeText(value), JSON.stringify(value)).toBe(reference(value));
  });
});

describe('decodeEntities', () => {
  it('decodes 20,000 generated texts as the entities package\'s strict decoder does', () => {
    const tokens = ['&amp;', '&lt;', '&gt;', '&quot;', '&#39;', '&apos;', '&nbsp;', '&', 'amp;', '&AMP;', '&eacute;', '&#233;', '&#x27;', '&amp', 'a', ' ', ';', '#', 'lt', '&#0;', '&#128;'];
    for (const text of strings(tokens, 20_000, 8)) expect(decodeEntities(text), JSON.stringify(text)).toBe(decodeHTMLStrict(text));
  });
});
