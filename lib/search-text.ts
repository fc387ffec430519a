/** Lower-case, accent-free text for comparing what people write: "Café" matches "cafe". */
export function searchText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The words of a text, folded as `searchText` does; every character that is no letter or digit separates words. */
export function foldedWords(text: string): string[] {
  return searchText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
