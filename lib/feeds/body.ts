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
  return new FeedError('too-large', `Feed is larger than ${formatBytes(limitBytes)}`);
}

/** The charset a Content-Type names, lower-cased, or null. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : null;
}

const SINGLE_BYTE = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii', 'iso-8859-15', 'latin9']);

/**
 * Bytes to text. UTF-8 unless the Content-Type names a Latin-1 family charset; a body that is not valid UTF-8
 * and names no charset is read as windows-1252 (old CMS exports do this). A UTF-8 or UTF-16 BOM wins.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const charset = charsetOf(contentType);
  if (charset && SINGLE_BYTE.has(charset)) {
    // WHATWG maps every Latin-1 label to windows-1252, a superset that also decodes “curly quotes” right.
    return new TextDecoder(charset === 'iso-8859-15' || charset === 'latin9' ? 'iso-8859-15' : 'windows-1252').decode(bytes);
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: fall through to UTF-8.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return charset ? new TextDecoder('utf-8').decode(bytes) : new TextDecoder('windows-1252').decode(bytes);
  }
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
