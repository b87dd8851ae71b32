/**
 * JSON Lines rows read straight from the body text, a piece at a time. Hand-parsed because this
 * is the batch hot path: JSON.parse would build one object per line for the encoder to walk
 * again. Only plainly flat lines are read here — an object whose keys are strings without
 * escapes and whose values are numbers, strings without escapes, true, false or null. Every
 * other line (escapes, nesting, arrays, unusual keys, malformed text) goes to JSON.parse and
 * the object encoder, which stay the authority: a line read here gives exactly the raw row,
 * offset, unknown columns and errors that JSON.parse + encodeObject give.
 */
import { MAX_FAST_DIGITS, POW10 } from '../parse-number.ts';
import { IGNORED_SLOT, OFFSET_SLOT, type RowEncoder } from '../row-encoder.ts';
import { FALSE, Fields, JsonLinesRows, NULL, NUMBER, READ_HERE, STRING, TRUE, UNKNOWN } from './json-lines-fields.ts';
import { type CellCount, DecodedItems, type EncodedRows } from './rows.ts';

const TAB = 9;
const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const UPPER_E = 69;
const BACKSLASH = 92;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_N = 110;
const LOWER_T = 116;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** slotOfKey: the line must go to JSON.parse. */
const NOT_HERE = -100;

/**
 * Up to 15 significant digits (MAX_FAST_DIGITS) the mantissa is an exact double, and so is 10^k
 * (|k| <= 22): one division or product is then correctly rounded, the same double JSON.parse
 * gives (Clinger's fast path). Any other number is converted by Number(), as JSON.parse would.
 */
const MAX_FAST_SCALE = 22;
/** Exponent digits past this value only tell the slow path apart (it reads the text again). */
const EXPONENT_CAP = 1e6;

/** True when `text` holds `key` and then a closing quote at `at` (a remembered key: no escapes). */
function sameText(text: string, at: number, key: string): boolean {
  const n = key.length;
  for (let k = 0; k < n; k++) if (key.charCodeAt(k) !== (text.charCodeAt(at + k) | 0)) return false;
  return (text.charCodeAt(at + n) | 0) === QUOTE;
}

/** Reads JSON Lines from `text` in pieces of encoded rows (blank lines skipped). */
export class JsonLinesReader {
  private pos = 0;
  private row = 0;
  private line = 0;
  /** Per field position: the key last seen there and its slot (lines usually repeat their keys). */
  private readonly keyAt: string[] = [];
  private readonly slotAt: number[] = [];
  /** keyAt[0, distinct) name different columns (each model column at most once). */
  private distinct = 0;
  /** Per slot (the offset last): the line stamp that last set it, and its entry (a repeated key overwrites). */
  private readonly seen: Int32Array;
  private readonly seenAt: Int32Array;
  private stamp = 0;
  private capacity = 256;
  /** The value of the last number read. */
  private number = 0;

  constructor(
    private readonly text: string,
    private readonly names: readonly string[],
    private readonly encoder: RowEncoder,
    private readonly unknown: Set<string>,
    private readonly cellCount: CellCount,
    /** Parses one line that is not read here (throws the BAD_REQUEST naming it). */
    private readonly parseLine: (text: string, row: number, line: number) => unknown,
    /** True when a line holds nothing to score. */
    private readonly isBlank: (line: string) => boolean,
  ) {
    this.seen = new Int32Array(encoder.width + 1);
    this.seenAt = new Int32Array(encoder.width + 1);
  }

  /** The next rows, at most `max`, or null when the text is used up. */
  next(max: number): EncodedRows | null {
    const text = this.text;
    const n = text.length;
    const fields = new Fields(this.capacity);
    const items: unknown[] = [];
    const firstField: number[] = [0];
    let pos = this.pos;
    while (pos < n && items.length < max) {
      // Every turn reads one line of the body, blank or not (messages name the body's line).
      this.line++;
      const mark = fields.length;
      const keys = fields.keys.length;
      const after = this.readLine(pos, fields);
      if (after >= 0) {
        items.push(READ_HERE);
        firstField.push(fields.length);
        pos = after;
        continue;
      }
      fields.length = mark;
      fields.keys.length = keys;
      let end = text.indexOf('\n', pos);
      if (end < 0) end = n;
      const line = text.slice(pos, end);
      pos = end + 1;
      if (this.isBlank(line)) continue;
      items.push(this.parseLine(line, this.row + items.length, this.line));
      firstField.push(mark);
    }
    this.pos = pos;
    if (items.length === 0) return null;
    this.capacity = Math.max(this.capacity, fields.length);
    // Parsed lines (and the positional names) go through the usual items; the cell-count check runs here, as it always did.
    const parsed = new DecodedItems(items, 'either', this.names, this.row, this.cellCount).rows(this.encoder, this.unknown);
    const rows = new JsonLinesRows(text, items, Int32Array.from(firstField), fields, parsed, this.encoder, this.unknown, this.row);
    this.row += items.length;
    return rows;
  }

  /**
   * Reads one line starting at `from` into `fields` when it is a plainly flat object; returns
   * where the next line starts, or -1 when JSON.parse must decide (blank lines included).
   * Chars are read as `charCodeAt(i) | 0`: past the end that is 0, which no token accepts.
   */
  private readLine(from: number, fields: Fields): number {
    const text = this.text;
    const keyAt = this.keyAt;
    const slotAt = this.slotAt;
    let i = from;
    let c = text.charCodeAt(i) | 0;
    while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++i) | 0;
    if (c !== OPEN_BRACE) return -1;
    c = text.charCodeAt(++i) | 0;
    while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++i) | 0;
    const seen = this.seen;
    const seenAt = this.seenAt;
    const offsetIndex = seen.length - 1;
    let stamp = ++this.stamp;
    if (stamp === 0x7fffffff) {
      seen.fill(0);
      stamp = this.stamp = 1;
    }
    // While the keys are the remembered distinct ones, no column can repeat: no stamps needed.
    const lineStart = fields.length;
    let trusting = this.distinct > 0;
    let repeated = false;
    let count = 0;
    if (c === CLOSE_BRACE) c = text.charCodeAt(++i) | 0;
    else
      for (let field = 0; ; field++) {
        // Key: usually the one last seen at this position (compared in place), else read and looked up.
        if (c !== QUOTE) return -1;
        const keyStart = i + 1;
        const known = keyAt[field];
        let slot: number;
        if (known !== undefined && sameText(text, keyStart, known)) {
          slot = slotAt[field];
          i = keyStart + known.length;
        } else {
          c = text.charCodeAt(++i) | 0;
          while (c !== QUOTE) {
            if (c === BACKSLASH || c < SPACE) return -1;
            c = text.charCodeAt(++i) | 0;
          }
          slot = this.slotOfKey(field, keyStart, i);
          if (slot === NOT_HERE) return -1;
        }
        if (trusting && field >= this.distinct) {
          // From here on keys are checked: stamp the ones before (one entry each so far).
          trusting = false;
          for (let q = 0; q < field; q++) {
            const earlier = slotAt[q];
            if (earlier === IGNORED_SLOT) continue;
            const s = earlier === OFFSET_SLOT ? offsetIndex : earlier;
            seen[s] = stamp;
            seenAt[s] = lineStart + q;
          }
        }
        c = text.charCodeAt(++i) | 0;
        while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++i) | 0;
        if (c !== COLON) return -1;
        c = text.charCodeAt(++i) | 0;
        while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++i) | 0;
        // Value.
        let kind: number;
        let start = 0;
        let end = 0;
        if (c === QUOTE) {
          kind = STRING;
          start = i + 1;
          c = text.charCodeAt(++i) | 0;
          while (c !== QUOTE) {
            if (c === BACKSLASH || c < SPACE) return -1;
            c = text.charCodeAt(++i) | 0;
          }
          end = i++;
        } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
          i = this.readNumber(i);
          if (i < 0) return -1;
          kind = NUMBER;
        } else if (c === LOWER_T && text.startsWith('true', i)) {
          kind = TRUE;
          i += 4;
        } else if (c === LOWER_F && text.startsWith('false', i)) {
          kind = FALSE;
          i += 5;
        } else if (c === LOWER_N && text.startsWith('null', i)) {
          kind = NULL;
          i += 4;
        } else return -1;
        // Entry: a key seen before on this line keeps its place and takes the new value (as in JSON.parse).
        let e: number;
        if (slot === IGNORED_SLOT) {
          e = fields.add();
          kind = UNKNOWN;
          start = fields.keys.length;
          fields.keys.push(keyAt[field]);
        } else if (trusting) e = fields.add();
        else {
          const s = slot === OFFSET_SLOT ? offsetIndex : slot;
          if (seen[s] === stamp) {
            e = seenAt[s];
            repeated = true;
          } else {
            e = fields.add();
            seen[s] = stamp;
            seenAt[s] = e;
          }
        }
        fields.code[e] = (slot << 3) | kind;
        if (kind === NUMBER) fields.num[e] = this.number;
        else {
          fields.num[e] = start;
          fields.end[e] = end;
        }
        // Separator.
        c = text.charCodeAt(i) | 0;
        while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++i) | 0;
        if (c === CLOSE_BRACE) {
          c = text.charCodeAt(++i) | 0;
          count = field + 1;
          break;
        }
        if (c !== COMMA) return -1;
        c = text.charCodeAt(++i) | 0;
        while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++i) | 0;
      }
    while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++i) | 0;
    const after = c === NEWLINE ? i + 1 : i >= text.length ? i : -1;
    // Checked keys without a repeat are the remembered distinct ones for the next line.
    if (after >= 0 && !trusting) this.distinct = repeated ? 0 : count;
    return after;
  }

  /** Slot of the key text[start, end), remembered for this field position; NOT_HERE for JSON.parse to decide. */
  private slotOfKey(field: number, start: number, end: number): number {
    const text = this.text;
    // Keys that look like array indices come first in an object's key order: JSON.parse decides.
    const c = text.charCodeAt(start) | 0;
    if (c >= ZERO && c <= NINE) return NOT_HERE;
    const key = text.slice(start, end);
    const slot = this.encoder.slotOf(key);
    if (field < this.distinct) this.distinct = field;
    this.keyAt[field] = key;
    this.slotAt[field] = slot;
    return slot;
  }

  /**
   * Reads a JSON number at `from` into `this.number`; returns where it ends, or -1 when the text
   * is not a JSON number (a leading zero followed by digits is caught by the separator check).
   */
  private readNumber(from: number): number {
    const text = this.text;
    let i = from;
    let c = text.charCodeAt(i) | 0;
    const neg = c === MINUS;
    if (neg) c = text.charCodeAt(++i) | 0;
    if (c < ZERO || c > NINE) return -1;
    let m = 0;
    let digits = 0;
    if (c === ZERO) c = text.charCodeAt(++i) | 0;
    else
      while (c >= ZERO && c <= NINE) {
        m = m * 10 + (c - ZERO);
        digits++;
        c = text.charCodeAt(++i) | 0;
      }
    let scale = 0;
    if (c === DOT) {
      c = text.charCodeAt(++i) | 0;
      if (c < ZERO || c > NINE) return -1;
      while (c >= ZERO && c <= NINE) {
        m = m * 10 + (c - ZERO);
        if (m > 0) digits++;
        scale++;
        c = text.charCodeAt(++i) | 0;
      }
    }
    if (c === LOWER_E || c === UPPER_E) {
      c = text.charCodeAt(++i) | 0;
      const negExponent = c === MINUS;
      if (c === PLUS || c === MINUS) c = text.charCodeAt(++i) | 0;
      if (c < ZERO || c > NINE) return -1;
      let exponent = 0;
      while (c >= ZERO && c <= NINE) {
        if (exponent < EXPONENT_CAP) exponent = exponent * 10 + (c - ZERO);
        c = text.charCodeAt(++i) | 0;
      }
      scale -= negExponent ? -exponent : exponent;
    }
    if (digits > MAX_FAST_DIGITS || scale > MAX_FAST_SCALE || scale < -MAX_FAST_SCALE) this.number = Number(text.slice(from, i));
    else {
      const v = scale === 0 ? m : scale > 0 ? m / POW10[scale] : m * POW10[-scale];
      this.number = neg ? -v : v;
    }
    return i;
  }
}
