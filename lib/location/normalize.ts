/**
 * One normal form for every name we compare: what the user types, what a feed writes, what GeoNames holds.
 * "Hérouville St-Clair", "herouville saint clair" and "HEROUVILLE-SAINT-CLAIR" all become
 * "herouville saint clair", so look-ups are case-, accent- and punctuation-insensitive.
 */

// Letters NFD does not decompose into a base letter plus a mark.
const FOLDED: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l',
};

// Abbreviations that name the same town: "St-Lô" is "Saint-Lô", and "St. Pölten" is "Sankt Pölten".
const WORD_ALIASES = new Map<string, string>([
  ['st', 'saint'], ['ste', 'sainte'], ['sankt', 'saint'], ['sta', 'santa'], ['sto', 'santo'], ['mt', 'mount'], ['ft', 'fort'],
]);

const MARKS = /[\u0300-\u036f]/g;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// Per-character folding, computed once per distinct character: 135,000 town names are normalized when the
// index loads, and a regex pipeline per name costs ~0.4 s where this table costs a tenth of that.
const foldedChars = new Map<number, string>();

function foldChar(code: number, ch: string): string {
  let folded = foldedChars.get(code);
  if (folded === undefined) {
    const lower = ch.toLowerCase().normalize('NFD').replace(MARKS, '');
    folded = '';
    for (const part of lower) folded += FOLDED[part] ?? (LETTER_OR_DIGIT.test(part) ? part : ' ');
    foldedChars.set(code, folded);
  }
  return folded;
}

/** Lower-case, accent-free words separated by single spaces; every other character separates words. */
function foldWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let piece: string;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) piece = text[i]!;
    else if (code >= 65 && code <= 90) piece = String.fromCharCode(code + 32);
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      piece = foldChar(code * 0x10000 + text.charCodeAt(i + 1), text.slice(i, i + 2));
      i++;
    } else piece = foldChar(code, text[i]!);
    if (piece.length === 1 && piece !== ' ') word += piece;
    else {
      for (const part of piece) {
        if (part === ' ') {
          if (word) words.push(word);
          word = '';
        } else word += part;
      }
    }
  }
  if (word) words.push(word);
  return words;
}

// Most town names are plain ASCII words: a native regex path for them keeps the index load short.
const PLAIN = /^[A-Za-z]+(?:[ -][A-Za-z]+)*$/;
const ALIASED_WORD = /(?:^| )(?:st|ste|sankt|sta|sto|mt|ft)(?: |$)/;

export function normalizeName(text: string): string {
  if (PLAIN.test(text)) {
    const plain = text.toLowerCase().replaceAll('-', ' ');
    if (!ALIASED_WORD.test(plain)) return plain;
  }
  const words = foldWords(text);
  for (let i = 0; i < words.length; i++) {
    const alias = WORD_ALIASES.get(words[i]!);
    if (alias) words[i] = alias;
  }
  return words.join(' ');
}

/** The normal form a prefix takes while the user is still typing: a trailing "st" may become "saint". */
export function normalizePrefix(text: string): string {
  const words = foldWords(text);
  const endsWithSpace = /[^\p{L}\p{N}]$/u.test(text);
  if (words.length === 0) return '';
  // Only complete words are expanded: "sankt" typed so far as "san" must keep matching "san francisco".
  const complete = endsWithSpace ? words : words.slice(0, -1);
  const last = endsWithSpace ? null : words[words.length - 1]!;
  const out = complete.map((word) => WORD_ALIASES.get(word) ?? word);
  if (last !== null) out.push(last);
  return out.join(' ') + (endsWithSpace ? ' ' : '');
}
