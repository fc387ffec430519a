import { describe, expect, it } from 'vitest';
import { htmlToText, plainLine } from '../../lib/text';

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
