/**
 * The output record built by code generated once per layout: one store per column, each at its
 * own site, so every row takes the same object shape transitions (monomorphic stores) instead
 * of one store site seeing every column name (megamorphic). Column names come from the model
 * file, so they are passed in as arguments (values), never written into the source: the source
 * holds only validated indices. The stores are plain assignments in column order, exactly what
 * the interpreted loop does, so key order, index-like names and repeated names behave alike.
 */
import { indexLit, type OutputColumn } from '../../algos/index.ts';
import { type OutputRecord, setCell } from './record.ts';
import { jsonNumber } from './cells.ts';

export type RecordBuilder = (out: Float64Array) => OutputRecord;

/** Beyond this many columns the loop is used: the object is a dictionary by then anyway. */
export const MAX_COMPILED_COLUMNS = 256;

/** Renders a vector column (cell `i`), as RecordLayout.cell does. */
export type VectorCell = (i: number, out: Float64Array) => OutputRecord[string];

/**
 * A compiled record builder for these columns (slots starting at `starts`), or throws when code
 * generation fails; the caller decides whether code generation is allowed at all.
 */
export function compileRecordBuilder(columns: readonly OutputColumn[], starts: Int32Array, vectorCell: VectorCell): RecordBuilder {
  if (columns.length > MAX_COMPILED_COLUMNS) throw new Error('codegen: too many output columns');
  const params: string[] = ['J', 'V', 'S'];
  const args: unknown[] = [jsonNumber, vectorCell, setCell];
  let body = 'const o = {};\nlet v = 0;\n';
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    const k = `k${indexLit(i)}`;
    params.push(k);
    args.push(c.name);
    const at = `out[${indexLit(starts[i])}]`;
    switch (c.kind) {
      case 'label': {
        const d = `d${indexLit(i)}`;
        params.push(d);
        args.push(c.domain);
        body += `v = ${at};\n${store(c.name, k, `v === v ? (${d}[v] ?? null) : null`)}`;
        break;
      }
      case 'integer':
        body += `v = ${at};\n${store(c.name, k, 'v === v ? v : null')}`;
        break;
      case 'number':
        body += store(c.name, k, `J(${at})`);
        break;
      case 'vector':
        body += store(c.name, k, `V(${indexLit(i)}, out)`);
        break;
      default:
        throw new Error('codegen: unknown output column kind');
    }
  }
  body += 'return o;\n';
  const factory = new Function(...params, `return function record(out) {\n${body}};`) as (...a: unknown[]) => RecordBuilder;
  return factory(...args);
}

/** The statement storing `value` under the name in parameter `k`: setCell for `__proto__` (an assignment would set the prototype). */
function store(name: string, k: string, value: string): string {
  return name === '__proto__' ? `S(o, ${k}, ${value});\n` : `o[${k}] = ${value};\n`;
}
