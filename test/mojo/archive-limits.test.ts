/**
 * Bad archives are refused quickly and in bounded memory: entries are inflated only when read,
 * declared sizes are checked against the caps before anything is allocated, and inflation stops
 * as soon as an entry runs past its declared size. The subprocess tests use real multi-GB
 * zero bombs (built cheaply by test/support/zip-bomb.ts) and assert on peak memory.
 */
import { describe, expect, test } from 'bun:test';
import { gzipSync, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { limitsFromEnv, openMojoBytes, readHeader } from '../../src/mojo/index.ts';
import { codeOf } from '../support/errors.ts';
import { crc32 } from '../../src/mojo/crc32.ts';
import { makeTar } from '../support/tar.ts';
import { deflateZeros, gzipWrap, rawZip, type RawZipEntry } from '../support/zip-bomb.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

const MB = 1024 * 1024;
const GB = 1024 * MB;
const SMALL = { maxEntryBytes: 1 * MB, maxTotalBytes: 3 * MB };
const INI =
  '[info]\nalgo = gbm\nmojo_version = 1.40\ncategory = Regression\nsupervised = true\nn_features = 1\nn_columns = 2\n\n[columns]\nc\ny\n\n[domains]\n0: 2 d000.txt\n';

const stored = (name: string, data: Uint8Array): RawZipEntry => ({ name, data, method: 0, size: data.length });
/** `size` zero bytes, deflated; small ones carry their true CRC-32 (they are read whole in tests). */
const zeros = (name: string, size: number, declared = size): RawZipEntry => ({
  name,
  data: deflateZeros(size),
  method: 8,
  size: declared,
  crc: size <= 4 * MB ? crc32(new Uint8Array(size)) : undefined,
});
const headerEntries = (): RawZipEntry[] => [stored('model.ini', strToU8(INI)), stored('domains/d000.txt', strToU8('a\nb\n'))];

/** The demo model's entries, stored, plus `extra`. */
function demoZip(extra: RawZipEntry[], replace: Record<string, RawZipEntry> = {}): Uint8Array {
  const files = unzipSync(new Uint8Array(readFileSync(DEMO_MODEL_PATH)));
  const entries = Object.entries(files)
    .filter(([k]) => !k.endsWith('/'))
    .map(([k, v]) => replace[k] ?? stored(k, v));
  return rawZip([...entries, ...extra]);
}

function inspect(file: string, env: Record<string, string> = {}) {
  const p = Bun.spawnSync([process.execPath, 'src/cli.ts', 'inspect', '--model', file], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: p.exitCode, err: p.stderr.toString(), maxRss: p.resourceUsage.maxRSS };
}

function tempFile(name: string, bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bomb-')), name);
  writeFileSync(file, bytes);
  return file;
}

describe('archive caps (in process, small caps)', () => {
  test('an entry nobody reads is never inflated, whatever it declares', () => {
    const src = openMojoBytes(rawZip([...headerEntries(), zeros('junk.bin', 64 * MB, 0xfffffff0)]), 'm.zip', SMALL);
    expect(readHeader(src).domains[0]).toEqual(['a', 'b']);
  });
  test('zip64 directories and sizes are read', () => {
    const src = openMojoBytes(rawZip([...headerEntries(), zeros('z.bin', 1000)], true), 'm.zip', SMALL);
    expect(readHeader(src).domains[0]).toEqual(['a', 'b']);
    expect(src.bytes('z.bin').length).toBe(1000);
  });
  test('a read entry whose declared size passes the per-entry cap → MOJO_TOO_LARGE, before inflating', () => {
    const src = openMojoBytes(rawZip([...headerEntries(), zeros('big.bin', 2 * MB)]), 'm.zip', SMALL);
    expect(codeOf(() => src.bytes('big.bin'))).toBe('MOJO_TOO_LARGE');
  });
  test('entries that pass the total cap together → MOJO_TOO_LARGE', () => {
    const parts = [0, 1, 2, 3].map((i) => zeros(`p${i}.bin`, MB - 1));
    const src = openMojoBytes(rawZip([...headerEntries(), ...parts]), 'm.zip', SMALL);
    src.bytes('p0.bin');
    src.bytes('p1.bin');
    src.bytes('p2.bin');
    expect(codeOf(() => src.bytes('p3.bin'))).toBe('MOJO_TOO_LARGE');
    expect(src.bytes('p0.bin').length).toBe(MB - 1); // read once, kept
  });
  test('an entry that inflates past its declared size → MOJO_FORMAT, stopped early', () => {
    const src = openMojoBytes(rawZip([stored('model.ini', strToU8(INI)), zeros('domains/d000.txt', 16 * MB, 100)]), 'm.zip');
    let message = '';
    try {
      src.bytes('domains/d000.txt');
    } catch (e) {
      message = (e as Error).message;
      expect(codeOf(() => src.bytes('domains/d000.txt'))).toBe('MOJO_FORMAT');
    }
    expect(message).toContain('more than its declared 100 bytes');
  });
  test('tar.gz: an entry over the cap is refused from its header; a stream of zeros stops at the first block', () => {
    const tar = makeTar([
      { name: 'model.ini', data: strToU8(INI) },
      { name: 'big.bin', data: new Uint8Array(2 * MB) },
    ]);
    expect(codeOf(() => openMojoBytes(gzipSync(tar), 'm.tar.gz', SMALL))).toBe('MOJO_TOO_LARGE');
    expect(codeOf(() => openMojoBytes(gzipWrap(deflateZeros(256 * MB), 256 * MB), 'z.tar.gz', SMALL))).toBe('MOJO_FORMAT');
  });
  test('caps come from MOJO_MAX_ENTRY_MB / MOJO_MAX_TOTAL_MB', () => {
    expect(limitsFromEnv({})).toMatchObject({ maxEntryBytes: 512 * MB, maxTotalBytes: 2048 * MB });
    expect(limitsFromEnv({ MOJO_MAX_ENTRY_MB: '1.5', MOJO_MAX_TOTAL_MB: '10' })).toMatchObject({
      maxEntryBytes: 1.5 * MB,
      maxTotalBytes: 10 * MB,
    });
    expect(codeOf(() => limitsFromEnv({ MOJO_MAX_ENTRY_MB: 'lots' }))).toBe('CONFIGURATION');
    const zip = zipSync({ 'model.ini': strToU8(INI), 'domains/d000.txt': strToU8('a\nb\n') });
    expect(codeOf(() => readHeader(openMojoBytes(zip, 'm.zip', { maxEntryBytes: 10, maxTotalBytes: MB })))).toBe('MOJO_TOO_LARGE');
  });
});

describe('zip and tar bombs (subprocess, default caps, peak memory)', () => {
  test(
    'a 2 GB entry of zeros nobody reads: the model loads, in far less memory than the entry',
    () => {
      const r = inspect(tempFile('model.zip', demoZip([zeros('junk.bin', 2 * GB - 1)])));
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.maxRss).toBeLessThan(GB / 2);
    },
    { timeout: 90_000 },
  );
  test(
    'a 600 MB domain file of zeros is refused from its declared size: one line, MOJO_TOO_LARGE',
    () => {
      const r = inspect(tempFile('model.zip', demoZip([], { 'domains/d000.txt': zeros('domains/d000.txt', 600 * MB) })));
      expect(r.code).toBe(1);
      expect(r.err).toContain('MOJO_TOO_LARGE');
      expect(r.err.trim().split('\n').length).toBe(1);
      expect(r.maxRss).toBeLessThan(GB / 2);
    },
    { timeout: 90_000 },
  );
  test(
    'a tar.gz of 1 GB of zeros is refused at its first block',
    () => {
      const r = inspect(tempFile('model.tar.gz', gzipWrap(deflateZeros(GB), GB)));
      expect(r.code).toBe(1);
      expect(r.err).toContain('MOJO_FORMAT');
      expect(r.err.trim().split('\n').length).toBe(1);
      expect(r.maxRss).toBeLessThan(GB / 2);
    },
    { timeout: 90_000 },
  );
});
