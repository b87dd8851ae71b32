/**
 * Deterministic zip: entries in the given order, one fixed timestamp, fixed compression level.
 * fflate turns the timestamp into a DOS date from *local* time fields, so the date is built
 * from local fields too — the bytes then do not depend on the machine's time zone.
 */
import { zipSync, type Zippable } from 'fflate';

/** 2024-01-01 12:00:00, expressed in local time so the DOS fields are the same everywhere. */
export function fixedZipTime(): Date {
  return new Date(2024, 0, 1, 12, 0, 0);
}

export type MojoFiles = ReadonlyMap<string, Uint8Array>;

export function zipFiles(files: MojoFiles, opts: { level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 } = {}): Uint8Array {
  const mtime = fixedZipTime();
  const level = opts.level ?? 9;
  const z: Zippable = {};
  for (const [name, data] of files) z[name] = [data, { mtime, level }];
  return zipSync(z, { mtime, level });
}

const enc = new TextEncoder();
export const utf8 = (s: string): Uint8Array => enc.encode(s);
