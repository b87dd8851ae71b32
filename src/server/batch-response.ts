/**
 * A batch's answer. Rows are scored a slice at a time with a macrotask turn between slices,
 * so /ping and other requests are served while any number of batches run. The output is held
 * back until it passes HOLD_CHARS: a batch whose answer fits (nearly every request, and any
 * batch up to a few MB of output) is answered in one piece with its true status — a bad cell
 * anywhere is a 400, the time limit a 504. A longer answer is streamed from then on: a
 * ReadableStream whose pull yields, checks the deadline and the stop signal, scores the next
 * slice and enqueues its bytes, so a client that reads slowly holds scoring back and memory
 * stays at the held bytes plus a chunk or two.
 *
 * Once a streamed 200 has started its status cannot change: a failure past that point (a bad
 * cell in strict mode, a malformed JSON line, the timeout, shutdown) breaks the response off
 * (the chunked body never ends, so every HTTP client reports an error rather than a short
 * success) and is logged. Rows the model cannot score are never failures: they are error rows
 * / the CSV error column, as batch transform needs.
 */
import { ScorerError, ShuttingDownError, TimeoutError } from '../errors.ts';
import type { RowCounts, SlicedScoring, TextSink } from '../scoring/index.ts';
import type { Logger } from './log.ts';

/** Work per slice before the event loop gets its turn: /ping waits at most about this long. */
export const SLICE_MS = 4;
/** Output characters held back before a batch commits to a streamed 200. */
export const HOLD_CHARS = 4 * 1024 * 1024;

/**
 * A macrotask turn: lets the event loop accept connections and run other requests.
 * setImmediate costs ~2 µs a turn in Bun, setTimeout(0) ~1 ms (a clamp), Bun.sleep(0) ~2 µs;
 * under load all three let /ping in alike.
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

/**
 * Scores the batch: its whole answer text when it fits in HOLD_CHARS, else a stream that
 * starts with what was held. The first slice runs without yielding (short batches never wait
 * for a turn of the event loop). Throws what scoring throws until the answer is committed.
 */
export async function answerBatch(run: BatchRun): Promise<string | ReadableStream<Uint8Array>> {
  const { scoring, sink } = run;
  const held: string[] = [];
  let heldChars = 0;
  for (let first = true; ; first = false) {
    if (!first) await yieldToEventLoop();
    checkContinue(run);
    const done = scoring.run(performance.now() + SLICE_MS);
    if (done) {
      run.finished(scoring.counts);
      if (held.length === 0) return sink.text();
      held.push(...sink.take(true));
      return held.join('');
    }
    for (const chunk of sink.take(true)) {
      held.push(chunk);
      heldChars += chunk.length;
    }
    if (heldChars >= HOLD_CHARS) return batchStream(run, held);
  }
}

/** The rest of a batch as a byte stream, starting with the `held` text. */
function batchStream(run: BatchRun, held: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { scoring, sink } = run;
  let pending = held;
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      if (pending.length > 0) {
        // One chunk per pull: the client's pace decides when the next is encoded.
        controller.enqueue(encoder.encode(pending.shift() as string));
        return;
      }
      try {
        await yieldToEventLoop();
        checkContinue(run);
        const done = scoring.run(performance.now() + SLICE_MS);
        pending = sink.take(true);
        if (pending.length > 0) controller.enqueue(encoder.encode(pending.shift() as string));
        if (done) {
          for (const chunk of pending) controller.enqueue(encoder.encode(chunk));
          pending = [];
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
