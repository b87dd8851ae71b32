/**
 * The load-time setup every H2O tree model (GBM, DRF, Isolation Forest) shares: the decoded
 * ensemble, one summing function per class (its trees over all groups, compiled when allowed)
 * and the leaf-assignment outputs.
 */
import type { MojoHeader, MojoSource } from '../../../mojo/index.ts';
import type { ExtraOutput } from '../../model.ts';
import { treeSum, type TreeSum } from './tree-codegen.ts';
import { leafOutputs, readTreeEnsemble, type TreeEnsemble } from './tree-mojo.ts';

export interface TreeModelParts {
  readonly ensemble: TreeEnsemble;
  /** Per class: the sum of its trees over all groups. */
  readonly sums: TreeSum[];
  readonly leafAssignments: ExtraOutput;
  /** `leaf_node_ids`, when the MOJO records node ids. */
  readonly extras?: Readonly<Record<string, ExtraOutput>>;
}

/** Reads a tree model's ensemble and builds its per-class sums and leaf outputs. */
export function readTreeModel(src: MojoSource, h: MojoHeader): TreeModelParts {
  const e = readTreeEnsemble(src, h);
  const sums: TreeSum[] = [];
  for (let c = 0; c < e.perGroup; c++) sums.push(treeSum(e.forest, c * e.groups, (c + 1) * e.groups));
  const leaf = leafOutputs(e);
  return { ensemble: e, sums, leafAssignments: leaf.paths, extras: leaf.ids ? { leaf_node_ids: leaf.ids } : undefined };
}
