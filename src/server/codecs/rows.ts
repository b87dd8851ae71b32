/**
 * Decoded request rows, encoded one at a time into the scorer's raw buffer. Object rows are
 * checked against the compiled row schema first; CSV cells are strings the encoder parses.
 */
import { BadRequestError } from '../../errors.ts';
import type { RowEncoder } from '../../scoring/index.ts';
import type { RowValidator } from '../schema.ts';
import type { Format } from './media.ts';

export interface Rows {
  /** The request's format: the response's default. */
  readonly format: Format;
  /** One JSON object: answered with one record (422 when the model cannot score it). */
  readonly single: boolean;
  /** False for header-less CSV: a CSV answer then has no header either (lines match 1:1). */
  readonly header: boolean;
  readonly count: number;
  /** Encodes row `i` into `raw` and returns its offset; throws 400 for an invalid value. */
  encode(i: number, raw: Float64Array, lenient: boolean, unknown: Set<string>): number;
  /** The column names the request sends, in first-seen order (models that bind to them, Word2Vec). */
  columns(): string[];
}

export class ObjectRows implements Rows {
  readonly header = true;
  readonly count: number;

  constructor(
    readonly format: Format,
    readonly single: boolean,
    private readonly rows: readonly unknown[],
    private readonly encoder: RowEncoder,
    private readonly validator: RowValidator,
  ) {
    this.count = rows.length;
  }

  encode(i: number, raw: Float64Array, lenient: boolean, unknown: Set<string>): number {
    const rec = this.rows[i];
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new BadRequestError(`row ${i}: expected a JSON object of column → value`, { row: i }, 'BAD_REQUEST');
    }
    const obj = rec as Record<string, unknown>;
    this.validator.check(obj, lenient, i);
    return this.encoder.encodeObject(obj, raw, lenient, i, unknown);
  }

  columns(): string[] {
    const seen = new Set<string>();
    for (const rec of this.rows) if (rec !== null && typeof rec === 'object' && !Array.isArray(rec)) for (const k in rec) seen.add(k);
    return [...seen];
  }
}

/** One row already encoded into the scorer's raw buffer (query strings): `encode` only hands back its offset. */
export class EncodedRow implements Rows {
  readonly format = 'json';
  readonly single = true;
  readonly header = true;
  readonly count = 1;
  constructor(private readonly offset: number) {}
  encode(): number {
    return this.offset;
  }

  columns(): string[] {
    return [];
  }
}

export class CsvRows implements Rows {
  readonly format = 'csv';
  readonly single = false;
  readonly count: number;
  private readonly slots: Int32Array;

  constructor(
    private readonly records: readonly string[][],
    private readonly names: readonly string[],
    readonly header: boolean,
    private readonly encoder: RowEncoder,
    unknown: Set<string>,
  ) {
    this.count = records.length;
    this.slots = encoder.slotsFor(names, unknown);
  }

  encode(i: number, raw: Float64Array, lenient: boolean): number {
    return this.encoder.encodeCells(this.records[i], this.slots, this.names, raw, lenient, i);
  }

  columns(): string[] {
    return [...new Set(this.names)];
  }
}

/** A positional row (JSON array of cells) as an object keyed by `names`; extra cells are ignored. */
export function positionalRow(names: readonly string[], cells: unknown, row: number): Record<string, unknown> {
  if (!Array.isArray(cells)) throw new BadRequestError(`row ${row}: expected an array of cells`, { row }, 'BAD_REQUEST');
  const rec: Record<string, unknown> = {};
  const n = Math.min(names.length, cells.length);
  for (let j = 0; j < n; j++) rec[names[j]] = cells[j];
  return rec;
}
