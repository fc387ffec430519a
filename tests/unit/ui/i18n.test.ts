import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentLanguage, t, tn, uiLocale } from '../../../lib/ui/i18n';
import { installI18n, loadCatalogue } from './helpers';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const placeholders = (message: string) => [...message.matchAll(/\$(\d)/g)].map((match) => match[1]).sort().join(',');

describe('catalogues', () => {
  const en = loadCatalogue('en');
  const fr = loadCatalogue('fr');

  it('French has every English key and the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en)) {
      expect(placeholders(fr[key]!.message), key).toBe(placeholders(message));
    }
  });

  it('has every key the UI asks for', () => {
    const files = [...sourceFiles(join(root, 'components/popup')), ...sourceFiles(join(root, 'components/options')), ...sourceFiles(join(root, 'lib/ui'))];
    const used = new Set<string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(match[1]!);
      for (const match of source.matchAll(/\btn\('([A-Za-z0-9_]+)'/g)) used.add(`${match[1]}_one`).add(`${match[1]}_other`);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !(key in en))).toEqual([]);
  });
});

describe('t and tn', () => {
  it.each([
    ['en', 'en-US', 'Widen to 50 km', '1 event', '0 events', '1,234 events', 'en-US'],
    ['fr', 'fr', 'Élargir à 50 km', '1 événement', '0 événement', '1 234 événements', 'fr'],
    // A German browser gets the English catalogue: the page says it is English.
    ['en', 'de', 'Widen to 50 km', '1 event', '0 events', '1.234 events', 'en'],
  ] as const)('%s catalogue, UI %s', (lang, ui, widen, one, zero, many, htmlLang) => {
    installI18n(lang, ui);
    expect(t('widenRadius', 50)).toBe(widen);
    expect(tn('eventCount', 1)).toBe(one);
    expect(tn('eventCount', 0)).toBe(zero);
    expect(tn('eventCount', 1234).replace(/[\u202f\u00a0]/g, ' ')).toBe(many);
    expect(documentLanguage()).toBe(htmlLang);
    expect(uiLocale()).toBe(ui);
  });
});
