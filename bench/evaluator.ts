/**
 * Single-thread evaluator throughput: (a) rows as objects of column → string, encoded, scored
 * and rendered into the output record (the Java anchor's work), (b) pre-encoded Float64Array
 * rows through `model.score` only, (c) as (b) on rows that do not repeat (unseenRows), and
 * optionally (d) rows as parsed JSON objects (numbers as numbers), as (a).
 *
 * (a) and (b) play input.csv's few hundred rows over and over, as the Java anchor does; for a
 * small model the CPU's branch predictor learns every row's walk by heart, which a real stream of
 * rows never allows. (c) is the figure that speaks for such a stream.
 */
import { decodeModel } from '../src/algos/index.ts';
import { Session } from '../src/scoring/index.ts';
import { Rng } from '../test/support/demo/prng.ts';
import { fixturePath, fixtureRows } from './fixtures.ts';

export interface EvalResult {
  fullRowsPerSec: number;
  rawRowsPerSec: number;
  /** As rawRowsPerSec, on rows that do not repeat (unseenRows). */
  unseenRowsPerSec: number;
  /** Rows given as JSON objects (numbers as numbers), when asked for. */
  jsonRowsPerSec?: number;
}

export interface EvalOptions {
  /** Leading rows of input.csv left out (the edge rows, to score the rows the Java anchor does). */
  skipRows?: number;
  /** Also time rows given as JSON objects. */
  json?: boolean;
}

/** Rows per second of `body` (which returns the rows it did) over `seconds`, after a warm-up. */
export function timeLoop(seconds: number, body: () => number): number {
  // Warm-up lets the JIT settle before the measured window: as long as the window (at most 2 s),
  // as Java's anchor is warmed.
  const warmEnd = performance.now() + Math.min(2000, seconds * 1000);
  while (performance.now() < warmEnd) body();
  let rows = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    rows += body();
    now = performance.now();
  }
  return rows / ((now - start) / 1000);
}

/**
 * benchEvaluator in a process of its own, as Java's anchor runs in a JVM of its own: one model's
 * code in the runtime, as a serving process has it (ten models scored one after another in one
 * process leave the shared encoder and writers compiled for all of them, slower for each).
 */
export function benchEvaluatorAlone(fixture: string, seconds = 2, options: EvalOptions = {}): EvalResult {
  const r = Bun.spawnSync([process.execPath, import.meta.path, fixture, String(seconds), JSON.stringify(options)], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  if (r.exitCode !== 0) throw new Error(r.stderr.toString().trim().split('\n').pop() ?? `exit ${r.exitCode}`);
  return JSON.parse(r.stdout.toString()) as EvalResult;
}

export function benchEvaluator(fixture: string, seconds = 2, options: EvalOptions = {}): EvalResult {
  const model = decodeModel(fixturePath(fixture));
  const scorer = new Session(model);
  const rows = fixtureRows(fixture).slice(options.skipRows ?? 0);
  // Rows the model errors on would measure the exception path; keep the scorable ones.
  const ok = rows.filter((r) => scores(scorer, r));
  const n = ok.length;
  let sink = 0;
  const fullRowsPerSec = timeLoop(seconds, () => {
    for (let i = 0; i < n; i++) {
      const rec = scorer.record(ok[i], true);
      if (rec !== null) sink++;
    }
    return n;
  });
  const encoded: Float64Array[] = [];
  const offsets: number[] = [];
  for (const r of ok) {
    offsets.push(scorer.encoder.encodeObject(r, scorer.raw, true));
    encoded.push(Float64Array.from(scorer.raw));
  }
  const out = new Float64Array(Math.max(1, model.outWidth));
  const rawRowsPerSec = timeLoop(seconds, () => {
    for (let i = 0; i < n; i++) {
      model.score(encoded[i], out, offsets[i]);
      sink += out[0];
    }
    return n;
  });
  const unseen = unseenRows(encoded, offsets, (slot) => scorer.encoder.isCategorical(slot));
  const unseenRowsPerSec = timeLoop(seconds, () => {
    for (let i = 0; i < unseen.rows.length; i++) {
      model.score(unseen.rows[i], out, unseen.offsets[i]);
      sink += out[0];
    }
    return unseen.rows.length;
  });
  let jsonRowsPerSec: number | undefined;
  if (options.json) {
    // Parsed once: the figure is the evaluator's on a client's JSON object, not JSON.parse's.
    const objects = ok.map((r) => JSON.parse(jsonText(r)) as Record<string, unknown>);
    jsonRowsPerSec = timeLoop(seconds, () => {
      for (let i = 0; i < n; i++) {
        const rec = scorer.record(objects[i], true);
        if (rec !== null) sink++;
      }
      return n;
    });
  }
  if (sink === 0.123456789) console.log('');
  return { fullRowsPerSec, rawRowsPerSec, unseenRowsPerSec, jsonRowsPerSec };
}

/** Copies of each row in `unseenRows`. */
const UNSEEN_COPIES = 20;

/**
 * UNSEEN_COPIES copies of every encoded row in a shuffled order, each numeric value moved a
 * random part (up to half) of the way towards the same column's value in another random row:
 * values in the data's own ranges, no two rows alike. Categorical and missing values are kept.
 */
export function unseenRows(
  rows: readonly Float64Array[],
  offsets: readonly number[],
  categorical: (slot: number) => boolean,
): { rows: Float64Array[]; offsets: number[] } {
  const rng = new Rng(20);
  const random = () => rng.next();
  const out: { row: Float64Array; offset: number }[] = [];
  for (let copy = 0; copy < UNSEEN_COPIES; copy++) {
    for (let i = 0; i < rows.length; i++) {
      const row = Float64Array.from(rows[i]);
      for (let j = 0; j < row.length; j++) {
        if (categorical(j) || row[j] !== row[j]) continue;
        const other = rows[Math.floor(random() * rows.length)][j];
        if (other === other) row[j] += (other - row[j]) * random() * 0.5;
      }
      out.push({ row, offset: offsets[i] });
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return { rows: out.map((o) => o.row), offsets: out.map((o) => o.offset) };
}

/** A row as a client would send it as JSON: cells that are numbers as JSON numbers. */
function jsonText(row: Record<string, string>): string {
  const o: Record<string, string | number> = {};
  for (const k in row) {
    const x = Number(row[k]);
    o[k] = Number.isFinite(x) && row[k].trim() !== '' ? x : row[k];
  }
  return JSON.stringify(o);
}

/** Whether the session scores `row` (rows the model errors on would measure the exception path). */
export function scores(session: Session, row: Record<string, unknown>): boolean {
  try {
    session.record(row, true);
    return true;
  } catch {
    return false;
  }
}

// `bun bench/evaluator.ts <fixture> <seconds> <options JSON>`: one fixture's figures as JSON (benchEvaluatorAlone).
if (import.meta.main) {
  const [fixture, seconds, options] = process.argv.slice(2);
  console.log(JSON.stringify(benchEvaluator(fixture, Number(seconds), JSON.parse(options ?? '{}') as EvalOptions)));
}
