/**
 * MOJO artifact access. A MOJO is a zip (".zip"/".mojo") or a folder whose root holds
 * `model.ini`; SageMaker may also leave a `model.tar.gz`. Everything is read into memory once
 * (fflate, no temp files) and exposed as a flat name → bytes view rooted at `model.ini`.
 */
import { gunzipSync, unzipSync } from 'fflate';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MojoFormatError } from '../errors.ts';
import { untar } from './tar.ts';

export interface MojoSource {
  /** Where it came from, for messages. */
  readonly origin: string;
  /** Total size in bytes of the entries below this root. */
  readonly sizeBytes: number;
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

const decoder = new TextDecoder('utf-8');

class MemorySource implements MojoSource {
  readonly sizeBytes: number;
  constructor(
    readonly origin: string,
    private readonly entries: ReadonlyMap<string, Uint8Array>,
  ) {
    let size = 0;
    for (const v of entries.values()) size += v.length;
    this.sizeBytes = size;
  }
  has(name: string): boolean {
    return this.entries.has(name);
  }
  bytes(name: string): Uint8Array {
    const b = this.entries.get(name);
    if (b === undefined) throw new MojoFormatError(`${this.origin}: entry '${name}' is missing from the MOJO`);
    return b;
  }
  text(name: string): string {
    return decoder.decode(this.bytes(name));
  }
  list(prefix = ''): string[] {
    const out: string[] = [];
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) out.push(k.slice(prefix.length));
    return out;
  }
  sub(prefix: string): MojoSource {
    const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
    const m = new Map<string, Uint8Array>();
    for (const [k, v] of this.entries) if (k.startsWith(p)) m.set(k.slice(p.length), v);
    if (m.size === 0) throw new MojoFormatError(`${this.origin}: nested model folder '${prefix}' is missing`);
    return new MemorySource(`${this.origin}!/${p}`, m);
  }
}

/** Re-roots a flat entry table at the shallowest `model.ini` (zips often wrap a top folder). */
function rootAtModelIni(origin: string, all: Map<string, Uint8Array>): MojoSource {
  let best: string | undefined;
  for (const k of all.keys()) {
    if (k === 'model.ini' || k.endsWith('/model.ini')) if (best === undefined || k.length < best.length) best = k;
  }
  if (best === undefined) throw new MojoFormatError(`${origin}: no model.ini found — not an H2O-3 MOJO`);
  const prefix = best.slice(0, best.length - 'model.ini'.length);
  if (prefix === '') return new MemorySource(origin, all);
  const m = new Map<string, Uint8Array>();
  for (const [k, v] of all) if (k.startsWith(prefix)) m.set(k.slice(prefix.length), v);
  return new MemorySource(origin, m);
}

/** Opens a MOJO from entries already extracted (name → bytes), rooted at its shallowest model.ini. */
export function openMojoEntries(entries: Map<string, Uint8Array>, origin: string): MojoSource {
  return rootAtModelIni(origin, entries);
}

const ZIP_MAGIC = 0x504b0304; // "PK\3\4"
const GZIP_MAGIC = 0x1f8b;

/** Opens MOJO bytes: a zip, or a gzip'd tar holding one. */
export function openMojoBytes(bytes: Uint8Array, origin = '<memory>'): MojoSource {
  if (bytes.length >= 4 && ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0 === ZIP_MAGIC) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch (cause) {
      throw new MojoFormatError(`${origin}: not a readable zip archive (${(cause as Error).message})`, { cause });
    }
    const all = new Map<string, Uint8Array>();
    for (const [k, v] of Object.entries(files)) if (!k.endsWith('/')) all.set(k, v);
    return rootAtModelIni(origin, all);
  }
  if (bytes.length >= 2 && ((bytes[0] << 8) | bytes[1]) === GZIP_MAGIC) {
    let tar: Uint8Array;
    try {
      tar = gunzipSync(bytes);
    } catch (cause) {
      throw new MojoFormatError(`${origin}: not a readable gzip stream`, { cause });
    }
    return openTarBytes(tar, origin);
  }
  throw new MojoFormatError(`${origin}: not a MOJO (expected a zip archive, a model.tar.gz or a folder with model.ini)`);
}

/**
 * A tar (from model.tar.gz) either holds the MOJO's own entries (model.ini at some level) or
 * exactly one .zip/.mojo file, which is opened in turn.
 */
function openTarBytes(tar: Uint8Array, origin: string): MojoSource {
  const entries = untar(tar, origin);
  const all = new Map<string, Uint8Array>();
  for (const e of entries) all.set(e.name.replace(/^\.\//, ''), e.data);
  for (const k of all.keys()) if (k === 'model.ini' || k.endsWith('/model.ini')) return rootAtModelIni(origin, all);
  const zips = [...all.keys()].filter((k) => /\.(zip|mojo)$/i.test(k));
  if (zips.length === 1) return openMojoBytes(all.get(zips[0])!, `${origin}!/${zips[0]}`);
  throw new MojoFormatError(`${origin}: the archive must hold one MOJO, found ${zips.length === 0 ? 'none' : zips.join(', ')}`);
}

function readFolder(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.set(relative(dir, p).split(sep).join('/'), new Uint8Array(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

/** Opens a MOJO from a path: a zip/.mojo file, a model.tar.gz, or a folder holding model.ini. */
export function openMojo(path: string): MojoSource {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new MojoFormatError(`${path}: no such file or folder`);
  }
  if (st.isDirectory()) return rootAtModelIni(path, readFolder(path));
  return openMojoBytes(new Uint8Array(readFileSync(path)), path);
}
