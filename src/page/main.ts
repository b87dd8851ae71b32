/**
 * The model page's script (bundled by the server at first request). When the server shares the
 * model file it loads it with the library and scores in the browser (and compares with the
 * server); otherwise every row is scored by the server. A MOJO the user drops on the page is
 * always scored in the browser only.
 */
import { loadModel, type MojoModel, ScorerError } from '../lib/index.ts';
import { el } from './dom.ts';
import { inputsView, summaryView } from './model-view.ts';
import { contributionsView, predictionView } from './prediction-view.ts';
import { exampleRow, rowForm } from './row-form.ts';
import { embeddedDescription, type PageScorer, serverScorer } from './server-scorer.ts';

const main = document.getElementById('main') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

function problem(e: unknown): string {
  return e instanceof ScorerError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
}

/**
 * The served model also scores through the server: the row goes to POST /invocations and the
 * answer is shown beside the browser's own (they should be the same record).
 */
async function serverAnswer(row: Record<string, string>, local: unknown, box: HTMLElement): Promise<void> {
  try {
    const r = await fetch('/invocations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(row),
    });
    const text = await r.text();
    const same = r.ok && text === JSON.stringify(local);
    box.className = same ? 'same' : 'differs';
    box.replaceChildren(
      el('h3', {}, [`Server: POST /invocations → ${r.status}${same ? ' (the same record as in this browser)' : ''}`]),
      el('pre', {}, [text]),
    );
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, [`POST /invocations failed: ${problem(e)}`]));
  }
}

/** A model loaded in this browser, as the page scores it. */
function browserScorer(model: MojoModel): PageScorer {
  return {
    describe: () => model.describe(),
    score: async (row, contributions) => model.score(row, { lenient: true, ...(contributions ? { output: 'contributions' } : {}) }),
  };
}

/** Shows the model and its form; `compare`: also ask the server and show its answer beside. */
function show(model: PageScorer, source: string, compare: boolean): void {
  const d = model.describe();
  const { form, read } = rowForm(d, exampleRow(d));
  const result = el('div', { id: 'result' });
  const score = async (): Promise<void> => {
    const row = read();
    try {
      const rec = await model.score(row, false);
      const shown: HTMLElement[] = [predictionView(d, rec)];
      if (d.explanations.includes('contributions')) shown.push(contributionsView(await model.score(row, true)));
      result.replaceChildren(...shown);
      if (compare) {
        const box = el('div', { id: 'server' }, ['Asking the server…']);
        result.append(box);
        void serverAnswer(row, rec, box);
      }
    } catch (e) {
      result.replaceChildren(el('p', { class: 'error' }, [problem(e)]));
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void score();
  });
  const scoring = el('section', { id: 'scoring' }, [el('h2', {}, ['Score a row']), form, result]);
  main.replaceChildren(summaryView(d, source), scoring, inputsView(d));
  void score();
}

function load(bytes: ArrayBuffer, source: string, served = false): void {
  try {
    show(browserScorer(loadModel(bytes, { name: source })), source, served);
    status.textContent = served
      ? 'Loaded the served model: rows are scored in this browser and by the server.'
      : `Loaded ${source}: rows are scored in this browser.`;
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
const described = embeddedDescription();
if (!served && described) {
  show(serverScorer(described), 'the served model', false);
  status.textContent = 'The served model: rows are scored by the server (POST /invocations).';
} else if (served) {
  fetch(served)
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${served}: HTTP ${r.status}`))))
    .then((b) => load(b, 'the served model', true))
    .catch((e: unknown) => {
      status.textContent = problem(e);
    });
}
