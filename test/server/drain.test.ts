/** Drain: the bounded wait for in-flight requests, and `Connection: close` on their responses. */
import { describe, expect, test } from 'bun:test';
import { Drain, drainServer } from '../../src/server/drain.ts';
import { NO_HABITS, withHttpHabits } from '../../src/server/habits/index.ts';
import type { LogLevel } from '../../src/server/log.ts';

/** `handler` behind the drain, as the server runs it (the habits with the drain as their gate). */
const gated = (drain: Drain, handler: () => Response | Promise<Response>) => withHttpHabits(handler, NO_HABITS, () => {}, drain);
const REQ = () => new Request('http://127.0.0.1/x');

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

describe('the drain as the request gate of the HTTP habits', () => {
  test('responses get Connection: close only while draining, sync and async handlers alike', async () => {
    const drain = new Drain();
    const sync = gated(drain, () => new Response('a'));
    const async_ = gated(drain, async () => new Response('b'));
    expect((await sync(REQ())).headers.get('connection')).toBeNull();
    expect((await async_(REQ())).headers.get('connection')).toBeNull();
    drain.draining = true;
    expect((await sync(REQ())).headers.get('connection')).toBe('close');
    expect((await async_(REQ())).headers.get('connection')).toBe('close');
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

describe('drainServer reads what has arrived before it closes the listener (issue 18 #9)', () => {
  test('the listener closes once no new request has come for a moment; onStopCalled follows stop()', async () => {
    const server = fakeServer();
    const { log } = logs();
    const order: string[] = [];
    let requests = 0;
    // Requests keep arriving for a few turns after the signal.
    const arrivals = setInterval(() => {
      if (requests < 5) requests++;
    }, 5);
    const stop = server.stop.bind(server);
    server.stop = (force?: boolean) => {
      order.push(`stop(${force === true}) after ${requests} requests`);
      return stop(force);
    };
    setTimeout(server.finish, 200);
    await drainServer(server, log, 'SIGTERM', 5000, { requestCount: () => requests, onStopCalled: () => order.push('released') });
    clearInterval(arrivals);
    expect(order).toEqual(['stop(false) after 5 requests', 'released']);
  });

  test('responses made during the read-first phase wait for the listener to close, then say Connection: close', async () => {
    const drain = new Drain();
    const handler = gated(drain, async () => new Response('x'));
    const server = fakeServer();
    let answered: Response | undefined;
    let stopCalled = false;
    const stop = server.stop.bind(server);
    server.stop = (force?: boolean) => {
      stopCalled = true;
      // Nothing was answered before the listener closed.
      expect(answered).toBeUndefined();
      return stop(force);
    };
    drain.draining = true;
    const release = drain.holdResponses();
    void Promise.resolve(handler(REQ())).then((r) => (answered = r));
    setTimeout(server.finish, 100);
    await drainServer(server, logs().log, 'SIGTERM', 5000, {
      onStopCalled: release,
    });
    await Bun.sleep(0);
    expect(stopCalled).toBe(true);
    expect(answered?.headers.get('connection')).toBe('close');
  });
});
