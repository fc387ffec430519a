/** The real packed gazetteer, built from node_modules if missing, loaded once per test file. */
import { ensureGazetteer } from '../../../scripts/build-gazetteer';
import { Gazetteer } from '../../../lib/location/gazetteer';
import { nodeGazetteerLoader } from '../../../scripts/cli/node-gazetteer';

let pending: Promise<Gazetteer> | null = null;

export function loadTestGazetteer(): Promise<Gazetteer> {
  pending ??= ensureGazetteer().then(() => Gazetteer.load(nodeGazetteerLoader()));
  return pending;
}

/** GeoNames coordinates of the cities the tests measure from. */
export const CAEN = { name: 'Caen', lat: 49.18585, lon: -0.35912, country: 'FR', timeZone: 'Europe/Paris' };
export const DALLAS = { name: 'Dallas', lat: 32.78306, lon: -96.80667, country: 'US', timeZone: 'America/Chicago' };
export const PARIS_TX = { name: 'Paris', lat: 33.66094, lon: -95.55551, country: 'US', timeZone: 'America/Chicago' };
export const SAN_JOSE = { name: 'San Jose', lat: 37.33939, lon: -121.89496, country: 'US', timeZone: 'America/Los_Angeles' };
export const BERLIN = { name: 'Berlin', lat: 52.52437, lon: 13.41053, country: 'DE', timeZone: 'Europe/Berlin' };
