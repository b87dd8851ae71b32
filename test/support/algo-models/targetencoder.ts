/** Target Encoder MOJOs over color ∈ {red, green, blue} and size ∈ {S, L}, binomial response. */
import type { MojoSpec } from '../multi-mojo.ts';

/** Where a Target Encoder MOJO keeps its maps. */
export const TE_FOLDER = 'feature_engineering/target_encoding/';

/** The spec of a Target Encoder MOJO; `files` not named `model…` go below TE_FOLDER. No blending unless `info` says so. */
export function teSpec(over: Partial<MojoSpec> & { files: Record<string, string> }): MojoSpec {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(over.files)) files[k.startsWith('model') ? k : TE_FOLDER + k] = v;
  return {
    algo: 'targetencoder',
    algorithm: 'TargetEncoder',
    category: 'TargetEncoder',
    supervised: true,
    nclasses: 2,
    columns: [
      { name: 'color', domain: ['red', 'green', 'blue'] },
      { name: 'size', domain: ['S', 'L'] },
      { name: 'y', domain: ['no', 'yes'] },
    ],
    info: [['with_blending', false]],
    ...over,
    files,
  };
}

/** Encoding maps (num den per level, the last color row is NA) and column maps: color → color_te, size → size_te. */
export const BINOMIAL_TE_FILES = {
  'encoding_map.ini': '[color]\n0 = 2.0 4.0\n1 = 1.0 5.0\n2 = 3.0 3.0\n3 = 0.0 2.0\n[size]\n0 = 4.0 8.0\n1 = 2.0 6.0\n',
  'te_column_name_to_missing_values_presence.ini': 'color = 1\nsize = 0\n',
  'input_encoding_columns_map.ini': '[from]\ncolor\n[to]\ncolor\n[from]\nsize\n[to]\nsize\n',
  'input_output_columns_map.ini': '[from]\ncolor\n[to]\ncolor_te\n[from]\nsize\n[to]\nsize_te\n',
};

/** BINOMIAL_TE_FILES with blending, inflection point k = 3 and smoothing f = 2. */
export const BLENDED_BINOMIAL_TE: MojoSpec = teSpec({
  info: [
    ['with_blending', true],
    ['inflection_point', 3.0],
    ['smoothing', 2.0],
  ],
  files: BINOMIAL_TE_FILES,
});
