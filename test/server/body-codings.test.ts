/** Request bodies: Content-Encoding (gzip, deflate, identity, others 415), charsets, the decoded-size limit. */
import { describe, expect, test } from 'bun:test';
import { deflateSync, gzipSync, zlibSync } from 'fflate';
import { CSV_TYPE_BODY, csvRows } from '../support/batch-bodies.ts';
import { testApp } from '../support/test-app.ts';

const app = testApp();
const enc = new TextEncoder();

async function postBytes(a: ReturnType<typeof testApp>, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) {
  const res = await a.handle(new Request('http://localhost/invocations', { method: 'POST', body, headers }));
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe('Content-Encoding', () => {
  const plain = enc.encode(csvRows(50));
  const expected = postBytes(app, plain, CSV_TYPE_BODY);

  test('gzip, x-gzip, deflate (zlib and raw) and identity bodies score like the plain body', async () => {
    const want = await expected;
    expect(want.status).toBe(200);
    for (const [coding, bytes] of [
      ['gzip', gzipSync(plain)],
      ['x-gzip', gzipSync(plain)],
      ['deflate', zlibSync(plain)],
      ['deflate', deflateSync(plain)],
      ['identity', plain],
      ['GZIP', gzipSync(plain)],
    ] as const) {
      const r = await postBytes(app, bytes as Uint8Array<ArrayBuffer>, { ...CSV_TYPE_BODY, 'content-encoding': coding });
      expect(`${coding} ${r.status}`).toBe(`${coding} 200`);
      expect(r.text).toBe(want.text);
    }
  });

  test('other codings are a 415 naming them', async () => {
    for (const coding of ['br', 'zstd', 'gzip, br']) {
      const r = await postBytes(app, plain, { ...CSV_TYPE_BODY, 'content-encoding': coding });
      expect(r.status).toBe(415);
      expect(r.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(r.json().error.message).toContain(coding);
    }
  });

  test('a corrupt compressed body is a 400', async () => {
    const r = await postBytes(app, enc.encode('not gzip at all'), { ...CSV_TYPE_BODY, 'content-encoding': 'gzip' });
    expect(r.status).toBe(400);
    expect(r.json().error.code).toBe('BAD_REQUEST');
  });

  test('the limit applies to the decoded size: a gzip bomb is the JSON 413', async () => {
    const small = testApp({ maxPayloadBytes: 1024 * 1024 });
    const bomb = gzipSync(enc.encode('1,red,2\n'.repeat(4_000_000)), { level: 9 }); // 32 MB → ~100 KB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await postBytes(small, bomb as Uint8Array<ArrayBuffer>, { ...CSV_TYPE_BODY, 'content-encoding': 'gzip' });
    expect(r.status).toBe(413);
    expect(r.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('charset', () => {
  test('ISO-8859-1 and windows-1252 bodies are decoded: zé comes out as zé', async () => {
    const latin1 = new Uint8Array([...enc.encode('x,color\nz'), 0xe9, ...enc.encode(',red\n')]);
    for (const charset of ['ISO-8859-1', 'latin1', 'windows-1252', '"iso-8859-1"']) {
      const r = await postBytes(app, latin1, { 'content-type': `text/csv; charset=${charset}` });
      expect(r.status).toBe(400);
      expect(r.json().error.code).toBe('INVALID_VALUE');
      expect(r.json().error.message).toContain("'zé'");
    }
  });

  test('UTF-16 bodies are decoded', async () => {
    const text = 'x,color\n1,red\n';
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) utf16[2 * i] = text.charCodeAt(i);
    const r = await postBytes(app, utf16, { 'content-type': 'text/csv; charset=utf-16le' });
    expect(r.status).toBe(200);
    expect(r.text).toBe((await postBytes(app, enc.encode(text), CSV_TYPE_BODY)).text);
  });

  test('an unknown charset is a 415 naming it', async () => {
    const r = await postBytes(app, enc.encode('1,red\n'), { 'content-type': 'text/csv; charset=x-klingon' });
    expect(r.status).toBe(415);
    expect(r.json().error.message).toContain('x-klingon');
  });

  test('a long body is decoded as it arrives: a character split between chunks, UTF-16 too, reads as the whole body', async () => {
    const text = `x,color\n${'1,red\n2,red\n'.repeat(8000)}zé,red\n`;
    const whole = await postBytes(app, enc.encode(text), CSV_TYPE_BODY);
    expect(whole.status).toBe(400);
    expect(whole.json().error.message).toContain("'zé'");
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) utf16[2 * i] = text.charCodeAt(i) & 0xff;
    for (const [bytes, type] of [
      [enc.encode(text), 'text/csv'],
      [utf16, 'text/csv; charset=utf-16le'],
    ] as const) {
      const chunks = new ReadableStream<Uint8Array>({
        start(c) {
          for (let at = 0; at < bytes.length; at += 7) c.enqueue(bytes.slice(at, at + 7));
          c.close();
        },
      });
      const res = await app.handle(
        new Request('http://localhost/invocations', { method: 'POST', body: chunks, headers: { 'content-type': type } }),
      );
      expect({ status: res.status, text: await res.text() }).toEqual({ status: whole.status, text: whole.text });
    }
  });

  test('a long body in an unknown charset is a 415 once read, after the 413 an oversize one earns', async () => {
    const long = enc.encode(csvRows(20000));
    expect(long.length).toBeGreaterThan(64 * 1024);
    const r = await postBytes(app, long, { 'content-type': 'text/csv; charset=x-klingon' });
    expect(r.status).toBe(415);
    const small = testApp({ maxPayloadBytes: 1024 });
    expect((await postBytes(small, long, { 'content-type': 'text/csv; charset=x-klingon' })).status).toBe(413);
  });
});
