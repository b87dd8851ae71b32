/** Public surface of row encoding, scoring and output records (shared by CLI and server). */
export { javaDoubleToString } from './java-double.ts';
export { javaTrim, parseNumber } from './parse-number.ts';
export { csvField, csvLine, csvNumber, jsonNumber, RecordLayout, type Cell, type OutputRecord } from './record.ts';
export { RowEncoder } from './row-encoder.ts';
export { rowErrorMessage, Scorer, type RowResult } from './scorer.ts';
