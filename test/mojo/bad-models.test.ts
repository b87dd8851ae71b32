/**
 * Bad models are refused quickly, in bounded memory, in one line: counts in model.ini that the
 * file cannot back, models nested without end, and folder models whose entries are links.
 */
import { describe, expect, test } from 'bun:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { decodeModel, decodeModelBytes } from '../../src/algos/index.ts';
import { MAX_NESTING_DEPTH } from '../../src/mojo/index.ts';
import { FIXTURES_DIR, HAVE_FIXTURES, REPO_ROOT } from '../support/fixtures.ts';
import { codeOf } from '../support/errors.ts';
import { demoFiles } from '../support/demo-files.ts';
import { ensembleChain, METALEARNER_ONLY, stackedEnsembleIni } from '../support/nested-ensembles.ts';

/** The demo model with `key = value` set in its model.ini [info]; files matching `drop` removed. */
function demoWith(key: string, value: string, drop?: RegExp): Uint8Array {
  const files = demoFiles();
  const ini = strFromU8(files['model.ini']);
  expect(ini).toMatch(new RegExp(`^${key} = `, 'm'));
  files['model.ini'] = strToU8(ini.replace(new RegExp(`^${key} = .*$`, 'm'), `${key} = ${value}`));
  if (drop) for (const k of Object.keys(files)) if (drop.test(k)) delete files[k];
  return zipSync(files);
}

/** `inspect` in a subprocess (a regression would allocate gigabytes: keep it out of the test runner). */
function inspect(model: string) {
  const p = Bun.spawnSync([process.execPath, 'src/cli.ts', 'inspect', '--model', model], { cwd: REPO_ROOT, timeout: 60_000 });
  return { code: p.exitCode, err: p.stderr.toString(), maxRss: p.resourceUsage.maxRSS };
}

function tempModel(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bad-model-')), 'model.zip');
  writeFileSync(file, bytes);
  return file;
}

const GB = 1024 * 1024 * 1024;

function expectOneLine(r: { code: number | null; err: string }, code: string): void {
  expect(r.code).toBe(1);
  expect(r.err).toStartWith(`mojo-scorer: [${code}]`);
  expect(r.err.trim().split('\n').length).toBe(1);
  expect(r.err.length).toBeLessThan(1000);
}

describe('counts the file cannot back', () => {
  for (const value of ['2147483648', '1e8', '-1', '9']) {
    test(`n_features = ${value} with 8 columns → MOJO_FORMAT`, () => {
      expect(codeOf(() => decodeModelBytes(demoWith('n_features', value)))).toBe('MOJO_FORMAT');
    });
  }
  test('n_features = 1e8 in a subprocess: one line, little memory', () => {
    const r = inspect(tempModel(demoWith('n_features', '1e8')));
    expectOneLine(r, 'MOJO_FORMAT');
    expect(r.maxRss).toBeLessThan(GB / 2);
  });
  test('n_domains other than the domains listed → MOJO_FORMAT', () => {
    expect(codeOf(() => decodeModelBytes(demoWith('n_domains', '2147483647')))).toBe('MOJO_FORMAT');
    expect(codeOf(() => decodeModelBytes(demoWith('n_domains', '2')))).toBe('MOJO_FORMAT');
  });
  for (const key of ['cats', 'nums', 'num_numerical_columns']) {
    test(`${key} beyond the columns listed → MOJO_FORMAT (the header checks it for every algorithm)`, () => {
      for (const value of ['100000000', '2147483647', '-1']) {
        expect(codeOf(() => decodeModelBytes(demoWith('n_trees', `20\n${key} = ${value}`)))).toBe('MOJO_FORMAT');
      }
      expect(decodeModelBytes(demoWith('n_trees', `20\n${key} = 2`)).header.algo).toBe('gbm');
    });
  }
  test.skipIf(!HAVE_FIXTURES)('XGBoost nums = 1e8 and CoxPH num_numerical_columns = 2^31 (fixtures) → MOJO_FORMAT', () => {
    const fixture = (name: string, key: string, value: string): Uint8Array => {
      const files = unzipSync(new Uint8Array(readFileSync(join(FIXTURES_DIR, name, 'model.zip'))));
      files['model.ini'] = strToU8(strFromU8(files['model.ini']).replace(new RegExp(`^${key} = .*$`, 'm'), `${key} = ${value}`));
      return zipSync(files);
    };
    expect(codeOf(() => decodeModelBytes(fixture('xgboost_old_dart', 'nums', '100000000')))).toBe('MOJO_FORMAT');
    expect(codeOf(() => decodeModelBytes(fixture('coxph_bc_all_3_42', 'num_numerical_columns', '2147483647')))).toBe('MOJO_FORMAT');
  });
  test('n_classes beyond the response levels → MOJO_FORMAT', () => {
    expect(codeOf(() => decodeModelBytes(demoWith('n_classes', '2147483647')))).toBe('MOJO_FORMAT');
  });
  test('n_trees = 9e6 with no tree files: refused at once, in little memory', () => {
    expect(codeOf(() => decodeModelBytes(demoWith('n_trees', '9000000', /^trees\//)))).toBe('MOJO_FORMAT');
    const r = inspect(tempModel(demoWith('n_trees', '9000000', /^trees\//)));
    expectOneLine(r, 'MOJO_FORMAT');
    expect(r.err).toContain('n_trees = 9000000');
    expect(r.maxRss).toBeLessThan(GB / 2);
  });
  test('n_trees above the tree blobs present → MOJO_FORMAT', () => {
    const files = demoFiles();
    const trees = Object.keys(files).filter((k) => /^trees\/t\d\d_\d+\.bin$/.test(k)).length;
    expect(codeOf(() => decodeModelBytes(demoWith('n_trees', String(trees + 1))))).toBe('MOJO_FORMAT');
  });
});

/** A regression stacked ensemble whose metalearner is the model in `m/`, `levels` deep, ending in the demo GBM. */
function nestedEnsembles(levels: number): Uint8Array {
  const se = stackedEnsembleIni(METALEARNER_ONLY);
  return ensembleChain(levels, () => se);
}

describe('nested models', () => {
  test(`${MAX_NESTING_DEPTH} levels load; one more is refused`, () => {
    expect(decodeModelBytes(nestedEnsembles(MAX_NESTING_DEPTH)).header.algo).toBe('stackedensemble');
    expect(codeOf(() => decodeModelBytes(nestedEnsembles(MAX_NESTING_DEPTH + 1)))).toBe('MOJO_FORMAT');
  });
  test('2,000 levels: one short line, little memory', () => {
    const r = inspect(tempModel(nestedEnsembles(2000)));
    expectOneLine(r, 'MOJO_FORMAT');
    expect(r.err).toContain(`nested more than ${MAX_NESTING_DEPTH} levels`);
    expect(r.maxRss).toBeLessThan(GB / 2);
  });
});

describe('folder models never leave their folder', () => {
  /** The demo model unpacked into a fresh folder, plus a file outside it. */
  function demoFolder(): { dir: string; outside: string } {
    const base = mkdtempSync(join(tmpdir(), 'folder-model-'));
    const dir = join(base, 'model');
    for (const [k, v] of Object.entries(demoFiles())) {
      mkdirSync(dirname(join(dir, k)), { recursive: true });
      writeFileSync(join(dir, k), v);
    }
    const outside = join(base, 'secret.txt');
    writeFileSync(outside, 'secret-1\nsecret-2\nsecret-3\n');
    return { dir, outside };
  }
  test('the unpacked demo folder loads', () => {
    expect(decodeModel(demoFolder().dir).header.algo).toBe('gbm');
  });
  test('a domain file linked outside the folder is refused, naming the entry', () => {
    const { dir, outside } = demoFolder();
    const domain = join(dir, 'domains', 'd000.txt');
    writeFileSync(domain, ''); // replaced by the link below
    Bun.spawnSync(['rm', domain]);
    symlinkSync(outside, domain);
    let message = '';
    try {
      decodeModel(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("'domains/d000.txt' is a symbolic link");
    expect(codeOf(() => decodeModel(dir))).toBe('MOJO_FORMAT');
  });
  test('a linked folder and a symlink loop are refused in one line', () => {
    const { dir } = demoFolder();
    Bun.spawnSync(['mv', join(dir, 'trees'), join(dir, '..', 'trees-elsewhere')]);
    symlinkSync(join(dir, '..', 'trees-elsewhere'), join(dir, 'trees'));
    expect(codeOf(() => decodeModel(dir))).toBe('MOJO_FORMAT');
    const loop = demoFolder().dir;
    Bun.spawnSync(['rm', join(loop, 'domains', 'd000.txt')]);
    symlinkSync(join(loop, 'domains', 'loop-b'), join(loop, 'domains', 'd000.txt'));
    symlinkSync(join(loop, 'domains', 'd000.txt'), join(loop, 'domains', 'loop-b'));
    const r = inspect(loop);
    expectOneLine(r, 'MOJO_FORMAT');
    expect(r.err).toContain('domains/d000.txt');
  });
});
