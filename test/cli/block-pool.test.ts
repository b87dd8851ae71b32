/**
 * The BlockPool with stand-in threads that answer late and out of order (scoring each block as
 * a score thread does, from a stand-in start): the output must be one thread's, in input order,
 * and a block that fails on a thread, or here while blocks before it are still out, must fail
 * with the very error of one thread, naming the same row and line.
 */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeModel } from '../../src/algos/index.ts';
import { BlockPool } from '../../src/cli/block-pool.ts';
import { type BlockOptions, CsvBlockScorer } from '../../src/cli/csv-block-scorer.ts';
import { type BlockAnswer, type BlockThreads, ScoreThreads, scoreBlock } from '../../src/cli/score-threads.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';

const model = decodeModel(DEMO_MODEL_PATH);
const names = model.inputs.map((c) => c.name);

/** Threads that score on this thread and answer after `delay(seq)` ms; `crashAt`: the send (counted from 0) that crashes them. */
class StandInThreads implements BlockThreads {
  sent = 0;
  onAnswer: (answer: BlockAnswer) => void = () => {};
  onCrash: (error: Error) => void = () => {};
  private readonly inFlight: number[];
  private readonly scorers: CsvBlockScorer[];

  constructor(
    readonly count: number,
    options: BlockOptions,
    private readonly delay: (seq: number) => number,
    private readonly crashAt = -1,
  ) {
    this.inFlight = new Array<number>(count).fill(0);
    this.scorers = Array.from({ length: count }, () => new CsvBlockScorer(model, names, options));
  }

  free(max: number): number | undefined {
    const i = this.inFlight.findIndex((n) => n < max);
    return i < 0 ? undefined : i;
  }

  send(thread: unknown, seq: number, text: string, first: boolean): void {
    const i = thread as number;
    this.inFlight[i]++;
    if (this.sent++ === this.crashAt) {
      setTimeout(() => this.onCrash(new Error('a score thread failed: boom')), 1);
      return;
    }
    const answer = scoreBlock(this.scorers[i], seq, text, first);
    setTimeout(() => {
      this.inFlight[i]--;
      this.onAnswer(answer);
    }, this.delay(seq));
  }

  close(): void {}
}

/** Demo rows, `perBlock` records a block; `bad`: the row whose numbers are unparsable. */
function blocks(rows: number, perBlock: number, bad = -1): string[] {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++)
    lines.push(
      model.inputs.map((c, j) => (c.domain ? c.domain[(i + j) % c.domain.length] : i === bad ? 'x1' : String((i * 7 + j) % 50))).join(','),
    );
  const out: string[] = [];
  for (let i = 0; i < rows; i += perBlock) out.push(`${lines.slice(i, i + perBlock).join('\n')}\n`);
  return out;
}

async function run(
  texts: string[],
  options: BlockOptions,
  threads?: BlockThreads,
): Promise<{ text: string; rows: number; onThreads: number } | { error: string }> {
  const decoder = new TextDecoder();
  let text = '';
  const scorer = new CsvBlockScorer(model, names, options);
  scorer.begin();
  text += scorer.take(true).join('');
  const pool = new BlockPool(
    scorer,
    2,
    { rows: 0, failed: 0 },
    (c) => void (text += typeof c === 'string' ? c : decoder.decode(c)),
    () => {},
  );
  if (threads !== undefined) pool.useThreads(threads);
  try {
    for (const t of texts) {
      await pool.push(t);
      if (pool.stopped) break;
    }
    await pool.end();
  } catch (e) {
    return { error: `${(e as { code?: string }).code}: ${(e as Error).message}` };
  }
  scorer.end();
  text += scorer.take(true).join('');
  return { text, rows: pool.rows, onThreads: threads?.sent ?? 0 };
}

/** Later blocks answer first: every answer arrives out of order. */
const reversed = (seq: number) => 30 - (seq % 7) * 4;

describe('BlockPool with threads', () => {
  for (const format of ['csv', 'json'] as const) {
    test(`${format}: answers out of order are written in input order, as one thread writes them`, async () => {
      const texts = blocks(400, 9);
      const options = { format, lenient: true };
      const one = await run(texts, options);
      const many = await run(texts, options, new StandInThreads(2, options, reversed));
      expect(many).toEqual({ ...(one as { text: string; rows: number }), onThreads: (many as { onThreads: number }).onThreads });
      expect((many as { onThreads: number }).onThreads).toBeGreaterThan(10);
    });
  }

  // Block 1 goes to the thread; blocks 2 and 3 are scored here while blocks 0 and 1 are out.
  for (const [where, bad] of [
    ['on a thread', 12],
    ['here while the blocks before it are out', 30],
  ] as const) {
    test(`strict: a bad value in a block scored ${where} names the row and line one thread names`, async () => {
      const texts = blocks(200, 9, bad);
      const options = { format: 'csv' as const, lenient: false };
      const one = await run(texts, options);
      expect(one).toEqual({ error: expect.stringContaining(`row ${bad},`) });
      expect(await run(texts, options, new StandInThreads(1, options, reversed))).toEqual(one);
    });
  }

  test('the first failure in input order wins over a later one answered first', async () => {
    const texts = blocks(200, 9, 12);
    // A second bad row, in block 3, answered long before block 1.
    texts[3] = blocks(200, 9, 30)[3];
    const options = { format: 'csv' as const, lenient: false };
    const one = await run(texts, options);
    const many = await run(texts, options, new StandInThreads(2, options, (seq) => (seq === 1 ? 40 : 1)));
    expect(one).toEqual({ error: expect.stringContaining('row 12,') });
    expect(many).toEqual(one);
  });

  test('a thread that crashes fails the run with its error', async () => {
    const options = { format: 'csv' as const, lenient: true };
    expect(await run(blocks(200, 9), options, new StandInThreads(1, options, () => 1, 3))).toEqual({
      error: 'undefined: a score thread failed: boom',
    });
  });
});

test('a score thread that fails to start is settled (not ready) and reported as a crash', async () => {
  const body = join(mkdtempSync(join(tmpdir(), 'score-thread-')), 'broken.ts');
  writeFileSync(body, "throw new Error('broken body');\n");
  const threads = new ScoreThreads(1, DEMO_MODEL_PATH, { format: 'csv', lenient: true }, pathToFileURL(body).href);
  const crashed = new Promise<string>((resolve) => {
    threads.onCrash = (e) => resolve(e.message);
  });
  try {
    await threads.settled;
    expect(threads.threads[0].ready).toBe(false);
    expect(await crashed).toContain('a score thread failed');
  } finally {
    threads.close();
  }
});
