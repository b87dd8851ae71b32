import { describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverModel } from '../../src/mojo/index.ts';
import type { ScorerError } from '../../src/errors.ts';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'opt-ml-'));
}

describe('model discovery', () => {
  test('--model wins, then MODEL_PATH', () => {
    expect(discoverModel({ explicit: '/a.zip', env: { MODEL_PATH: '/b.zip' }, demoPath: '/demo' })).toEqual({
      path: '/a.zip',
      from: 'argument',
    });
    expect(discoverModel({ env: { MODEL_PATH: '/b.zip' }, demoPath: '/demo' })).toEqual({ path: '/b.zip', from: 'MODEL_PATH' });
  });
  test('no SageMaker folder → demo model', () => {
    expect(discoverModel({ env: {}, sagemakerDir: '/nonexistent/opt/ml/model', demoPath: '/demo' })).toEqual({
      path: '/demo',
      from: 'demo',
    });
  });
  test('exactly one MOJO in the SageMaker folder', () => {
    const d = dir();
    writeFileSync(join(d, 'gbm.zip'), 'x');
    writeFileSync(join(d, 'notes.txt'), 'x');
    expect(discoverModel({ env: {}, sagemakerDir: d, demoPath: '/demo' })).toEqual({ path: join(d, 'gbm.zip'), from: 'sagemaker' });
  });
  test('an extracted model.ini folder and an unextracted model.tar.gz', () => {
    const d = dir();
    writeFileSync(join(d, 'model.ini'), '[info]');
    expect(discoverModel({ env: {}, sagemakerDir: d, demoPath: '/demo' }).path).toBe(d);
    const t = dir();
    writeFileSync(join(t, 'model.tar.gz'), 'x');
    expect(discoverModel({ env: {}, sagemakerDir: t, demoPath: '/demo' }).path).toBe(join(t, 'model.tar.gz'));
    const sub = dir();
    mkdirSync(join(sub, 'gbm'));
    writeFileSync(join(sub, 'gbm', 'model.ini'), '[info]');
    expect(discoverModel({ env: {}, sagemakerDir: sub, demoPath: '/demo' }).path).toBe(join(sub, 'gbm'));
  });
  test('zero or several candidates → MOJO_NOT_FOUND listing what was found', () => {
    const empty = dir();
    writeFileSync(join(empty, 'readme.txt'), 'x');
    const many = dir();
    writeFileSync(join(many, 'a.zip'), 'x');
    writeFileSync(join(many, 'b.mojo'), 'x');
    for (const [d, want] of [
      [empty, 'readme.txt'],
      [many, 'b.mojo'],
    ]) {
      let err: unknown;
      try {
        discoverModel({ env: {}, sagemakerDir: d, demoPath: '/demo' });
      } catch (e) {
        err = e;
      }
      expect((err as ScorerError).code).toBe('MOJO_NOT_FOUND');
      expect((err as Error).message).toContain(want);
    }
  });
  test('MODEL_PATH or --model naming a folder laid out like /opt/ml/model: its one MOJO', () => {
    const d = dir();
    writeFileSync(join(d, 'model.tar.gz'), 'x');
    writeFileSync(join(d, 'notes.txt'), 'x');
    expect(discoverModel({ env: { MODEL_PATH: d }, sagemakerDir: '/nonexistent', demoPath: '/demo' })).toEqual({
      path: join(d, 'model.tar.gz'),
      from: 'MODEL_PATH',
    });
    expect(discoverModel({ explicit: d, env: {}, demoPath: '/demo' })).toEqual({ path: join(d, 'model.tar.gz'), from: 'argument' });
    const folder = dir();
    writeFileSync(join(folder, 'model.ini'), '[info]');
    expect(discoverModel({ env: { MODEL_PATH: folder }, demoPath: '/demo' }).path).toBe(folder);
    const many = dir();
    writeFileSync(join(many, 'a.zip'), 'x');
    writeFileSync(join(many, 'b.zip'), 'x');
    let err: unknown;
    try {
      discoverModel({ env: { MODEL_PATH: many }, demoPath: '/demo' });
    } catch (e) {
      err = e;
    }
    expect((err as ScorerError).code).toBe('MOJO_NOT_FOUND');
    expect((err as Error).message).toContain('b.zip');
  });
  test('a named path that does not exist is passed on for the loader to report', () => {
    expect(discoverModel({ env: { MODEL_PATH: '/nonexistent/model.zip' }, demoPath: '/demo' }).path).toBe('/nonexistent/model.zip');
  });
});
