/**
 * Models trained with a non-AUTO `categorical_encoding`. H2O scores such a model on its
 * encoded columns (e.g. one 0/1 column per level), but the Java wrapper (EasyPredictModelWrapper)
 * takes rows in the ORIGINAL columns — the names and levels recorded as `_orig_names` /
 * `_orig_domain_values_<i>` (+ `_orig_projection_array` for Eigen) — and expands them into the
 * encoded row itself. `withCategoricalEncoding` puts that expansion in front of a model: the
 * returned model's inputs are the original columns, and its `score` encodes the row into a
 * preallocated buffer before handing it to the wrapped model.
 *
 * Which models the wrapper encodes for, as h2o-genmodel decides (getCategoricalEncoding):
 * - shared trees (GBM, DRF, Isolation Forest, Uplift DRF), mojo >= 1.40: OneHotExplicit, Binary,
 *   EnumLimited, Eigen, LabelEncoder; AUTO / Enum / SortByResponse need nothing.
 * - deep learning, mojo >= 1.10: Binary, Eigen, LabelEncoder; AUTO / SortByResponse /
 *   OneHotInternal need nothing. OneHotExplicit / EnumLimited have no wrapper mapping there
 *   (the Java wrapper fails to build), so they are refused.
 * - every other algorithm (GLM, XGBoost, ensembles, …) always takes its own columns.
 * Only the top-level model is wrapped: nested models (stacked ensembles, pipelines) are handed
 * the already-encoded columns by their parent, as in h2o.
 *
 * Row semantics follow the wrapper's converter: an absent / empty cell leaves every encoded slot
 * of the column missing; a level the model never saw is encoded as the encoding's "NA" value
 * (one-hot: the extra NA slot is hot; binary: code 0; others: missing).
 */
export {
  type CategoricalEncoding,
  compilePlan,
  encodeRow,
  type EncodingPlan,
  javaParseInt,
  type OrigColumns,
  readOrigColumns,
  wrapperEncoding,
} from './plan.ts';
export { EncodedModel, withCategoricalEncoding } from './wrapper.ts';
