/**
 * Public surface of the row path shared by the CLI and the server:
 * body text → decoder → encoded rows → model.score → writer → sink.
 */
export {
  decodeBody,
  headerCount,
  isHeader,
  streamBody,
  type BodyKind,
  type DecodedBody,
  type DecodeOptions,
  type StreamedBody,
} from './decoders/body.ts';
export { CsvSource, type RowSource } from './decoders/row-source.ts';
export { type CellCount, DecodedItems, PairRow, type EncodedRows } from './decoders/rows.ts';
export { CsvByteSplitter } from './decoders/csv-bytes.ts';
export { CsvCursor, type CsvRecords } from './decoders/csv-cursor.ts';
export { CsvTextRows } from './decoders/csv-rows.ts';
export { javaDoubleToString } from './java-double.ts';
export { javaTrim, parseNumber } from './parse-number.ts';
export { IGNORED_SLOT, OFFSET_SLOT, RowEncoder } from './row-encoder.ts';
export { scoreRows, type RowCounts } from './score-rows.ts';
export { type OutputKind, Session, type SessionOptions } from './session.ts';
export { SlicedScoring } from './sliced-scoring.ts';
export { batchWriter, type BatchWriter, writeSingle } from './writers/batch-writer.ts';
export { EnvelopeWriter } from './writers/envelope.ts';
export { MLFLOW_INPUT_KEYS, mlflowItems, PREDICTIONS_ENVELOPE } from './decoders/mlflow.ts';
export { csvField, csvLine, csvNumber, jsonNumber, jsonNumberText } from './writers/cells.ts';
export { type JavaCells, type JavaCellType, javaCells } from './writers/java-cells.ts';
export { RecordLayout, type Cell, type OutputRecord } from './writers/record.ts';
export { ExplanationOutput, PredictionOutput, type RowOutput } from './writers/row-output.ts';
export { ERROR_COLUMN, isOutputStyle, OUTPUT_STYLES, type OutputFormat, type OutputStyle } from './writers/formats.ts';
export { CompatRowText, FastRowText, LayoutRowText, rowText, type RowText } from './writers/row-text.ts';
export { DEFAULT_CHUNK_CHARS, TextSink } from './writers/sink.ts';
