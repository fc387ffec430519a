import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../lib/feeds/errors';
import { rejection } from './rejection';
import { checkTextLimit, decodeBody, readBodyWithLimit } from '../../../lib/feeds/body';

const MB = 1024 * 1024;

/** An endless body that counts how much was pulled and whether it was cancelled. */
function endlessResponse(chunkSize: number, headers: Record<string, string> = {}) {
  const stats = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(chunkSize).fill(0x41);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { response: new Response(stream, { headers }), stats };
}


describe('readBodyWithLimit', () => {
  it('stops an endless body as soon as it passes the limit, and cancels the stream', async () => {
    const { response, stats } = endlessResponse(64 * 1024);
    const error = await rejection(readBodyWithLimit(response, MB));
    expect(error.code).toBe('tooLarge');
    expect(error.message).toBe('Feed is larger than 1 MB');
    expect(stats.cancelled).toBe(true);
    expect(stats.pulled).toBeLessThanOrEqual(20);
  });

  it('says 20 MB with the default limit', async () => {
    const { response } = endlessResponse(MB);
    expect((await rejection(readBodyWithLimit(response))).message).toBe('Feed is larger than 20 MB');
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { response, stats } = endlessResponse(1024, { 'content-length': String(30 * MB) });
    expect((await rejection(readBodyWithLimit(response))).code).toBe('tooLarge');
    expect(stats.pulled).toBeLessThanOrEqual(1);
  });

  it('reads a body at the limit exactly', async () => {
    const text = 'x'.repeat(1000);
    expect(await readBodyWithLimit(new Response(text), 1000)).toBe(text);
  });

  it.each([
    ['UTF-8 with BOM', [0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9], 'text/calendar', 'café'],
    ['latin1 charset', [0x63, 0x61, 0x66, 0xe9], 'text/calendar; charset=ISO-8859-1', 'café'],
    ['windows-1252 curly quotes', [0x93, 0x68, 0x69, 0x94], 'text/plain; charset="windows-1252"', '“hi”'],
    ['windows-1252 euro sign', [0x80, 0x35], 'text/html; charset=cp1252', '€5'],
    ['undeclared non-UTF-8 bytes', [0x63, 0x61, 0x66, 0xe9], 'text/calendar', 'café'],
    ['UTF-16LE with BOM', [0xff, 0xfe, 0x68, 0x00, 0x69, 0x00], null, 'hi'],
    ['UTF-8 declared, stray byte', [0x61, 0xff, 0x62], 'application/json; charset=utf-8', 'a\ufffdb'],
    // iCal writers that fold at 75 octets without minding characters (RFC 5545 says SHOULD NOT): the fold is
    // rejoined before decoding, so the character survives and the body is not mistaken for windows-1252.
    ['a CRLF fold inside a UTF-8 character', [0x63, 0x61, 0x66, 0xc3, 0x0d, 0x0a, 0x20, 0xa9], null, 'café'],
    ['an LF fold inside an emoji, after a BOM', [0xef, 0xbb, 0xbf, 0xf0, 0x9f, 0x0a, 0x09, 0x8e, 0x89], null, '🎉'],
    ['a fold inside a character of a UTF-8 body', [0xc3, 0xa9, 0x0d, 0x0a, 0x20, 0x61, 0xc3, 0x0d, 0x0a, 0x20, 0xa9], 'text/calendar', 'é\r\n aé'],
  ])('decodes %s', async (_name, bytes, contentType, expected) => {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    expect(await readBodyWithLimit(new Response(new Uint8Array(bytes), { headers }))).toBe(expected);
    expect(decodeBody(new Uint8Array(bytes), contentType)).toBe(expected);
  });
});

describe('checkTextLimit', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(checkTextLimit('é'.repeat(500), 1000)).toHaveLength(500);
    expect(() => checkTextLimit('é'.repeat(501), 1000)).toThrow('Feed is larger than 1000 bytes');
    expect(() => checkTextLimit('x'.repeat(1001), 1000)).toThrow(FeedError);
    expect(() => checkTextLimit('😀'.repeat(250), 1000)).not.toThrow();
    expect(() => checkTextLimit('😀'.repeat(251), 1000)).toThrow(FeedError);
  });
});
