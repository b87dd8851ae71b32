/**
 * Target Encoder MOJO reader (`algo = targetencoder`, category TargetEncoder, mojo_version
 * 1.00). model.ini: `with_blending`, `inflection_point`, `smoothing` (with blending); the
 * encodings live in text files (files.ts). Outputs are the encoded columns, named as the
 * reference names them in `input_output_columns_map.ini` (`<column>_te`; multiclass
 * `<column>_<class>_te`). MOJOs without the mapping files (older h2o) encode every column of
 * the encoding map, in the reference's HashMap order, under those default names.
 */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { featureInputs } from '../common/index.ts';
import { compileEncoding, type Blending } from './column-encoding.ts';
import { parseColumnsMapping, parseEncodingMap, parseHasNAs, teFile, type ColumnsMapping } from './files.ts';
import { javaHashMapOrder, javaStringHash } from './java-hash.ts';
import { TargetEncoderModel, type EncodedGroup } from './model.ts';

const LONG = /^[+-]?\d+$/;

function defaultNames(col: string, width: number): string[] {
  if (width === 1) return [`${col}_te`];
  return Array.from({ length: width }, (_, i) => `${col}_${i + 1}_te`);
}

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = ctx.source.origin;
  if (!info.has('with_blending')) throw new MojoFormatError(`${origin}: model.ini has no 'with_blending'`);
  const blending: Blending | null = info.bool('with_blending')
    ? { inflectionPoint: info.num('inflection_point'), smoothing: info.num('smoothing') }
    : null;
  const mapText = teFile(ctx.source, 'encoding_map.ini');
  if (mapText === null) throw new MojoFormatError(`${origin}: the target encoder has no encoding map`);
  const raws = parseEncodingMap(mapText, `${origin}: encoding_map.ini`);
  const byColumn = new Map(raws.map((r) => [r.column, r]));
  const naText = teFile(ctx.source, 'te_column_name_to_missing_values_presence.ini');
  const hasNAs = naText === null ? new Map<string, boolean>() : parseHasNAs(naText, `${origin}: NA presence map`);
  const inencText = teFile(ctx.source, 'input_encoding_columns_map.ini');
  const inoutText = teFile(ctx.source, 'input_output_columns_map.ini');
  let inenc: ColumnsMapping[] = inencText === null ? [] : parseColumnsMapping(inencText, `${origin}: input_encoding_columns_map.ini`);
  let inout: ColumnsMapping[] = inoutText === null ? [] : parseColumnsMapping(inoutText, `${origin}: input_output_columns_map.ini`);
  const width = h.nclasses > 1 ? h.nclasses - 1 : 1;
  if (inenc.length === 0 && inout.length === 0) {
    const cols = [...byColumn.keys()];
    const order = javaHashMapOrder(cols.map(javaStringHash)).map((i) => cols[i]);
    inenc = order.map((c) => ({ from: [c], to: [c], toDomain: null }));
    inout = order.map((c) => ({ from: [c], to: defaultNames(c, width), toDomain: null }));
  }

  const inputs = featureInputs(h);
  const index = new Map<string, number>();
  for (let i = 0; i < inputs.length; i++) index.set(inputs[i].name, i);
  const groups: EncodedGroup[] = [];
  inenc.forEach((m, g) => {
    const to = m.to[0];
    const raw = to === undefined ? undefined : byColumn.get(to);
    if (raw === undefined) throw new MojoFormatError(`${origin}: no encoding map for '${to}'`);
    if (m.from.length === 0) throw new MojoFormatError(`${origin}: encoded column '${to}' has no input column`);
    const cols = m.from.map((f) => {
      const i = index.get(f);
      if (i === undefined) throw new MojoFormatError(`${origin}: encoded column '${to}' reads '${f}', which is not an input`);
      return i;
    });
    let codes: Float64Array | null = null;
    const cards = new Int32Array(cols.length);
    if (cols.length > 1) {
      cols.forEach((i, k) => {
        const d = inputs[i].domain;
        if (d === null) throw new MojoFormatError(`${origin}: interaction '${to}' uses numeric column '${inputs[i].name}'`);
        cards[k] = d.length;
      });
      if (m.toDomain === null || !m.toDomain.every((s) => LONG.test(s)))
        throw new MojoFormatError(`${origin}: interaction '${to}' has no numeric [to_domain]`);
      codes = Float64Array.from(m.toDomain.map(Number));
    }
    const enc = compileEncoding(raw, h.nclasses, blending, hasNAs.get(to), `${origin}: encoding_map.ini`);
    const outputNames = inout[g]?.to.length === enc.width ? inout[g].to : defaultNames(to, enc.width);
    groups.push({ name: to, cols: Int32Array.from(cols), cards, codes, enc, outputNames });
  });
  return new TargetEncoderModel(h, inputs, groups);
}

export const targetEncoderReader: AlgorithmReader = { algos: ['targetencoder'], maxMojoVersion: 1.0, read };
export { TargetEncoderModel } from './model.ts';
export { javaHashMapOrder, javaStringHash } from './java-hash.ts';
