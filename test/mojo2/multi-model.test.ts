/** A SageMaker multi-model endpoint loads a pipeline.mojo (beside its license.sig) like any MOJO. */
import { expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMultiModelApp } from '../../src/server/multi-model/index.ts';
import { silentLogger } from '../../src/server/log.ts';
import { Pb, type PipelineSpec, pipelineMojo } from '../support/mojo2-writer.ts';

const spec: PipelineSpec = {
  features: [['x', 'float64']],
  outputs: [['y', 'float64']],
  transformations: [{ inputs: ['x'], outputs: ['y'], op: 4, params: new Pb().int(1, 3).int(2, 2).double(6, 2) }],
};

test('load and invoke a pipeline.mojo through the multi-model contract', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mme-dai-'));
  const dir = join(root, 'dai', 'model');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pipeline.mojo'), pipelineMojo(spec));
  writeFileSync(join(dir, 'license.sig'), 'licence');
  const m = buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger });
  const call = async (method: string, path: string, body: unknown) => {
    const res = await m.app.handle(
      new Request(`http://localhost${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    );
    return { status: res.status, json: JSON.parse(await res.text()) };
  };
  expect((await call('POST', '/models', { model_name: 'dai', url: dir })).status).toBe(200);
  const r = await call('POST', '/models/dai/invoke', { x: 1.5 });
  expect(r.status).toBe(200);
  expect(r.json).toEqual({ y: 3 });
});
