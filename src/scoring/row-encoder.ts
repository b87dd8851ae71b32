/**
 * Turns incoming values (by column name, or by position through slots resolved once per
 * batch) into the raw Float64Array a Model scores: numbers for numeric columns, level indices
 * for categoricals, NaN for missing. Follows h2o-genmodel's EasyPredictModelWrapper: unseen
 * levels are missing; a level may also be given as "<column>.<level>"; numeric text is
 * trimmed and parsed. This is the one place values are checked: an unparsable number is an
 * INVALID_VALUE (strict) or missing (lenient, like convertInvalidNumbersToNa); a value of the
 * wrong JSON type is always an INVALID_VALUE.
 */
import { codegenDisabled, compileOrInterpret, type Model } from '../algos/index.ts';
import { BadRequestError, echoed, InvalidValueError } from '../errors.ts';
import { type ColumnRead, compileObjectEncoder, type ObjectRowEncode } from './compiled-object-encoder.ts';
import { parseHexFloat } from './hex-float.ts';
import { parseNumber, quickNumber } from './parse-number.ts';

/**
 * Where a column's value goes: a raw slot (>= 0), or one of these. The offset column is not
 * an input (it is passed to `score` beside the row); a column the model does not use is ignored.
 */
export const OFFSET_SLOT = -2;
export const IGNORED_SLOT = -1;

/** Keys per object row that encodeObject memoises by position (the rest are looked up). */
const KEY_MEMO_SIZE = 1024;
/** Longer keys are not memoised: the memo outlives the request and should stay small. */
const KEY_MEMO_MAX_LENGTH = 256;
/** Memo entries past the expected position searched for a key (rows that leave some keys out). */
const KEY_MEMO_LOOKAHEAD = 8;
/** Keys learnt (inserted into the memo) per row at most: bounds the insertion cost of odd rows. */
const KEY_MEMO_INSERTS_PER_ROW = 16;

/**
 * What encodeObject's inlined loop does with a slot's non-empty text, decided once per encoder:
 * parse it, look its level up, or hand it to encodeText (a numeric column with texts of its own
 * that read as missing, which must be checked before parsing).
 */
const PARSE = 0;
const LOOK_UP = 1;
const BY_RULES = 2;

/** Level → index maps, shared by every column (and encoder) with the same domain array. */
const LEVEL_INDEX = new WeakMap<readonly string[], Map<string, number>>();

function levelIndex(domain: readonly string[]): Map<string, number> {
  let m = LEVEL_INDEX.get(domain);
  if (m === undefined) {
    m = new Map<string, number>();
    for (let j = 0; j < domain.length; j++) if (!m.has(domain[j])) m.set(domain[j], j);
    LEVEL_INDEX.set(domain, m);
  }
  return m;
}

/**
 * A level map as an object without a prototype, for `level`'s look-ups: a property read beats
 * Map.get, markedly so for texts that are already property names (JSON.parse's short strings,
 * a text read before). Not for maps with index-like levels ("1", "2"): the engine reads such a
 * text as an array index first, slower than Map.get (null: `level` reads the map). Shared by
 * every encoder with the same map.
 */
const LEVEL_TABLE = new WeakMap<ReadonlyMap<string, number>, LevelTable | null>();
type LevelTable = Readonly<Record<string, number | undefined>>;
const INDEX_LIKE = /^(0|[1-9]\d*)$/;

function levelTable(levels: ReadonlyMap<string, number>): LevelTable | null {
  let t = LEVEL_TABLE.get(levels);
  if (t === undefined) {
    // No prototype: "__proto__" is an own property like any level, and "toString" is not found.
    t = null;
    if (![...levels.keys()].some((text) => INDEX_LIKE.test(text))) {
      const o = Object.create(null) as Record<string, number>;
      for (const [text, value] of levels) o[text] = value;
      t = o;
    }
    LEVEL_TABLE.set(levels, t);
  }
  return t;
}

export class RowEncoder {
  /** Column name → raw slot (or OFFSET_SLOT). */
  private readonly slotByName = new Map<string, number>();
  /** Per raw slot: level → raw value (normally the index), or null for numeric slots. */
  private readonly levels: (ReadonlyMap<string, number> | null)[] = [];
  /** Per raw slot: `levels` as a LevelTable (what `level` reads), or null (numeric slots, index-like levels). */
  private readonly tables: (LevelTable | null)[] = [];
  /** Per raw slot: PARSE, LOOK_UP or BY_RULES (encodeObject's plan for a text value). */
  private readonly textPlan: Uint8Array;
  /** Per raw slot: 1 when the model gave its own level table (no "<column>.<level>" alias). */
  private readonly exact: Uint8Array;
  /** Per raw slot: 1 when some level reads "<column>.<…>" (only then can an alias match). */
  private readonly aliased: Uint8Array;
  /** Per raw slot: raw value of an unseen level. */
  private readonly unseen: Float64Array;
  /** Per raw slot: the model's reading of an unseen level's text (InputColumn.unseenValue), if any. */
  private readonly unseenValue: (((text: string) => number) | undefined)[] = [];
  /** Per raw slot: texts a numeric column reads as missing (InputColumn.missingTexts), if any. */
  private readonly missingTexts: (ReadonlySet<string> | undefined)[] = [];
  readonly names: readonly string[];
  readonly width: number;
  readonly offsetColumn: string | null;
  /** encodeObject's generated reader for the rows it can encode exactly (null: the general loop only). */
  private readonly compiledObject: ObjectRowEncode | null;

  /** `codegen` false (or MOJO_SCORER_NO_CODEGEN) encodes object rows with the general loop only. */
  constructor(
    readonly model: Model,
    codegen = !codegenDisabled(),
  ) {
    const inputs = model.inputs;
    this.width = inputs.length;
    this.names = inputs.map((c) => c.name);
    this.exact = new Uint8Array(inputs.length);
    this.aliased = new Uint8Array(inputs.length);
    this.textPlan = new Uint8Array(inputs.length);
    this.unseen = new Float64Array(inputs.length).fill(NaN);
    for (let i = 0; i < inputs.length; i++) {
      const c = inputs[i];
      if (!this.slotByName.has(c.name)) this.slotByName.set(c.name, i);
      this.unseenValue.push(c.unseenValue);
      this.missingTexts.push(c.missingTexts);
      if (c.domain === null) {
        this.levels.push(null);
        this.tables.push(null);
        this.textPlan[i] = c.missingTexts === undefined ? PARSE : BY_RULES;
        continue;
      }
      this.textPlan[i] = LOOK_UP;
      if (c.levelCodes !== undefined) {
        this.levels.push(c.levelCodes);
        this.exact[i] = 1;
      } else {
        this.levels.push(levelIndex(c.domain));
        const prefix = `${c.name}.`;
        if (c.domain.some((text) => text.startsWith(prefix))) this.aliased[i] = 1;
      }
      this.tables.push(levelTable(this.levels[i]!));
      if (c.unseenCode !== undefined) this.unseen[i] = c.unseenCode;
    }
    this.offsetColumn = model.header.offsetColumn;
    if (this.offsetColumn !== null && !this.slotByName.has(this.offsetColumn)) this.slotByName.set(this.offsetColumn, OFFSET_SLOT);
    this.compiledObject = compileOrInterpret<ObjectRowEncode | null>(
      { nodes: this.slotByName.size, depth: 0 },
      () => this.compileObjectReads(),
      null,
      codegen,
    );
  }

  /** compileObjectEncoder over this encoder's columns: each name once, with its slot's plan. */
  private compileObjectReads(): ObjectRowEncode {
    const reads: ColumnRead[] = [];
    const read = new Uint8Array(this.width);
    for (const [name, slot] of this.slotByName) {
      if (slot === OFFSET_SLOT) {
        reads.push({ kind: 'offset', name });
        continue;
      }
      read[slot] = 1;
      const plan = this.textPlan[slot];
      if (plan === LOOK_UP) reads.push({ kind: 'level', name, slot, table: this.tables[slot] });
      else if (plan === PARSE) reads.push({ kind: 'number', name, slot });
      else reads.push({ kind: 'number-or-missing', name, slot, missing: this.missingTexts[slot]! });
    }
    const unread: number[] = [];
    for (let s = 0; s < this.width; s++) if (read[s] === 0) unread.push(s);
    return compileObjectEncoder(reads, unread, (slot, text) => this.level(slot, text));
  }

  /** Raw slot of a column name: >= 0 input, OFFSET_SLOT, or IGNORED_SLOT (not a model column). */
  slotOf(name: string): number {
    return this.slotByName.get(name) ?? IGNORED_SLOT;
  }

  /** True when the model reads `name` (an input or its offset column). */
  reads(name: string): boolean {
    return this.slotByName.has(name);
  }

  /** A categorical slot's level → raw value map (exact texts; aliases and unseen levels are `level`'s). */
  levelMap(slot: number): ReadonlyMap<string, number> {
    return this.levels[slot]!;
  }

  isCategorical(slot: number): boolean {
    return slot >= 0 && this.levels[slot] !== null;
  }

  /**
   * Raw value of `text` in a categorical slot (its level index unless the model gave a level
   * table); an unseen level is missing (h2o's convertUnknownCategoricalLevelsToNa) unless the
   * model gave another value for it.
   */
  level(slot: number, text: string): number {
    const t = this.tables[slot];
    const m = this.levels[slot]!;
    const i = t !== null ? t[text] : m.get(text);
    if (i !== undefined) return i;
    if (this.exact[slot] === 1) return this.unseenValue[slot]?.(text) ?? this.unseen[slot];
    if (this.aliased[slot] === 0) return this.unseen[slot];
    const alias = `${this.names[slot]}.${text}`;
    const j = t !== null ? t[alias] : m.get(alias);
    return j === undefined ? this.unseen[slot] : j;
  }

  /**
   * Encodes one JSON value (or cell text) into `slot` (an input or OFFSET_SLOT, never
   * IGNORED_SLOT); returns the value when the slot is the offset. `name` and `row` are for messages.
   */
  encodeValue(slot: number, name: string, v: unknown, raw: Float64Array, lenient: boolean, row: number): number | undefined {
    if (typeof v === 'number') return this.encodeNumber(slot, v, raw);
    if (typeof v === 'string') return this.encodeText(slot, name, v, raw, lenient, row);
    if (v === null || v === undefined) {
      if (slot >= 0) raw[slot] = NaN;
      return undefined;
    }
    if (slot >= 0 && this.levels[slot] !== null) {
      if (typeof v !== 'boolean')
        throw new InvalidValueError(row, name, `a categorical level must be a string, number or boolean, got ${kindOf(v)}`);
      raw[slot] = this.level(slot, String(v));
      return undefined;
    }
    throw new InvalidValueError(row, name, `expected a number, got ${kindOf(v)}`);
  }

  /** A number into `slot`: a categorical reads it as the level String(v). Returns it when the slot is the offset. */
  encodeNumber(slot: number, v: number, raw: Float64Array): number | undefined {
    if (slot === OFFSET_SLOT) return v;
    raw[slot] = this.levels[slot] === null ? v : this.level(slot, String(v));
    return undefined;
  }

  /**
   * Text into `slot`: empty is missing, a categorical looks up its level, anything else must
   * parse as a number (or is missing when lenient). Returns the value when the slot is the offset.
   */
  encodeText(slot: number, name: string, text: string, raw: Float64Array, lenient: boolean, row: number): number | undefined {
    if (text === '') {
      if (slot >= 0) raw[slot] = NaN;
      return undefined;
    }
    if (slot >= 0 && this.levels[slot] !== null) {
      raw[slot] = this.level(slot, text);
      return undefined;
    }
    let x = slot >= 0 && this.missingTexts[slot]?.has(text) ? Number.NaN : (parseNumber(text) ?? parseHexFloat(text));
    if (x === undefined) {
      if (!lenient) throw new InvalidValueError(row, name, `'${echoed(text)}' is not a number`);
      x = NaN;
    }
    if (slot === OFFSET_SLOT) return x;
    raw[slot] = x;
    return undefined;
  }

  /**
   * Encodes an object row. Unknown keys beside known ones are ignored and, when `unknown` is
   * given, collected; a row whose keys are all unknown is a BAD_REQUEST (`noKnownColumn`); an
   * empty object is a row of missing values. Returns the offset (0 when absent).
   */
  encodeObject(rec: Record<string, unknown>, raw: Float64Array, lenient: boolean, row = 0, unknown?: Set<string>): number {
    const compiled = this.compiledObject;
    if (compiled !== null) {
      const offset = compiled(rec, raw);
      if (offset !== undefined) return offset;
    }
    clearRow(raw);
    let offset = 0;
    const keys = this.lastKeys;
    const slots = this.lastSlots;
    const textPlan = this.textPlan;
    let j = 0;
    let known = 0;
    // Where the next key is expected in the memo, and how many keys this row has taught it.
    let at = 0;
    let learnt = 0;
    for (const key in rec) {
      let slot: number;
      if (at < keys.length && keys[at] === key) slot = slots[at++];
      else {
        const found = memoAhead(keys, key, at);
        if (found >= 0) {
          slot = slots[found];
          at = found + 1;
        } else {
          slot = this.slotByName.get(key) ?? IGNORED_SLOT;
          if (key.length <= KEY_MEMO_MAX_LENGTH) {
            if (keys.length < KEY_MEMO_SIZE && learnt < KEY_MEMO_INSERTS_PER_ROW) {
              // Inserted where it was met, so the memo grows into the union of the rows' key orders.
              keys.splice(at, 0, key);
              slots.splice(at, 0, slot);
              at++;
              learnt++;
            } else if (at < keys.length) {
              keys[at] = key;
              slots[at++] = slot;
            }
          }
        }
      }
      j++;
      if (slot === IGNORED_SLOT) {
        unknown?.add(key);
        continue;
      }
      known++;
      const v = rec[key];
      // Inlined common cases of encodeValue (non-empty text, or a number for a numeric column, in an
      // input slot); everything else, and text that is not a plain number, goes through
      // encodeValue, which owns the rules and messages.
      if (slot >= 0) {
        if (typeof v === 'string' && v !== '') {
          const plan = textPlan[slot];
          if (plan === LOOK_UP) {
            raw[slot] = this.level(slot, v);
            continue;
          }
          if (plan === PARSE) {
            const x = quickNumber(v);
            if (x === x) {
              raw[slot] = x;
              continue;
            }
          }
        } else if (typeof v === 'number' && textPlan[slot] !== LOOK_UP) {
          // A JSON number for a numeric column (encodeNumber's case).
          raw[slot] = v;
          continue;
        }
      }
      const o = this.encodeValue(slot, key, v, raw, lenient, row);
      if (o !== undefined) offset = o;
    }
    if (known === 0 && j > 0) throw this.noKnownColumn(row, Object.keys(rec));
    return Number.isNaN(offset) ? 0 : offset;
  }

  /**
   * The error for a row whose keys are all columns the model does not read: scoring it would
   * answer a prediction from all-missing inputs (e.g. an envelope such as `{"instances": …}` sent
   * where rows are expected). Names the keys, cut to what a message may quote.
   */
  noKnownColumn(row: number, keys: readonly string[]): BadRequestError {
    // A line read by hand may repeat a key; JSON.parse keeps one.
    const sent = echoed([...new Set(keys)].join(', '));
    return new BadRequestError(`row ${row}: none of its keys (${sent}) is a column of the model; expected some of: ${this.expected()}`, {
      row,
      keys: sent,
    });
  }

  /**
   * encodeObject's memo of key → slot in the order rows list their keys: the objects of a batch
   * usually list the same keys in the same order, some leaving a few out, so a key compares equal
   * to the memo entry at the expected position or a few entries past it (interned property names:
   * a pointer compare) and skips the Map lookup. A key not found is looked up and inserted where
   * it was met (a bounded number per row; overwritten in place once the memo is full). Every
   * entry is a true key → slot pair whatever rows came before, so a miss only costs the lookup.
   */
  private readonly lastKeys: string[] = [];
  private readonly lastSlots: number[] = [];

  /** Per slot: the pair-batch stamp that last wrote it (first occurrence of a key wins). */
  private seen: Int32Array | undefined;
  private stamp = 0;

  /**
   * Encodes name/value pairs (a query string), `n` of them: the first occurrence of a column
   * wins, as with an object built from the pairs. Returns the offset.
   */
  encodePairs(
    keys: readonly string[],
    values: readonly string[],
    n: number,
    raw: Float64Array,
    lenient: boolean,
    unknown?: Set<string>,
  ): number {
    clearRow(raw);
    const seen = (this.seen ??= new Int32Array(this.width + 1));
    const stamp = ++this.stamp;
    let offset = 0;
    let offsetSeen = false;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const slot = this.slotByName.get(key);
      if (slot === undefined) {
        unknown?.add(key);
        continue;
      }
      if (slot >= 0) {
        if (seen[slot] === stamp) continue;
        seen[slot] = stamp;
      } else if (offsetSeen) continue;
      else offsetSeen = true;
      const o = this.encodeValue(slot, key, values[i], raw, lenient, 0);
      if (o !== undefined) offset = o;
    }
    return Number.isNaN(offset) ? 0 : offset;
  }

  /** Maps a header line (column names) to slots, once per batch. */
  slotsFor(header: readonly string[], unknown?: Set<string>): Int32Array {
    const slots = new Int32Array(header.length);
    for (let i = 0; i < header.length; i++) {
      const s = this.slotOf(header[i]);
      if (s === IGNORED_SLOT) unknown?.add(header[i]);
      slots[i] = s;
    }
    return slots;
  }

  /**
   * Refuses named columns (JSON `fields`, `columns`, tensor names) none of which the model
   * reads, as encodeObject refuses an object row of unknown keys: their rows would be scored
   * from all-missing inputs. A CSV header needs no check (a line of unknown names is data).
   */
  checkColumns(names: readonly string[]): void {
    for (const name of names) if (this.slotByName.has(name)) return;
    if (names.length === 0) return;
    const sent = echoed(names.join(', '));
    throw new BadRequestError(`none of the column names (${sent}) is a column of the model; expected some of: ${this.expected()}`, {
      columns: sent,
    });
  }

  /** The model's columns, as a message may quote them. */
  private expected(): string {
    return echoed(this.names.join(', '));
  }

  /**
   * Encodes positional cells (CSV text, or JSON values of an array row; empty or null =
   * missing) through slots from `slotsFor(names)`. Returns the offset.
   */
  encodeCells(
    cells: readonly unknown[],
    slots: Int32Array,
    header: readonly string[],
    raw: Float64Array,
    lenient: boolean,
    row = 0,
  ): number {
    clearRow(raw);
    let offset = 0;
    const n = Math.min(cells.length, slots.length);
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      if (slot === IGNORED_SLOT) continue;
      const o = this.encodeValue(slot, header[i], cells[i], raw, lenient, row);
      if (o !== undefined) offset = o;
    }
    return Number.isNaN(offset) ? 0 : offset;
  }
}

/** Index of `key` in keys(at, at + KEY_MEMO_LOOKAHEAD], or -1. */
function memoAhead(keys: readonly string[], key: string, at: number): number {
  const end = Math.min(keys.length, at + 1 + KEY_MEMO_LOOKAHEAD);
  for (let q = at + 1; q < end; q++) if (keys[q] === key) return q;
  return -1;
}

/** All slots missing. A loop beats the native fill() call for the usual handful of columns. */
export function clearRow(raw: Float64Array): void {
  const n = raw.length;
  if (n > 64) raw.fill(NaN);
  else for (let i = 0; i < n; i++) raw[i] = NaN;
}

/** What a JSON value is, for messages ("expected a number, got a boolean"). */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
