const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Lower-case, accent-free text for comparing what people write: "Café" matches "cafe". ASCII text has no
 * accents and no compatibility forms (NFKD leaves it as it is), so lower-casing is all it needs: the popup folds
 * 2,000 titles and descriptions, most of them ASCII, when it opens.
 */
export function searchText(text: string): string {
  if (!NOT_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The words of a text, folded as `searchText` does; every character that is no letter or digit separates words. */
export function foldedWords(text: string): string[] {
  // In folded ASCII the letters and digits are a-z and 0-9: no Unicode property tables needed.
  if (!NOT_ASCII.test(text)) return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return searchText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
