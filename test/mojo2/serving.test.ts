/**
 * How the seed served a Driverless AI pipeline.mojo, served the same way here: model.tar.gz
 * holding pipeline.mojo beside license.sig, /opt/ml/model as SageMaker extracts it, an unzipped
 * folder; one JSON row per /invocations sent as application/octet-stream; /predict_parameters;
 * the compat style's string values; /execution-parameters naming unverified operations.
 */
import { describe, expect, test } from 'bun:test';
import { gzipSync, unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { decodeModel, decodeModelBytes } from '../../src/algos/index.ts';
import { loadMojo2 } from '../../src/algos/mojo2/index.ts';
import { discoverModel, openMojoBytes } from '../../src/mojo/index.ts';
import { javaDoubleToString } from '../../src/scoring/java-double.ts';
import { DAI_FIXTURES_DIR, HAVE_DAI_FIXTURES, NO_DAI_FIXTURES_MESSAGE } from '../support/fixtures.ts';
import { Pb, type PipelineSpec, pipelineMojo, tensorFile, tensorRef } from '../support/mojo2-writer.ts';
import { makeTar } from '../support/tar.ts';
import { JSON_CT, post, send, testApp } from '../support/test-app.ts';

const spec: PipelineSpec = {
  features: [['x', 'float64']],
  outputs: [['y', 'float64']],
  transformations: [{ inputs: ['x'], outputs: ['y'], op: 4, params: new Pb().int(1, 3).int(2, 2).double(6, 2) }],
};
const LICENSE = new TextEncoder().encode('not a real licence');

describe('where a pipeline.mojo comes from', () => {
  test('model.tar.gz holding pipeline.mojo beside license.sig', () => {
    const tar = makeTar([
      { name: 'pipeline.mojo', data: pipelineMojo(spec) },
      { name: 'license.sig', data: LICENSE },
    ]);
    expect(decodeModelBytes(gzipSync(tar), 'model.tar.gz').outputs.map((o) => o.name)).toEqual(['y']);
    // …and the uncompressed `tar cvf mojo.tar pipeline.mojo license.sig` of the Java scorer's flow.
    expect(decodeModelBytes(tar, 'mojo.tar').outputs.map((o) => o.name)).toEqual(['y']);
  });

  test('/opt/ml/model as SageMaker extracts it, and an unzipped pipeline folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm-'));
    writeFileSync(join(dir, 'pipeline.mojo'), pipelineMojo(spec));
    writeFileSync(join(dir, 'license.sig'), LICENSE);
    const found = discoverModel({ env: {}, sagemakerDir: dir, demoPath: 'none' });
    expect(found.path).toBe(join(dir, 'pipeline.mojo'));
    expect(decodeModel(found.path).header.algo).toBe('mojo2');
    const unzipped = mkdtempSync(join(tmpdir(), 'unz-'));
    for (const [name, data] of Object.entries(unzipSync(pipelineMojo(spec)))) {
      mkdirSync(dirname(join(unzipped, name)), { recursive: true });
      writeFileSync(join(unzipped, name), data);
    }
    expect(discoverModel({ env: { MODEL_PATH: unzipped }, demoPath: 'none' }).path).toBe(unzipped);
    expect(decodeModel(unzipped).header.algo).toBe('mojo2');
  });
});

describe('/execution-parameters', () => {
  test('names the unverified operations a pipeline is scored with', async () => {
    const kmeans: PipelineSpec = {
      features: [['x', 'float64']],
      outputs: [['id', 'int32']],
      transformations: [
        { inputs: ['x'], outputs: ['id'], op: 24, params: new Pb().int(1, 2).int(2, 1).msg(3, tensorRef('float64', 'mojo/c')) },
      ],
    };
    const model = loadMojo2(openMojoBytes(pipelineMojo(kmeans, { 'mojo/c': tensorFile('float64', [0]) }), 't'), true);
    const r = await send(testApp({}, model), 'GET', '/execution-parameters');
    expect(r.json().UnverifiedOperations.length).toBe(1);
    const plain = await send(testApp({}, decodeModelBytes(pipelineMojo(spec))), 'GET', '/execution-parameters');
    expect(plain.json().UnverifiedOperations).toBeUndefined();
  });
});

if (!HAVE_DAI_FIXTURES) console.warn(NO_DAI_FIXTURES_MESSAGE);

describe('the seed’s requests on the credit GLM pipeline (G4)', () => {
  if (!HAVE_DAI_FIXTURES) {
    test.skip(NO_DAI_FIXTURES_MESSAGE, () => {});
    return;
  }
  const dir = join(DAI_FIXTURES_DIR, 'g4_mlflow_credit_glm');
  const lines = readFileSync(join(dir, 'input.csv'), 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',');
  const row = Object.fromEntries(names.map((n, i) => [n, lines[1].split(',')[i]]));
  const app = () => testApp({}, decodeModelBytes(new Uint8Array(readFileSync(join(dir, 'pipeline.mojo')))));
  const p1 = 0.2936252951622009;
  const p0 = Math.fround(1 - p1);

  test('one JSON row sent as application/octet-stream, compat style: string values as Java prints them', async () => {
    const r = await post(app(), JSON.stringify(row), { 'content-type': 'application/octet-stream' }, '?style=compat');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ 'Default.0': javaDoubleToString(p0), 'Default.1': javaDoubleToString(p1) });
  });

  test('record style: numbers named as the pipeline names them', async () => {
    const r = await post(app(), JSON.stringify(row), JSON_CT);
    expect(r.json()).toEqual({ 'Default.0': p0, 'Default.1': p1 });
  });

  test('/predict_parameters?col=val', async () => {
    const q = new URLSearchParams(row).toString();
    const r = await send(app(), 'GET', `/predict_parameters?${q}&style=compat`);
    expect(r.status).toBe(200);
    expect(r.json()['Default.1']).toBe(javaDoubleToString(p1));
  });
});
