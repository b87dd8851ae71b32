/**
 * Public surface of the row path, for the front ends (server, CLI, library): a Session per
 * model, the body decoders that feed it, the one row loop and the writers. Everything else in
 * src/scoring is internal.
 */
export {
  type ArrivingText,
  type BodyKind,
  type BodyText,
  type CellCount,
  CsvCursor,
  CsvRuns,
  lineEnds,
  MAX_RECORD_CHARS,
  CsvSource,
  ItemsSource,
  DecodedItems,
  type EncodedRows,
  PairRow,
  positionalCount,
  type RowSource,
  type RowsInput,
  type StreamedBody,
  streamArriving,
  streamBody,
  wholeText,
} from './decoders/index.ts';
export { type RowCounts, scoreRows } from './score-rows.ts';
export { type OutputKind, Session } from './session.ts';
export { SlicedScoring } from './sliced-scoring.ts';
export {
  type BatchWriter,
  batchWriter,
  csvLine,
  EnvelopeWriter,
  isOutputStyle,
  jsonNumber,
  type JavaCells,
  type JavaCellType,
  OUTPUT_STYLES,
  type OutputFormat,
  type OutputRecord,
  type OutputStyle,
  PredictionOutput,
  RecordLayout,
  type RowOutput,
  TextSink,
  singleText,
} from './writers/index.ts';
export { MLFLOW_INPUT_KEYS, mlflowItems, PREDICTIONS_ENVELOPE } from './decoders/index.ts';
export { parseHexFloat } from './hex-float.ts';
