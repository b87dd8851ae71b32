/**
 * A batch's answer. The first slice of rows is scored before anything is sent: a batch that
 * fits in it (most requests) is answered in one piece with its true status, and a bad cell
 * in it is still a 400. A longer batch is streamed: a ReadableStream whose pull yields to the
 * event loop, checks the deadline and the server's stop signal, scores the next slice and
 * enqueues its bytes, so /ping and other requests are served between slices, and a client
 * that reads slowly holds the scoring back (memory stays at a chunk or two).
 *
 * Once a streamed 200 has started its status cannot change: a failure past the first slice
 * (a bad cell in strict mode, malformed JSON Lines, the timeout, shutdown) breaks the
 * response off (the chunked body never ends, so every HTTP client reports an error rather
 * than a short success) and is logged. Rows the model cannot score are never failures: they
 * are error rows / the CSV error column, as batch transform needs.
 */
import { ScorerError, ShuttingDownError, TimeoutError } from '../errors.ts';
import type { RowCounts, SlicedScoring, TextSink } from '../scoring/index.ts';
import type { Logger } from './log.ts';

/** Work per slice before the event loop gets its turn: /ping waits at most about this long. */
export const SLICE_MS = 4;

/**
 * A macrotask turn: lets the event loop accept connections and run other requests.
 * setImmediate costs ~2 µs in Bun; setTimeout(0) ~1 ms (bench/sagemaker.ts measures both).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface BatchRun {
  scoring: SlicedScoring<unknown>;
  sink: TextSink;
  /** performance.now() time past which the batch is stopped (TIMEOUT). */
  deadline: number;
  timeoutMs: number;
  /** Aborted when the server stops scoring in-flight requests. */
  signal: AbortSignal | undefined;
  log: Logger;
  /** Called once with the rows scored when the batch has been answered in full. */
  finished: (counts: RowCounts) => void;
}

/** Throws TIMEOUT or SHUTTING_DOWN when the batch must stop. */
export function checkContinue(run: Pick<BatchRun, 'deadline' | 'timeoutMs' | 'signal'>): void {
  if (run.signal?.aborted) throw new ShuttingDownError('the server is shutting down; the request was not completed');
  if (performance.now() > run.deadline) throw new TimeoutError(run.timeoutMs);
}

/** Scores the first slice; returns the whole body text when the batch is done, else null (stream it). */
export function firstSlice(run: BatchRun): string | null {
  checkContinue(run);
  if (!run.scoring.run(performance.now() + SLICE_MS)) return null;
  run.finished(run.scoring.counts);
  return run.sink.text();
}

/** The rest of a batch whose first slice has been scored, as a byte stream. */
export function batchStream(run: BatchRun): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { scoring, sink } = run;
  const flush = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    for (const chunk of sink.take(true)) controller.enqueue(encoder.encode(chunk));
  };
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      flush(controller);
      try {
        await yieldToEventLoop();
        checkContinue(run);
        const done = scoring.run(performance.now() + SLICE_MS);
        flush(controller);
        if (done) {
          run.finished(scoring.counts);
          controller.close();
        }
      } catch (e) {
        logStreamFailure(e, run.log);
        controller.error(e);
      }
    },
  });
}

function logStreamFailure(e: unknown, log: Logger): void {
  if (e instanceof ScorerError) log('warn', 'streamed batch stopped', { code: e.code, message: e.message });
  else log('error', 'unhandled error in a streamed batch', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
