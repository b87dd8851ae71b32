/**
 * What a server logs about a MOJO2 pipeline when it starts: that the Driverless AI licence is
 * not needed (license.sig and DRIVERLESS_AI_LICENSE_KEY are accepted and ignored), and a warning
 * naming every unverified operation the user opted in to.
 */
import type { Model } from '../model.ts';
import { Mojo2Model } from './model.ts';
import { ALLOW_UNVERIFIED_ENV } from './unverified.ts';

export interface LoadNotice {
  readonly level: 'info' | 'warn';
  readonly msg: string;
  readonly fields?: Record<string, unknown>;
}

export const LICENSE_NOTICE =
  'Driverless AI pipeline.mojo: no licence is needed to score it here; license.sig and DRIVERLESS_AI_LICENSE_KEY are accepted and ignored';

/** The unverified operations a model scores with (empty for every other model). */
export function unverifiedOperations(model: Model): readonly string[] {
  return model instanceof Mojo2Model ? model.unverified : [];
}

/** Notices to log once a model is loaded (none for H2O-3 MOJOs). */
export function loadNotices(model: Model): LoadNotice[] {
  if (!(model instanceof Mojo2Model)) return [];
  const out: LoadNotice[] = [{ level: 'info', msg: LICENSE_NOTICE }];
  if (model.unverified.length > 0) {
    out.push({
      level: 'warn',
      msg: `scoring with operations no published value verifies (${ALLOW_UNVERIFIED_ENV} / --allow-unverified): check this pipeline with 'mojo-scorer verify' against the Driverless AI runtime`,
      fields: { unverified: model.unverified },
    });
  }
  return out;
}
