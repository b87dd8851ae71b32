import { expect, test } from 'bun:test';
import { exampleRow, rowSchema, RowValidator } from '../../src/server/schema.ts';
import { ScorerError } from '../../src/errors.ts';
import { fakeBinomial } from '../support/fake-model.ts';

const model = fakeBinomial();

function check(v: Record<string, unknown>, lenient = false): string | undefined {
  try {
    new RowValidator(model).check(v, lenient, 3);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ScorerError);
    const s = e as ScorerError;
    expect(s.code).toBe('INVALID_VALUE');
    expect(s.detail?.row).toBe(3);
    return s.detail?.column as string;
  }
}

test('schema: one optional property per input column, unknown columns allowed', () => {
  const s = rowSchema(model, false);
  expect(Object.keys(s.properties)).toEqual(['x', 'color', 'y']);
  expect(s.required).toBeUndefined();
  expect(s.additionalProperties).toBe(true);
});

test('example row: first level for categoricals, 0 for numbers', () => {
  expect(exampleRow(model)).toEqual({ x: 0, color: 'red', y: 0 });
});

test('validator accepts numbers, numeric text, null, levels and unknown columns', () => {
  expect(check({})).toBeUndefined();
  expect(check({ x: 1.5, y: ' -2e3 ', color: 'purple', other: [1, 2] })).toBeUndefined();
  expect(check({ x: null, y: '', color: 3 })).toBeUndefined();
  expect(check({ x: 'NaN', y: '+Infinity', color: true })).toBeUndefined();
});

test('validator names the offending column', () => {
  expect(check({ x: 'abc' })).toBe('x');
  expect(check({ y: false })).toBe('y');
  expect(check({ color: {} })).toBe('color');
  expect(check({ x: 'abc' }, true)).toBeUndefined();
  expect(check({ x: [] }, true)).toBe('x');
});
