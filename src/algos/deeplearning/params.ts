/**
 * H2O Deep Learning MOJO (`algo = deeplearning`, DeeplearningMojoReader up to mojo_version
 * 1.10). Everything lives in model.ini: nums, cats, cat_offsets, norm_mul/norm_sub (input
 * standardisation), norm_resp_mul/norm_resp_sub (regression response), use_all_factor_levels,
 * activation, distribution, neural_network_sizes, hidden_dropout_ratios and per layer
 * weight_layer<i> (doubles narrowed to float) / bias_layer<i>.
 */
import { MojoFormatError } from '../../errors.ts';
import type { ReaderContext } from '../model.ts';
import { checkOffsets, isDistributionFamily, kvDoublesOpt, kvInts, Link } from '../common/index.ts';
import { Act, ACTIVATIONS, type Layer } from './layers.ts';
import type { DeepLearningSpec } from './model.ts';

/** Deep learning's link per distribution (unlike GBM's default, fractionalbinomial stays the identity). */
function familyLink(name: string): Link {
  switch (name) {
    case 'bernoulli':
    case 'quasibinomial':
    case 'modified_huber':
    case 'ordinal':
      return Link.Logit;
    case 'multinomial':
    case 'poisson':
    case 'gamma':
    case 'tweedie':
      return Link.Log;
    default:
      return Link.Identity;
  }
}

function readLayer(ctx: ReaderContext, i: number, actName: string, ratio: number, inSize: number, outSize: number): Layer {
  const origin = ctx.source.origin;
  const info = ctx.header.info;
  const spec = ACTIVATIONS.get(actName);
  if (spec === undefined) throw new MojoFormatError(`${origin}: unknown activation '${actName}'`);
  const wd = info.nums(`weight_layer${i}`) ?? [];
  const b = Float64Array.from(info.nums(`bias_layer${i}`) ?? []);
  let maxK = 1;
  if (spec.act === Act.Maxout) {
    maxK = Math.floor(b.length / outSize);
    if (maxK < 1 || b.length !== maxK * outSize)
      throw new MojoFormatError(`${origin}: bias_layer${i} has ${b.length} values for ${outSize} Maxout units`);
  } else if (b.length !== outSize) {
    throw new MojoFormatError(`${origin}: bias_layer${i} has ${b.length} values, expected ${outSize}`);
  }
  if (wd.length !== inSize * outSize * maxK) {
    throw new MojoFormatError(
      `${origin}: weight_layer${i} has ${wd.length} values, expected ${inSize}x${outSize}${maxK > 1 ? `x${maxK}` : ''}`,
    );
  }
  if (!(ratio >= 0 && ratio < 1)) throw new MojoFormatError(`${origin}: dropout ratio ${ratio} of layer ${i} is not in [0, 1)`);
  const pick = new Int32Array(maxK);
  for (let k = 1; k < maxK; k++) pick[k] = pick[k - 1] + k;
  return {
    act: spec.act,
    keep: spec.dropout && ratio > 0 ? 1 - ratio : 1,
    inSize,
    outSize,
    maxK,
    w: Float64Array.from(Float32Array.from(wd)),
    b,
    pre: new Float64Array(outSize * maxK),
    out: new Float64Array(outSize),
    maxoutPick: pick,
  };
}

/** Decodes the network and its input/output transforms from model.ini. */
export function readDeepLearningParams(ctx: ReaderContext): DeepLearningSpec {
  const h = ctx.header;
  const info = h.info;
  const origin = ctx.source.origin;
  const nums = info.int('nums');
  const cats = info.int('cats');
  if (nums < 0 || cats < 0 || nums + cats !== h.nfeatures) {
    throw new MojoFormatError(`${origin}: nums ${nums} + cats ${cats} != n_features ${h.nfeatures}`);
  }
  const catOffsets = info.has('cat_offsets') ? kvInts(info, 'cat_offsets', origin) : new Int32Array([0]);
  if (catOffsets.length !== cats + 1)
    throw new MojoFormatError(`${origin}: cat_offsets has ${catOffsets.length} entries for ${cats} categoricals`);
  checkOffsets(catOffsets, 'cat_offsets', origin);
  for (let i = 0; i < cats; i++) {
    if (h.domains[i] === null) throw new MojoFormatError(`${origin}: column ${h.columns[i]} should be categorical (cats = ${cats})`);
    if (catOffsets[i + 1] === catOffsets[i]) throw new MojoFormatError(`${origin}: categorical ${h.columns[i]} has no one-hot slots`);
  }
  const normMul = kvDoublesOpt(info, 'norm_mul') ?? new Float64Array(0);
  const normSub = kvDoublesOpt(info, 'norm_sub') ?? new Float64Array(0);
  if (normMul.length > 0 && (normMul.length < nums || normSub.length < nums)) {
    throw new MojoFormatError(`${origin}: norm_mul/norm_sub have ${normMul.length}/${normSub.length} values for ${nums} numeric columns`);
  }
  const respMul = kvDoublesOpt(info, 'norm_resp_mul');
  const respSub = kvDoublesOpt(info, 'norm_resp_sub');
  if (respMul !== undefined && (respMul.length < 1 || respSub === undefined || respSub.length < 1)) {
    throw new MojoFormatError(`${origin}: norm_resp_mul/norm_resp_sub are inconsistent`);
  }
  const distribution = info.str('distribution', '');
  if (!isDistributionFamily(distribution)) throw new MojoFormatError(`${origin}: unknown distribution '${distribution}'`);
  const activation = info.str('activation', '');
  if (!ACTIVATIONS.has(activation) || activation === 'Linear' || activation === 'Softmax') {
    throw new MojoFormatError(`${origin}: unsupported hidden activation '${activation}'`);
  }
  // mojo 1.10 records `_genmodel_encoding`; a non-built-in one is applied by common/encoding at top level.
  const units = kvInts(info, 'neural_network_sizes', origin);
  if (units.length < 2) throw new MojoFormatError(`${origin}: neural_network_sizes needs at least 2 entries`);
  for (const u of units) if (u <= 0 || u > 1 << 24) throw new MojoFormatError(`${origin}: layer size ${u} is out of range`);
  const inputWidth = nums + catOffsets[cats];
  if (units[0] !== inputWidth) throw new MojoFormatError(`${origin}: input layer has ${units[0]} units, the encoding gives ${inputWidth}`);
  const numLayers = units.length - 1;
  const ratios = kvDoublesOpt(info, 'hidden_dropout_ratios') ?? new Float64Array(0);
  if (ratios.length < numLayers)
    throw new MojoFormatError(`${origin}: hidden_dropout_ratios has ${ratios.length} values for ${numLayers} layers`);

  const autoEncoder = h.category === 'AutoEncoder';
  const classifier = h.category === 'Binomial' || h.category === 'Multinomial' || h.category === 'Ordinal';
  if (!autoEncoder && !classifier && h.category !== 'Regression') {
    throw new MojoFormatError(`${origin}: deep learning category '${h.category}' is not supported`);
  }
  if (autoEncoder) {
    // h2o forces use_all_factor_levels for AutoEncoders: every categorical has levels + NA slots.
    for (let i = 0; i < cats; i++) {
      if (catOffsets[i + 1] - catOffsets[i] !== h.domains[i]!.length + 1) {
        throw new MojoFormatError(
          `${origin}: AutoEncoder categorical ${h.columns[i]} has ${catOffsets[i + 1] - catOffsets[i]} slots for ${h.domains[i]!.length} levels`,
        );
      }
    }
  }
  const layers: Layer[] = [];
  for (let i = 0; i < numLayers; i++) {
    const act = i < numLayers - 1 || autoEncoder ? activation : classifier ? 'Softmax' : 'Linear';
    layers.push(readLayer(ctx, i, act, ratios[i], units[i], units[i + 1]));
  }
  const outUnits = units[numLayers];
  if (classifier && outUnits !== h.nclasses)
    throw new MojoFormatError(`${origin}: output layer has ${outUnits} units for ${h.nclasses} classes`);
  if (!classifier && !autoEncoder && outUnits < 1) throw new MojoFormatError(`${origin}: regression output layer is empty`);
  if (autoEncoder && outUnits !== inputWidth)
    throw new MojoFormatError(`${origin}: AutoEncoder output has ${outUnits} units, input ${inputWidth}`);
  if (classifier && h.balanceClasses && (h.priorClassDistrib?.length !== h.nclasses || h.modelClassDistrib?.length !== h.nclasses)) {
    throw new MojoFormatError(`${origin}: balance_classes needs prior_class_distrib and model_class_distrib`);
  }

  const spec: DeepLearningSpec = {
    nums,
    cats,
    catOffsets,
    normMul: normMul.length > 0 ? normMul : null,
    normSub,
    respMul: respMul?.[0],
    respSub: respSub?.[0],
    useAllFactorLevels: info.bool('use_all_factor_levels', true),
    link: familyLink(distribution),
    modifiedHuber: distribution === 'modified_huber',
    layers,
    autoEncoder,
    classifier,
  };
  return spec;
}
