/**
 * MOJO artifact access. A MOJO is a zip (".zip"/".mojo") or a folder whose root holds
 * `model.ini`; SageMaker may also leave a `model.tar.gz`. Entries are read only when a reader
 * asks for them (no temp files), within the artifact's `LoadBudget` (./limits.ts), and exposed as a
 * flat name → bytes view rooted at `model.ini`. Views of nested models share one entry table and
 * one budget, which decoders charge too (`source.budget`).
 */
import { MojoFormatError, MojoNotFoundError, MojoTooLargeError } from '../errors.ts';
import { hostFs } from './host.ts';
import { type FolderListing, linkOf, listFolder, readFolderFile } from './folder.ts';
import { type ArchiveLimits, LoadBudget, limitsFromEnv, MAX_TOTAL_ENV } from './limits.ts';
import { isPlainTar, untarGzip, untarPlain } from './tar.ts';
import { readZipDirectory, readZipEntry } from './zip.ts';

export interface MojoSource {
  /** Where it came from, for messages. */
  readonly origin: string;
  /** How many `sub` steps below the artifact's root model this view is. */
  readonly depth: number;
  /** Uncompressed size of all the artifact's entries, as declared (zip directory, file sizes). */
  readonly sizeBytes: number;
  /** What this load may still spend: readers and decoders of this artifact charge it. */
  readonly budget: LoadBudget;
  has(name: string): boolean;
  /** Raw bytes of an entry; throws MOJO_FORMAT when it is missing. */
  bytes(name: string): Uint8Array;
  /** UTF-8 text of an entry; throws MOJO_FORMAT when it is missing. */
  text(name: string): string;
  /** Entry names below `prefix` (relative to this root). */
  list(prefix?: string): string[];
  /** A view of the entries below `prefix` (nested models of ensembles and pipelines). */
  sub(prefix: string): MojoSource;
}

/** Deepest nesting of models inside models (ensembles of pipelines of …) a MOJO may use. */
export const MAX_NESTING_DEPTH = 16;

const decoder = new TextDecoder('utf-8');

/** One artifact's entries: names known up front, bytes read on first use and kept. */
class EntryTable {
  private readonly cache = new Map<string, Uint8Array>();
  constructor(
    readonly origin: string,
    readonly budget: LoadBudget,
    /** Entry name → reader of its bytes. */
    private readonly readers: ReadonlyMap<string, () => Uint8Array>,
    /** Declared uncompressed size of all entries. */
    readonly sizeBytes: number,
    private readonly folder?: FolderListing,
  ) {}

  names(): Iterable<string> {
    return this.folder ? [...this.readers.keys(), ...this.folder.links] : this.readers.keys();
  }

  has(name: string): boolean {
    return this.readers.has(name) || (this.folder !== undefined && linkOf(this.folder, name) !== undefined);
  }

  /** The entry's bytes, or undefined when it does not exist. */
  read(name: string): Uint8Array | undefined {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    const link = this.folder && linkOf(this.folder, name);
    if (link !== undefined) {
      throw new MojoFormatError(`${this.origin}: entry '${link}' is a symbolic link; a model folder may not link outside itself`);
    }
    const reader = this.readers.get(name);
    if (reader === undefined) return undefined;
    const bytes = reader();
    this.cache.set(name, bytes);
    return bytes;
  }
}

/** The entries of a table below `prefix`, seen as a model of their own. */
class TableView implements MojoSource {
  constructor(
    private readonly table: EntryTable,
    private readonly prefix: string,
    readonly origin: string,
    readonly depth: number,
  ) {}
  get sizeBytes(): number {
    return this.table.sizeBytes;
  }
  get budget(): LoadBudget {
    return this.table.budget;
  }
  has(name: string): boolean {
    return this.table.has(this.prefix + name);
  }
  bytes(name: string): Uint8Array {
    const b = this.table.read(this.prefix + name);
    if (b === undefined) throw new MojoFormatError(`${this.origin}: entry '${name}' is missing from the MOJO`);
    return b;
  }
  text(name: string): string {
    return decoder.decode(this.bytes(name));
  }
  list(prefix = ''): string[] {
    const p = this.prefix + prefix;
    const out: string[] = [];
    for (const k of this.table.names()) if (k.startsWith(p)) out.push(k.slice(p.length));
    return out;
  }
  sub(prefix: string): MojoSource {
    const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
    if (this.depth >= MAX_NESTING_DEPTH) {
      throw new MojoFormatError(`${this.table.origin}: models nested more than ${MAX_NESTING_DEPTH} levels deep`);
    }
    if (this.list(p).length === 0) throw new MojoFormatError(`${this.origin}: nested model folder '${prefix}' is missing`);
    return new TableView(this.table, this.prefix + p, `${this.table.origin}!/${this.prefix}${p}`, this.depth + 1);
  }
}

/** Entry points of a Driverless AI pipeline.mojo (MOJO2), relative to its root. */
const MOJO2_ENTRIES = ['mojo/pipeline.pb', 'mojo/pipeline.toml'];

/**
 * Roots a table at its shallowest `model.ini` (zips often wrap a top folder); failing that, at
 * the folder holding a MOJO2 entry point (`mojo/pipeline.pb` or `mojo/pipeline.toml`).
 */
function rootAtModelIni(table: EntryTable): MojoSource {
  let best: string | undefined;
  let mojo2: string | undefined;
  for (const k of table.names()) {
    if (k === 'model.ini' || k.endsWith('/model.ini')) {
      if (best === undefined || k.length < best.length) best = k.slice(0, k.length - 'model.ini'.length);
    }
    for (const e of MOJO2_ENTRIES) {
      if (k === e || k.endsWith(`/${e}`)) {
        const root = k.slice(0, k.length - e.length);
        if (mojo2 === undefined || root.length < mojo2.length) mojo2 = root;
      }
    }
  }
  const root = best ?? mojo2;
  if (root === undefined) {
    throw new MojoFormatError(
      `${table.origin}: no model.ini (H2O-3 MOJO) and no mojo/pipeline.pb or mojo/pipeline.toml (Driverless AI pipeline.mojo) found`,
    );
  }
  return new TableView(table, root, table.origin, 0);
}

/** Limits given in part (tests, callers with their own caps) completed from the environment. */
function fullLimits(limits: Partial<ArchiveLimits>): ArchiveLimits {
  return { ...limitsFromEnv(), ...limits };
}

/**
 * Opens a MOJO from entries already extracted (name → bytes), rooted at its shallowest model.ini.
 * Without a `budget` (whose reads already paid for these bytes) the entries are charged to a new one.
 */
export function openMojoEntries(
  entries: ReadonlyMap<string, Uint8Array>,
  origin: string,
  budget: LoadBudget = new LoadBudget(limitsFromEnv(), origin),
  charge = true,
): MojoSource {
  const readers = new Map<string, () => Uint8Array>();
  let size = 0;
  for (const [name, bytes] of entries) {
    if (charge) budget.reserve(name, bytes.length);
    readers.set(name, () => bytes);
    size += bytes.length;
  }
  return rootAtModelIni(new EntryTable(origin, budget, readers, size));
}

const ZIP_MAGIC = 0x504b0304; // "PK\3\4"
const GZIP_MAGIC = 0x1f8b;

function openZip(bytes: Uint8Array, origin: string, budget: LoadBudget): MojoSource {
  const readers = new Map<string, () => Uint8Array>();
  let size = 0;
  for (const [name, e] of readZipDirectory(bytes, origin)) {
    readers.set(name, () => readZipEntry(bytes, e, budget, origin));
    size += e.size;
  }
  return rootAtModelIni(new EntryTable(origin, budget, readers, size));
}

/**
 * A tar (from model.tar.gz) either holds the MOJO's own entries (model.ini at some level) or
 * exactly one .zip/.mojo file, which is opened in turn.
 */
function openTarGz(bytes: Uint8Array, origin: string, budget: LoadBudget, gzipped = true): MojoSource {
  const all = new Map<string, Uint8Array>();
  for (const e of gzipped ? untarGzip(bytes, budget, origin) : untarPlain(bytes, budget, origin))
    all.set(e.name.replace(/^\.\//, ''), e.data);
  for (const k of all.keys()) {
    if (k === 'model.ini' || k.endsWith('/model.ini') || MOJO2_ENTRIES.some((e) => k === e || k.endsWith(`/${e}`))) {
      return openMojoEntries(all, origin, budget, false);
    }
  }
  const zips = [...all.keys()].filter((k) => /\.(zip|mojo)$/i.test(k));
  if (zips.length === 1) return openZip(all.get(zips[0])!, `${origin}!/${zips[0]}`, budget);
  throw new MojoFormatError(`${origin}: the archive must hold one MOJO, found ${zips.length === 0 ? 'none' : zips.join(', ')}`);
}

/** Opens MOJO bytes: a zip, or a gzip'd tar holding one, within `limits` (the environment's by default). */
export function openMojoBytes(bytes: Uint8Array, origin = '<memory>', limits: Partial<ArchiveLimits> = {}): MojoSource {
  const budget = new LoadBudget(fullLimits(limits), origin);
  if (bytes.length >= 4 && ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0 === ZIP_MAGIC) {
    return openZip(bytes, origin, budget);
  }
  if (bytes.length >= 2 && ((bytes[0] << 8) | bytes[1]) === GZIP_MAGIC) return openTarGz(bytes, origin, budget);
  // An uncompressed tar: the Java scorer's `tar cvf mojo.tar pipeline.mojo license.sig`.
  if (isPlainTar(bytes)) return openTarGz(bytes, origin, budget, false);
  throw new MojoFormatError(`${origin}: not a MOJO (expected a zip archive, a model.tar.gz or a folder with model.ini)`);
}

function openFolder(dir: string, budget: LoadBudget): MojoSource {
  const listing = listFolder(dir);
  const readers = new Map<string, () => Uint8Array>();
  let size = 0;
  for (const [name, bytes] of listing.files) {
    readers.set(name, () => readFolderFile(dir, name, budget, dir));
    size += bytes;
  }
  return rootAtModelIni(new EntryTable(dir, budget, readers, size, listing));
}

/**
 * Opens a MOJO from a path: a zip/.mojo file, a model.tar.gz, or a folder holding model.ini,
 * within `limits` (the environment's by default). Nothing is read whole but a file within the
 * total cap; a folder's files are read when a reader asks for them.
 */
export function openMojo(path: string, partialLimits: Partial<ArchiveLimits> = {}): MojoSource {
  const limits = fullLimits(partialLimits);
  const { readFileSync, statSync } = hostFs();
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new MojoNotFoundError(`${path}: no such file or folder`);
    throw new MojoFormatError(`${path}: cannot be opened (${code ?? (cause as Error).message})`, { cause });
  }
  if (st.isDirectory()) {
    try {
      return openFolder(path, new LoadBudget(limits, path));
    } catch (cause) {
      if (cause instanceof MojoFormatError || cause instanceof MojoTooLargeError) throw cause;
      throw new MojoFormatError(`${path}: cannot read the model folder (${(cause as NodeJS.ErrnoException).code ?? cause})`, { cause });
    }
  }
  if (!st.isFile()) throw new MojoFormatError(`${path}: not a file or folder`);
  if (st.size > limits.maxTotalBytes) {
    throw new MojoTooLargeError(`${path}: the file is ${st.size} bytes, over the cap on the whole model (${MAX_TOTAL_ENV})`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (cause) {
    throw new MojoFormatError(`${path}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, { cause });
  }
  return openMojoBytes(bytes, path, limits);
}
