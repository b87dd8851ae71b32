/**
 * A model's output cell table (where each column's slots start, its kind and levels, the label
 * rule) and the flat output record it gives (an object per row: the library's records, the
 * example response, the reference text the fast writers are checked against).
 * Column names are exactly h2o-genmodel's output names; numbers as `jsonNumber` renders them.
 */
import { codegenDisabled, compileOrInterpret, type Model, type OutputColumn } from '../../algos/index.ts';
import { compileRecordBuilder, type RecordBuilder } from './record-builder.ts';
import { csvNumber, jsonNumber } from './cells.ts';

export type Cell = number | string | null | (number | string | null)[];
export type OutputRecord = Record<string, Cell>;

/**
 * Sets `rec[name]`, as an own property even for the name `__proto__` (a plain assignment would
 * set the object's prototype and lose the cell).
 */
export function setCell(rec: OutputRecord, name: string, value: Cell): void {
  if (name === '__proto__') Object.defineProperty(rec, name, { value, enumerable: true, writable: true, configurable: true });
  else rec[name] = value;
}

/** Precomputed layout: where each output column's slots start. */
export class RecordLayout {
  readonly names: string[];
  readonly starts: Int32Array;
  readonly columns: readonly OutputColumn[];

  /** record()'s implementation: generated per layout, or the loop (`interpretedRecord`). */
  private readonly build: RecordBuilder;

  /** `codegen` false (or MOJO_SCORER_NO_CODEGEN) builds records with the loop only. */
  constructor(
    readonly model: Model,
    codegen = !codegenDisabled(),
  ) {
    this.columns = model.outputs;
    this.names = this.columns.map((c) => c.name);
    this.starts = new Int32Array(this.columns.length);
    let s = 0;
    for (let i = 0; i < this.columns.length; i++) {
      this.starts[i] = s;
      const c = this.columns[i];
      s += c.kind === 'vector' ? c.size : 1;
    }
    // Where code generation is off or refused (too many columns), the loop gives the same records.
    this.build = compileOrInterpret(
      { nodes: this.columns.length, depth: 0 },
      () => compileRecordBuilder(this.columns, this.starts, (i, out) => this.cell(i, out)),
      (out) => this.interpretedRecord(out),
      codegen,
    );
  }

  /** The flat record for one scored row. */
  record(out: Float64Array): OutputRecord {
    return this.build(out);
  }

  /** record() without generated code: the reference the generated builder must equal. */
  interpretedRecord(out: Float64Array): OutputRecord {
    const rec: OutputRecord = {};
    const cols = this.columns;
    for (let i = 0; i < cols.length; i++) setCell(rec, cols[i].name, this.cell(i, out));
    return rec;
  }

  /**
   * The one label rule: the level a label column's slot value names, null for a missing (NaN)
   * or out-of-domain value. The fast writers and the generated record builder precompute the
   * levels' text but follow this rule (test/scoring/writers.test.ts holds them to it).
   */
  label(i: number, v: number): string | null {
    const c = this.columns[i];
    return c.kind === 'label' && v === v ? (c.domain[v] ?? null) : null;
  }

  cell(i: number, out: Float64Array): Cell {
    const c = this.columns[i];
    const v = out[this.starts[i]];
    switch (c.kind) {
      case 'label':
        return this.label(i, v);
      case 'integer':
        return v === v ? v : null;
      case 'number':
        return jsonNumber(v);
      case 'vector': {
        if (v !== v) return null;
        const arr: (number | string | null)[] = new Array(c.size);
        const s = this.starts[i];
        for (let j = 0; j < c.size; j++) arr[j] = jsonNumber(out[s + j]);
        return arr;
      }
    }
  }

  /** CSV header cells: vectors expand to name.0, name.1, … */
  csvHeader(): string[] {
    const h: string[] = [];
    for (const c of this.columns) {
      if (c.kind === 'vector') for (let j = 0; j < c.size; j++) h.push(`${c.name}.${j}`);
      else h.push(c.name);
    }
    return h;
  }

  /** CSV cells for one scored row (NaN → empty). */
  csvCells(out: Float64Array): string[] {
    const cells: string[] = [];
    const cols = this.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const s = this.starts[i];
      if (c.kind === 'label') cells.push(this.label(i, out[s]) ?? '');
      else if (c.kind === 'vector') for (let j = 0; j < c.size; j++) cells.push(csvNumber(out[s + j]));
      else cells.push(csvNumber(out[s]));
    }
    return cells;
  }
}
