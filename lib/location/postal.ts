/**
 * Postal codes found in an address string, with the country their shape implies. Heuristics, not a postal
 * database: French and Spanish codes start with the department/province number (checked against the town),
 * US ZIPs map to a state by their first three digits, UK/Canadian/Dutch codes have a shape of their own;
 * other 5-digit codes (Germany, Italy…) only say "an address with a postal code here".
 */
import { isUsStateCode, usStateForZip } from './regions';

export interface PostalCode {
  code: string;
  /** Country the shape implies, when it is unambiguous. */
  country: string | null;
  /** US state written with the ZIP ("CA 94043") or implied by it. */
  usState: string | null;
  /** Start and end in the text it was found in. */
  start: number;
  end: number;
}

const PATTERNS: Array<{ re: RegExp; make: (m: RegExpMatchArray) => Omit<PostalCode, 'start' | 'end'> | null }> = [
  {
    re: /\b([A-Z]{2})\s+(\d{5})(?:-\d{4})?\b/g,
    make: (m) => (isUsStateCode(m[1]!) ? { code: m[2]!, country: 'US', usState: m[1]! } : null),
  },
  {
    re: /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[ABD-HJLNP-UW-Z]{2})\b/g,
    make: (m) => ({ code: `${m[1]} ${m[2]}`, country: 'GB', usState: null }),
  },
  {
    re: /\b([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s?(\d[ABCEGHJ-NPRSTV-Z]\d)\b/g,
    make: (m) => ({ code: `${m[1]} ${m[2]}`, country: 'CA', usState: null }),
  },
  {
    re: /\b([1-9]\d{3})\s?((?!SA|SD|SS)[A-Z]{2})\b/g,
    make: (m) => ({ code: `${m[1]} ${m[2]}`, country: 'NL', usState: null }),
  },
  {
    re: /\b(?:(?:F|D|I|E|FR|DE)[- ])?(\d{5})(?:-\d{4})?\b/g,
    make: (m) => ({ code: m[1]!, country: null, usState: null }),
  },
];

export function findPostalCodes(text: string): PostalCode[] {
  const found: PostalCode[] = [];
  const taken: Array<[number, number]> = [];
  for (const { re, make } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const code = make(m);
      if (!code) continue;
      taken.push([start, end]);
      found.push({ ...code, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Whether a postal code agrees with a town: +1 agrees, -1 contradicts, 0 cannot tell.
 * `postalPrefix` is the town's department (FR) or province (ES) number from the gazetteer.
 */
export function postalAgreement(code: PostalCode, town: { country: string; admin: string; postalPrefix: string }): -1 | 0 | 1 {
  if (code.country && code.country !== town.country) return -1;
  if (code.country === 'GB' || code.country === 'CA' || code.country === 'NL') return 1;
  if (/^\d{5}$/.test(code.code)) {
    if (town.country === 'US') {
      const state = code.usState ?? usStateForZip(code.code);
      return state ? (state === town.admin ? 1 : -1) : 0;
    }
    if ((town.country === 'FR' || town.country === 'ES') && town.postalPrefix) {
      // Overseas departments (971…976) use three digits; Corsica's 2A/2B both use 20xxx.
      return code.code.startsWith(town.postalPrefix) ? 1 : -1;
    }
  }
  return 0;
}
