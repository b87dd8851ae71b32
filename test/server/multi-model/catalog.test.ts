/**
 * The catalog: the one list of loaded models behind load, unload, list and get, and its memory
 * budget (per process: every worker may hold every listed model). Driven directly, as the
 * registry of one process and the primary of several workers drive it.
 */
import { describe, expect, test } from 'bun:test';
import { silentLogger } from '../../../src/server/log.ts';
import { Catalog } from '../../../src/server/multi-model/catalog.ts';
import { codeOf } from '../../support/errors.ts';

function catalog(budget = 1000, evictLru = false) {
  const dropped: string[] = [];
  const c = new Catalog({ memoryBudgetBytes: budget, evictLru }, async (name) => void dropped.push(name), silentLogger);
  return { c, dropped };
}

async function loadInto(c: Catalog, name: string, bytes: number): Promise<void> {
  await c.begin(name, `${name}/model`);
  await c.reserve(name, bytes);
  await c.commit(name, bytes);
}

async function codeOfAsync(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return codeOf(() => {
      throw e;
    });
  }
  return undefined;
}

describe('catalog', () => {
  test('a loaded name is a 409; an unknown one a 404 for lookup and unload; unload drops it everywhere', async () => {
    const { c, dropped } = catalog();
    await loadInto(c, 'a', 100);
    expect(await codeOfAsync(c.begin('a', 'x'))).toBe('MODEL_ALREADY_LOADED');
    expect(await c.lookup('a')).toEqual({ name: 'a', url: 'a/model' });
    expect(await codeOfAsync(c.lookup('b'))).toBe('MODEL_NOT_LOADED');
    expect(await c.unload('a')).toEqual({ name: 'a', url: 'a/model' });
    expect(dropped).toEqual(['a']);
    expect(await codeOfAsync(c.unload('a'))).toBe('MODEL_NOT_LOADED');
    expect(c.stats().models).toEqual([]);
  });

  test('requests for a name being loaded wait for the load: lookup then finds it, a second load gets 409', async () => {
    const { c } = catalog();
    await c.begin('a', 'a/model');
    const looked = c.lookup('a');
    const again = codeOfAsync(c.begin('a', 'a/model'));
    const listed = await c.list(undefined, 10);
    expect(listed.models).toEqual([]); // not listed until it has loaded
    await c.reserve('a', 10);
    await c.commit('a', 10);
    expect(await looked).toEqual({ name: 'a', url: 'a/model' });
    expect(await again).toBe('MODEL_ALREADY_LOADED');
  });

  test('a failed load frees the name: waiters get 404 (lookup) or the name (begin)', async () => {
    const { c } = catalog();
    await c.begin('a', 'a/model');
    const looked = codeOfAsync(c.lookup('a'));
    const second = c.begin('a', 'other/model');
    await c.abort('a');
    expect(await looked).toBe('MODEL_NOT_LOADED');
    await second;
    await c.commit('a', 5);
    expect(await c.lookup('a')).toEqual({ name: 'a', url: 'other/model' });
  });

  test('the budget: 507 when a model does not fit; what was reserved is freed by an abort', async () => {
    const { c } = catalog(1000);
    await loadInto(c, 'a', 600);
    await c.begin('b', 'b/model');
    expect(await codeOfAsync(c.reserve('b', 500))).toBe('INSUFFICIENT_MEMORY');
    await c.abort('b');
    await loadInto(c, 'c', 400);
    // The measured size may exceed the reservation: the difference must fit too.
    await c.unload('c');
    await c.begin('d', 'd/model');
    await c.reserve('d', 100);
    expect(await codeOfAsync(c.commit('d', 500))).toBe('INSUFFICIENT_MEMORY');
    await c.abort('d');
    expect(c.stats()).toEqual({ models: [['a', 600]], budgetBytes: 1000 });
  });

  test('with eviction on, the least recently used models are dropped everywhere to make room', async () => {
    const { c, dropped } = catalog(1000, true);
    await loadInto(c, 'a', 400);
    await loadInto(c, 'b', 400);
    c.touch('a'); // b is now the least recently used
    await loadInto(c, 'c', 400);
    expect(dropped).toEqual(['b']);
    expect((await c.list(undefined, 10)).models.map((m) => m.name)).toEqual(['a', 'c']);
    // Larger than the whole budget: still a 507, after evicting all it could.
    await c.begin('huge', 'h/model');
    expect(await codeOfAsync(c.reserve('huge', 2000))).toBe('INSUFFICIENT_MEMORY');
    await c.abort('huge');
  });

  test('list: sorted by name, paginated after a name', async () => {
    const { c } = catalog(1e9);
    for (const n of ['e', 'a', 'd', 'c', 'b']) await loadInto(c, n, 1);
    const first = await c.list(undefined, 2);
    expect(first.models.map((m) => m.name)).toEqual(['a', 'b']);
    expect(first.next).toBe('b');
    const last = await c.list('d', 2);
    expect(last.models.map((m) => m.name)).toEqual(['e']);
    expect(last.next).toBeUndefined();
  });
});
