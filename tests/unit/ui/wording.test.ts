/**
 * Numbers and the words next to them read naturally in both languages: "toutes les heures", not
 * "toutes les 1 heure"; "1 heure avant", "2 heures avant".
 */
import { describe, expect, it } from 'vitest';
import { REFRESH_CHOICES, REMINDER_CHOICES } from '../../../components/options/options-app';
import { everyInterval, reminderBefore } from '../../../lib/ui/i18n';
import { installI18n, loadCatalogue } from './helpers';

describe('refresh interval', () => {
  it.each([
    ['en', 15, 'every 15 minutes'],
    ['en', 30, 'every 30 minutes'],
    ['en', 60, 'every hour'],
    ['en', 120, 'every 2 hours'],
    ['en', 1440, 'every 24 hours'],
    ['en', 90, 'every 90 minutes'],
    ['fr', 15, 'toutes les 15 minutes'],
    ['fr', 60, 'toutes les heures'],
    ['fr', 120, 'toutes les 2 heures'],
    ['fr', 360, 'toutes les 6 heures'],
    ['fr', 1440, 'toutes les 24 heures'],
    ['fr', 1, 'toutes les minutes'],
  ] as const)('%s, %i minutes: %s', (lang, minutes, text) => {
    installI18n(lang);
    expect(everyInterval(minutes)).toBe(text);
  });

  it.each(['en', 'fr'] as const)('never writes a bare "1" before its unit in any choice (%s)', (lang) => {
    installI18n(lang);
    for (const minutes of REFRESH_CHOICES) expect(everyInterval(minutes)).not.toMatch(/\b1 \p{L}/u);
  });
});

describe('reminder', () => {
  it.each([
    ['en', 15, '15 minutes before'],
    ['en', 60, '1 hour before'],
    ['en', 120, '2 hours before'],
    ['en', 1440, '24 hours before'],
    ['fr', 15, '15 minutes avant'],
    ['fr', 60, '1 heure avant'],
    ['fr', 120, '2 heures avant'],
    ['fr', 1440, '24 heures avant'],
  ] as const)('%s, %i minutes: %s', (lang, minutes, text) => {
    installI18n(lang);
    expect(reminderBefore(minutes)).toBe(text);
  });

  it.each(['en', 'fr'] as const)('agrees in number for every choice (%s)', (lang) => {
    installI18n(lang);
    for (const minutes of REMINDER_CHOICES.filter((m) => m > 0)) {
      const text = reminderBefore(minutes);
      const count = Number(/^\d+/.exec(text)?.[0]);
      expect(/^\d+ \p{L}+s /u.test(text), text).toBe(count > 1);
    }
  });
});

/** A counted noun right after a number: such a message must come as a `_one`/`_other` pair. */
const COUNTED = /\$\d\s+(heures?|minutes?|jours?|semaines?|événements?|remarques?|nouveaux?|secondes?|hours?|days?|weeks?|events?|feeds?|warnings?|seconds?|new)\b/iu;
/** Where the number can never be 1. */
const ALWAYS_PLURAL: Record<string, string> = { feedError_timeout: 'the fetch timeout is a fixed 20 seconds' };

describe('catalogues', () => {
  it.each(['en', 'fr'] as const)('%s: every number followed by a counted word has per-count messages', (lang) => {
    const catalogue = loadCatalogue(lang);
    const single = Object.entries(catalogue)
      .filter(([key, { message }]) => COUNTED.test(message) && !/_(one|other)$/.test(key) && !(key in ALWAYS_PLURAL))
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(single).toEqual([]);
  });

  it.each(['en', 'fr'] as const)('%s: each _one has its _other', (lang) => {
    const keys = Object.keys(loadCatalogue(lang));
    for (const key of keys.filter((k) => k.endsWith('_one'))) expect(keys).toContain(key.replace(/_one$/, '_other'));
  });
});
