/**
 * A categorical column's levels looked up straight from CSV text: a cell's characters are
 * hashed and compared in place, so finding a level costs no substring and no Map lookup of a
 * new string. Ours because it runs once per categorical cell on the batch path. It answers
 * only for the exact level texts of the encoder's own map (the same value the map holds);
 * anything else (an unseen level, a "<column>.<level>" alias) is left to the encoder.
 */

/** Tables per level map (shared by every piece and encoder using that map). */
const TABLES = new WeakMap<ReadonlyMap<string, number>, LevelTable>();

export class LevelTable {
  private readonly mask: number;
  /** Open addressing: entry index + 1 per bucket (0 = empty). */
  private readonly buckets: Int32Array;
  private readonly texts: string[] = [];
  /** Raw value of each level (what the map holds). */
  readonly values: number[] = [];

  private constructor(levels: ReadonlyMap<string, number>) {
    let size = 8;
    while (size < levels.size * 2) size *= 2;
    this.mask = size - 1;
    this.buckets = new Int32Array(size);
    for (const [text, value] of levels) {
      let b = hash(text, 0, text.length) & this.mask;
      while (this.buckets[b] !== 0) b = (b + 1) & this.mask;
      this.texts.push(text);
      this.values.push(value);
      this.buckets[b] = this.texts.length;
    }
  }

  /** The table for an encoder's level map. */
  static of(levels: ReadonlyMap<string, number>): LevelTable {
    let t = TABLES.get(levels);
    if (t === undefined) {
      t = new LevelTable(levels);
      TABLES.set(levels, t);
    }
    return t;
  }

  /** The entry (index into `values`) of the level spelled by text[start, end), or -1. */
  find(text: string, start: number, end: number): number {
    const n = end - start;
    for (let b = hash(text, start, end) & this.mask; ; b = (b + 1) & this.mask) {
      const e = this.buckets[b];
      if (e === 0) return -1;
      const level = this.texts[e - 1];
      if (level.length === n && text.startsWith(level, start)) return e - 1;
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
