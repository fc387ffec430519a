/**
 * The command line's one flag reader, for `events` and its subcommands (`--discover`, `--groups-near`). A
 * command's flags are a table: a flag is one entry (name, help, how it sets the values), read as
 * `--name value` or `--name=value`; `-h` is `--help`; after `--` every argument is positional.
 */

/** A mistake in the command line: exit code 2 and a pointer to the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec<R> {
  name: string;
  /** Placeholder shown in the help for flags that take a value; absent for switches. */
  value?: string;
  help: string;
  set(raw: R, value: string): void;
}

export interface FlagTable<R> {
  flags: readonly FlagSpec<R>[];
  /** An argument that is no flag: the command's input, or a mistake it reports by throwing. */
  positional(raw: R, arg: string): void;
  /** Why a flag not in the table is refused. */
  unknown(name: string): string;
}

/** Reads `argv` (without node and the script) into `raw`, in order. Throws UsageError on mistakes. */
export function readFlags<R>(argv: readonly string[], raw: R, table: FlagTable<R>): R {
  const byName = new Map(table.flags.map((flag) => [flag.name, flag]));
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositional || arg === '-' || !arg.startsWith('-')) {
      table.positional(raw, arg);
      continue;
    }
    if (arg === '--') {
      onlyPositional = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg === '-h' ? '--help' : eq > 0 ? arg.slice(0, eq) : arg;
    const flag = byName.get(name);
    if (!flag) throw new UsageError(table.unknown(name));
    if (!flag.value) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flag.set(raw, '');
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value (${flag.value})`);
    flag.set(raw, value);
  }
  return raw;
}

/** The help's lines for some flags, their names and placeholders in one column. */
export function flagLines(flags: readonly FlagSpec<never>[]): string[] {
  const label = (flag: FlagSpec<never>) => `${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
  const width = Math.max(...flags.map((flag) => label(flag).length));
  return flags.map((flag) => `  ${label(flag).padEnd(width)}  ${flag.help}`);
}

/** --radius: a distance in km, more than zero. */
export function parseRadiusKm(text: string): number {
  const km = Number(text);
  if (!(Number.isFinite(km) && km > 0)) throw new UsageError(`--radius needs a distance in km such as 20 (got "${text}")`);
  return km;
}
