/**
 * exp / log built only from IEEE-754 +, −, ×, ÷ (which every engine rounds identically), so the
 * demo data and the trained model are bit-for-bit the same on every machine. Math.exp/Math.log
 * may differ in the last bit between JavaScript engines and C libraries.
 */

const LN2_HI = 6.9314718036912381649e-1; // high bits of ln 2 (k·LN2_HI is exact for |k| < 2^11)
const LN2_LO = 1.90821492927058770002e-10;
const LN2 = 0.6931471805599453;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word

/** 2^k for integer k in [−1022, 1023], built from the exponent bits. */
function pow2(k: number): number {
  f64[0] = 0;
  u32[HI] = (k + 1023) << 20;
  return f64[0];
}

export function dexp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709) return Infinity;
  if (x < -708) return 0;
  const k = Math.round(x / LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| ≤ ~0.35
  let s = 1;
  for (let i = 22; i >= 1; i--) s = 1 + (s * r) / i;
  return s * pow2(k);
}

/** Natural log for finite x > 0. */
export function dlog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`dlog: ${x}`);
  // x = m·2^e with m in [√½, √2)
  f64[0] = x;
  let e = ((u32[HI] >>> 20) & 0x7ff) - 1023;
  if (e === -1023) throw new RangeError('dlog: subnormal input');
  u32[HI] = (u32[HI] & 0x800fffff) | (1023 << 20);
  let m = f64[0];
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  const s = (m - 1) / (m + 1); // |s| < 0.172
  const s2 = s * s;
  let sum = 0;
  for (let k = 25; k >= 0; k--) sum = 1 / (2 * k + 1) + s2 * sum;
  return 2 * s * sum + e * LN2;
}

export const sigmoid = (f: number): number => 1 / (1 + dexp(-f));
