/** Workers do not outlive their primary: after kill -9 of the primary, they drain and exit. */
import { afterAll, describe, expect, test } from 'bun:test';
import { alive, answers, killStarted, servingPids, startServer } from '../support/spawned-server.ts';

/** Generous: a worker notices within about a second, then drains (nothing is in flight here). */
const GONE_WITHIN_MS = 10_000;
let orphans: number[] = [];

afterAll(() => {
  killStarted();
  for (const pid of orphans) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('orphan workers', () => {
  test('kill -9 of the primary: both workers exit and the port stops answering', async () => {
    const s = await startServer({ workers: 2 });
    for (let i = 0; i < 100 && servingPids(s).length < 2; i++) await Bun.sleep(100);
    orphans = servingPids(s);
    expect(orphans).toHaveLength(2);
    expect(orphans).not.toContain(s.proc.pid);
    s.proc.kill('SIGKILL');
    await s.proc.exited;
    const until = Date.now() + GONE_WITHIN_MS;
    while (Date.now() < until && (orphans.some(alive) || (await answers(s.port)))) await Bun.sleep(100);
    expect(orphans.filter(alive)).toEqual([]);
    expect(await answers(s.port)).toBe(false);
  }, 60_000);
});
