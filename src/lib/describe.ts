/**
 * What a loaded MOJO is: algorithm, category, versions, the `[info]` metadata of model.ini,
 * inputs (types and levels), outputs, the explanations it offers, and — when the MOJO carries
 * `experimental/modelDetails.json` — its variable importances.
 */
import { type Model, unverifiedOperations } from '../algos/index.ts';
import { type MojoSource, parseIni } from '../mojo/index.ts';

export interface InputDescription {
  name: string;
  type: 'numeric' | 'categorical';
  /** Levels of a categorical input. */
  levels?: readonly string[];
  /** The type the model file declares (MOJO2 pipelines: float32, int64, str, …). */
  valueType?: string;
}

export interface OutputDescription {
  name: string;
  type: 'label' | 'number' | 'integer' | 'vector';
  /** Width of a vector output. */
  size?: number;
  /** Levels of a label output. */
  levels?: readonly string[];
}

export interface VariableImportance {
  variable: string;
  relativeImportance: number;
  scaledImportance: number;
  percentage: number;
}

export interface ModelDescription {
  /** Short algorithm key, e.g. "gbm". */
  algorithm: string;
  /** Long name, e.g. "Gradient Boosting Machine". */
  algorithmName: string;
  category: string;
  h2oVersion: string;
  mojoVersion: string;
  uuid: string;
  response: string | null;
  offsetColumn: string | null;
  nclasses: number;
  defaultThreshold?: number;
  inputs: InputDescription[];
  outputs: OutputDescription[];
  /** Explanation outputs `score(row, { output })` accepts: 'contributions', 'leaf', … */
  explanations: string[];
  /** Every `[info]` entry of model.ini, as written. */
  metadata: Record<string, string>;
  /** From experimental/modelDetails.json when present, most important first. */
  variableImportances?: VariableImportance[];
  /** MOJO2 pipelines scored with operations no published value verifies (opted in with MOJO_ALLOW_UNVERIFIED). */
  unverified?: readonly string[];
}

/** Describes a model loaded from `source`. */
export function describeModel(model: Model, source: MojoSource): ModelDescription {
  const h = model.header;
  const explanations = Object.keys(model.explanations);
  const importances = variableImportances(source);
  return {
    algorithm: h.algo,
    algorithmName: h.algorithmName,
    category: h.category,
    h2oVersion: h.h2oVersion,
    mojoVersion: h.mojoVersion.toFixed(2),
    uuid: h.uuid,
    response: h.responseColumn,
    offsetColumn: h.offsetColumn,
    nclasses: h.nclasses,
    ...(h.category === 'Binomial' ? { defaultThreshold: h.defaultThreshold } : {}),
    inputs: model.inputs.map((c) => ({
      ...(c.domain === null
        ? { name: c.name, type: 'numeric' as const }
        : { name: c.name, type: 'categorical' as const, levels: c.domain }),
      ...(c.valueType === undefined ? {} : { valueType: c.valueType }),
    })),
    outputs: model.outputs.map((c) =>
      c.kind === 'vector'
        ? { name: c.name, type: 'vector', size: c.size }
        : c.kind === 'label'
          ? { name: c.name, type: 'label', levels: c.domain }
          : { name: c.name, type: c.kind },
    ),
    explanations,
    // A Driverless AI pipeline.mojo has no model.ini: its header is all there is.
    metadata: source.has('model.ini')
      ? Object.fromEntries(parseIni(source.text('model.ini'), `${source.origin}: model.ini`).info)
      : { uuid: h.uuid },
    ...(importances === undefined ? {} : { variableImportances: importances }),
    ...(unverifiedOperations(model).length > 0 ? { unverified: unverifiedOperations(model) } : {}),
  };
}

const DETAILS = 'experimental/modelDetails.json';

/**
 * The "Variable Importances" table of modelDetails.json (an H2O TwoDimTable: `data` holds one
 * array per column). It is informational, so a malformed table is left out rather than fatal.
 */
function variableImportances(source: MojoSource): VariableImportance[] | undefined {
  if (!source.has(DETAILS)) return undefined;
  let table: unknown;
  try {
    table = (JSON.parse(source.text(DETAILS)) as { output?: { variable_importances?: unknown } }).output?.variable_importances;
  } catch {
    return undefined;
  }
  const t = table as { columns?: { name?: unknown }[]; data?: unknown[][] } | null | undefined;
  if (!t || !Array.isArray(t.columns) || !Array.isArray(t.data)) return undefined;
  const col = (name: string): unknown[] | undefined => {
    const i = t.columns!.findIndex((c) => c?.name === name);
    return i >= 0 && Array.isArray(t.data![i]) ? t.data![i] : undefined;
  };
  const names = col('variable');
  const rel = col('relative_importance');
  const scaled = col('scaled_importance');
  const pct = col('percentage');
  if (!names || !rel || !scaled || !pct) return undefined;
  const out: VariableImportance[] = [];
  for (let i = 0; i < names.length; i++) {
    const [v, r, s, p] = [names[i], rel[i], scaled[i], pct[i]];
    if (typeof v !== 'string' || typeof r !== 'number' || typeof s !== 'number' || typeof p !== 'number') return undefined;
    out.push({ variable: v, relativeImportance: r, scaledImportance: s, percentage: p });
  }
  return out;
}
