import { describe, expect, test } from 'bun:test';
import { cpuTimes, defaultWorkers, idleCpus, WorkerDecision } from '../../src/cli/worker-decision.ts';

/** A decision on a clock the test moves. */
function decision(totalBytes: number | undefined, payAfterMs: number, idle = 1) {
  let now = 1000;
  // Two CPUs: `idle` of them idle all along.
  const times = () => ({ idle: now * idle, total: now * 2, cpus: 2 });
  const d = new WorkerDecision(totalBytes, payAfterMs, () => now, times);
  return {
    at(ms: number, bytes: number): boolean {
      now = 1000 + ms;
      return d.worthWorkers(bytes);
    },
  };
}

describe('WorkerDecision', () => {
  test('a long file: workers once the pace after the first moments says the rest takes longer than the limit', () => {
    const d = decision(100_000_000, 2000);
    expect(d.at(50, 10_000)).toBe(false); // still compiling: no pace yet
    expect(d.at(250, 500_000)).toBe(false); // pace measured from here
    expect(d.at(450, 3_500_000)).toBe(true); // 15 kB/ms: 96.5 MB left ≈ 6.4 s
  });

  test('a file that the pace finishes within the limit never gets workers', () => {
    const d = decision(20_000_000, 2000);
    expect(d.at(250, 1_000_000)).toBe(false);
    expect(d.at(450, 5_000_000)).toBe(false); // 20 kB/ms: 15 MB left ≈ 0.75 s
    expect(d.at(700, 10_000_000)).toBe(false);
  });

  test('the slow first moments do not count: the pace is measured after them', () => {
    const d = decision(30_000_000, 2000);
    expect(d.at(220, 100_000)).toBe(false); // 0.45 kB/ms so far would mean 66 s left
    expect(d.at(430, 4_300_000)).toBe(false); // 20 kB/ms since: 25.7 MB ≈ 1.3 s left
  });

  test('stdin (size unknown): workers once scoring has taken the limit', () => {
    const d = decision(undefined, 2000);
    expect(d.at(1999, 50_000_000)).toBe(false);
    expect(d.at(2000, 60_000_000)).toBe(true);
  });

  test('a limit of 0 starts workers at once, whatever the load', () => {
    expect(decision(1000, 0, 0).at(0, 0)).toBe(true);
    expect(decision(undefined, 0, 0).at(0, 0)).toBe(true);
  });

  test('no idle CPU (a busy machine): a long file stays on one thread', () => {
    const d = decision(100_000_000, 2000, 0.2);
    expect(d.at(250, 500_000)).toBe(false);
    expect(d.at(450, 3_500_000)).toBe(false);
    expect(decision(undefined, 2000, 0.2).at(2000, 60_000_000)).toBe(false);
  });
});

describe('defaultWorkers', () => {
  test('one scoring thread per CPU, this one included; at least this one', () => {
    expect(defaultWorkers(0)).toBe(1);
    expect(defaultWorkers(1)).toBe(1);
    expect(defaultWorkers(2)).toBe(2);
    expect(defaultWorkers(8)).toBe(8);
  });
});

describe('idle CPUs', () => {
  test('between two readings: the idle share of the time, in CPUs', () => {
    expect(idleCpus({ idle: 100, total: 400, cpus: 2 }, { idle: 250, total: 600, cpus: 2 })).toBe(1.5);
  });

  test('this machine reads some (Linux: /proc/stat), or falls back on the load average', () => {
    const idle = idleCpus(cpuTimes(), cpuTimes());
    expect(Number.isFinite(idle)).toBe(true);
    if (process.platform === 'linux') expect(cpuTimes()?.cpus).toBeGreaterThan(0);
  });
});
