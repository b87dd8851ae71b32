/** The anchor: a bare Bun.serve answering every request with a constant JSON body. */
const port = Number(process.argv[2] ?? 18080);
const body = '{"predict":"0","p0":0.9400998704939774,"p1":0.05990012950602258}';
Bun.serve({
  port,
  hostname: '127.0.0.1',
  fetch: () => new Response(body, { headers: { 'content-type': 'application/json' } }),
});
console.log(`bare Bun.serve on ${port}`);
