/**
 * Feed text to plain text. Descriptions arrive as HTML, escaped HTML or plain text; we never interpret them,
 * we only turn them into text that the UI renders as text (never as HTML).
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', eacute: 'é', egrave: 'è', ecirc: 'ê',
  agrave: 'à', acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û', ugrave: 'ù', icirc: 'î', iuml: 'ï', euml: 'ë',
  Eacute: 'É', Egrave: 'È', Agrave: 'À', Ccedil: 'Ç', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
  hellip: '…', ndash: '–', mdash: '—', euro: '€', laquo: '«', raquo: '»', oelig: 'œ', deg: '°', middot: '·',
  copy: '©', reg: '®', trade: '™', bull: '•', times: '×',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return NAMED_ENTITIES[body] ?? match;
  });
}

const BLOCK_TAGS = /<\/?(?:p|div|br|ul|ol|h[1-6]|tr|table|section|article|blockquote|pre|hr)\b[^>]*>/gi;

/** HTML (or text that may contain tags) to plain text with paragraph breaks kept. */
export function htmlToText(input: string | null | undefined): string {
  if (!input) return '';
  let text = input
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template|iframe|object|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(BLOCK_TAGS, '\n')
    .replace(/<\/?[a-z!?][^>]*>/gi, '');
  text = decodeEntities(text);
  // A second pass catches escaped HTML (`&lt;b&gt;`) that decoded into tags.
  if (/<\/?[a-z!][^>]*>/i.test(text)) text = text.replace(/<\/?[a-z!][^>]*>/gi, '');
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One-line text (titles, locations): HTML stripped, whitespace collapsed. */
export function plainLine(input: string | null | undefined): string {
  return htmlToText(input).replace(/\s+/g, ' ').trim();
}
