/** The surface of scoring/decoders/ (request bodies → encoded rows) for the rest of src/scoring. */
export {
  type ArrivingText,
  type BodyKind,
  type BodyText,
  type DecodeOptions,
  positionalCount,
  type RowsInput,
  type StreamedBody,
  streamArriving,
  streamBody,
  wholeText,
} from './body.ts';
export { CsvCursor } from './csv-cursor.ts';
export { CsvRuns, lineEnds, MAX_RECORD_CHARS } from './csv-runs.ts';
export { CsvSource, ItemsSource, type RowSource } from './row-source.ts';
export { type CellCount, DecodedItems, type EncodedRows, PairRow } from './rows.ts';
export { MLFLOW_INPUT_KEYS, mlflowItems, PREDICTIONS_ENVELOPE } from './mlflow.ts';
