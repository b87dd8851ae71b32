/**
 * Builds Driverless AI pipeline.mojo files (protobuf container) byte by byte for tests: a
 * protobuf encoder for the messages of FORMAT.md (field numbers as read from public files), and
 * a pipeline builder that zips `mojo/pipeline.pb` with its tensors and model files.
 */
import { utf8, zipFiles } from './mojo-writer/zip.ts';

/** Protobuf encoder: fields appended in call order. */
export class Pb {
  private readonly parts: number[] = [];

  private varint(v: number | bigint): void {
    let x = BigInt.asUintN(64, BigInt(v));
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x !== 0n) b |= 0x80;
      this.parts.push(b);
    } while (x !== 0n);
  }

  int(field: number, v: number | bigint): this {
    this.varint(field * 8);
    this.varint(v);
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    this.varint(field * 8 + 2);
    this.varint(b.length);
    for (const x of b) this.parts.push(x);
    return this;
  }

  str(field: number, s: string): this {
    return this.bytes(field, utf8(s));
  }

  msg(field: number, m: Pb): this {
    return this.bytes(field, m.build());
  }

  double(field: number, v: number): this {
    this.varint(field * 8 + 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    for (const x of b) this.parts.push(x);
    return this;
  }

  float(field: number, v: number): this {
    this.varint(field * 8 + 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    for (const x of b) this.parts.push(x);
    return this;
  }

  packedDoubles(field: number, vs: readonly number[]): this {
    const b = new Uint8Array(vs.length * 8);
    const dv = new DataView(b.buffer);
    for (const [i, v] of vs.entries()) dv.setFloat64(i * 8, v, true);
    return this.bytes(field, b);
  }

  packedFloats(field: number, vs: readonly number[]): this {
    const b = new Uint8Array(vs.length * 4);
    const dv = new DataView(b.buffer);
    for (const [i, v] of vs.entries()) dv.setFloat32(i * 4, v, true);
    return this.bytes(field, b);
  }

  packedInts(field: number, vs: readonly (number | bigint)[]): this {
    const inner = new Pb();
    for (const v of vs) inner.varint(v);
    return this.bytes(field, inner.build());
  }

  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Column type field numbers of a Column message. */
export const COL = { int32: 3, int64: 4, float32: 5, float64: 6, str: 7, time64: 8 } as const;
export type ColName = keyof typeof COL;

/** A Frame of `[name, type]` columns. */
export function frame(cols: readonly [string, ColName][]): Pb {
  const f = new Pb();
  for (const [name, type] of cols) f.msg(1, new Pb().str(1, name).msg(COL[type], new Pb()));
  return f;
}

/** A tensor reference `{1: dtype, 2: path}` (dtype = column type − 1). */
export function tensorRef(type: Exclude<ColName, 'time64'>, path: string): Pb {
  return new Pb().int(1, COL[type] - 1).str(2, path);
}

/** A tensor file `{1: data}`. */
export function tensorFile(type: Exclude<ColName, 'time64'>, values: readonly (number | string)[]): Uint8Array {
  const t = new Pb();
  if (type === 'str') for (const v of values) t.str(1, String(v));
  else if (type === 'float32') t.packedFloats(1, values as number[]);
  else if (type === 'float64') t.packedDoubles(1, values as number[]);
  else t.packedInts(1, values as number[]);
  return t.build();
}

export interface Transformation {
  inputs: string[];
  outputs: string[];
  op: number;
  params?: Pb;
  group?: number;
}

export interface PipelineSpec {
  features: [string, ColName][];
  outputs: [string, ColName][];
  interims?: [string, ColName][];
  transformations: Transformation[];
  missing?: string[];
  groups?: [number, string][];
  /** Extra top-level fields (contribution map, problem info). */
  extra?: (p: Pb) => void;
}

export function pipelineMessage(spec: PipelineSpec): Pb {
  const p = new Pb().int(1, 2).str(2, 'test-pipeline');
  for (const m of spec.missing ?? ['', 'NA']) p.str(5, m);
  p.msg(6, frame(spec.features))
    .msg(7, frame(spec.outputs))
    .msg(8, frame(spec.interims ?? []));
  for (const t of spec.transformations) {
    const m = new Pb();
    if (t.group !== undefined) m.int(1, t.group);
    for (const i of t.inputs) m.str(2, i);
    for (const o of t.outputs) m.str(3, o);
    m.msg(t.op, t.params ?? new Pb());
    p.msg(9, m);
  }
  for (const [id, name] of spec.groups ?? []) p.msg(12, new Pb().int(1, id).str(2, name));
  spec.extra?.(p);
  return p;
}

/** A pipeline.mojo: `mojo/pipeline.pb` plus the given extra entries. */
export function pipelineMojo(spec: PipelineSpec, entries: Record<string, Uint8Array> = {}): Uint8Array {
  const files = new Map<string, Uint8Array>([['mojo/pipeline.pb', pipelineMessage(spec).build()]]);
  for (const [k, v] of Object.entries(entries)) files.set(k, v);
  return zipFiles(files);
}

/** A pipeline.mojo whose pipeline.pb is exactly `pb`. */
export function rawPipelineMojo(pb: Uint8Array, entries: Record<string, Uint8Array> = {}): Uint8Array {
  const files = new Map<string, Uint8Array>([['mojo/pipeline.pb', pb]]);
  for (const [k, v] of Object.entries(entries)) files.set(k, v);
  return zipFiles(files);
}
