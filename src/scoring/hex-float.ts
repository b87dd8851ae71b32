/**
 * Hexadecimal floating-point literals (`0x1.266666p+2`, `-0x1p+2`), as Java's
 * Double.parseDouble reads them and as Driverless AI's example.csv files write floats: parsed
 * exactly (correctly rounded to the nearest double).
 */

const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

/** The value of a hexadecimal float literal, or undefined when `text` is not one. */
export function parseHexFloat(text: string): number | undefined {
  const m = HEX_FLOAT.exec(text.trim());
  if (m === null) return undefined;
  const intDigits = m[2];
  const fracDigits = m[3] ?? '';
  if (intDigits === '' && fracDigits === '') return undefined;
  // Mantissa as a BigInt of all hex digits, then scaled by 2^(exp − 4·fraction digits).
  const digits = `${intDigits}${fracDigits}`.replace(/^0+/, '') || '0';
  let exp = Number(m[4]) - 4 * fracDigits.length;
  let mant = BigInt(`0x${digits}`);
  const sign = m[1] === '-' ? -1 : 1;
  if (mant === 0n) return sign * 0;
  // Keep at most 64 significant bits, folding the rest into a sticky bit for correct rounding.
  const bits = mant.toString(2).length;
  if (bits > 64) {
    const drop = BigInt(bits - 64);
    const sticky = (mant & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
    mant = (mant >> drop) | sticky;
    exp += bits - 64;
  }
  return sign * scaleExact(mant, exp);
}

/** mant · 2^exp rounded once to the nearest double (ties to even), subnormals included. */
function scaleExact(mant: bigint, exp: number): number {
  const bits = mant.toString(2).length;
  // Exponent of the leading bit; doubles keep 53 bits down to 2^-1074.
  const top = exp + bits - 1;
  if (top > 1023) return Number.POSITIVE_INFINITY;
  const lowest = Math.max(top - 52, -1074);
  const shift = lowest - exp;
  if (shift > 0) {
    const s = BigInt(shift);
    const rem = mant & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    let q = mant >> s;
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    return Number(q) * 2 ** lowest;
  }
  return Number(mant) * 2 ** exp;
}
