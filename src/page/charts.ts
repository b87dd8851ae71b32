/** Bar charts as plain HTML (one row per bar), so they scale with the page and need no library. */
import { el } from './dom.ts';

export interface Bar {
  label: string;
  value: number;
  /** Highlight this bar (the predicted class, the assigned cluster). */
  strong?: boolean;
}

/** Bars from 0 to `max` (probabilities: max 1). */
export function barChart(bars: readonly Bar[], max: number, format: (v: number) => string): HTMLElement {
  const chart = el('div', { class: 'chart' });
  for (const b of bars) {
    const pct = max > 0 && Number.isFinite(b.value) ? Math.max(0, Math.min(100, (100 * b.value) / max)) : 0;
    chart.append(
      el('div', { class: b.strong ? 'row strong' : 'row' }, [
        el('span', { class: 'label', title: b.label }, [b.label]),
        el('span', { class: 'track' }, [el('span', { class: 'bar', style: `width:${pct.toFixed(2)}%` })]),
        el('span', { class: 'value' }, [format(b.value)]),
      ]),
    );
  }
  return chart;
}

/** Signed bars around a centre line (contributions, vector components), largest magnitude first when `sort`. */
export function signedChart(bars: readonly Bar[], format: (v: number) => string, sort: boolean): HTMLElement {
  const list = sort ? [...bars].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)) : bars;
  let max = 0;
  for (const b of list) if (Number.isFinite(b.value)) max = Math.max(max, Math.abs(b.value));
  const chart = el('div', { class: 'chart signed' });
  for (const b of list) {
    const half = max > 0 && Number.isFinite(b.value) ? (50 * Math.abs(b.value)) / max : 0;
    const style = b.value < 0 ? `right:50%;width:${half.toFixed(2)}%` : `left:50%;width:${half.toFixed(2)}%`;
    chart.append(
      el('div', { class: 'row' }, [
        el('span', { class: 'label', title: b.label }, [b.label]),
        el('span', { class: 'track' }, [el('span', { class: b.value < 0 ? 'bar neg' : 'bar pos', style })]),
        el('span', { class: 'value' }, [format(b.value)]),
      ]),
    );
  }
  return chart;
}

/** A single value on a number line from a rounded lower to a rounded upper bound. */
export function scale(value: number, format: (v: number) => string): HTMLElement {
  const span = Math.abs(value) > 0 ? 10 ** Math.ceil(Math.log10(Math.abs(value) * 1.25)) : 1;
  const lo = value < 0 ? -span : 0;
  const hi = value < 0 ? 0 : span;
  const pct = Number.isFinite(value) ? (100 * (value - lo)) / (hi - lo) : 0;
  return el('div', { class: 'scale' }, [
    el('div', { class: 'big' }, [format(value)]),
    el('div', { class: 'line' }, [el('span', { class: 'marker', style: `left:${pct.toFixed(2)}%` })]),
    el('div', { class: 'ends' }, [el('span', {}, [format(lo)]), el('span', {}, [format(hi)])]),
  ]);
}
