/**
 * Writes tiny MOJOs for the dense-model readers (deep learning, k-means, PCA, GLRM, SVM,
 * Word2Vec): an [info] section, columns, domains and extra entries, zipped with fflate.
 */
import { zipSync } from 'fflate';

export type InfoValue = string | number | boolean | null | readonly number[];

export interface DenseMojo {
  info: Record<string, InfoValue>;
  columns: readonly string[];
  /** Column index → levels. */
  domains?: Record<number, readonly string[]>;
  /** Extra entries (name → text or bytes). */
  files?: Record<string, string | Uint8Array>;
}

function render(v: InfoValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => String(x)).join(', ')}]`;
  return String(v);
}

export function writeDenseMojo(m: DenseMojo): Uint8Array {
  const enc = new TextEncoder();
  const doms = Object.entries(m.domains ?? {});
  let ini = '[info]\n';
  for (const [k, v] of Object.entries(m.info)) ini += `${k} = ${render(v)}\n`;
  ini += `n_columns = ${m.columns.length}\nn_domains = ${doms.length}\n\n[columns]\n`;
  for (const c of m.columns) ini += `${c}\n`;
  ini += '\n[domains]\n';
  const files: Record<string, Uint8Array> = {};
  doms.forEach(([idx, levels], i) => {
    const name = `d${String(i).padStart(3, '0')}.txt`;
    ini += `${idx}: ${levels.length} ${name}\n`;
    files[`domains/${name}`] = enc.encode(`${levels.join('\n')}\n`);
  });
  files['model.ini'] = enc.encode(ini);
  for (const [k, v] of Object.entries(m.files ?? {})) files[k] = typeof v === 'string' ? enc.encode(v) : v;
  return zipSync(files, { mtime: new Date('2020-01-01T00:00:00Z') });
}

/** The common [info] header keys. */
export function baseInfo(algo: string, algorithm: string, category: string, extra: Record<string, InfoValue>): Record<string, InfoValue> {
  return {
    h2o_version: '3.40.0.1',
    mojo_version: '1.00',
    algo,
    algorithm,
    category,
    uuid: '1',
    default_threshold: 0.5,
    balance_classes: false,
    prior_class_distrib: null,
    model_class_distrib: null,
    ...extra,
  };
}
