/**
 * The child side of `score --workers N` (see block-pool.ts): a copy of `score` started with
 * SCORE_WORKER_ENV set and an IPC channel. It gets the file's header once, then scores each
 * block of CSV records it is sent and answers with the block's output as UTF-8 bytes; a
 * failure is answered with the error's code and message, so the parent reports it as it would
 * its own. Processes rather than threads: each has its own compiler threads, and the
 * generated tree code of a large model keeps them busy (threads of one process share them).
 */
import type { Model } from '../algos/index.ts';
import type { ScorerError } from '../errors.ts';
import { CsvCursor } from '../scoring/index.ts';
import { type BlockOptions, CsvBlockScorer } from './csv-block-scorer.ts';

/** Set in a worker's environment: `score` then serves blocks over IPC instead of reading a file. */
export const SCORE_WORKER_ENV = 'MOJO_SCORER_SCORE_WORKER';

export interface WorkerHeader {
  kind: 'header';
  header: string[];
}

export interface WorkerBlock {
  kind: 'block';
  seq: number;
  text: string;
  firstRow: number;
  firstLine: number;
}

export interface WorkerAnswer {
  seq: number;
  output?: Uint8Array;
  rows?: number;
  failed?: number;
  error?: { message: string; code?: string; detail?: Record<string, unknown> };
}

/** True when this process is a score worker (started by a parent with an IPC channel). */
export function isScoreWorker(): boolean {
  return process.env[SCORE_WORKER_ENV] === '1' && typeof process.send === 'function';
}

/** Serves blocks until the parent goes away. */
export function serveBlocks(model: Model, options: BlockOptions): Promise<void> {
  const send = (a: WorkerAnswer) => process.send!(a);
  const encoder = new TextEncoder();
  let scorer: CsvBlockScorer | undefined;
  let setupError: unknown;
  process.on('message', (m: WorkerHeader | WorkerBlock) => {
    if (m.kind === 'header') {
      try {
        scorer = new CsvBlockScorer(model, m.header, options);
      } catch (e) {
        setupError = e;
      }
      return;
    }
    try {
      if (scorer === undefined) throw setupError;
      const counts = scorer.score(new CsvCursor(m.text, m.firstLine), m.firstRow);
      send({ seq: m.seq, output: encoder.encode(scorer.take(true).join('')), rows: counts.rows, failed: counts.failed });
    } catch (e) {
      // Whatever the block wrote before failing is dropped with it: the parent stops at this block.
      scorer?.take(true);
      const err = e as Partial<ScorerError>;
      send({ seq: m.seq, error: { message: String(err.message ?? e), code: err.code, detail: err.detail } });
    }
  });
  return new Promise((resolve) => process.on('disconnect', () => resolve()));
}
