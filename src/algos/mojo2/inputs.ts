/**
 * The raw-row columns of a MOJO2 pipeline: its features in order. A Str feature is read through
 * a level table holding every string the pipeline names (exact text → its code; the pipeline's
 * missing-value strings → missing; any other text → UNSEEN_TEXT, or a date when the pipeline
 * parses dates); a numeric feature reads the missing-value strings as missing.
 */
import { MojoFormatError } from '../../errors.ts';
import type { InputColumn } from '../model.ts';
import { type ColumnSpec, type StringTable, UNSEEN_TEXT } from './frame.ts';
import { DATE_TEXT_OFFSET, parseIsoDate } from './ops/index.ts';

const NO_LEVELS: readonly string[] = [];

/** A text that is none of the pipeline's strings, read as a date when it is one. */
function dateOrUnseen(text: string): number {
  const d = parseIsoDate(text);
  return d === d ? d + DATE_TEXT_OFFSET : UNSEEN_TEXT;
}

export function inputColumns(
  features: readonly ColumnSpec[],
  strings: StringTable,
  missingTexts: readonly string[],
  parsesDates: boolean,
  origin: string,
): InputColumn[] {
  const missing = new Set(missingTexts);
  let levels: Map<string, number> | undefined;
  return features.map((c) => {
    if (c.type === 'str') {
      if (levels === undefined) {
        levels = new Map(strings.map());
        for (const t of missing) levels.set(t, Number.NaN);
      }
      return {
        name: c.name,
        valueType: c.type,
        domain: NO_LEVELS,
        levelCodes: levels,
        unseenCode: UNSEEN_TEXT,
        ...(parsesDates ? { unseenValue: dateOrUnseen } : {}),
      };
    }
    if (c.type === 'time64' || c.type === 'bool')
      throw new MojoFormatError(`${origin}: feature '${c.name}' has type ${c.type}, which is not supported as an input`);
    return { name: c.name, valueType: c.type, domain: null, missingTexts: missing };
  });
}

/** The numbers the missing-value strings spell (±inf, ±Double.MAX_VALUE): read as missing too. */
export function numericMissing(missingTexts: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const t of missingTexts) {
    const s = t.trim().toLowerCase();
    if (s === 'inf' || s === '+inf' || s === 'infinity') out.add(Number.POSITIVE_INFINITY);
    else if (s === '-inf' || s === '-infinity') out.add(Number.NEGATIVE_INFINITY);
    else if (/^[+-]?\d/.test(s)) {
      const n = Number(s);
      if (Number.isFinite(n)) out.add(n);
    }
  }
  return out;
}
