/**
 * The protocol routes' scoring: a request's decoded rows scored on the session's one row path
 * (sliced, stopped by the time limit and the stop signal, counted in the metrics) into the
 * route's writer. Rows are positional in model input order unless they name their columns.
 */
import { type BatchWriter, type DecodedItems, ItemsSource, type RowOutput, type Session, TextSink } from '../../scoring/index.ts';
import { answerRows } from '../batch-response.ts';
import type { Invoker } from '../invoke.ts';

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
  const source = new ItemsSource(s.items, session.encoder, new Set());
  return answerRows({ session, source, output, writer, sink, lenient: s.lenient, deadline: s.deadline }, invoker);
}
