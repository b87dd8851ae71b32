/** The surface of scoring/writers/ (scored rows → text) for the rest of src/scoring. */
export { type BatchWriter, batchWriter, singleText } from './batch-writer.ts';
export { csvLine, jsonNumber } from './cells.ts';
export { isOutputStyle, OUTPUT_STYLES, type OutputFormat, type OutputStyle } from './formats.ts';
export { type JavaCells, type JavaCellType, javaCells } from './java-cells.ts';
export { type OutputRecord, RecordLayout } from './record.ts';
export { ExplanationOutput, PredictionOutput, type RowOutput } from './row-output.ts';
export { type RowText, rowText } from './row-text.ts';
export { TextSink } from './sink.ts';
export { EnvelopeWriter } from './envelope.ts';
