/**
 * Public surface of the row path, for the front ends (server, CLI, library): a Session per
 * model, the body decoders that feed it, the one row loop and the writers. Everything else in
 * src/scoring is internal.
 */
export {
  type BodyKind,
  type CellCount,
  CsvCursor,
  CsvRuns,
  CsvSource,
  DecodedItems,
  type EncodedRows,
  PairRow,
  type RowSource,
  streamBody,
} from './decoders/index.ts';
export { type RowCounts, scoreRows } from './score-rows.ts';
export { type OutputKind, Session } from './session.ts';
export { SlicedScoring } from './sliced-scoring.ts';
export {
  type BatchWriter,
  batchWriter,
  csvLine,
  isOutputStyle,
  type JavaCells,
  type JavaCellType,
  OUTPUT_STYLES,
  type OutputFormat,
  type OutputRecord,
  type OutputStyle,
  type RowOutput,
  TextSink,
  writeSingle,
} from './writers/index.ts';
