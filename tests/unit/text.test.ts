import { describe, expect, it } from 'vitest';
import { decodeHTMLStrict } from 'entities/decode';
import { htmlEntityTable } from '../../lib/html-entity-table';
import { decodeEntities, htmlToText, plainLine } from '../../lib/text';

describe('htmlToText', () => {
  it.each([
    ['<p>Hello <b>world</b></p><p>Second</p>', 'Hello world\n\nSecond'],
    ['<script>alert(1)</script>Safe', 'Safe'],
    ['<img src=x onerror=alert(1)>Talk', 'Talk'],
    ['&lt;b&gt;escaped&lt;/b&gt; &amp; done', 'escaped & done'],
    ['Caf&eacute; &#233; &#xE9;', 'Café é é'],
    ['Line 1<br>Line 2', 'Line 1\nLine 2'],
    ['<ul><li>one</li><li>two</li></ul>', '• one\n• two'],
    ['Plain text with 3 < 5 and 6 > 4', 'Plain text with 3 < 5 and 6 > 4'],
  ])('%s', (input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  it('plainLine collapses whitespace', () => {
    expect(plainLine('  <em>Apéro</em>\n  JS  ')).toBe('Apéro JS');
  });
});

describe('decodeEntities', () => {
  it('knows every named reference the HTML standard ends with ";", as the entities package decodes them', () => {
    const table = htmlEntityTable().split(',').map((entry) => entry.slice(0, entry.indexOf(':')));
    expect(table).toHaveLength(2125);
    for (const name of table) expect(decodeEntities(`a&${name};b`), name).toBe(decodeHTMLStrict(`a&${name};b`));
  });

  it.each([
    ['R&D and ?a=1&copy=2 stay', 'R&D and ?a=1&copy=2 stay'],
    ['&amp;&lt;b&gt; &quot;&apos;&nbsp;', '&<b> "\'\u00a0'],
    ['Caf&eacute; &#233; &#xE9; &#XE9; &#x1F600;', 'Café é é é 😀'],
    ['&#0; &#xD800; &#x110000; &#128; &#x9F; &#99999999999999999999;', '\ufffd \ufffd \ufffd € Ÿ \ufffd'],
    ['&amp &#38 &#x26 &; &#; &#x; &1; &amp1; &ampx;', '&amp &#38 &#x26 &; &#; &#x; &1; &amp1; &ampx;'],
    ['&&amp;; &NotEqualTilde; &fjlig;', '&&; ≂̸ fj'],
  ])('%s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
    expect(decodeEntities(input)).toBe(decodeHTMLStrict(input));
  });

  it('agrees with the entities package on every text of up to four pieces', () => {
    const pieces = ['&', '&amp;', '&amp', ';', '#', 'x', 'X', '&#', '&#x', '1', '9', 'F', 'g', 'eacute', 'notin', ' ', 'é', 'NotEqualTilde'];
    let texts = [''];
    for (let length = 1; length <= 4; length++) {
      texts = texts.flatMap((text) => pieces.map((piece) => text + piece));
      for (const text of texts) expect(decodeEntities(text), JSON.stringify(text)).toBe(decodeHTMLStrict(text));
    }
  });
});
