/**
 * The one tolerance rule for golden parity (../shared/fixtures/INDEX.md): numbers match to
 * 1e-9 relative or 1e-12 absolute near zero; the reference writes NaN/Infinity as strings and
 * our JSON writes NaN as null.
 */
export const REL = 1e-9;
export const ABS = 1e-12;

export function refNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return NaN;
}

/** Does our value `a` (number, null for NaN, or "Infinity" strings) match the reference `b`? */
export function close(a: unknown, b: unknown, rel = REL, abs = ABS): boolean {
  const e = refNumber(b);
  if (a === null || a === undefined) return Number.isNaN(e) && a === null;
  let x: number;
  if (typeof a === 'number') x = a;
  else if (typeof a === 'string' && /^-?Infinity$|^NaN$/.test(a)) x = refNumber(a);
  else return false;
  if (Number.isNaN(e)) return Number.isNaN(x);
  if (!Number.isFinite(e)) return x === e;
  return Math.abs(x - e) <= Math.max(abs, rel * Math.max(Math.abs(x), Math.abs(e)));
}
