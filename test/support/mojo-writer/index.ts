/**
 * A small H2O-3 MOJO writer for tests and for the project's demo model: GBM (compressed tree
 * blobs + aux node info) and GLM, zipped deterministically. Each writer has a reference scorer
 * that works on the in-memory model, so tests can check a reader against it.
 */
export { ByteSink } from './bytes.ts';
export {
  NA_DIR,
  assignNodeIds,
  bitsetLayout,
  countSplits,
  encodeAux,
  encodeTree,
  goesRight,
  leaf,
  leafAssignment,
  scoreTree,
  split,
  treeDepth,
  type NaDir,
  type NodeStats,
  type SplitTest,
  type TreeLeaf,
  type TreeNode,
  type TreeSplit,
} from './tree.ts';
export { int, ints, javaDouble, raw, renderDomain, renderIni, type IniDoc, type IniValue } from './ini.ts';
export { fixedZipTime, utf8, zipFiles, type MojoFiles } from './zip.ts';
export {
  gbmLeafPaths,
  gbmMojoFiles,
  gbmPredict,
  treesPerClass,
  writeGbmMojo,
  type ColumnSpec,
  type GbmDistribution,
  type GbmMojoSpec,
} from './gbm.ts';
export {
  glmCatOffsets,
  glmMojoFiles,
  glmPredict,
  writeGlmMojo,
  type GlmCategorical,
  type GlmMojoSpec,
  type GlmNumeric,
} from './glm.ts';
