/**
 * Standard input/output column layouts, named exactly as h2o-genmodel's getOutputNames().
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { MojoFormatError } from '../../errors.ts';
import type { InputColumn, OutputColumn } from '../model.ts';

/** The first `nfeatures` columns with their domains: the raw row every standard model reads. */
export function featureInputs(h: MojoHeader): InputColumn[] {
  const out: InputColumn[] = [];
  for (let i = 0; i < h.nfeatures; i++) out.push({ name: h.columns[i], domain: h.domains[i] });
  return out;
}

/** Response levels of a classifier (the last column's domain). */
export function responseDomain(h: MojoHeader): readonly string[] {
  const d = h.domains[h.columns.length - 1];
  if (d == null) throw new MojoFormatError(`${h.algo} ${h.category} model has no response domain`);
  return d;
}

const INTEGER_LABEL = /^[+-]?\d+$/;

/** Class probability column name: integer labels become p0, p1, … (as h2o does). */
export function classColumnName(level: string): string {
  // h2o tests Integer.valueOf(level): an int32 without spaces.
  if (INTEGER_LABEL.test(level)) {
    const n = Number(level);
    if (n >= -2147483648 && n <= 2147483647) return `p${level}`;
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
