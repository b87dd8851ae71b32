/**
 * The nested-model table of h2o's multi-model MOJOs (MultiModelMojoReader): `submodel_count`,
 * then `submodel_key_<i>` (the alias the parent refers to) and `submodel_dir_<i>` (its folder
 * inside the same archive). Models are loaded on first reference, each by its own reader, so
 * an ensemble only pays for (and only needs a reader for) the models it actually uses; aliases
 * of one folder share one decode (the loader also shares it across parents, and counts decodes).
 */
import { MojoFormatError } from '../../../errors.ts';
import type { Model, ReaderContext } from '../../model.ts';

const MAX_SUBMODELS = 1 << 16;

export class SubModels {
  private readonly dirs = new Map<string, string>();
  /** Loaded models by alias, and by folder (several aliases may name one; stateful models are not shared). */
  private readonly byAlias = new Map<string, Model>();
  private readonly byDir = new Map<string, Model>();
  /** Aliases in the order the artifact lists them. */
  readonly keys: readonly string[];

  constructor(private readonly ctx: ReaderContext) {
    const info = ctx.header.info;
    const origin = `${ctx.source.origin}: model.ini`;
    const n = info.int('submodel_count', 0);
    if (n < 0 || n > MAX_SUBMODELS) throw new MojoFormatError(`${origin}: submodel_count = ${n} is out of range`);
    const keys: string[] = [];
    for (let i = 0; i < n; i++) {
      const key = info.str(`submodel_key_${i}`);
      const dir = info.str(`submodel_dir_${i}`);
      if (key === undefined || dir === undefined) throw new MojoFormatError(`${origin}: submodel_key_${i} / submodel_dir_${i} is missing`);
      if (this.dirs.has(key)) throw new MojoFormatError(`${origin}: nested model '${key}' is listed twice`);
      this.dirs.set(key, dir);
      keys.push(key);
    }
    this.keys = keys;
  }

  has(key: string): boolean {
    return this.dirs.has(key);
  }

  /** The nested model under alias `key`; `role` names its purpose in messages. */
  get(key: string, role: string): Model {
    const dir = this.dirs.get(key);
    if (dir === undefined) {
      throw new MojoFormatError(`${this.ctx.source.origin}: ${role} '${key}' is not among the nested models (submodel_key_*)`);
    }
    const done = this.byAlias.get(key) ?? this.byDir.get(dir);
    if (done !== undefined) return done;
    const m = this.ctx.loadNested(dir);
    this.byAlias.set(key, m);
    if (!m.stateful) this.byDir.set(dir, m);
    return m;
  }
}
