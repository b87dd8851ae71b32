/**
 * The MojoHeader of a MOJO2 pipeline: what the server, the model page and `inspect` read from
 * every model. DAI pipelines carry no model.ini; the category and response come from the
 * pipeline's problem description (Pipeline field 17) or, in older files, from the output names.
 */
import { type ModelCategory, ModelInfo, type MojoHeader } from '../../mojo/index.ts';
import type { ColumnSpec } from './frame.ts';

/** The `algo` every MOJO2 model reports. */
export const MOJO2_ALGO = 'mojo2';

export interface ProblemFacts {
  readonly target: string | null;
  readonly labels: readonly string[];
  readonly regression: boolean | null;
}

/** `<target>.<label>` outputs → the target, when every output shares it. */
function commonTarget(outputs: readonly ColumnSpec[]): string | null {
  if (outputs.length < 2) return null;
  const dot = outputs[0].name.lastIndexOf('.');
  if (dot <= 0) return null;
  const t = outputs[0].name.slice(0, dot);
  return outputs.every((o) => o.name.startsWith(`${t}.`)) ? t : null;
}

export function mojo2Header(
  features: readonly ColumnSpec[],
  outputs: readonly ColumnSpec[],
  problem: ProblemFacts,
  uuid: string,
  daiVersion: string,
  container: string,
): MojoHeader {
  const target = problem.target ?? commonTarget(outputs) ?? (outputs.length === 1 ? outputs[0].name : null);
  const classes =
    problem.labels.length > 0
      ? problem.labels.length
      : problem.regression === true
        ? 0
        : commonTarget(outputs) !== null
          ? outputs.length
          : 0;
  const category: ModelCategory = classes > 2 ? 'Multinomial' : classes === 2 ? 'Binomial' : 'Regression';
  const columns = features.map((c) => c.name);
  if (target !== null) columns.push(target);
  const info = new Map<string, string>([
    ['algo', MOJO2_ALGO],
    ['algorithm', 'Driverless AI MOJO2 pipeline'],
    ['container', container],
  ]);
  return {
    algo: MOJO2_ALGO,
    algorithmName: 'Driverless AI MOJO2 pipeline',
    category,
    mojoVersion: 2,
    h2oVersion: daiVersion === '' ? 'unknown' : `Driverless AI ${daiVersion}`,
    uuid,
    supervised: target !== null,
    nfeatures: features.length,
    nclasses: classes,
    columns,
    domains: columns.map(() => null),
    responseColumn: target,
    offsetColumn: null,
    treatmentColumn: null,
    defaultThreshold: 0.5,
    balanceClasses: false,
    priorClassDistrib: undefined,
    modelClassDistrib: undefined,
    info: new ModelInfo(info, 'pipeline.mojo'),
  };
}
