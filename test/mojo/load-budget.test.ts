/**
 * One load budget per artifact (src/mojo/limits.ts), charged by every reader and decoder: small
 * files that would cost huge work are refused, or cost what they should. Work is measured by
 * the budget's own counters (bytes read, bytes decoded, nested decodes), never by the clock.
 */
import { describe, expect, test } from 'bun:test';
import { gzipSync, strFromU8, strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { decodeModelSource } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { crc32 } from '../../src/mojo/crc32.ts';
import { limitsFromEnv, LoadBudget, openMojoBytes, readHeader } from '../../src/mojo/index.ts';
import { codeOf } from '../support/errors.ts';
import { glmMojoFiles, zipFiles } from '../support/mojo-writer/index.ts';
import { PRICE_GLM } from '../support/price-glm.ts';
import { demoFiles } from '../support/demo-files.ts';
import { ensembleChain, METALEARNER_ONLY, stackedEnsembleIni } from '../support/nested-ensembles.ts';
import { makeTar } from '../support/tar.ts';

const MB = 1024 * 1024;

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('LoadBudget', () => {
  test('limits come from the environment, and a bad value is CONFIGURATION', () => {
    const l = limitsFromEnv({ MOJO_MAX_DECODED_MB: '8', MOJO_MAX_LOAD_SECONDS: '2.5' });
    expect(l.maxDecodedBytes).toBe(8 * MB);
    expect(l.maxLoadMs).toBe(2500);
    expect(codeOf(() => limitsFromEnv({ MOJO_MAX_LOAD_SECONDS: 'soon' }))).toBe('CONFIGURATION');
    expect(codeOf(() => limitsFromEnv({ MOJO_MAX_DECODED_MB: '0' }))).toBe('CONFIGURATION');
  });
  test('each charge refuses past its cap, naming the setting; a load past its deadline is refused at its next charge', () => {
    const b = new LoadBudget({ ...limitsFromEnv({}), maxDecodedBytes: 100, maxNestedModels: 1 }, 'm.zip');
    b.chargeDecoded('trees', 60);
    expect(messageOf(() => b.chargeDecoded('trees', 60))).toContain('MOJO_MAX_DECODED_MB');
    b.countNestedModel('a/');
    expect(codeOf(() => b.countNestedModel('b/'))).toBe('MOJO_TOO_LARGE');
    const late = new LoadBudget({ ...limitsFromEnv({}), maxLoadMs: -1 }, 'm.zip');
    expect(messageOf(() => late.reserve('model.ini', 10))).toContain('MOJO_MAX_LOAD_SECONDS');
  });
});

describe('zip entries are checked against their CRC-32 (issue 18 #17)', () => {
  test('crc32 is the zip checksum', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    const data = crypto.getRandomValues(new Uint8Array(1000));
    expect(crc32(data.subarray(300), crc32(data.subarray(0, 300)))).toBe(crc32(data));
  });
  test('a changed digit in a stored model.ini is MOJO_FORMAT, not a changed prediction', () => {
    const zip = zipFiles(glmMojoFiles(PRICE_GLM), { level: 0 });
    expect(decodeModelSource(openMojoBytes(zip, 'glm.zip')).header.algo).toBe('glm');
    const text = strFromU8(zip, true);
    const at = text.indexOf('beta = ');
    expect(at).toBeGreaterThan(0);
    const digit = text.indexOf('2', at);
    const bad = zip.slice();
    bad[digit] = '3'.charCodeAt(0);
    const load = () => decodeModelSource(openMojoBytes(bad, 'glm.zip'));
    expect(codeOf(load)).toBe('MOJO_FORMAT');
    expect(messageOf(load)).toContain("'model.ini' fails its CRC-32 check");
  });
});

describe('small files that would cost huge work (issue 18 #6)', () => {
  test('2000 columns naming one domain file: the file is split once, the columns share its levels', () => {
    const levels = Array.from({ length: 5000 }, (_, i) => `level${i}`);
    const n = 2000;
    const ini = [
      '[info]',
      'algo = glm',
      'algorithm = Generalized Linear Modeling',
      'mojo_version = 1.00',
      'category = Regression',
      'supervised = false',
      `n_features = ${n}`,
      `n_columns = ${n}`,
      `n_domains = ${n}`,
      '',
      '[columns]',
      ...Array.from({ length: n }, (_, i) => `c${i}`),
      '',
      '[domains]',
      ...Array.from({ length: n }, (_, i) => `${i}: ${levels.length} d000.txt`),
      '',
    ].join('\n');
    const src = openMojoBytes(zipSync({ 'model.ini': strToU8(ini), 'domains/d000.txt': strToU8(`${levels.join('\n')}\n`) }), 'm.zip');
    const h = readHeader(src);
    expect(h.domains[0]).toEqual(levels);
    expect(h.domains[n - 1]).toBe(h.domains[0]!);
    // One level array charged, not one per column.
    expect(src.budget.decodedBytes).toBe(levels.length * 8);
  });

  /**
   * Stacked ensembles `levels` deep: at each level three aliases name the next folder (spelled
   * 'm' and 'm/'), as metalearner and as two base models; the last ensemble has only its
   * metalearner, the demo GBM.
   */
  function fanOut(levels: number): Uint8Array {
    const fan = stackedEnsembleIni([
      'submodel_count = 3',
      'submodel_key_0 = meta',
      'submodel_dir_0 = m/',
      'submodel_key_1 = a',
      'submodel_dir_1 = m',
      'submodel_key_2 = b',
      'submodel_dir_2 = m/',
      'metalearner = meta',
      'base_models_num = 2',
      'base_model0 = a',
      'base_model1 = b',
    ]);
    const last = stackedEnsembleIni(METALEARNER_ONLY);
    return ensembleChain(levels, (i) => (i === levels - 1 ? last : fan));
  }

  test('nested ensembles decode each folder once, whatever aliases and parents name it', () => {
    const levels = 10; // 3^9 = 19,683 decodes when every alias is decoded again
    const src = openMojoBytes(fanOut(levels), 'fan.zip');
    expect(decodeModelSource(src).header.algo).toBe('stackedensemble');
    expect(src.budget.nestedModels).toBe(levels);
  });

  test('the count of nested decodes is capped: MOJO_TOO_LARGE', () => {
    const src = openMojoBytes(fanOut(6), 'fan.zip', { maxNestedModels: 4 });
    const load = () => decodeModelSource(src);
    expect(codeOf(load)).toBe('MOJO_TOO_LARGE');
    expect(src.budget.nestedModels).toBe(4);
  });

  /** A tar.gz holding the demo model, plus an entry of `size` zero bytes typed `type`. */
  function tarWith(type: string, size: number): Uint8Array {
    const files = [{ name: 'big', data: new Uint8Array(size) }, ...Object.entries(demoFiles()).map(([name, data]) => ({ name, data }))];
    const tar = makeTar(files);
    tar[156] = type.charCodeAt(0); // the first header's type flag (the checksum is not verified)
    return gzipSync(tar);
  }

  test('tar data in folders and pax global headers is charged too', () => {
    const small = { maxEntryBytes: MB, maxTotalBytes: 3 * MB };
    for (const type of ['5', '1', '3']) {
      expect(codeOf(() => openMojoBytes(tarWith(type, 2 * MB), 'm.tar.gz', small))).toBe('MOJO_TOO_LARGE');
    }
    expect(codeOf(() => openMojoBytes(tarWith('g', 2 * MB), 'm.tar.gz', small))).toBe('MOJO_FORMAT');
    // Within the caps the skipped folder data is still counted.
    const src = openMojoBytes(tarWith('5', 512 * 1024), 'm.tar.gz', small);
    expect(src.budget.readBytes).toBeGreaterThanOrEqual(512 * 1024);
    expect(src.has('big')).toBe(false);
  });

  test('a tree blob of zeros is refused at its first node, before anything is decoded', () => {
    const files = demoFiles();
    const first = Object.keys(files)
      .filter((k) => /^trees\/t\d\d_\d+\.bin$/.test(k))
      .sort()[0];
    files[first] = new Uint8Array(8 * MB);
    const src = openMojoBytes(zipSync(files, { level: 1 }), 'zeros.zip');
    const load = () => decodeModelSource(src);
    expect(codeOf(load)).toBe('MOJO_FORMAT');
    expect(messageOf(load)).toContain('left subtree size 0');
    // No node storage grew (its first growth charges 64 nodes of 45 bytes; only the header's
    // levels were charged): the decoder stopped at the node that declared the impossible size.
    expect(src.budget.decodedBytes).toBeLessThan(64 * 45);
  });

  test('decoded trees are charged: past MOJO_MAX_DECODED_MB the load is MOJO_TOO_LARGE', () => {
    const zip = readFileSync(DEMO_MODEL_PATH);
    const full = openMojoBytes(zip, 'demo.zip');
    decodeModelSource(full);
    expect(full.budget.decodedBytes).toBeGreaterThan(0);
    const tight = openMojoBytes(zip, 'demo.zip', { maxDecodedBytes: Math.floor(full.budget.decodedBytes / 2) });
    expect(messageOf(() => decodeModelSource(tight))).toContain('MOJO_MAX_DECODED_MB');
  });
});
