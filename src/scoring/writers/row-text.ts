/**
 * The text of one scored row (the model's output buffer) as a JSON object or a CSV line.
 * The fast form precomputes every key and label once per model and concatenates strings;
 * the layout form goes through RecordLayout (record / csvCells / compat) and JSON.stringify.
 * Both produce identical text (test/scoring/writers.test.ts checks it on random buffers).
 */
import type { RecordLayout } from './record.ts';
import { csvField, csvLine, csvNumber, jsonNumberText } from './cells.ts';
import type { OutputStyle } from './formats.ts';
import { type JavaCells, javaCells } from './java-cells.ts';

/** The text of one row of type T (an output buffer, or an extra output's values). */
export interface RowText<T> {
  /** CSV header cells, unquoted. */
  readonly csvHeader: readonly string[];
  json(row: T): string;
  csv(row: T): string;
}

const LABEL = 0;
const NUMBER = 1;
const INTEGER = 2;
const VECTOR = 3;

export class FastRowText implements RowText<Float64Array> {
  readonly csvHeader: readonly string[];
  private readonly n: number;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly sizes: Int32Array;
  /** `{"name":` for the first column, `,"name":` for the others. */
  private readonly keys: string[];
  /** Per column: JSON / CSV text of each label level (empty for non-label columns). */
  private readonly jsonLevels: string[][];
  private readonly csvLevels: string[][];

  constructor(layout: RecordLayout) {
    const cols = layout.columns;
    this.n = cols.length;
    this.kinds = new Uint8Array(this.n);
    this.sizes = new Int32Array(this.n);
    this.starts = layout.starts;
    this.keys = [];
    this.jsonLevels = [];
    this.csvLevels = [];
    for (let i = 0; i < this.n; i++) {
      const c = cols[i];
      this.keys.push(`${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
      this.kinds[i] = c.kind === 'label' ? LABEL : c.kind === 'number' ? NUMBER : c.kind === 'integer' ? INTEGER : VECTOR;
      this.sizes[i] = c.kind === 'vector' ? c.size : 1;
      this.jsonLevels.push(c.kind === 'label' ? c.domain.map((d) => JSON.stringify(d)) : []);
      this.csvLevels.push(c.kind === 'label' ? c.domain.map((d) => csvField(d)) : []);
    }
    this.csvHeader = layout.csvHeader();
  }

  json(out: Float64Array): string {
    const n = this.n;
    if (n === 0) return '{}';
    let s = '';
    for (let i = 0; i < n; i++) {
      const at = this.starts[i];
      const v = out[at];
      let value: string;
      switch (this.kinds[i]) {
        case LABEL:
          value = v === v ? (this.jsonLevels[i][v] ?? 'null') : 'null';
          break;
        case NUMBER:
          value = jsonNumberText(v);
          break;
        case INTEGER:
          value = v === v && v !== Infinity && v !== -Infinity ? String(v) : 'null';
          break;
        default: {
          if (v !== v) {
            value = 'null';
            break;
          }
          const size = this.sizes[i];
          value = '[';
          for (let j = 0; j < size; j++) value += (j === 0 ? '' : ',') + jsonNumberText(out[at + j]);
          value += ']';
        }
      }
      // One template a column: one string node where `s += key` and `s += value` made two.
      s = `${s}${this.keys[i]}${value}`;
    }
    return `${s}}`;
  }

  csv(out: Float64Array): string {
    let s = '';
    const n = this.n;
    for (let i = 0; i < n; i++) {
      const at = this.starts[i];
      const v = out[at];
      let cell: string;
      if (this.kinds[i] === LABEL) cell = v === v ? (this.csvLevels[i][v] ?? '') : '';
      else if (this.kinds[i] === VECTOR) {
        const size = this.sizes[i];
        cell = size > 0 ? csvNumber(v) : '';
        for (let j = 1; j < size; j++) cell = `${cell},${csvNumber(out[at + j])}`;
      } else cell = csvNumber(v);
      // One template a cell: one string node where `s += ','` and `s += cell` made two (~10% of a CSV row's writing).
      s = i === 0 ? cell : `${s},${cell}`;
    }
    return s;
  }
}

/** The reference form: RecordLayout's own record / csvCells. */
export class LayoutRowText implements RowText<Float64Array> {
  readonly csvHeader: readonly string[];

  constructor(private readonly layout: RecordLayout) {
    this.csvHeader = layout.csvHeader();
  }

  json(out: Float64Array): string {
    return JSON.stringify(this.layout.record(out));
  }

  csv(out: Float64Array): string {
    return csvLine(this.layout.csvCells(out));
  }
}

/** The original Java scorer's shape (java-cells.ts), as a JSON object of text cells or a CSV line. */
export class CompatRowText implements RowText<Float64Array> {
  readonly csvHeader: readonly string[];
  private readonly cells: JavaCells;
  private readonly keys: string[];
  private readonly row: (string | null)[] = [];

  constructor(layout: RecordLayout) {
    this.cells = javaCells(layout);
    this.csvHeader = this.cells.names;
    this.keys = this.cells.names.map((n, i) => `${i === 0 ? '{' : ','}${JSON.stringify(n)}:`);
  }

  json(out: Float64Array): string {
    const row = this.fill(out);
    if (row.length === 0) return '{}';
    let s = '';
    for (let i = 0; i < row.length; i++) s += this.keys[i] + (row[i] === null ? 'null' : JSON.stringify(row[i]));
    return `${s}}`;
  }

  csv(out: Float64Array): string {
    const row = this.fill(out);
    let s = '';
    for (let i = 0; i < row.length; i++) s += (i === 0 ? '' : ',') + csvField(row[i] ?? '');
    return s;
  }

  private fill(out: Float64Array): (string | null)[] {
    this.row.length = 0;
    this.cells.write(out, this.row);
    return this.row;
  }
}

const INDEX_LIKE = /^(0|[1-9]\d*)$/;

/**
 * The row text for a style. The fast form emits keys in column order, which is what
 * JSON.stringify of the record does unless a name repeats or looks like an array index
 * (JS objects put those first): such layouts use the layout form. `fast: false` forces it.
 */
export function rowText(layout: RecordLayout, style: OutputStyle, fast = true): RowText<Float64Array> {
  if (style === 'compat') return new CompatRowText(layout);
  const names = layout.names;
  const plain = new Set(names).size === names.length && !names.some((n) => INDEX_LIKE.test(n));
  return fast && plain ? new FastRowText(layout) : new LayoutRowText(layout);
}
