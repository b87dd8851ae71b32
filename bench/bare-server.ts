/**
 * The anchor for one-row HTTP: a bare Bun.serve doing the least a scorer must do with the same
 * request — read the body and parse it (POST), or parse the query (GET) — then answer the same
 * 64-byte JSON as a constant. `bun bench/bare-server.ts <port>`.
 */
const port = Number(process.argv[2] ?? 18080);
const body = '{"predict":"0","p0":0.9400998704939774,"p1":0.05990012950602258}';
const json = { 'content-type': 'application/json' };
Bun.serve({
  port,
  hostname: '127.0.0.1',
  async fetch(request) {
    const row = request.method === 'POST' ? JSON.parse(await request.text()) : Object.fromEntries(new URL(request.url).searchParams);
    if (typeof row !== 'object' || row === null) return new Response('not a row', { status: 400 });
    return new Response(body, { headers: json });
  },
});
console.log(`bare Bun.serve on ${port}`);
