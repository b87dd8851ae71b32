/**
 * Compares one output record of ours with one reference row (expected*.jsonl), mapping the
 * reference's prediction fields onto our column names (meta.json reference.output_names).
 * Returns a description of the first mismatch, or null.
 */
import { close } from './tolerance.ts';

type Rec = Record<string, unknown>;

export type Mode = 'predict' | 'contrib' | 'leaf' | 'klime' | 'glrm_reconstruct';

export function checkRow(mode: Mode, e: Rec, a: Rec, names: readonly string[]): string | null {
  if ('error' in e) return 'error' in a ? null : 'reference errors on this row, we returned numbers';
  if ('error' in a) return `we errored: ${String(a.error).slice(0, 160)}`;
  const values = Object.entries(a).filter(([k]) => k !== 'row');
  if (mode === 'contrib') {
    const exp = (e.contributions ?? []) as unknown[];
    if (values.length !== exp.length) return `${values.length} contribution columns, expected ${exp.length}`;
    const scale = Math.max(...exp.map((x) => Math.abs(Number(x))), 1e-300);
    for (let j = 0; j < exp.length; j++)
      if (!close(values[j][1], exp[j], 1e-6, 1e-6 * scale)) return `contribution ${values[j][0]}: ${values[j][1]} vs ${exp[j]}`;
    return null;
  }
  if (mode === 'leaf') {
    const exp = (e.leafNodeAssignments ?? []) as string[];
    const got = values.map(([, v]) => v);
    if (got.length !== exp.length) return `${got.length} leaf columns, expected ${exp.length}`;
    for (let j = 0; j < exp.length; j++) if (got[j] !== exp[j]) return `leaf ${values[j][0]}: ${got[j]} vs ${exp[j]}`;
    return null;
  }
  if (mode === 'klime') {
    const exp = (e.reasonCodes ?? []) as unknown[];
    const nums = values.map(([, v]) => v);
    // klime extra: predict, cluster, then one reason code per input column
    if (!close(a.predict ?? nums[0], e.value)) return `klime value ${nums[0]} vs ${e.value}`;
    const codes = nums.slice(nums.length - exp.length);
    for (let j = 0; j < exp.length; j++) if (!close(codes[j], exp[j])) return `reason code ${j}: ${codes[j]} vs ${exp[j]}`;
    return null;
  }
  if (mode === 'glrm_reconstruct') {
    const exp = (e.reconstructed ?? []) as unknown[];
    if (values.length !== exp.length) return `${values.length} reconstructed columns, expected ${exp.length}`;
    for (let j = 0; j < exp.length; j++) if (!close(values[j][1], exp[j])) return `${values[j][0]}: ${values[j][1]} vs ${exp[j]}`;
    return null;
  }
  if ('classProbabilities' in e) {
    if (String(a.predict) !== String(e.label)) return `predict ${JSON.stringify(a.predict)} vs label ${JSON.stringify(e.label)}`;
    const probs = e.classProbabilities as unknown[];
    for (let j = 0; j < probs.length; j++) {
      const key = names[j + 1];
      if (!(key in a)) return `missing class column ${key}`;
      if (!close(a[key], probs[j])) return `${key}: ${a[key]} vs ${probs[j]}`;
    }
    const cal = (e.calibratedClassProbabilities ?? []) as unknown[];
    for (let j = 0; j < cal.length; j++) {
      const key = `cal_${names[j + 1]}`;
      if (!(key in a)) return `missing ${key}`;
      if (!close(a[key], cal[j])) return `${key}: ${a[key]} vs ${cal[j]}`;
    }
    return null;
  }
  if ('value' in e) return close(a[names[0]], e.value) ? null : `${names[0]} ${a[names[0]]} vs ${e.value}`;
  if ('cluster' in e) return a[names[0]] === e.cluster ? null : `cluster ${a[names[0]]} vs ${e.cluster}`;
  if ('normalizedScore' in e) {
    if (!close(a[names[0]], e.normalizedScore)) return `${names[0]} ${a[names[0]]} vs ${e.normalizedScore}`;
    if (!close(a.mean_length, e.score)) return `mean_length ${a.mean_length} vs ${e.score}`;
    return null;
  }
  if ('reconstructed' in e) {
    const exp = e.reconstructed as unknown[];
    for (let j = 0; j < exp.length; j++) if (!close(a[names[j]], exp[j])) return `${names[j]}: ${a[names[j]]} vs ${exp[j]}`;
    return null;
  }
  if ('dimensions' in e) {
    const exp = e.dimensions as unknown[];
    if (names.length < exp.length) return `${names.length} dimension columns vs ${exp.length}`;
    for (let j = 0; j < exp.length; j++) if (!close(a[names[j]], exp[j])) return `${names[j]}: ${a[names[j]]} vs ${exp[j]}`;
    return null;
  }
  if ('wordEmbeddings' in e) {
    for (const [w, vec] of Object.entries(e.wordEmbeddings as Rec)) {
      const got = a[w];
      if (vec === null) {
        if (!(got === null || got === undefined)) return `${w}: expected null`;
        continue;
      }
      const v = vec as unknown[];
      if (!Array.isArray(got) || got.length !== v.length) return `${w}: vector missing or wrong length`;
      for (let j = 0; j < v.length; j++) if (!close(got[j], v[j], 1e-6, 1e-7)) return `${w}[${j}]: ${got[j]} vs ${v[j]}`;
    }
    return null;
  }
  return `unknown reference shape ${Object.keys(e).slice(0, 4).join(',')}`;
}
