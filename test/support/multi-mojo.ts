/**
 * Test-side writer for the small MOJOs of the multi-model and transformer algorithms (Target
 * Encoder, Isotonic Regression, Extended Isolation Forest, ensemble/pipeline/k-LIME parents):
 * a model.ini from an info list and columns, plus extra files, zipped deterministically.
 */
import type { Model, ReaderContext } from '../../src/algos/index.ts';
import { openMojoBytes, readHeader, type MojoSource } from '../../src/mojo/index.ts';
import { int, renderDomain, renderIni, utf8, zipFiles, type IniValue } from './mojo-writer/index.ts';

export interface MojoColumn {
  name: string;
  domain?: readonly string[];
}

export interface MojoSpec {
  algo: string;
  algorithm: string;
  category: string;
  columns: readonly MojoColumn[];
  supervised?: boolean;
  nclasses?: number;
  mojoVersion?: string;
  info?: readonly (readonly [string, IniValue])[];
  /** Extra entries (path → text or bytes). */
  files?: Readonly<Record<string, string | Uint8Array>>;
}

/** The entries of a MOJO (model.ini, domains, extra files), not yet zipped. */
export function mojoEntries(spec: MojoSpec): Map<string, Uint8Array> {
  const supervised = spec.supervised ?? false;
  const domains = spec.columns.map((c) => c.domain ?? null);
  const ini = renderIni({
    info: [
      ['h2o_version', '3.46.0.1'],
      ['mojo_version', { raw: spec.mojoVersion ?? '1.00' }],
      ['algo', spec.algo],
      ['algorithm', spec.algorithm],
      ['category', spec.category],
      ['uuid', '42'],
      ['supervised', supervised],
      ['n_features', int(spec.columns.length - (supervised ? 1 : 0))],
      ['n_classes', int(spec.nclasses ?? 1)],
      ['n_columns', int(spec.columns.length)],
      ['n_domains', int(domains.filter((d) => d !== null).length)],
      // ModelMojoReader.readAll unboxes balance_classes: h2o-genmodel refuses a MOJO without it.
      ['balance_classes', false],
      ['default_threshold', 0.5],
      ['escape_domain_values', true],
      ...(spec.info ?? []),
    ],
    columns: { names: spec.columns.map((c) => c.name), domains },
  });
  const files = new Map<string, Uint8Array>([['model.ini', utf8(ini)]]);
  let k = 0;
  for (const d of domains) if (d !== null) files.set(`domains/d${String(k++).padStart(3, '0')}.txt`, utf8(renderDomain(d)));
  for (const [name, v] of Object.entries(spec.files ?? {})) files.set(name, typeof v === 'string' ? utf8(v) : v);
  return files;
}

export function buildMojo(spec: MojoSpec): Uint8Array {
  return zipFiles(mojoEntries(spec));
}

/** A reader context over a parent MOJO whose nested models are the given fakes (by folder). */
export function fakeContext(spec: MojoSpec, nested: Readonly<Record<string, Model>>): ReaderContext {
  const source: MojoSource = openMojoBytes(buildMojo(spec), 'test.zip');
  return {
    source,
    header: readHeader(source),
    loadNested(prefix: string): Model {
      const m = nested[prefix];
      if (m === undefined) throw new Error(`test: no fake model at ${prefix}`);
      return m;
    },
  };
}

export type EifRecord = { num: number; split: { n: readonly number[]; p: readonly number[] } } | { num: number; leafRows: number };

/** An extended isolation tree blob (little-endian), optionally zero-padded to `padTo` bytes. */
export function eifTree(k: number, records: readonly EifRecord[], padTo = 0): Uint8Array {
  let size = 4;
  for (const r of records) size += 5 + ('split' in r ? 16 * k : 4);
  const b = new Uint8Array(Math.max(size, padTo));
  const v = new DataView(b.buffer);
  v.setInt32(0, k, true);
  let p = 4;
  for (const r of records) {
    v.setInt32(p, r.num, true);
    if ('split' in r) {
      b[p + 4] = 0x4e;
      p += 5;
      for (const x of [...r.split.n, ...r.split.p]) {
        v.setFloat64(p, x, true);
        p += 8;
      }
    } else {
      b[p + 4] = 0x4c;
      v.setInt32(p + 5, r.leafRows, true);
      p += 9;
    }
  }
  return b;
}
