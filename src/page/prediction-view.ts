/** A scored row as a picture that fits the model's category. */
import type { ModelDescription, OutputRecord } from '../lib/index.ts';
import { barChart, scale, signedChart } from './charts.ts';
import { el, fmt } from './dom.ts';

function num(v: unknown): number {
  return typeof v === 'number' ? v : v === null ? NaN : Number(v);
}

/** Class probabilities as bars, a value on its scale, a cluster, an anomaly score, a vector. */
export function predictionView(d: ModelDescription, rec: OutputRecord): HTMLElement {
  const box = el('div', { id: 'prediction' });
  const first = d.outputs[0];
  if (first?.type === 'label' && first.levels !== undefined) {
    const label = rec[first.name];
    box.append(el('p', { class: 'big' }, [`${first.name}: ${String(label)}`]));
    const bars = first.levels.map((level, i) => {
      const out = d.outputs[i + 1];
      return { label: level, value: out === undefined ? NaN : num(rec[out.name]), strong: level === label };
    });
    box.append(barChart(bars, 1, fmt));
    return box;
  }
  if (d.category === 'Clustering') {
    box.append(el('p', { class: 'big' }, [`cluster ${String(rec[first.name])}`]));
    const rest = d.outputs.slice(1).map((o) => ({ label: o.name, value: num(rec[o.name]) }));
    if (rest.length > 0) box.append(barChart(rest, Math.max(...rest.map((b) => b.value)), fmt));
    return box;
  }
  if (d.category === 'AnomalyDetection') {
    const score = num(rec[first.name]);
    box.append(el('p', { class: 'big' }, [`anomaly score ${fmt(score)}`]));
    box.append(barChart([{ label: first.name, value: score, strong: true }], 1, fmt));
    for (const o of d.outputs.slice(1)) box.append(el('p', {}, [`${o.name}: ${fmt(num(rec[o.name]))}`]));
    return box;
  }
  const vectors = d.outputs.filter((o) => o.type === 'vector');
  if (d.outputs.length === 1 && first.type === 'number') {
    box.append(scale(num(rec[first.name]), fmt));
    return box;
  }
  if (vectors.length > 0) {
    for (const o of vectors) {
      const v = rec[o.name];
      box.append(el('h3', {}, [o.name]));
      if (!Array.isArray(v)) box.append(el('p', {}, ['(no vector: unknown word or missing)']));
      else
        box.append(
          signedChart(
            v.map((x, i) => ({ label: String(i), value: num(x) })),
            fmt,
            false,
          ),
        );
    }
    return box;
  }
  const bars = d.outputs.map((o) => ({ label: o.name, value: num(rec[o.name]) }));
  box.append(signedChart(bars, fmt, false));
  return box;
}

/** Contributions as a sorted bar chart, one bar per feature; the bias term is written below it. */
export function contributionsView(rec: OutputRecord): HTMLElement {
  const bars: { label: string; value: number }[] = [];
  let bias = NaN;
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'BiasTerm') bias = num(v);
    else bars.push({ label: k, value: num(v) });
  }
  return el('div', { id: 'contributions' }, [
    el('h3', {}, ['Contributions (SHAP, link scale)']),
    signedChart(bars, fmt, true),
    el('p', { class: 'bias' }, [`bias term ${fmt(bias)}`]),
  ]);
}
