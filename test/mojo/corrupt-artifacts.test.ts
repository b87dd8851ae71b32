/**
 * Corrupt artifacts: every entry of real and writer-built MOJOs is mutated (bytes flipped,
 * digits changed, truncated, removed). Loading and scoring must then either work or fail with
 * one of our ScorerErrors — never a TypeError/RangeError, never a huge allocation.
 */
import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { ScorerError } from '../../src/errors.ts';
import { HAVE_FIXTURES, listFixtures } from '../support/fixtures.ts';
import { stumpXgboostMojo } from '../support/algo-models/xgboost.ts';

/** Mutants are zipped without compression: deflating hundreds of copies was most of this file's time. */
const STORED = { level: 0 } as const;

function corpus(): [string, Uint8Array][] {
  const models: [string, Uint8Array][] = [['demo', new Uint8Array(readFileSync(DEMO_MODEL_PATH))]];
  models.push(['xgboost', stumpXgboostMojo()]);
  if (HAVE_FIXTURES) {
    for (const f of listFixtures())
      if (
        [
          'jmh_gbm_prostate',
          'glm_multinomial',
          'sw_deep_learning_prostate',
          'kmeans',
          'isoforextended',
          'glrm',
          'word2vec_genmodel',
          'coxph_bc_all_3_42',
          'xgboost_old_dart',
          'se_binomial_without_useless_models',
        ].includes(f.name)
      )
        models.push([f.name, new Uint8Array(readFileSync(join(f.dir, 'model.zip')))]);
  }
  return models;
}

const mutation = fc.record({
  entry: fc.nat(),
  kind: fc.integer({ min: 0, max: 3 }),
  at: fc.nat(),
  value: fc.integer({ min: 0, max: 255 }),
  count: fc.integer({ min: 1, max: 4 }),
});

describe('corrupt MOJOs fail with a ScorerError', () => {
  for (const [name, bytes] of corpus()) {
    test(name, () => {
      const files = unzipSync(bytes);
      const names = Object.keys(files).filter((k) => !k.endsWith('/') && !k.includes('__MACOSX'));
      fc.assert(
        fc.property(mutation, (m) => {
          const copy: Record<string, Uint8Array> = {};
          for (const k of names) copy[k] = files[k];
          const target = names[m.entry % names.length];
          const b = files[target].slice();
          if (m.kind === 0 && b.length > 0) for (let j = 0; j < m.count; j++) b[(m.at + j * 7919) % b.length] = m.value;
          else if (m.kind === 1 && b.length > 0) b[m.at % b.length] = m.value % 2 === 0 ? 0x30 + (m.value % 10) : 0x2d;
          if (m.kind === 2) copy[target] = b.subarray(0, m.at % (b.length + 1));
          else if (m.kind === 3) delete copy[target];
          else copy[target] = b;
          try {
            const model = decodeModelBytes(zipSync(copy, STORED));
            const raw = new Float64Array(model.inputs.length).fill(NaN);
            const out = new Float64Array(Math.max(1, model.outWidth));
            model.score(raw, out, 0);
            raw.fill(1);
            model.score(raw, out, 0);
          } catch (e) {
            if (!(e instanceof ScorerError)) throw new Error(`${target}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
          }
        }),
        { numRuns: 60, seed: 42 },
      );
      expect(names.length).toBeGreaterThan(0);
    }, 60_000); // a few hundred loads: seconds on a busy 2-core machine
  }
});

/** Every 4-byte window of a binary blob set to INT_MAX (and to -1): any count field read from there must be rejected, not allocated. */
function sweepIntFields(bytes: Uint8Array, entry: string): string[] {
  const files = unzipSync(bytes);
  const blob = files[entry];
  const escaped: string[] = [];
  for (const word of [
    [0xff, 0xff, 0xff, 0x7f],
    [0xff, 0xff, 0xff, 0xff],
  ]) {
    for (let i = 0; i + 4 <= blob.length; i++) {
      const b = blob.slice();
      b.set(word, i);
      try {
        const model = decodeModelBytes(zipSync({ ...files, [entry]: b }, STORED));
        model.score(new Float64Array(model.inputs.length).fill(1), new Float64Array(Math.max(1, model.outWidth)), 0);
      } catch (e) {
        if (!(e instanceof ScorerError)) escaped.push(`offset ${i}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      }
    }
  }
  return escaped;
}

describe('huge counts in binary blobs are MOJO_FORMAT, never an allocation', () => {
  test('XGBoost booster bytes', () => {
    expect(sweepIntFields(stumpXgboostMojo(), 'boosterBytes')).toEqual([]);
  });
  test('GBM tree blob (demo model)', () => {
    const zip = new Uint8Array(readFileSync(DEMO_MODEL_PATH));
    expect(sweepIntFields(zip, 'trees/t00_000.bin')).toEqual([]);
  });
});
