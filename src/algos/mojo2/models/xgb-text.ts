/**
 * XGBoost text dumps of TOML pipelines (2018-04): a `Version`/`num_output_group`/`base_margin`
 * header, then `booster[n]:` trees of `id:[<column><<threshold>] yes=a,no=b,missing=c` split and
 * `id:leaf=<value>` lines (ids index the nodes; indentation is cosmetic). Splits name the
 * transformation's input columns.
 */
import { MojoFormatError } from '../../../errors.ts';
import type { TreeNodes } from '../ops/index.ts';

export interface TextDump {
  readonly nGroups: number;
  readonly base: number;
  readonly trees: TreeNodes[];
}

/** Most nodes one tree may declare (ids index an array). */
const MAX_NODE_ID = 1 << 24;

const SPLIT = /^(\d+):\[(.*)<([^<\]]+)\] yes=(\d+),no=(\d+),missing=(\d+)$/;
const LEAF = /^(\d+):leaf=(\S+)$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function num(text: string, origin: string, line: number): number {
  if (!NUMBER.test(text)) throw new MojoFormatError(`${origin}: line ${line}: '${text.slice(0, 40)}' is not a number`);
  return Number(text);
}

/** Parses a dump; `featureIndex` maps a split's column name to the model input index. */
export function parseXgbTextDump(text: string, featureIndex: ReadonlyMap<string, number>, origin: string): TextDump {
  const lines = text.split(/\r?\n/);
  let nGroups = 1;
  let base = 0;
  const trees: TreeNodes[] = [];
  let tree: TreeNodes | null = null;
  let declared: Uint8Array | null = null;
  const finish = (): void => {
    if (tree === null) return;
    for (let i = 0; i < tree.feature.length; i++) {
      if (declared === null || declared[i] !== 1) throw new MojoFormatError(`${origin}: tree ${trees.length} has no node ${i}`);
    }
    trees.push(tree);
  };
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === '' || line.startsWith('Version')) continue;
    if (line.startsWith('num_output_group:')) {
      nGroups = num(line.slice('num_output_group:'.length).trim(), origin, ln + 1);
      continue;
    }
    if (line.startsWith('base_margin:')) {
      base = num(line.slice('base_margin:'.length).trim(), origin, ln + 1);
      continue;
    }
    if (/^booster\[\d+\]:$/.test(line)) {
      finish();
      tree = { feature: [], threshold: [], yes: [], no: [], missing: [], value: [] };
      declared = new Uint8Array(0);
      continue;
    }
    if (tree === null) throw new MojoFormatError(`${origin}: line ${ln + 1}: a node before any booster`);
    const s = SPLIT.exec(line);
    const l = s === null ? LEAF.exec(line) : null;
    if (s === null && l === null) throw new MojoFormatError(`${origin}: line ${ln + 1}: not a split or leaf line`);
    const id = Number((s ?? l)![1]);
    if (id >= MAX_NODE_ID || id > 2 * lines.length) throw new MojoFormatError(`${origin}: line ${ln + 1}: node id ${id} is too large`);
    while (tree.feature.length <= id) {
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.yes.push(0);
      tree.no.push(0);
      tree.missing.push(0);
      tree.value.push(0);
    }
    if (declared!.length <= id) {
      const d: Uint8Array = new Uint8Array(Math.max(id + 1, declared!.length * 2));
      d.set(declared!);
      declared = d;
    }
    if (declared![id] === 1) throw new MojoFormatError(`${origin}: line ${ln + 1}: node ${id} declared twice`);
    declared![id] = 1;
    if (s !== null) {
      const f = featureIndex.get(s[2]);
      if (f === undefined)
        throw new MojoFormatError(`${origin}: line ${ln + 1}: split on '${s[2].slice(0, 60)}', not an input of the transformation`);
      tree.feature[id] = f;
      tree.threshold[id] = num(s[3], origin, ln + 1);
      tree.yes[id] = Number(s[4]);
      tree.no[id] = Number(s[5]);
      tree.missing[id] = Number(s[6]);
    } else tree.value[id] = num(l![2], origin, ln + 1);
  }
  finish();
  return { nGroups, base, trees };
}
