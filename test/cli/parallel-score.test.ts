/**
 * `score --workers N`: the file cut into blocks scored on worker threads must give the very
 * output of one thread (order, formats, explanations, failed rows), and the same error, naming
 * the same row or line, when a block fails.
 */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { scoreFile, type ScoreFileOptions } from '../../src/cli/score.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { MAX_RECORD_CHARS } from '../../src/scoring/decoders/csv-runs.ts';

const model = decodeModel(DEMO_MODEL_PATH);
const names = model.inputs.map((c) => c.name);
const dir = mkdtempSync(join(tmpdir(), 'parallel-score-'));

/** Demo rows of every kind: levels, plain and odd numbers, missing cells, quoted cells, empty lines. */
function rowsCsv(count: number, extra: (i: number) => string | null = () => null, text = 'abc'): string {
  const lines = [names.join(',')];
  for (let i = 0; i < count; i++) {
    const special = extra(i);
    if (special !== null) {
      lines.push(special);
      continue;
    }
    if (i % 97 === 13) {
      lines.push('');
      continue;
    }
    const cells = model.inputs.map((c, j) => {
      if ((i + j) % 11 === 0) return '';
      if (c.domain) return i % 53 === 7 ? `"${c.domain[i % c.domain.length]}"` : c.domain[(i * 7 + j) % c.domain.length];
      const forms = [String((i % 90) + j), `${i % 13}.${i % 7}5`, `-${i % 5}.5`, '1e1', ' 42 ', text, `${i}.000000000000000001`];
      return forms[(i + j) % forms.length];
    });
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

type Run = Omit<ScoreFileOptions, 'input' | 'write'>;

async function scored(input: string, opts: Run): Promise<{ text: string; rows: number; progress: number; onThreads: number }> {
  const decoder = new TextDecoder();
  let text = '';
  let progress = 0;
  const stats = { blocksOnThreads: 0 };
  const rows = await scoreFile(model, {
    ...opts,
    input,
    stats,
    write: (c) => void (text += typeof c === 'string' ? c : decoder.decode(c)),
    progress: (n) => void (progress = n),
  });
  return { text, rows, progress, onThreads: stats.blocksOnThreads };
}

/** Many small blocks on two more threads: every boundary and reordering case a large file has. */
const PARALLEL = {
  workers: 3,
  modelPath: DEMO_MODEL_PATH,
  readChunkBytes: 3000,
  workersPayAfterMs: 0,
  waitForThreads: true,
  blockChars: 2000,
};

async function failure(input: string, opts: Run): Promise<{ code?: string; message: string }> {
  try {
    await scored(input, opts);
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message };
  }
  throw new Error('expected scoring to fail');
}

describe('score --workers: threads', () => {
  const input = file('rows.csv', rowsCsv(2500));

  for (const format of ['csv', 'jsonl', 'json'] as const) {
    test(`${format}: the same output as one thread, in input order`, async () => {
      const one = await scored(input, { format, lenient: true });
      const many = await scored(input, { format, lenient: true, ...PARALLEL });
      expect(many.rows).toBe(2500);
      expect(many.progress).toBe(2500);
      expect(many.onThreads).toBeGreaterThan(0);
      expect(many.text).toBe(one.text);
      if (format === 'json') expect((JSON.parse(many.text) as unknown[]).length).toBe(2500);
    }, 60_000);
  }

  test('explanations: the same contributions as one thread', async () => {
    const one = await scored(input, { format: 'csv', lenient: true, extra: 'contributions' });
    const many = await scored(input, { format: 'csv', lenient: true, extra: 'contributions', ...PARALLEL });
    expect(many.text).toBe(one.text);
  }, 60_000);

  test('strict: the first bad value fails the run naming the same row as one thread', async () => {
    const bad = file(
      'bad.csv',
      rowsCsv(2500, (i) => (i === 2100 ? names.map((_, j) => (model.inputs[j].domain ? '' : 'x1')).join(',') : null), '7'),
    );
    const one = await failure(bad, { format: 'csv', lenient: false });
    const many = await failure(bad, { format: 'csv', lenient: false, ...PARALLEL });
    expect(one.code).toBe('INVALID_VALUE');
    expect(one.message).toStartWith('row 2100,');
    expect(many).toEqual(one);
  }, 60_000);

  test('strict: a bad value before a record over the cap is the answer (the first failure wins)', async () => {
    const bad = rowsCsv(2500, (i) => (i === 2100 ? names.map((_, j) => (model.inputs[j].domain ? '' : 'x1')).join(',') : null), '7');
    const input = file('bad-then-long.csv', `${bad}${'1,'.repeat(MAX_RECORD_CHARS / 2 + 1000)}`);
    for (const opts of [{ readChunkBytes: 3000, blockChars: 2000 }, {}, PARALLEL]) {
      const r = await failure(input, { format: 'csv', lenient: false, ...opts });
      expect(r.code).toBe('INVALID_VALUE');
      expect(r.message).toStartWith('row 2100,');
    }
  }, 60_000);

  test('a ragged row deep in the file is named by the same line; records after quoted line breaks count on', async () => {
    const ragged = file(
      'ragged.csv',
      rowsCsv(2000, (i) => {
        if (i === 300) return names.map((_, j) => (j === 0 ? '"two\nlines"' : '')).join(',');
        return i === 1700 ? '1,2' : null;
      }),
    );
    const one = await failure(ragged, { format: 'jsonl', lenient: true });
    const many = await failure(ragged, { format: 'jsonl', lenient: true, ...PARALLEL });
    expect(one.message).toContain('line 1703');
    expect(many).toEqual(one);
  }, 60_000);

  test('an unterminated quote on line 1002 is reported on line 1002, in one thread and on workers', async () => {
    const open = file(
      'open-quote.csv',
      rowsCsv(2500, (i) =>
        i === 1000 ? names.map((_, j) => (j === 0 ? '"never closed' : '')).join(',') : i % 53 === 7 || i % 97 === 13 ? '' : null,
      ),
    );
    const one = await failure(open, { format: 'csv', lenient: true });
    const many = await failure(open, { format: 'csv', lenient: true, ...PARALLEL });
    expect(one.code).toBe('BAD_REQUEST');
    expect(one.message).toStartWith('line 1002: malformed CSV');
    expect(many).toEqual(one);
  }, 60_000);

  test('a line longer than MAX_RECORD_CHARS without a line end: one BAD_REQUEST naming its line (issue 18 #24)', async () => {
    const long = file('long-line.csv', `${names.join(',')}\n${'1,'.repeat(MAX_RECORD_CHARS / 2 + 1000)}`);
    const one = await failure(long, { format: 'csv', lenient: true });
    expect(one).toEqual({ code: 'BAD_REQUEST', message: `line 2: a CSV record longer than ${MAX_RECORD_CHARS} characters (no line end)` });
    // Past 2500 rows: the line is where the rows read before it end, whatever the chunks and blocks.
    const late = file('long-line-late.csv', `${rowsCsv(2500)}${'1,'.repeat(MAX_RECORD_CHARS / 2 + 1000)}`);
    const message = `line 2502: a CSV record longer than ${MAX_RECORD_CHARS} characters (no line end)`;
    for (const opts of [{}, { readChunkBytes: 3000, blockChars: 2000 }, { readChunkBytes: 3000, blockChars: 50_000 }, PARALLEL])
      expect(await failure(late, { format: 'csv', lenient: true, ...opts })).toEqual({ code: 'BAD_REQUEST', message });
  }, 60_000);

  test('a small file with workers asked: the same output', async () => {
    const small = file('small.csv', rowsCsv(20));
    const one = await scored(small, { format: 'csv', lenient: true });
    const many = await scored(small, { format: 'csv', lenient: true, workers: 4, modelPath: DEMO_MODEL_PATH });
    expect(many.text).toBe(one.text);
  });
});
