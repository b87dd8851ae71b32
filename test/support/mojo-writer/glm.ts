/**
 * GLM MOJO writer (single-response families: gaussian, binomial, poisson, gamma, tweedie,
 * quasibinomial…) and a reference scorer following h2o-genmodel's GlmMojoModel.
 *
 * Column order is fixed by GLM: all categorical predictors first, then numeric ones, then the
 * response. Coefficient layout (`beta`): for each categorical column its one-hot block (all
 * levels with use_all_factor_levels, otherwise levels 1..n−1), then one coefficient per numeric
 * column, then the intercept last.
 */
import { domainFileNames, int, ints, raw, renderDomain, renderIni, type IniValue } from './ini.ts';
import { utf8, zipFiles, type MojoFiles } from './zip.ts';

export interface GlmCategorical {
  name: string;
  domain: readonly string[];
  /** Level used for missing values when meanImputation is on (default 0). */
  mode?: number;
}

export interface GlmNumeric {
  name: string;
  /** Value used for missing values when meanImputation is on (default 0). */
  mean?: number;
}

export interface GlmMojoSpec {
  cats: readonly GlmCategorical[];
  nums: readonly GlmNumeric[];
  response: { name: string; domain?: readonly string[] };
  family: 'gaussian' | 'binomial' | 'quasibinomial' | 'fractionalbinomial' | 'poisson' | 'gamma' | 'tweedie' | 'negativebinomial';
  link: 'identity' | 'logit' | 'log' | 'inverse' | 'tweedie';
  /** Coefficients in the layout described above (intercept last). */
  beta: readonly number[];
  useAllFactorLevels?: boolean;
  meanImputation?: boolean;
  tweedieLinkPower?: number;
  defaultThreshold?: number;
  uuid?: string;
  h2oVersion?: string;
  /** Default '1.00' (h2o writes 1.00 for GLM). */
  mojoVersion?: string;
  extraInfo?: readonly (readonly [string, IniValue])[];
}

/** cat_offsets: start of each categorical block in beta, plus the end of the last one. */
export function glmCatOffsets(spec: GlmMojoSpec): number[] {
  const drop = spec.useAllFactorLevels ? 0 : 1;
  const offs = [0];
  for (const c of spec.cats) offs.push(offs[offs.length - 1] + c.domain.length - drop);
  return offs;
}

function validate(spec: GlmMojoSpec): void {
  const offs = glmCatOffsets(spec);
  const expected = offs[offs.length - 1] + spec.nums.length + 1;
  if (spec.beta.length !== expected) {
    throw new Error(`beta has ${spec.beta.length} coefficients, layout needs ${expected}`);
  }
}

export function glmMojoFiles(spec: GlmMojoSpec): MojoFiles {
  validate(spec);
  const names = [...spec.cats.map((c) => c.name), ...spec.nums.map((n) => n.name), spec.response.name];
  const domains = [...spec.cats.map((c) => c.domain), ...spec.nums.map(() => null), spec.response.domain ?? null];
  const k = spec.response.domain ? spec.response.domain.length : 1;
  const category = k === 1 ? 'Regression' : k === 2 ? 'Binomial' : 'Multinomial';
  const info: (readonly [string, IniValue | undefined])[] = [
    ['h2o_version', spec.h2oVersion ?? '3.46.0.1'],
    ['mojo_version', raw(spec.mojoVersion ?? '1.00')],
    ['license', 'Apache License Version 2.0'],
    ['algo', 'glm'],
    ['algorithm', 'Generalized Linear Modeling'],
    ['endianness', 'LITTLE_ENDIAN'],
    ['category', category],
    ['uuid', spec.uuid ?? '1234567890123456789'],
    ['supervised', true],
    ['n_features', int(names.length - 1)],
    ['n_classes', int(k)],
    ['n_columns', int(names.length)],
    ['n_domains', int(domains.filter((d) => d != null).length)],
    ['balance_classes', false],
    ['default_threshold', spec.defaultThreshold ?? 0.5],
    ['prior_class_distrib', null],
    ['model_class_distrib', null],
    ['timestamp', '2024-01-01T12:00:00.000Z'],
    ['escape_domain_values', true],
    ['use_all_factor_levels', spec.useAllFactorLevels ?? false],
    ['cats', int(spec.cats.length)],
    ['cat_offsets', ints(glmCatOffsets(spec))],
    ['nums', int(spec.nums.length)],
    ['mean_imputation', spec.meanImputation ?? false],
    ['num_means', spec.meanImputation ? spec.nums.map((n) => n.mean ?? 0) : undefined],
    ['cat_modes', spec.meanImputation ? ints(spec.cats.map((c) => c.mode ?? 0)) : undefined],
    ['beta', spec.beta],
    ['family', spec.family],
    ['link', spec.link],
    ['tweedie_link_power', spec.link === 'tweedie' ? (spec.tweedieLinkPower ?? 0) : undefined],
    ...(spec.extraInfo ?? []),
  ];
  const files = new Map<string, Uint8Array>();
  files.set('model.ini', utf8(renderIni({ info, columns: { names, domains } })));
  for (const [i, file] of domainFileNames(domains)) files.set(`domains/${file}`, utf8(renderDomain(domains[i]!)));
  return files;
}

export function writeGlmMojo(spec: GlmMojoSpec): Uint8Array {
  return zipFiles(glmMojoFiles(spec));
}

function linkInv(spec: GlmMojoSpec, eta: number): number {
  switch (spec.link) {
    case 'logit':
      return 1 / (Math.exp(-eta) + 1);
    case 'log':
      return Math.exp(eta);
    case 'inverse': {
      const x = eta < 0 ? Math.min(-1e-5, eta) : Math.max(1e-5, eta);
      return 1 / x;
    }
    case 'tweedie': {
      const p = spec.tweedieLinkPower ?? 0;
      return p === 0 ? Math.max(2e-16, Math.exp(eta)) : Math.pow(eta, 1 / p);
    }
    default:
      return eta;
  }
}

/**
 * h2o-genmodel's GlmMojoModel.score0 for a row in GLM column order (cats then nums; level
 * indices for categoricals, NaN = missing): binomial → [label, p0, p1], otherwise [mu].
 */
export function glmPredict(spec: GlmMojoSpec, row: ArrayLike<number>, offset = 0): number[] {
  const data = Array.from(row);
  const ncats = spec.cats.length;
  if (spec.meanImputation) {
    for (let i = 0; i < ncats; i++) if (Number.isNaN(data[i])) data[i] = spec.cats[i].mode ?? 0;
    for (let i = 0; i < spec.nums.length; i++) if (Number.isNaN(data[ncats + i])) data[ncats + i] = spec.nums[i].mean ?? 0;
  }
  const offs = glmCatOffsets(spec);
  const b = spec.beta;
  let eta = 0;
  for (let i = 0; i < ncats; i++) {
    const v = spec.useAllFactorLevels ? data[i] : data[i] - 1;
    if (!spec.useAllFactorLevels && data[i] === 0) continue;
    if (!Number.isInteger(v)) throw new Error('categorical value out of range');
    const idx = v + offs[i];
    if (idx < offs[i + 1]) eta += b[idx];
  }
  const noff = offs[ncats] - ncats;
  for (let i = ncats; i < b.length - 1 - noff; i++) eta += b[noff + i] * data[i];
  eta += b[b.length - 1];
  eta += offset;
  const mu = linkInv(spec, eta);
  if (spec.family === 'binomial' || spec.family === 'quasibinomial' || spec.family === 'fractionalbinomial') {
    return [mu >= (spec.defaultThreshold ?? 0.5) ? 1 : 0, 1 - mu, mu];
  }
  return [mu];
}
