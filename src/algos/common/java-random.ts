/**
 * java.util.Random, exactly: the 48-bit linear congruential generator (multiplier 0x5DEECE66D,
 * increment 11) with its nextInt(bound), nextDouble and polar-method nextGaussian. The state is
 * kept as two 24-bit halves so every step is exact double arithmetic (no BigInt per row).
 */
import { strictLog } from './strict-log.ts';

const TWO24 = 16777216;
const MUL_HI = 0x5de; // multiplier bits 24..35
const MUL_LO = 0xece66d; // multiplier bits 0..23
const TWO_POW = Array.from({ length: 49 }, (_, i) => 2 ** i);

export class JavaRandom {
  private hi = 0;
  private lo = 0;
  private nextNextGaussian = 0;
  private haveNextNextGaussian = false;

  /** `new Random(seed)`; without a seed the state is zero until setSeed (callers always seed). */
  constructor(seed?: bigint) {
    if (seed !== undefined) this.setSeed(seed);
  }

  /** Seeds from the low 48 bits of a Java long given as hi (bits 24..47) and lo (bits 0..23). */
  setSeed48(hi: number, lo: number): void {
    this.hi = (hi ^ MUL_HI) & 0xffffff;
    this.lo = (lo ^ MUL_LO) & 0xffffff;
    this.haveNextNextGaussian = false;
  }

  /** Seeds from a Java long (only its low 48 bits matter). */
  setSeed(seed: bigint): void {
    const s = BigInt.asUintN(48, seed);
    this.setSeed48(Number(s >> 24n), Number(s & 0xffffffn));
  }

  private next(bits: number): number {
    const t = this.lo * MUL_LO + 0xb;
    const newLo = t % TWO24;
    const carry = (t - newLo) / TWO24;
    const u = this.hi * MUL_LO + this.lo * MUL_HI + carry;
    this.hi = u % TWO24;
    this.lo = newLo;
    const state = this.hi * TWO24 + this.lo;
    return Math.floor(state / TWO_POW[48 - bits]) | 0;
  }

  nextInt(bound: number): number {
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Math.floor((bound * r) / 2 ** 31);
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }

  nextDouble(): number {
    return (this.next(26) * 134217728 + this.next(27)) * 2 ** -53;
  }

  nextGaussian(): number {
    if (this.haveNextNextGaussian) {
      this.haveNextNextGaussian = false;
      return this.nextNextGaussian;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const multiplier = Math.sqrt((-2 * strictLog(s)) / s);
    this.nextNextGaussian = v2 * multiplier;
    this.haveNextNextGaussian = true;
    return v1 * multiplier;
  }
}
