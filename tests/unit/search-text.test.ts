import { describe, expect, it } from 'vitest';
import { compareTitles } from '../../lib/events';
import { foldedWords, searchText } from '../../lib/search-text';

/** The rule written out once without any shortcut: NFKD, marks dropped, lower case, split on non letters/digits. */
const fullFold = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const fullWords = (text: string) => fullFold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

describe('searchText and foldedWords', () => {
  it.each([
    ['Café Python', 'café python'.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''), ['cafe', 'python']],
    ['Caen.js · WebGPU en pratique', 'caen.js · webgpu en pratique', ['caen', 'js', 'webgpu', 'en', 'pratique']],
    ['DevOps_Night #42 (Online)', 'devops_night #42 (online)', ['devops', 'night', '42', 'online']],
    ['ﬁnance ＡＩ', 'finance ai', ['finance', 'ai']],
    ['Rencontre à Hérouville-Saint-Clair', 'rencontre a herouville-saint-clair', ['rencontre', 'a', 'herouville', 'saint', 'clair']],
    ['Встреча Go', 'встреча go', ['встреча', 'go']],
  ])('%s', (text, folded, words) => {
    expect(searchText(text)).toBe(folded);
    expect(foldedWords(text)).toEqual(words);
  });

  it('ASCII text folds exactly as the full rule does', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 40 }, () => String.fromCharCode(next() % 128)).join('');
      expect(searchText(text)).toBe(fullFold(text));
      expect(foldedWords(text)).toEqual(fullWords(text));
    }
  });
});

describe('compareTitles', () => {
  it('orders as localeCompare does', () => {
    const titles = ['Zig', 'apéro', 'Apero', 'Éclair', 'eclair', 'B', 'b', '10 ans', '9 ans', 'Ça va', 'cab', ''];
    for (const a of titles) for (const b of titles) expect(Math.sign(compareTitles(a, b))).toBe(Math.sign(a.localeCompare(b)));
  });
});
