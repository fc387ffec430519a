/**
 * Feed bodies: read with a size limit enforced while the bytes arrive (a hostile server can send an endless
 * stream; Content-Length may lie or be absent), then decoded to text.
 */
import { FeedError } from './errors';

export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export function tooLarge(limitBytes: number): FeedError {
  return new FeedError('tooLarge', `Feed is larger than ${formatBytes(limitBytes)}`);
}

/** The charset a Content-Type names, lower-cased, or null. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** windows-1252's 0x80–0x9F (where it differs from Latin-1); 0 marks the five unassigned bytes. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * windows-1252 by hand: Node's TextDecoder (up to at least v22) decodes this label as plain Latin-1, turning
 * “curly quotes” and € into control characters. Browsers get it right; this gives the same text everywhere.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] || b : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

const SINGLE_BYTE = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii', 'iso-8859-15', 'latin9']);

/**
 * Bytes to text. UTF-8 unless the Content-Type names a Latin-1 family charset; a body that is not valid UTF-8
 * and names no charset is read as windows-1252 (old CMS exports do this). A UTF-8 or UTF-16 BOM wins.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(joinFoldsInsideCharacters(bytes));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const charset = charsetOf(contentType);
  if (charset && SINGLE_BYTE.has(charset)) {
    // WHATWG maps every Latin-1 label to windows-1252, a superset that also decodes “curly quotes” right.
    return charset === 'iso-8859-15' || charset === 'latin9' ? new TextDecoder('iso-8859-15').decode(bytes) : decodeWindows1252(bytes);
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: fall through to UTF-8.
    }
  }
  bytes = joinFoldsInsideCharacters(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return charset ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes);
  }
}

/**
 * Some iCal writers fold lines every 75 octets without minding characters (RFC 5545 says they SHOULD NOT), so a
 * fold ("\r\n " or "\n" + space/tab) can fall inside a UTF-8 sequence: decoded as is, the character becomes
 * U+FFFD and the body fails the UTF-8 check (and would be read as windows-1252). A continuation byte (0x80–0xBF)
 * never starts a valid line, so such a fold is removed here, before decoding; unfolding would remove it anyway.
 */
function joinFoldsInsideCharacters(bytes: Uint8Array): Uint8Array {
  const cuts: number[] = [];
  for (let lf = bytes.indexOf(0x0a); lf >= 0; lf = bytes.indexOf(0x0a, lf + 1)) {
    const fold = bytes[lf + 1];
    const next = bytes[lf + 2] ?? 0;
    if ((fold !== 0x20 && fold !== 0x09) || next < 0x80 || next >= 0xc0) continue;
    const start = lf > 0 && bytes[lf - 1] === 0x0d ? lf - 1 : lf;
    if (start > 0 && bytes[start - 1]! >= 0x80) cuts.push(start, lf + 2);
  }
  if (cuts.length === 0) return bytes;
  let removed = 0;
  for (let i = 0; i < cuts.length; i += 2) removed += cuts[i + 1]! - cuts[i]!;
  const out = new Uint8Array(bytes.length - removed);
  let from = 0;
  let to = 0;
  for (let i = 0; i < cuts.length; i += 2) {
    out.set(bytes.subarray(from, cuts[i]), to);
    to += cuts[i]! - from;
    from = cuts[i + 1]!;
  }
  out.set(bytes.subarray(from), to);
  return out;
}

/** Strips a leading BOM left in text (files read elsewhere, or double-encoded bodies). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** UTF-8 size of a string, counted without allocating a copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The same limit for text that did not come through fetch (files, pasted feeds). */
export function checkTextLimit(text: string, limitBytes = DEFAULT_BODY_LIMIT): string {
  if (text.length > limitBytes || (text.length * 3 > limitBytes && utf8Length(text) > limitBytes)) throw tooLarge(limitBytes);
  return text;
}

/** Reads a fetch Response to text, stopping (and cancelling the stream) as soon as the limit is passed. */
export async function readBodyWithLimit(response: Response, limitBytes = DEFAULT_BODY_LIMIT): Promise<string> {
  const contentType = response.headers.get('content-type');
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(limitBytes);
  }
  if (!response.body) return stripBom(decodeBody(new Uint8Array(await response.arrayBuffer()), contentType));
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return stripBom(decodeBody(bytes, contentType));
}
