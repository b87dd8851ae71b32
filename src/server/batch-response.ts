/**
 * A batch's answer. Rows are scored a slice at a time with a macrotask turn between slices,
 * so /ping and other requests are served while any number of batches run. A CSV body still
 * arriving is read on only when its rows run out (RowsInput): the body is never held whole,
 * the client's bytes wait on the socket until scoring reaches them (unless the client reads
 * none of a streamed answer: see UNREAD_ANSWER_MS). The output is held
 * back until it passes HOLD_BYTES: a batch whose answer fits (nearly every request, and any
 * batch up to a few MB of output) is answered in one piece with its true status — a bad cell
 * anywhere is a 400, the time limit a 504. A longer answer is streamed from then on: a
 * ReadableStream whose pull yields, checks the deadline and the stop signal, scores the next
 * slice and enqueues its bytes, so a client that reads slowly holds scoring back and memory
 * stays at the held bytes plus a chunk or two.
 *
 * A body that could still turn out too large (no Content-Length, or compressed) is read to its
 * end before the answer commits, so that it is the 413 it earns. Once a streamed 200 has started
 * its status cannot change: a failure past that point (a bad cell in strict mode, a malformed
 * JSON line, the body stalling or breaking off, the timeout, shutdown) breaks the response off
 * (the chunked body never ends, so every HTTP client reports an error rather than a short
 * success) and is logged. Rows the model cannot score are never failures: they are error rows
 * / the CSV error column, as batch transform needs.
 */
import { ScorerError, ShuttingDownError, TimeoutError } from '../errors.ts';
import {
  type BatchWriter,
  type RowCounts,
  type RowOutput,
  type RowSource,
  type RowsInput,
  type Session,
  SlicedScoring,
  type TextSink,
} from '../scoring/index.ts';
import type { Logger } from './log.ts';
import type { RequestMetrics } from './metrics.ts';

/** Work per slice before the event loop gets its turn: /ping waits at most about this long. */
export const SLICE_MS = 4;
/** Output bytes held back before a batch commits to a streamed 200. */
export const HOLD_BYTES = 4 * 1024 * 1024;

/**
 * A macrotask turn: lets the event loop accept connections and run other requests.
 * setImmediate costs ~2 µs a turn in Bun, setTimeout(0) ~1 ms (a clamp), Bun.sleep(0) ~2 µs;
 * under load all three let /ping in alike.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A batch's rows and what they are written with (the writer already begun). */
export interface BatchRows {
  session: Session;
  source: RowSource;
  output: RowOutput;
  writer: BatchWriter;
  sink: TextSink;
  lenient: boolean;
  /** performance.now() time past which the batch is stopped (TIMEOUT). */
  deadline: number;
  /** What the rows wait on: a body still arriving (StreamedBody.input), or null. */
  input?: RowsInput | null;
}

/** What a route serving batches knows: its time limit, logger and metrics. */
export interface BatchContext {
  readonly options: { readonly timeoutMs: number };
  readonly log: Logger;
  readonly metrics: RequestMetrics | undefined;
}

/**
 * Scores a batch in slices with its own raw buffer (answerBatch), stopped by the session's
 * signal (a forced drain) or the deadline; the rows are counted in the metrics once answered.
 */
export function answerRows(b: BatchRows, ctx: BatchContext): Promise<string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>> {
  return answerBatch({
    scoring: new SlicedScoring(b.source, b.session.newRaw(), b.output, b.writer, b.sink, b.lenient, b.input ?? null),
    sink: b.sink,
    deadline: b.deadline,
    timeoutMs: ctx.options.timeoutMs,
    signal: b.session.signal,
    log: ctx.log,
    finished: (counts) => ctx.metrics?.rows(counts.ok, counts.failed),
  });
}

export interface BatchRun {
  scoring: SlicedScoring;
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
 * Scores the batch: its whole answer when it fits in HOLD_BYTES (text when it fits in the
 * first slice, else bytes), else a stream that starts with what was held. The first slice runs
 * without yielding (short batches never wait for a turn of the event loop). Throws what
 * scoring throws until the answer is committed.
 */
export async function answerBatch(run: BatchRun): Promise<string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>> {
  const { scoring, sink } = run;
  // Held as bytes: the sink's chunks are strings built by appending, heavier than their text.
  const held: Uint8Array<ArrayBuffer>[] = [];
  let heldBytes = 0;
  for (let first = true; ; first = false) {
    if (!first) await yieldToEventLoop();
    checkContinue(run);
    const done = await scoreSlice(scoring);
    if (done && held.length === 0) {
      run.finished(scoring.counts);
      return sink.text();
    }
    for (const chunk of sink.take(true)) {
      const bytes = UTF8.encode(chunk);
      held.push(bytes);
      heldBytes += bytes.length;
    }
    if (done) {
      run.finished(scoring.counts);
      return concatBytes(held, heldBytes);
    }
    if (heldBytes >= HOLD_BYTES) {
      const input = scoring.input;
      if (input !== null && !input.sized) await input.rest();
      return batchStream(run, held);
    }
  }
}

const UTF8 = new TextEncoder();

/**
 * One slice: rows until SLICE_MS is spent (see SlicedScoring.run); true once every row is
 * scored. A body still arriving is read on and scored on within the same slice: the next piece
 * has usually arrived (one read is kept ahead), and ending the slice there cost a turn of the
 * event loop and a chunk of the answer per piece of the body.
 */
async function scoreSlice(scoring: SlicedScoring): Promise<boolean> {
  const until = performance.now() + SLICE_MS;
  let done = scoring.run(until);
  while (scoring.waitsForText && performance.now() < until) {
    await (scoring.input as RowsInput).more();
    done = scoring.run(until);
  }
  return done;
}

function concatBytes(parts: Uint8Array<ArrayBuffer>[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * How long the answer may go unread before a body still arriving is read on without waiting
 * for scoring (until the answer is read again, or to its end): a client that sends its whole
 * body before it reads (urllib3, HttpURLConnection) would otherwise wait on a server that
 * waits on it. A client that only paused reads on, and little of its body is held.
 */
export const UNREAD_ANSWER_MS = 50;

/** The rest of a batch as a byte stream, starting with the `held` bytes. */
function batchStream(run: BatchRun, held: Uint8Array<ArrayBuffer>[]): ReadableStream<Uint8Array> {
  const { scoring, sink } = run;
  let pending: Uint8Array[] = held;
  const input = scoring.input;
  let unread: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let pulls = 0;
  // A failure of the body's is met again by scoring's next read, which stops the answer.
  const readRest = (): void => {
    const at = pulls;
    void input?.rest(() => pulls !== at || stopped).catch(ignore);
  };
  /** After each pull: if the next one does not come soon, the client is not reading. */
  const watch = (): void => {
    if (input?.waiting && !stopped) unread = setTimeout(readRest, UNREAD_ANSWER_MS);
  };
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      pulls++;
      clearTimeout(unread);
      try {
        await pullSlice(controller);
      } finally {
        watch();
      }
    },
  });

  async function pullSlice(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    if (pending.length > 0) {
      // One chunk per pull: the client's pace decides when the next slice is scored.
      controller.enqueue(pending.shift() as Uint8Array);
      return;
    }
    try {
      // Slices until one writes something: a pull that enqueues nothing is not called again.
      for (;;) {
        await yieldToEventLoop();
        checkContinue(run);
        const done = await scoreSlice(scoring);
        pending = sink.take(true).map((chunk) => UTF8.encode(chunk));
        const wrote = pending.length > 0;
        if (wrote) controller.enqueue(pending.shift() as Uint8Array);
        if (done) {
          for (const chunk of pending) controller.enqueue(chunk);
          pending = [];
          run.finished(scoring.counts);
          controller.close();
          stopped = true;
          collectSoon();
        }
        if (wrote || done) return;
      }
    } catch (e) {
      logStreamFailure(e, run.log);
      controller.error(e);
      stopped = true;
      collectSoon();
    }
  }
}

function ignore(): void {}

const runtime = globalThis as { Bun?: { gc(sync: boolean): void } };

/**
 * Collects the garbage a streamed batch leaves, once its last bytes are on their way. Such a
 * batch makes a few times its answer in short-lived strings and byte chunks; JSC collects them
 * only when more is allocated, so the next large batch began on top of them: a 1M-row GBM body
 * (20 MB, answer 42 MB) sent back to back peaked at 203-219 MB RSS with an asynchronous
 * collection here, 173-181 MB (the first request's JIT compiles) with this one, which pauses the
 * event loop 11-18 ms once per streamed batch. Bun only (the library may run on Node).
 */
function collectSoon(): void {
  const bun = runtime.Bun;
  if (bun !== undefined) setImmediate(() => bun.gc(true));
}

function logStreamFailure(e: unknown, log: Logger): void {
  if (e instanceof ScorerError) log('warn', 'streamed batch stopped', { code: e.code, message: e.message });
  else log('error', 'unhandled error in a streamed batch', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
