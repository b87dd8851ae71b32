/**
 * The one reader of boolean and numeric settings from the environment: every server setting
 * goes through here, so a value that is not what the setting takes ("maybe", "abc", 1e9
 * workers) stops the process with a CONFIGURATION error naming the setting, never a default.
 */
import { ConfigurationError, echoed } from '../errors.ts';

/** Environment variables as the process sees them. */
export type Env = Record<string, string | undefined>;

const TRUE_TEXT = /^(1|true|yes|on)$/i;
const FALSE_TEXT = /^(0|false|no|off)$/i;

/** A set value: undefined when unset or blank (blank is how a container template leaves a setting out). */
function setValue(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** A boolean setting: 1/true/yes/on or 0/false/no/off (any case); `fallback` when unset. */
export function booleanSetting(env: Env, name: string, fallback: boolean): boolean {
  const v = setValue(env, name);
  if (v === undefined) return fallback;
  if (TRUE_TEXT.test(v)) return true;
  if (FALSE_TEXT.test(v)) return false;
  throw new ConfigurationError(name, `${name}='${echoed(v)}' must be true or false (also 1/0, yes/no, on/off)`);
}

/** Bounds a numeric setting must satisfy. */
export interface NumberBounds {
  /** Smallest allowed value; omitted: anything above 0. */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
}

/** A numeric setting within `bounds` (positive by default); `fallback` when unset. */
export function numberSetting(env: Env, name: string, fallback: number, bounds: NumberBounds = {}): number {
  const v = setValue(env, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  const { min, max, integer = false } = bounds;
  const what = integer ? 'a whole number' : 'a number';
  const range =
    min === undefined
      ? max === undefined
        ? `a positive ${integer ? 'whole number' : 'number'}`
        : `${what} above 0 and at most ${max}`
      : max === undefined
        ? `${what} of at least ${min}`
        : `${what} from ${min} to ${max}`;
  const ok =
    Number.isFinite(n) && (min === undefined ? n > 0 : n >= min) && (max === undefined || n <= max) && (!integer || Number.isInteger(n));
  if (!ok) throw new ConfigurationError(name, `${name}='${echoed(v)}' must be ${range}`);
  return n;
}
