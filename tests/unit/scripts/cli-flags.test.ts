import { describe, expect, it } from 'vitest';
import { parseEventsArgs, UsageError } from '../../../scripts/cli/args';
import { parseDiscoverArgs } from '../../../scripts/cli/run-discover';
import { parseGroupsNearArgs } from '../../../scripts/cli/run-groups-near';

const NOW = Date.parse('2026-11-20T12:00:00Z');

function mistake(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no usage error');
}

// events and its subcommands read flags with one reader: the same command line means the same everywhere.
describe('one flag reader for events, --discover and --groups-near', () => {
  it.each<[string, (argv: string[]) => unknown, string[]]>([
    ['events', (argv) => parseEventsArgs(argv, NOW), ['feed.ics']],
    ['--discover', parseDiscoverArgs, ['--discover', 'page.html']],
    ['--groups-near', parseGroupsNearArgs, ['--groups-near', 'Caen']],
  ])('%s: a switch takes no value, an unknown flag is named', (_, parse, base) => {
    expect(mistake(() => parse([...base, '--json=yes']))).toBe('--json takes no value');
    expect(mistake(() => parse([...base, '--json', '--bogus=1']))).toMatch(/^(Unknown option --bogus|--bogus cannot be used with --(discover|groups-near))$/);
  });

  it.each([
    ['events', () => parseEventsArgs(['feed.ics', '--city', 'Caen', '--radius', '0'], NOW)],
    ['--groups-near', () => parseGroupsNearArgs(['--groups-near', 'Caen', '--radius', '0'])],
  ])('%s: one radius check', (_, parse) => {
    expect(mistake(parse)).toBe('--radius needs a distance in km such as 20 (got "0")');
  });

  it('reads --name=value and -h the same way in a subcommand', () => {
    expect(parseGroupsNearArgs(['--groups-near=Caen, FR', '--radius=40'])).toEqual({ city: 'Caen, FR', radiusKm: 40, json: false });
    expect(parseDiscoverArgs(['--discover', 'page.html', '-h'])).toBe('help');
  });
});
