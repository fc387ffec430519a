/**
 * UI strings through browser.i18n (en, fr). Keys are typed from the English catalogue so a missing key is a
 * type error; the JSON is only read by the type checker, never bundled.
 */
import { browser } from 'wxt/browser';
import { normalizeLocale } from '../format';

export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** A translated string; `$1`…`$9` in the message take `subs`. Falls back to the key so a gap is visible. */
export function t(key: MessageKey, subs?: string | number | Array<string | number>): string {
  const list = subs === undefined ? undefined : (Array.isArray(subs) ? subs : [subs]).map(String);
  const text = (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(key, list);
  return text || key;
}

/** The browser's UI language as a BCP 47 tag for Intl (`fr`, `en-US`). */
export function uiLocale(): string {
  return normalizeLocale(browser.i18n.getUILanguage());
}

/**
 * `<html lang>`: the UI language when the strings are in it (en-GB reading the English catalogue), else the
 * catalogue's own language (a German browser reads English text), so screen readers pronounce it right.
 */
export function documentLanguage(): string {
  const locale = uiLocale();
  const catalogue = t('localeTag');
  return locale.split('-')[0] === catalogue ? locale : catalogue;
}

export function applyDocumentLanguage(doc: Document = document): void {
  doc.documentElement.lang = documentLanguage();
}

type PluralBase = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/**
 * A count in a sentence: `<base>_one` or `<base>_other` chosen by the catalogue language's plural rules
 * (French uses the singular for 0), with the number formatted for the locale as `$1`.
 */
export function tn(base: PluralBase, count: number, extra: Array<string | number> = []): string {
  const rule = new Intl.PluralRules(t('localeTag')).select(count) === 'one' ? 'one' : 'other';
  const number = new Intl.NumberFormat(uiLocale()).format(count);
  return t(`${base}_${rule}` as MessageKey, [number, ...extra]);
}

/** A duration in the unit people say: whole hours in hours ("2 hours"), anything else in minutes. */
function inHours(minutes: number): boolean {
  return minutes >= 60 && minutes % 60 === 0;
}

/**
 * How often feeds are read: "every hour" / "toutes les heures", "every 2 hours" / "toutes les 2 heures" (a
 * number and its unit agree, and "1" is never written where people drop it).
 */
export function everyInterval(minutes: number): string {
  return inHours(minutes) ? tn('everyHours', minutes / 60) : tn('everyMinutes', minutes);
}

/** How long before a starred event its reminder comes: "1 hour before" / "1 heure avant", "15 minutes before". */
export function reminderBefore(minutes: number): string {
  return inHours(minutes) ? tn('hoursBefore', minutes / 60) : tn('minutesBefore', minutes);
}
