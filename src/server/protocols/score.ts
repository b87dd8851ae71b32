/**
 * The protocol routes' scoring: a request's decoded rows scored on the session's one row path
 * (sliced, stopped by the time limit and the stop signal, counted in the metrics) into the
 * route's writer. Rows are positional in model input order unless they name their columns.
 */
import {
  type BatchWriter,
  type CellCount,
  type DecodedItems,
  type RowOutput,
  type RowSource,
  type Session,
  TextSink,
} from '../../scoring/index.ts';
import { answerRows } from '../batch-response.ts';
import type { Invoker } from '../invoke.ts';

/** The columns of a positional row: the model's inputs, then its offset column (which may be left off). */
export function positionalColumns(session: Session): readonly string[] {
  return session.decode.positional;
}

/** How many cells a positional row must have, as /invocations counts them. */
export function positionalCount(session: Session): CellCount {
  const inputs = session.encoder.width;
  return { minCells: inputs, expected: `the model has ${inputs} input column${inputs === 1 ? '' : 's'}` };
}

export interface ScoredItems {
  items: DecodedItems;
  /** What each row is computed into, from the bound session. */
  output: (session: Session) => RowOutput;
  /** The writer of the response, given the output, the sink and the bound session (begun here). */
  writer: (output: RowOutput, sink: TextSink, session: Session) => BatchWriter;
  lenient: boolean;
  deadline: number;
}

/** Scores the items; resolves with the response body (text, bytes, or a stream for a long answer). */
export function scoreItems(invoker: Invoker, s: ScoredItems) {
  const base = invoker.session;
  const session = base.bindable ? base.bind(s.items.columns()) : base;
  const output = s.output(session);
  const sink = new TextSink();
  const writer = s.writer(output, sink, session);
  writer.begin(true);
  let rows: ReturnType<RowSource['next']> = s.items.rows(session.encoder, new Set());
  const source: RowSource = {
    next: () => {
      const r = rows;
      rows = null;
      return r;
    },
  };
  return answerRows({ session, source, output, writer, sink, lenient: s.lenient, deadline: s.deadline }, invoker);
}
