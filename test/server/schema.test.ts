import { expect, test } from 'bun:test';
import { exampleInputs, rowSchema } from '../../src/server/schema.ts';
import { fakeBinomial } from '../support/fake-model.ts';

const model = fakeBinomial();

test('schema: one optional property per input column, unknown columns allowed', () => {
  const s = rowSchema(model, false);
  expect(Object.keys(s.properties)).toEqual(['x', 'color', 'y']);
  expect(s.required).toBeUndefined();
  expect(s.additionalProperties).toBe(true);
});

test('example row: first level for categoricals, 0 for numbers', () => {
  expect(exampleInputs(model)).toEqual({ x: 0, color: 'red', y: 0 });
});
