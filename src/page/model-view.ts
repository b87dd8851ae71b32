/** The "what is this model" part of the page: summary, metadata, inputs (with importances). */
import type { ModelDescription } from '../lib/index.ts';
import { barChart } from './charts.ts';
import { el, fmt } from './dom.ts';

/** [info] keys shown in the summary; everything else goes under "All metadata". */
const SUMMARY_KEYS = ['n_features', 'n_classes', 'n_columns', 'balance_classes', 'supervised'];
const LEVELS_SHOWN = 20;

function keyValues(pairs: [string, string][]): HTMLElement {
  const dl = el('dl', { class: 'kv' });
  for (const [k, v] of pairs) dl.append(el('dt', {}, [k]), el('dd', {}, [v]));
  return dl;
}

/** Summary and metadata of a described model. */
export function summaryView(d: ModelDescription, source: string): HTMLElement {
  const pairs: [string, string][] = [
    ['algorithm', `${d.algorithmName} (${d.algorithm})`],
    ['category', d.category],
    ['H2O version', d.h2oVersion],
    ['MOJO version', d.mojoVersion],
    ['model id', d.uuid],
    ['source', source],
  ];
  if (d.response !== null) pairs.push(['response', d.response]);
  if (d.offsetColumn !== null) pairs.push(['offset column', d.offsetColumn]);
  if (d.defaultThreshold !== undefined) pairs.push(['default threshold', fmt(d.defaultThreshold)]);
  for (const k of SUMMARY_KEYS) if (d.metadata[k] !== undefined && d.metadata[k] !== 'null') pairs.push([k, d.metadata[k]]);
  if (d.explanations.length > 0) pairs.push(['explanations', d.explanations.join(', ')]);
  const all = el('details', {}, [el('summary', {}, ['All metadata (model.ini [info])']), keyValues(Object.entries(d.metadata))]);
  return el('section', { id: 'model' }, [el('h2', {}, ['Model']), keyValues(pairs), all]);
}

/** Inputs with their types and levels, and variable importances when the MOJO carries them. */
export function inputsView(d: ModelDescription): HTMLElement {
  const rows = d.inputs.map((c) => {
    const levels = c.levels ?? [];
    const shown = levels.slice(0, LEVELS_SHOWN).join(', ') + (levels.length > LEVELS_SHOWN ? `, … (${levels.length})` : '');
    return el('tr', {}, [el('td', {}, [c.name]), el('td', {}, [c.type]), el('td', { class: 'levels' }, [shown])]);
  });
  const table = el('table', {}, [
    el('thead', {}, [el('tr', {}, [el('th', {}, ['input']), el('th', {}, ['type']), el('th', {}, ['levels'])])]),
    el('tbody', {}, rows),
  ]);
  const section = el('section', { id: 'inputs' }, [el('h2', {}, [`Inputs (${d.inputs.length})`]), table]);
  if (d.variableImportances !== undefined && d.variableImportances.length > 0) {
    const bars = d.variableImportances.map((v) => ({ label: v.variable, value: v.scaledImportance }));
    section.append(el('h3', {}, ['Variable importances (scaled)']), el('div', { id: 'importances' }, [barChart(bars, 1, fmt)]));
  }
  const outputs = d.outputs.map((o) => `${o.name} (${o.type}${o.size !== undefined ? `[${o.size}]` : ''})`).join(', ');
  section.append(el('p', { class: 'outputs' }, [`Outputs: ${outputs}`]));
  return section;
}
