/**
 * Multi-model loads go through the same load budget as start-up (issue 18 #4, #5, #7): the
 * read caps over the url file and over the entries a reader opens (nothing else is inflated or
 * read), and a trial load on a worker thread that is stopped past its deadline while the
 * request thread keeps answering. Work is measured by the budget's counters, not the clock.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModelSource } from '../../../src/algos/index.ts';
import { limitsFromEnv } from '../../../src/mojo/index.ts';
import { buildMultiModelApp } from '../../../src/server/multi-model/index.ts';
import { readModelArtifact } from '../../../src/server/multi-model/read.ts';
import { TrialLoader } from '../../../src/server/multi-model/trial-load.ts';
import { codeOf } from '../../support/errors.ts';
import { deflateZeros, rawZip, type RawZipEntry } from '../../support/zip-bomb.ts';
import { demoFiles } from '../../support/demo-files.ts';
import { putFile } from '../../support/put-file.ts';

const MB = 1024 * 1024;
let root: string;

function demoEntries(): RawZipEntry[] {
  return Object.entries(demoFiles()).map(([name, data]) => ({ name, data, method: 0, size: data.length }));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mojo-mme-budget-'));
  // A url file of 2 MB: the demo model plus incompressible padding.
  putFile(
    join(root, 'big/model.zip'),
    rawZip([...demoEntries(), { name: 'pad.bin', data: crypto.getRandomValues(new Uint8Array(2 * MB)), method: 0, size: 2 * MB }]),
  );
  // The demo model plus 400 MB of zeros in an entry no reader opens (~2.6 MB deflated).
  putFile(
    join(root, 'unused/model.zip'),
    rawZip([...demoEntries(), { name: 'unused.bin', data: deflateZeros(400 * MB), method: 8, size: 400 * MB }]),
  );
  // The demo model unpacked, next to a sparse 3 GB file nothing reads.
  for (const e of demoEntries()) putFile(join(root, 'folder', e.name), e.data);
  writeFileSync(join(root, 'folder/extra.bin'), '');
  truncateSync(join(root, 'folder/extra.bin'), 3 * 1024 * MB);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const direct = { trialInWorker: false };

describe('multi-model reads keep the read caps (issue 18 #4)', () => {
  test('a url file over MOJO_MAX_TOTAL_MB is refused before it is read', async () => {
    const limits = { ...limitsFromEnv({}), maxTotalBytes: MB };
    let error: unknown;
    await readModelArtifact(join(root, 'big/model.zip'), { ...direct, limits }).catch((e) => (error = e));
    expect(
      codeOf(() => {
        throw error;
      }),
    ).toBe('MOJO_TOO_LARGE');
    expect((error as Error).message).toContain('MOJO_MAX_TOTAL_MB');
  });

  test('through POST /models too, on the worker as on the request thread', async () => {
    const saved = process.env.MOJO_MAX_TOTAL_MB;
    process.env.MOJO_MAX_TOTAL_MB = '1';
    try {
      for (const trialLoadInWorker of [true, false]) {
        const m = buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false, trialLoadInWorker }, { log: () => {} });
        const res = await m.app.handle(
          new Request('http://localhost/models', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model_name: 'big', url: 'big' }),
          }),
        );
        expect(res.status).toBe(500);
        expect((await res.json()).error.code).toBe('MOJO_TOO_LARGE');
      }
    } finally {
      if (saved === undefined) delete process.env.MOJO_MAX_TOTAL_MB;
      else process.env.MOJO_MAX_TOTAL_MB = saved;
    }
  });

  test('a model folder is read lazily: a 3 GB file no reader needs is never read', async () => {
    const { source } = await readModelArtifact(join(root, 'folder'), direct);
    expect(source.sizeBytes).toBeGreaterThan(3 * 1024 * MB);
    decodeModelSource(source);
    expect(source.budget.readBytes).toBeLessThan(MB);
  });
});

describe('multi-model loads read only the entries readers open (issue 18 #7)', () => {
  test('a 400 MB entry no reader needs is never inflated', async () => {
    const { source } = await readModelArtifact(join(root, 'unused/model.zip'), direct);
    decodeModelSource(source);
    expect(source.budget.readBytes).toBeLessThan(MB);
  });

  test('the trial load on the worker reads the same few bytes, and the load reserves them', async () => {
    const { source, trialReadBytes } = await readModelArtifact(join(root, 'unused/model.zip'));
    expect(trialReadBytes).toBeGreaterThan(0);
    expect(trialReadBytes!).toBeLessThan(MB);
    decodeModelSource(source);
    expect(source.budget.readBytes).toBe(trialReadBytes!);
  });
});

describe('loads run off the request thread, within the load deadline (issue 18 #5)', () => {
  test('a trial that never answers is stopped past its deadline: MOJO_TOO_LARGE, while this thread keeps running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mojo-busy-worker-'));
    const busy = join(dir, 'busy-worker.ts');
    // Work that never reaches a budget check: only terminating the worker stops it.
    writeFileSync(busy, 'self.onmessage = () => { for (;;) {} };\n');
    try {
      const loader = new TrialLoader(Bun.pathToFileURL(busy).href, 1);
      const limits = { ...limitsFromEnv({}), maxLoadMs: 50 };
      let settled = false;
      const trial = readModelArtifact(join(root, 'unused/model.zip'), { limits, loader }).finally(() => (settled = true));
      // The request thread is free while the worker spins: a timer fires before the load settles.
      await Bun.sleep(10);
      expect(settled).toBe(false);
      let error: unknown;
      await trial.catch((e) => (error = e));
      expect(
        codeOf(() => {
          throw error;
        }),
      ).toBe('MOJO_TOO_LARGE');
      expect((error as Error).message).toContain('MOJO_MAX_LOAD_SECONDS');
      // The loader is free again: a real trial on a real worker still runs.
      const ok = await new TrialLoader(undefined, 1).trial(join(root, 'unused/model.zip'), 'unused', limitsFromEnv({}));
      expect(ok).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  test('a model past its budget fails in the trial with the budget error, and /ping answers meanwhile', async () => {
    const saved = process.env.MOJO_MAX_DECODED_MB;
    process.env.MOJO_MAX_DECODED_MB = '0.001';
    try {
      const m = buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false }, { log: () => {} });
      const loading = m.app.handle(
        new Request('http://localhost/models', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model_name: 'unused', url: 'unused/model.zip' }),
        }),
      );
      let loaded = false;
      void loading.finally(() => (loaded = true));
      const ping = await m.app.handle(new Request('http://localhost/ping'));
      expect(ping.status).toBe(200);
      expect(loaded).toBe(false);
      const res = await loading;
      const body = await res.json();
      expect(body.error.code).toBe('MOJO_TOO_LARGE');
      expect(body.error.message).toContain('MOJO_MAX_DECODED_MB');
    } finally {
      if (saved === undefined) delete process.env.MOJO_MAX_DECODED_MB;
      else process.env.MOJO_MAX_DECODED_MB = saved;
    }
  }, 30_000);
});
