import { describe, expect, test } from 'bun:test';
import { unzipSync, zipSync } from 'fflate';
import { decodeModelBytes, type Model } from '../../../../src/algos/index.ts';
import { javaParseInt } from '../../../../src/algos/common/encoding/index.ts';
import { ScorerError } from '../../../../src/errors.ts';
import { RowEncoder } from '../../../../src/scoring/row-encoder.ts';
import { CODE, COLOR, CSV_HEADER, ROWS, SIZE, dlEncoded, gbmEncoded, type Encoding } from './fixtures.ts';

/** Predictions of h2o-genmodel 3.47 (EasyPredictModelWrapper, unknown levels → NA) for ROWS. */
const JAVA: Record<string, readonly number[]> = {
  gbm_OneHotExplicit: [
    0.9599999990314245, 1.0600000079721212, 1.5700000077486038, 1.5600000079721212, 2.5599999632686377, 0.8799999970942736,
    0.9799999985843897, 1.760000018402934, 1.5800000075250864, 2.05999999307096,
  ],
  gbm_Binary: [
    1.0810000019846484, 0.9709999951301143, 1.0909999924479052, 1.102000012760982, 0.9619999972637743, 1.0820000094827265,
    1.1909999864874408, 0.7709999996004626, 1.102000012760982, 0.6609999927459285,
  ],
  gbm_Eigen: [
    2.2500000186264515, 0.8000000007450581, 1.950000036507845, 1.750000026077032, 1.650000024586916, 1.1000000052154064, 2.150000024586916,
    1.750000026077032, 1.750000026077032, 1.650000024586916,
  ],
  gbm_LabelEncoder: [
    1.7200000025331974, 1.3700000084936619, 1.5800000168383121, 0.9199999906122684, 1.6200000010430813, 1.6200000010430813,
    1.9200000129640102, 1.8200000040233135, 1.7200000025331974, 1.2800000049173832,
  ],
  gbm_EnumLimited: [
    1.0600000005215406, 0.9799999985843897, 1.0800000000745058, 0.9799999985843897, 0.8799999970942736, 0.8599999975413084,
    1.1600000020116568, 1.0600000005215406, 0.9599999990314245, 0.8799999970942736,
  ],
  dl_Binary: [
    0.8574517701334453, 0.8384701283100635, 1.0053853402782291, 0.8622482908486646, 0.8498169873892855, -0.26163402940836034,
    0.8857985330456358, 0.8831361349570409, 0.5763555019301204, 0.8552460353024897,
  ],
  dl_Eigen: [
    0.4045362129339775, 1.5005013241184106, 0.2179538032033671, 1.5657774171616103, 1.5418027396179954, 2.143342256159111,
    -0.5051165998871046, 0.48250763767254656, 0.5763555019301204, 1.2319497314924113,
  ],
  dl_LabelEncoder: [
    1.041929574038841, 1.5359796730624664, -0.8804009298173774, 0.5788983762618479, 1.8281789767297418, 1.4189739265407055,
    0.11695761563174989, -0.1148687960765914, 0.5763555019301204, 1.6948911762023369,
  ],
};

function scoreRows(m: Model): number[] {
  const enc = new RowEncoder(m);
  const slots = enc.slotsFor([...CSV_HEADER]);
  const raw = new Float64Array(enc.width);
  const out = new Float64Array(m.outWidth);
  return ROWS.map((r, i) => {
    const off = enc.encodeCells(r, slots, [...CSV_HEADER], raw, false, i);
    m.score(raw, out, off);
    return out[0];
  });
}

const GBM: Encoding[] = ['OneHotExplicit', 'Binary', 'Eigen', 'LabelEncoder', 'EnumLimited'];

describe('GBM with a non-AUTO categorical_encoding scores original columns like h2o-genmodel', () => {
  for (const e of GBM) {
    test(e, () => {
      const m = decodeModelBytes(gbmEncoded(e));
      expect(m.inputs.map((c) => c.name)).toEqual(['color', 'x', 'size', 'code']);
      expect(m.inputs.find((c) => c.name === 'color')!.domain).toEqual([...COLOR]);
      expect(m.inputs.find((c) => c.name === 'size')!.domain).toEqual([...SIZE]);
      expect(m.inputs.find((c) => c.name === 'code')!.domain).toEqual([...CODE]);
      expect(scoreRows(m)).toEqual([...JAVA[`gbm_${e}`]]);
    });
  }
  test('contributions and leaf assignments are over the encoded columns (Binary)', () => {
    const m = decodeModelBytes(gbmEncoded('Binary'));
    expect(m.explanations.contributions!.names).toEqual([
      'x',
      'color:0',
      'color:1',
      'size:0',
      'size:1',
      'code:0',
      'code:1',
      'code:2',
      'BiasTerm',
    ]);
    const enc = new RowEncoder(m);
    const slots = enc.slotsFor([...CSV_HEADER]);
    const raw = new Float64Array(enc.width);
    enc.encodeCells(ROWS[0], slots, [...CSV_HEADER], raw, false);
    expect(m.explanations.contributions!.compute(raw, 0)).toEqual([
      0.05000000074505806, 0.049500010907649994, -0.0494999885559082, -0.04500000923871994, 0.04499998688697815, 0, 0,
      -0.0005000000237487257, 1.031499981880188,
    ]);
    enc.encodeCells(ROWS[1], slots, [...CSV_HEADER], raw, false);
    expect(m.explanations.contributions!.compute(raw, 0)).toEqual([
      -0.05000000074505806, -0.15950000286102295, 0.049500007182359695, 0.14500001072883606, -0.04500000923871994, 0, 0,
      -0.0005000000237487257, 1.031499981880188,
    ]);
  });
  test('an unseen level is the NA level, an absent cell leaves the block missing (one-hot)', () => {
    const j = JAVA.gbm_OneHotExplicit;
    // row 4 (purple/XL/+7: all unseen) and row 8 (all absent) differ, as in the reference
    expect(j[4]).not.toBe(j[8]);
  });
});

describe('deep learning with a non-AUTO categorical_encoding', () => {
  for (const e of ['Binary', 'Eigen', 'LabelEncoder'] as const) {
    test(e, () => {
      const m = decodeModelBytes(dlEncoded(e));
      expect(scoreRows(m)).toEqual([...JAVA[`dl_${e}`]]);
    });
  }
  test('OneHotExplicit / EnumLimited have no wrapper mapping in h2o-genmodel: refused', () => {
    for (const name of ['OneHotExplicit', 'EnumLimited']) {
      // same artifact, encoding renamed
      const files = unzipSync(dlEncoded('Binary'));
      const ini = new TextDecoder().decode(files['model.ini']).replace('_genmodel_encoding = Binary', `_genmodel_encoding = ${name}`);
      let err: unknown;
      try {
        decodeModelBytes(zipSync({ ...files, 'model.ini': new TextEncoder().encode(ini) }));
      } catch (x) {
        err = x;
      }
      expect(err).toBeInstanceOf(ScorerError);
      expect((err as ScorerError).code).toBe('UNSUPPORTED_ALGORITHM');
    }
  });
});

test('javaParseInt follows Integer.parseInt', () => {
  expect(javaParseInt('10')).toBe(10);
  expect(javaParseInt('+7')).toBe(7);
  expect(javaParseInt('-3')).toBe(-3);
  expect(javaParseInt('007')).toBe(7);
  expect(javaParseInt('abc')).toBeUndefined();
  expect(javaParseInt('1.5')).toBeUndefined();
  expect(javaParseInt(' 1')).toBeUndefined();
  expect(javaParseInt('2147483648')).toBeUndefined();
});
