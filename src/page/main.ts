/**
 * The model page's script (bundled by the server at first request): loads the served MOJO —
 * or one the user drops on the page — with the library, and scores in the browser.
 */
import { loadModel, type MojoModel, ScorerError } from '../lib/index.ts';
import { el } from './dom.ts';
import { inputsView, summaryView } from './model-view.ts';
import { contributionsView, predictionView } from './prediction-view.ts';
import { exampleRow, rowForm } from './row-form.ts';

const main = document.getElementById('main') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

function problem(e: unknown): string {
  return e instanceof ScorerError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
}

function show(model: MojoModel, source: string): void {
  const d = model.describe();
  const { form, read } = rowForm(d, exampleRow(d));
  const result = el('div', { id: 'result' });
  const score = (): void => {
    const row = read();
    result.replaceChildren();
    try {
      result.append(predictionView(d, model.score(row, { lenient: true })));
      if (d.explanations.includes('contributions'))
        result.append(contributionsView(model.score(row, { lenient: true, output: 'contributions' })));
    } catch (e) {
      result.append(el('p', { class: 'error' }, [problem(e)]));
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    score();
  });
  const scoring = el('section', { id: 'scoring' }, [el('h2', {}, ['Score a row']), form, result]);
  main.replaceChildren(summaryView(d, source), scoring, inputsView(d));
  score();
}

function load(bytes: ArrayBuffer, source: string): void {
  try {
    show(loadModel(bytes, { name: source }), source);
    status.textContent = `Loaded ${source}; scoring runs in this browser.`;
  } catch (e) {
    status.textContent = `Could not load ${source}: ${problem(e)}`;
  }
}

async function loadFile(file: File): Promise<void> {
  load(await file.arrayBuffer(), file.name);
}

const input = document.getElementById('file') as HTMLInputElement;
input.addEventListener('change', () => {
  if (input.files?.[0]) void loadFile(input.files[0]);
});
document.addEventListener('dragover', (ev) => ev.preventDefault());
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  const file = ev.dataTransfer?.files[0];
  if (file) void loadFile(file);
});

const served = document.body.dataset.model;
if (served) {
  fetch(served)
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${served}: HTTP ${r.status}`))))
    .then((b) => load(b, 'the served model'))
    .catch((e: unknown) => {
      status.textContent = problem(e);
    });
}
