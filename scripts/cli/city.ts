/**
 * `--city` for `npm run events`: look the city up in the offline gazetteer (built on the fly if a
 * fresh clone skipped postinstall), read floating times in its zone unless --tz says otherwise, and hand the
 * filter to ./city-filter so the CLI keeps exactly the events the popup would.
 */
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { findCityForCli, type CliCityFilter } from './city-filter';
import { Gazetteer } from '../../lib/location/gazetteer';
import { nodeGazetteerLoader } from './node-gazetteer';
import { ensureGazetteer } from '../build-gazetteer';
import { parseWindowBound, type CityOption, type EventsCliOptions } from './args';
import { completeWindow } from '../../lib/upcoming/window';

export interface CliCity {
  gazetteer: Gazetteer;
  filter: Required<Pick<CliCityFilter, 'city' | 'radiusKm' | 'includeOnline'>>;
}

/** The offline gazetteer from disk, built first if a fresh clone skipped postinstall. */
export async function loadNodeGazetteer(): Promise<Gazetteer> {
  await ensureGazetteer();
  return Gazetteer.load(nodeGazetteerLoader());
}

export async function withCity(options: EventsCliOptions, option: CityOption, now: number): Promise<{ options: EventsCliOptions; city: CliCity }> {
  const gazetteer = await loadNodeGazetteer();
  const { city } = await findCityForCli(gazetteer, option.query);
  const filter = { city, radiusKm: option.radiusKm ?? DEFAULT_SETTINGS.radiusKm, includeOnline: option.includeOnline };
  if (option.tzGiven || !city.timeZone) return { options, city: { gazetteer, filter } };
  // --from/--to without an offset are wall-clock times: read them again in the city's zone.
  const tz = city.timeZone;
  let from = option.from === null ? null : parseWindowBound(option.from, tz, '--from');
  let to = option.to === null ? null : parseWindowBound(option.to, tz, '--to');
  const window = completeWindow(from, to, now);
  if (window) ({ from, to } = window);
  return { options: { ...options, tz, from, to }, city: { gazetteer, filter } };
}
