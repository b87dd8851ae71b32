/**
 * CRC-32 (IEEE 802.3, the zip checksum), slicing-by-8: eight 256-entry tables let the loop
 * consume eight bytes per step. fflate keeps its CRC private and Bun.hash.crc32 is not in
 * browsers, and zip entries are checked on every load, so this is the one place it lives.
 */
const TABLES: Uint32Array[] = (() => {
  const t: Uint32Array[] = [];
  const base = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    base[n] = c >>> 0;
  }
  t.push(base);
  for (let s = 1; s < 8; s++) {
    const prev = t[s - 1];
    const next = new Uint32Array(256);
    for (let n = 0; n < 256; n++) next[n] = (base[prev[n] & 0xff] ^ (prev[n] >>> 8)) >>> 0;
    t.push(next);
  }
  return t;
})();

/** The CRC-32 of `data` (continuing from `crc`, the CRC of the bytes before it, when given). */
export function crc32(data: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
  let c = ~crc >>> 0;
  let i = 0;
  const end8 = data.length - (data.length % 8);
  for (; i < end8; i += 8) {
    const a = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) ^ c;
    c =
      t7[a & 0xff] ^
      t6[(a >>> 8) & 0xff] ^
      t5[(a >>> 16) & 0xff] ^
      t4[a >>> 24] ^
      t3[data[i + 4]] ^
      t2[data[i + 5]] ^
      t1[data[i + 6]] ^
      t0[data[i + 7]];
  }
  for (; i < data.length; i++) c = t0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
