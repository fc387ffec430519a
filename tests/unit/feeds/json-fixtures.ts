import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixtureText(path: string): string {
  return readFileSync(`${root}${path}`, 'utf8');
}

export function fixtureJson(path: string): unknown {
  return JSON.parse(fixtureText(path));
}

export function fixturePath(path: string): string {
  return `${root}${path}`;
}

/** A pinned clock: Friday 20 November 2026, noon UTC. */
export const NOW = Date.parse('2026-11-20T12:00:00Z');
