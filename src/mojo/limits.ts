/**
 * The load budget: what reading one artifact may cost, in bytes inflated (per entry and in
 * total), bytes decoders build from them (trees, tables), nested models decoded, and time.
 * Every path that reads a model (single-model start-up, multi-model loads, the CLI, the
 * library) opens it through archive.ts with one `LoadBudget`, which every reader and decoder
 * of that artifact charges before it allocates. Declared sizes are checked before anything is
 * allocated; readers charge again while inflating, since a declared size can lie.
 */
import { ConfigurationError, MojoTooLargeError } from '../errors.ts';
import { hostEnvVars } from './host.ts';

export interface ArchiveLimits {
  /** Largest single entry, in bytes. */
  readonly maxEntryBytes: number;
  /** Largest sum of all entries read from one artifact, in bytes. */
  readonly maxTotalBytes: number;
  /** Largest sum of what decoders build from the entries (decoded trees, …), in bytes. */
  readonly maxDecodedBytes: number;
  /** Most nested models (ensemble members, pipeline stages) one artifact may decode. */
  readonly maxNestedModels: number;
  /** Longest a load may take, in milliseconds. */
  readonly maxLoadMs: number;
}

const MB = 1024 * 1024;
export const DEFAULT_MAX_ENTRY_MB = 512;
export const DEFAULT_MAX_TOTAL_MB = 2048;
/** Decoded trees take ~7 bytes per blob byte in real models: room for the largest the entry caps admit. */
export const DEFAULT_MAX_DECODED_MB = 4096;
/** AutoML ensembles hold tens of models; thousands leaves room without allowing fan-out blow-ups. */
export const DEFAULT_MAX_NESTED_MODELS = 4096;
export const DEFAULT_MAX_LOAD_SECONDS = 300;
export const MAX_ENTRY_ENV = 'MOJO_MAX_ENTRY_MB';
export const MAX_TOTAL_ENV = 'MOJO_MAX_TOTAL_MB';
export const MAX_DECODED_ENV = 'MOJO_MAX_DECODED_MB';
export const MAX_LOAD_SECONDS_ENV = 'MOJO_MAX_LOAD_SECONDS';

function positive(env: Record<string, string | undefined>, name: string, fallback: number, unit: string): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new ConfigurationError(name, `${name}='${v}' is not a positive number of ${unit}`);
  return n;
}

/**
 * Limits from MOJO_MAX_ENTRY_MB / MOJO_MAX_TOTAL_MB / MOJO_MAX_DECODED_MB / MOJO_MAX_LOAD_SECONDS,
 * else 512 MB per entry, 2 GB in total, 4 GB decoded, 300 s, and at most 4096 nested models.
 */
export function limitsFromEnv(env: Record<string, string | undefined> = hostEnvVars()): ArchiveLimits {
  return {
    maxEntryBytes: Math.floor(positive(env, MAX_ENTRY_ENV, DEFAULT_MAX_ENTRY_MB, 'megabytes') * MB),
    maxTotalBytes: Math.floor(positive(env, MAX_TOTAL_ENV, DEFAULT_MAX_TOTAL_MB, 'megabytes') * MB),
    maxDecodedBytes: Math.floor(positive(env, MAX_DECODED_ENV, DEFAULT_MAX_DECODED_MB, 'megabytes') * MB),
    maxNestedModels: DEFAULT_MAX_NESTED_MODELS,
    maxLoadMs: Math.ceil(positive(env, MAX_LOAD_SECONDS_ENV, DEFAULT_MAX_LOAD_SECONDS, 'seconds') * 1000),
  };
}

const mb = (n: number): string => `${(n / MB).toFixed(n < MB ? 3 : 0)} MB`;

/**
 * What one load of one artifact has spent so far, shared by every view of it and every
 * decoder reading it. Each charge refuses (MOJO_TOO_LARGE, one line naming the setting) before
 * the caller allocates, and each also checks the deadline, so long work stops at its next charge.
 */
export class LoadBudget {
  private read = 0;
  private decoded = 0;
  private nested = 0;
  private readonly deadline: number;

  constructor(
    readonly limits: ArchiveLimits,
    private readonly origin: string,
  ) {
    this.deadline = Date.now() + limits.maxLoadMs;
  }

  /** Bytes of entries read (inflated) so far. */
  get readBytes(): number {
    return this.read;
  }
  /** Bytes decoders have built so far. */
  get decodedBytes(): number {
    return this.decoded;
  }
  /** Nested models decoded so far. */
  get nestedModels(): number {
    return this.nested;
  }

  /** Reserves `size` bytes for entry `name`, or refuses before anything is allocated. */
  reserve(name: string, size: number): void {
    const { maxEntryBytes, maxTotalBytes } = this.limits;
    if (size > maxEntryBytes) {
      throw new MojoTooLargeError(
        `${this.origin}: entry '${name}' is ${mb(size)}, over the ${mb(maxEntryBytes)} per-entry cap (${MAX_ENTRY_ENV})`,
      );
    }
    if (this.read + size > maxTotalBytes) {
      throw new MojoTooLargeError(
        `${this.origin}: reading entry '${name}' (${mb(size)}) passes the ${mb(maxTotalBytes)} cap on the whole model (${MAX_TOTAL_ENV})`,
      );
    }
    this.checkDeadline();
    this.read += size;
  }

  /** Charges `bytes` a decoder is about to build for `what`, or refuses before it allocates. */
  chargeDecoded(what: string, bytes: number): void {
    const cap = this.limits.maxDecodedBytes;
    if (this.decoded + bytes > cap) {
      throw new MojoTooLargeError(`${this.origin}: decoding ${what} passes the ${mb(cap)} cap on decoded model data (${MAX_DECODED_ENV})`);
    }
    this.checkDeadline();
    this.decoded += bytes;
  }

  /** Counts one nested model decode (at `folder`), or refuses past the cap. */
  countNestedModel(folder: string): void {
    const cap = this.limits.maxNestedModels;
    if (this.nested + 1 > cap) {
      throw new MojoTooLargeError(`${this.origin}: decoding nested model '${folder}' passes the cap of ${cap} nested models per artifact`);
    }
    this.checkDeadline();
    this.nested++;
  }

  /** Refuses once the load has run past its time limit. */
  checkDeadline(): void {
    if (Date.now() > this.deadline) {
      throw new MojoTooLargeError(
        `${this.origin}: loading took longer than ${this.limits.maxLoadMs / 1000} s (${MAX_LOAD_SECONDS_ENV}); the model is too large or malformed`,
      );
    }
  }
}
