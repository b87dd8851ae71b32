/**
 * Worker body of `score --workers N` (see parallel-score.ts): loads the model once, then scores
 * each block of CSV records it is sent and answers with the block's output as UTF-8 bytes
 * (transferred, not copied: encoding here keeps it off the thread that writes). A failure is
 * answered with the error's code and message, so the main thread reports it as it would its own.
 */
import { loadModel } from '../algos/index.ts';
import type { ScorerError } from '../errors.ts';
import { CsvCursor } from '../scoring/index.ts';
import { type BlockOptions, CsvBlockScorer } from './csv-block-scorer.ts';

declare const self: Worker;

export interface WorkerInit {
  kind: 'init';
  model: string;
  header: string[];
  options: BlockOptions;
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

let scorer: CsvBlockScorer | undefined;
let initError: unknown;
const encoder = new TextEncoder();

function answerError(seq: number, e: unknown): void {
  const err = e as Partial<ScorerError>;
  self.postMessage({ seq, error: { message: String(err.message ?? e), code: err.code, detail: err.detail } } satisfies WorkerAnswer);
}

self.onmessage = (event: MessageEvent<WorkerInit | WorkerBlock>) => {
  const m = event.data;
  if (m.kind === 'init') {
    try {
      scorer = new CsvBlockScorer(loadModel(m.model), m.header, m.options);
    } catch (e) {
      initError = e;
    }
    return;
  }
  try {
    if (scorer === undefined) throw initError;
    const counts = scorer.score(new CsvCursor(m.text, m.firstLine), m.firstRow);
    const output = encoder.encode(scorer.take(true).join(''));
    self.postMessage({ seq: m.seq, output, rows: counts.rows, failed: counts.failed } satisfies WorkerAnswer, [
      output.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    // Whatever the block wrote before failing is dropped with it: the main thread stops at this block.
    scorer?.take(true);
    answerError(m.seq, e);
  }
};
