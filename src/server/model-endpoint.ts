/**
 * The adapter between routes added on top of the SageMaker contract (multi-model, H2O's REST
 * API) and the scoring path: everything they need from a model goes through this class, so
 * that re-pointing them at a new row path means editing this file only.
 */
import type { ExtraOutput, Model } from '../algos/index.ts';
import { Scorer } from '../scoring/index.ts';
import { Invoker } from './invoke.ts';
import type { Logger } from './log.ts';
import type { ServerMetrics } from './metrics.ts';
import type { AppOptions } from './options.ts';

export class ModelEndpoint {
  readonly scorer: Scorer;
  private readonly invoker: Invoker;
  /** Offset of the row last encoded by scoreText (contributions read the same row). */
  private lastOffset = 0;

  constructor(
    readonly model: Model,
    readonly options: AppOptions,
    log: Logger,
    metrics: ServerMetrics | undefined,
  ) {
    this.scorer = new Scorer(model);
    this.invoker = new Invoker(this.scorer, options, log, metrics);
  }

  /** POST /invocations semantics (bodies, content types, options, errors) for this model. */
  invoke(request: Request): Promise<Response> {
    return this.invoker.invocations(request);
  }

  /**
   * Encodes one row given as column names and text cells ("" = missing) and scores it.
   * Returns the output buffer (valid until the next call); throws BadRequestError for a value
   * the encoder rejects and RowError for a row the model cannot score.
   */
  scoreText(names: readonly string[], cells: readonly string[], lenient: boolean): Float64Array {
    const s = this.scorer;
    this.lastOffset = s.encoder.encodePairs(names, cells, names.length, s.raw, lenient);
    return s.scoreRaw(this.lastOffset);
  }

  /** The model's SHAP contributions output, when it has one. */
  get contributions(): ExtraOutput | undefined {
    return this.model.explanations.contributions;
  }

  /** Contributions of the row last passed to scoreText (call right after it). */
  contributionsOfLastRow(): (number | string)[] {
    const c = this.model.explanations.contributions;
    if (c === undefined) throw new Error('model has no contributions output');
    return c.compute(this.scorer.raw, this.lastOffset);
  }
}
