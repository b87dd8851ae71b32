/**
 * The primary's side of the catalog over IPC, with stand-in worker processes: calls are
 * answered by id, errors come back as the same 404/409/507, a drop waits for every live
 * worker, and a worker that dies mid-load frees the name it was loading.
 */
import type { Subprocess } from 'bun';
import { describe, expect, test } from 'bun:test';
import { silentLogger } from '../../../src/server/log.ts';
import { Catalog } from '../../../src/server/multi-model/catalog.ts';
import { CatalogServer } from '../../../src/server/multi-model/catalog-ipc.ts';

/** A worker as the primary sees it: a pid and an IPC send that records what it got. */
function fakeWorker(pid: number) {
  const got: Record<string, unknown>[] = [];
  return { proc: { pid, send: (m: Record<string, unknown>) => void got.push(m) } as unknown as Subprocess, got };
}

function setup(budget = 1000) {
  const server = new CatalogServer(silentLogger);
  const catalog = new Catalog({ memoryBudgetBytes: budget, evictLru: false }, server.dropEverywhere, silentLogger);
  const call = (w: ReturnType<typeof fakeWorker>, id: number, op: string, ...args: unknown[]) =>
    server.receive(catalog, { catalog: { id, op, args } }, w.proc);
  return { server, catalog, call };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('catalog over IPC (primary side)', () => {
  test('a load from one worker, a 409 and a lookup from another, a 507 with its numbers', async () => {
    const { server, call } = setup(1000);
    const w1 = fakeWorker(1);
    const w2 = fakeWorker(2);
    server.spawned(w1.proc);
    server.spawned(w2.proc);
    expect(server.receive(setup().catalog, { metrics: {} }, w1.proc)).toBe(false);
    call(w1, 1, 'begin', 'a', 'a/model');
    await settle();
    call(w1, 2, 'reserve', 'a', 600);
    call(w1, 3, 'commit', 'a', 600);
    await settle();
    expect(w1.got).toEqual([
      { catalogReply: 1, value: undefined },
      { catalogReply: 2, value: undefined },
      { catalogReply: 3, value: undefined },
    ]);
    call(w2, 1, 'begin', 'a', 'a/model');
    call(w2, 2, 'lookup', 'a');
    call(w2, 3, 'begin', 'b', 'b/model');
    await settle();
    call(w2, 4, 'reserve', 'b', 500);
    await settle();
    // Answers may come in any order (each waits on its own); the id pairs them.
    const reply = (id: number) => w2.got.find((m) => m.catalogReply === id);
    expect(reply(1)).toMatchObject({ fail: { code: 'MODEL_ALREADY_LOADED', name: 'a' } });
    expect(reply(2)).toEqual({ catalogReply: 2, value: { name: 'a', url: 'a/model' } });
    expect(reply(4)).toMatchObject({
      catalogReply: 4,
      fail: { code: 'INSUFFICIENT_MEMORY', name: 'b', detail: { needBytes: 500, freeBytes: 400, budgetBytes: 1000 } },
    });
  });

  test('an unload is answered once every live worker has dropped its copy; an exiting worker is not waited for', async () => {
    const { server, call } = setup();
    const w1 = fakeWorker(1);
    const w2 = fakeWorker(2);
    server.spawned(w1.proc);
    server.spawned(w2.proc);
    call(w1, 1, 'begin', 'a', 'a/model');
    await settle();
    call(w1, 2, 'commit', 'a', 10);
    await settle();
    call(w1, 3, 'unload', 'a');
    await settle();
    const drop1 = w1.got.find((m) => 'catalogDrop' in m);
    const drop2 = w2.got.find((m) => 'catalogDrop' in m);
    expect(drop1).toMatchObject({ name: 'a' });
    expect(drop2).toMatchObject({ name: 'a' });
    server.receive(setup().catalog, { catalogDropped: drop1?.catalogDrop }, w1.proc);
    await settle();
    expect(w1.got.some((m) => m.catalogReply === 3)).toBe(false); // worker 2 has not confirmed yet
    server.exited(w2.proc);
    await settle();
    expect(w1.got.find((m) => m.catalogReply === 3)).toEqual({ catalogReply: 3, value: { name: 'a', url: 'a/model' } });
  });

  test('a worker that dies in the middle of a load frees the name', async () => {
    const { server, catalog, call } = setup();
    const w1 = fakeWorker(1);
    const w2 = fakeWorker(2);
    server.spawned(w1.proc);
    server.spawned(w2.proc);
    call(w1, 1, 'begin', 'a', 'a/model');
    await settle();
    call(w2, 1, 'lookup', 'a'); // waits for the load
    server.exited(w1.proc);
    await settle();
    expect(w2.got[0]).toMatchObject({ catalogReply: 1, fail: { code: 'MODEL_NOT_LOADED' } });
    await catalog.begin('a', 'a/model'); // the name is free again
  });
});
