/**
 * Size caps for reading an artifact: per entry and in total, over the bytes actually
 * decompressed. Declared sizes are checked before anything is allocated; readers enforce the
 * same caps while inflating, since a declared size can lie.
 */
import { ConfigurationError, MojoTooLargeError } from '../errors.ts';
import { hostEnvVars } from './host.ts';

export interface ArchiveLimits {
  /** Largest single entry, in bytes. */
  readonly maxEntryBytes: number;
  /** Largest sum of all entries read from one artifact, in bytes. */
  readonly maxTotalBytes: number;
}

const MB = 1024 * 1024;
export const DEFAULT_MAX_ENTRY_MB = 512;
export const DEFAULT_MAX_TOTAL_MB = 2048;
export const MAX_ENTRY_ENV = 'MOJO_MAX_ENTRY_MB';
export const MAX_TOTAL_ENV = 'MOJO_MAX_TOTAL_MB';

function megabytes(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return fallback * MB;
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new ConfigurationError(name, `${name}='${v}' is not a positive number of megabytes`);
  return Math.floor(n * MB);
}

/** Caps from MOJO_MAX_ENTRY_MB / MOJO_MAX_TOTAL_MB, else 512 MB per entry and 2 GB in total. */
export function limitsFromEnv(env: Record<string, string | undefined> = hostEnvVars()): ArchiveLimits {
  return {
    maxEntryBytes: megabytes(env, MAX_ENTRY_ENV, DEFAULT_MAX_ENTRY_MB),
    maxTotalBytes: megabytes(env, MAX_TOTAL_ENV, DEFAULT_MAX_TOTAL_MB),
  };
}

const mb = (n: number): string => `${(n / MB).toFixed(n < MB ? 3 : 0)} MB`;

/** Bytes read so far from one artifact, shared by every view of it. */
export class ReadBudget {
  private used = 0;
  constructor(
    readonly limits: ArchiveLimits,
    private readonly origin: string,
  ) {}

  /** Reserves `size` bytes for entry `name`, or refuses (MOJO_TOO_LARGE) before anything is allocated. */
  reserve(name: string, size: number): void {
    const { maxEntryBytes, maxTotalBytes } = this.limits;
    if (size > maxEntryBytes) {
      throw new MojoTooLargeError(
        `${this.origin}: entry '${name}' is ${mb(size)}, over the ${mb(maxEntryBytes)} per-entry cap (${MAX_ENTRY_ENV})`,
      );
    }
    if (this.used + size > maxTotalBytes) {
      throw new MojoTooLargeError(
        `${this.origin}: reading entry '${name}' (${mb(size)}) passes the ${mb(maxTotalBytes)} cap on the whole model (${MAX_TOTAL_ENV})`,
      );
    }
    this.used += size;
  }
}
