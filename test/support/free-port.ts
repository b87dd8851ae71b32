/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it: port 0). */
export async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response() });
  const port = s.port!;
  await s.stop(true);
  return port;
}
