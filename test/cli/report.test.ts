/** The one line the command line prints for any failure. */
import { describe, expect, test } from 'bun:test';
import { errorLine } from '../../src/cli/report.ts';
import { MojoFormatError } from '../../src/errors.ts';

describe('errorLine', () => {
  test('our errors: code and message', () => {
    expect(errorLine(new MojoFormatError('m.zip: broken'))).toBe('mojo-scorer: [MOJO_FORMAT] m.zip: broken');
  });
  test('anything else: one line, no stack; runtime bugs are labelled', () => {
    expect(errorLine(new Error("OUTPUT_STYLE='x' must be 'record' or 'compat'"))).toBe(
      "mojo-scorer: OUTPUT_STYLE='x' must be 'record' or 'compat'",
    );
    expect(errorLine(new TypeError('x is not a function'))).toBe('mojo-scorer: internal error (TypeError): x is not a function');
    expect(errorLine('plain')).toBe('mojo-scorer: plain');
  });
  test('newlines and control characters from binary input are flattened; long messages are cut', () => {
    const line = errorLine(new Error(`a\nb\u0000\u0007c\r\n${'x'.repeat(5000)}`));
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line.startsWith('mojo-scorer: a b c x')).toBe(true);
    expect(line.length).toBeLessThan(700);
  });
  test('the stack only on request', () => {
    const e = new TypeError('boom');
    expect(errorLine(e, true)).toContain('at ');
  });
});
