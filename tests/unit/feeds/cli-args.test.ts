import { describe, expect, it } from 'vitest';
import { EVENTS_FLAGS, parseEventsArgs, parseWindowBound, usage, UsageError, type EventsCliOptions } from '../../../scripts/cli/args';
import { systemTimeZone } from '../../../lib/time';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

function run(argv: string[]): EventsCliOptions {
  const parsed = parseEventsArgs(argv, NOW);
  if (parsed.kind !== 'run') throw new Error('expected run');
  return parsed.options;
}

function usageError(argv: string[]): string {
  try {
    parseEventsArgs(argv, NOW);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no usage error');
}

describe('parseEventsArgs', () => {
  it('defaults: system zone, auto format, the reader default window, lines', () => {
    expect(run(['feed.ics'])).toMatchObject({ source: 'feed.ics', from: null, to: null, tz: systemTimeZone(), tzGiven: false, format: 'auto', json: false });
  });

  it('reads every flag, in any order, with a space or "="', () => {
    expect(run(['--json', '--tz=America/New_York', 'https://x.example/a.ics', '--format', 'ical', '--from', '2026-12-01T18:00:00Z', '--to=2026-12-31T00:00:00Z'])).toMatchObject({
      source: 'https://x.example/a.ics', from: Date.parse('2026-12-01T18:00:00Z'), to: Date.parse('2026-12-31T00:00:00Z'),
      tz: 'America/New_York', tzGiven: true, format: 'ical', json: true,
    });
  });

  it('takes days and local times in --tz; --to includes its whole day (the window ends, exclusive, at the next midnight)', () => {
    const options = run(['f', '--tz', 'Europe/Paris', '--from', '2026-12-01', '--to', '2026-12-31']);
    expect(options.from).toBe(Date.parse('2026-11-30T23:00:00Z'));
    expect(options.to).toBe(Date.parse('2026-12-31T23:00:00Z'));
    expect(run(['f', '--tz', 'Asia/Tokyo', '--from', '2026-12-01T09:00']).from).toBe(Date.parse('2026-12-01T00:00:00Z'));
  });

  it('a lone --from spans 180 days; a lone --to starts at the default start', () => {
    expect(run(['f', '--from', '2027-01-01T00:00:00Z']).to).toBe(Date.parse('2027-01-01T00:00:00Z') + 180 * DAY);
    expect(run(['f', '--to', '2027-01-01T00:00:00Z']).from).toBe(NOW - DAY);
  });

  it('accepts a canonical zone in any case and "-" for stdin, and "--" before a dash-named file', () => {
    expect(run(['-', '--tz', 'europe/paris'])).toMatchObject({ source: '-', tz: 'Europe/Paris' });
    expect(run(['--', '-odd-name.ics']).source).toBe('-odd-name.ics');
  });

  it.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['feed.ics', '--help', '--bogus-after-is-fine-too'], 'error'],
  ])('%j → %s', (argv, kind) => {
    if (kind === 'help') expect(parseEventsArgs(argv, NOW)).toEqual({ kind: 'help' });
    else expect(() => parseEventsArgs(argv, NOW)).toThrow(UsageError);
  });

  it.each([
    [[], 'Missing <file-or-URL>'],
    [['a', 'b'], 'One feed at a time (got "a" and "b")'],
    [['f', '--bogus', 'x'], 'Unknown option --bogus'],
    [['f', '--from'], '--from needs a value (ISO)'],
    [['f', '--from='], '--from needs a value (ISO)'],
    [['f', '--json=yes'], '--json takes no value'],
    [['f', '--format', 'xml'], '--format must be one of auto, ical, json, html (got "xml")'],
    [['f', '--tz', 'Mars/Olympus'], '--tz: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Paris)'],
    [['f', '--from', 'tomorrow'], '--from needs an ISO date or date-time such as 2026-12-01 or 2026-12-01T18:00 (got "tomorrow")'],
    [['f', '--from', '2026-12-10', '--to', '2026-12-01'], '--to is before --from'],
  ])('%j → %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe('usage', () => {
  it('documents every flag of the table', () => {
    const text = usage();
    for (const flag of EVENTS_FLAGS) expect(text).toContain(flag.name);
    expect(text).toMatch(/^Usage: npm run --silent events -- <file-or-URL> \[options\]/);
  });
});

describe('parseWindowBound', () => {
  it('in a DST gap, a local time moves forward like everywhere else in the pipeline', () => {
    expect(parseWindowBound('2026-03-29T02:30', 'Europe/Paris', '--from')).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });
});
