/**
 * Public surface of the row path, for the front ends (server, CLI, library): a Session per
 * model, the body decoders that feed it, the one row loop and the writers. Everything else in
 * src/scoring is internal.
 */
export { streamBody, type BodyKind } from './decoders/body.ts';
export { CsvCursor } from './decoders/csv-cursor.ts';
export { CsvRuns } from './decoders/csv-runs.ts';
export { CsvSource, type RowSource } from './decoders/row-source.ts';
export { type CellCount, DecodedItems, PairRow, type EncodedRows } from './decoders/rows.ts';
export { scoreRows, type RowCounts } from './score-rows.ts';
export { type OutputKind, Session } from './session.ts';
export { SlicedScoring } from './sliced-scoring.ts';
export { batchWriter, type BatchWriter, writeSingle } from './writers/batch-writer.ts';
export { csvLine } from './writers/cells.ts';
export { isOutputStyle, OUTPUT_STYLES, type OutputFormat, type OutputStyle } from './writers/formats.ts';
export type { JavaCells, JavaCellType } from './writers/java-cells.ts';
export type { OutputRecord } from './writers/record.ts';
export type { RowOutput } from './writers/row-output.ts';
export { TextSink } from './writers/sink.ts';
