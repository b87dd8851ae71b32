/** The score-one-row form: a field per input, pre-filled with an example row. */
import type { ModelDescription } from '../lib/index.ts';
import { el } from './dom.ts';

/** An example row: the first level of each categorical, 0 for numbers, a word for embeddings. */
export function exampleRow(d: ModelDescription): Record<string, string> {
  const row: Record<string, string> = {};
  for (const c of d.inputs) {
    if (c.type === 'categorical') row[c.name] = c.levels?.[0] ?? '';
    else row[c.name] = d.category === 'WordEmbedding' ? 'word' : '0';
  }
  if (d.offsetColumn !== null) row[d.offsetColumn] = '0';
  return row;
}

/** The form's fields; `read()` returns the row (empty field = missing, so the key is left out). */
export function rowForm(d: ModelDescription, example: Record<string, string>): { form: HTMLFormElement; read(): Record<string, string> } {
  const form = el('form', { id: 'row-form' });
  const fields: [string, HTMLInputElement | HTMLSelectElement][] = [];
  const names = d.inputs.map((c) => c.name);
  if (d.offsetColumn !== null && !names.includes(d.offsetColumn)) names.push(d.offsetColumn);
  for (const name of names) {
    const c = d.inputs.find((i) => i.name === name);
    let field: HTMLInputElement | HTMLSelectElement;
    // A categorical without listed levels (a Driverless AI str feature) takes free text.
    if (c?.type === 'categorical' && (c.levels ?? []).length > 0) {
      field = el('select', { name });
      field.append(el('option', { value: '' }, ['(missing)']));
      for (const level of c.levels ?? []) field.append(el('option', { value: level }, [level]));
    } else
      field = el('input', {
        name,
        type: 'text',
        inputmode: d.category === 'WordEmbedding' || c?.type === 'categorical' ? 'text' : 'decimal',
      });
    field.value = example[name] ?? '';
    fields.push([name, field]);
    form.append(el('label', {}, [el('span', {}, [name]), field]));
  }
  form.append(el('button', { type: 'submit', id: 'score' }, ['Score']));
  return {
    form,
    read() {
      const row: Record<string, string> = {};
      for (const [name, field] of fields) if (field.value !== '') row[name] = field.value;
      return row;
    },
  };
}
