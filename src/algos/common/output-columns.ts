/**
 * Standard input/output column layouts, named exactly as h2o-genmodel's getOutputNames().
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { MojoFormatError } from '../../errors.ts';
import type { InputColumn, OutputColumn } from '../model.ts';
import { isInt32 } from './java-int.ts';

/** The first `nfeatures` columns with their domains: the raw row every standard model reads. */
export function featureInputs(h: MojoHeader): InputColumn[] {
  const out: InputColumn[] = [];
  for (let i = 0; i < h.nfeatures; i++) out.push({ name: h.columns[i], domain: h.domains[i] });
  return out;
}

/** The response's levels (the last column's domain), or null when that column is numeric. */
export function responseLevels(h: MojoHeader): readonly string[] | null {
  return h.columns.length > 0 ? (h.domains[h.columns.length - 1] ?? null) : null;
}

/** Response levels of a classifier; a format error when the response has none. */
export function responseDomain(h: MojoHeader): readonly string[] {
  const d = responseLevels(h);
  if (d === null) throw new MojoFormatError(`${h.algo} ${h.category} model has no response domain`);
  return d;
}

/** The labels h2o gives a two-class model whose response has no domain (quasibinomial and the like). */
export const NUMERIC_BINOMIAL_LEVELS: readonly string[] = ['0', '1'];

/** predict over the "0"/"1" labels plus the two probability columns `names` (each model family names them its own way). */
export function numericBinomialOutputs(names: readonly [string, string]): OutputColumn[] {
  return [
    { name: 'predict', kind: 'label', domain: NUMERIC_BINOMIAL_LEVELS },
    { name: names[0], kind: 'number' },
    { name: names[1], kind: 'number' },
  ];
}

const INTEGER_LABEL = /^[+-]?\d+$/;

/** Class probability column name: integer labels become p0, p1, … (as h2o does). */
export function classColumnName(level: string): string {
  // h2o tests Integer.valueOf(level): an int32 without spaces.
  if (INTEGER_LABEL.test(level)) {
    if (isInt32(Number(level))) return `p${level}`;
  }
  return level;
}

/** predict (label) + one probability column per class, in domain order. Slots: 1 + nclasses. */
export function classifierOutputs(h: MojoHeader): OutputColumn[] {
  const dom = responseDomain(h);
  const cols: OutputColumn[] = [{ name: 'predict', kind: 'label', domain: dom }];
  for (const level of dom) cols.push({ name: classColumnName(level), kind: 'number' });
  return cols;
}

/** Calibrated classifiers append `cal_<class column>` columns. */
export function calibratedOutputs(h: MojoHeader): OutputColumn[] {
  return responseDomain(h).map((level) => ({ name: `cal_${classColumnName(level)}`, kind: 'number' as const }));
}

export function regressionOutputs(): OutputColumn[] {
  return [{ name: 'predict', kind: 'number' }];
}

export { slotWidth } from '../model.ts';
