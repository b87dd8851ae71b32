/** Drain: the bounded wait for in-flight requests, and `Connection: close` on their responses. */
import { describe, expect, test } from 'bun:test';
import { Drain, drainServer } from '../../src/server/drain.ts';
import type { LogLevel } from '../../src/server/log.ts';

/** A server whose graceful stop waits for `finish()` (or for a forced stop). */
function fakeServer() {
  let finish: () => void = () => {};
  const calls: boolean[] = [];
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    pendingRequests: 1,
    calls,
    finish: () => finish(),
    stop(force?: boolean) {
      calls.push(force === true);
      if (force) finish();
      return done;
    },
  };
}

function logs() {
  const seen: [LogLevel, string][] = [];
  return { seen, log: (level: LogLevel, msg: string) => void seen.push([level, msg]) };
}

describe('drainServer', () => {
  test('in-flight requests that finish in time: one graceful stop, true', async () => {
    const server = fakeServer();
    const { seen, log } = logs();
    setTimeout(server.finish, 20);
    expect(await drainServer(server, log, 'SIGTERM', 5000)).toBe(true);
    expect(server.calls).toEqual([false]);
    expect(seen.map(([, m]) => m)).toEqual(['draining', 'stopped']);
  });

  test('a request that does not finish: closed after the timeout, with a warning, false', async () => {
    const server = fakeServer();
    const { seen, log } = logs();
    expect(await drainServer(server, log, 'SIGTERM', 50)).toBe(false);
    expect(server.calls).toEqual([false, true]);
    expect(seen).toContainEqual(['warn', 'drain timeout: closing the remaining connections']);
  });

  test('a stop that never settles, even forced: the backstop still returns', async () => {
    const { log } = logs();
    const server = { pendingRequests: 1, stop: () => new Promise<void>(() => {}) };
    expect(await drainServer(server, log, 'SIGTERM', 10)).toBe(false);
  }, 10_000);
});

describe('Drain.wrap', () => {
  test('responses get Connection: close only while draining, sync and async handlers alike', async () => {
    const drain = new Drain();
    const sync = drain.wrap(() => new Response('a'));
    const async_ = drain.wrap(async () => new Response('b'));
    expect((await sync()).headers.get('connection')).toBeNull();
    expect((await async_()).headers.get('connection')).toBeNull();
    drain.draining = true;
    expect((await sync()).headers.get('connection')).toBe('close');
    expect((await async_()).headers.get('connection')).toBe('close');
  });

  test('a response whose headers cannot change is answered as a marked copy', async () => {
    const drain = new Drain();
    drain.draining = true;
    const original = Response.redirect('http://127.0.0.1/elsewhere', 302);
    const marked = drain.mark(original);
    expect(marked.status).toBe(302);
    expect(marked.headers.get('location')).toBe('http://127.0.0.1/elsewhere');
    expect(marked.headers.get('connection')).toBe('close');
  });
});
